/* SPDX-License-Identifier: BSD-3-Clause */
/* uklock: internal: waiting with or without a running scheduler. */
#ifndef __UKLOCK_WAIT_H__
#define __UKLOCK_WAIT_H__

#include <stdint.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/wait.h>

/*
 * Wait on @wq (interrupts off on entry and exit). With no scheduler
 * running only an interrupt handler could change the state: let one in.
 * Returns 1 when @deadline_ns passed.
 */
static inline int uklock_wait(struct uk_waitq *wq, uint64_t deadline_ns)
{
	if (uk_thread_current())
		return uk_waitq_wait_locked(wq, deadline_ns);
	if (deadline_ns && ukplat_monotonic_clock() >= deadline_ns)
		return 1;
	ukplat_lcpu_enable_irq();
	ukarch_spinwait();
	ukplat_lcpu_disable_irq();
	return 0;
}

#endif /* __UKLOCK_WAIT_H__ */
