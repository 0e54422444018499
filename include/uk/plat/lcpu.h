/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: the logical CPU: interrupt masking and halting.
 * On linuxu "interrupts" are signals and masking blocks them.
 */
#ifndef __UK_PLAT_LCPU_H__
#define __UK_PLAT_LCPU_H__

#include <stdint.h>

void ukplat_lcpu_enable_irq(void);
void ukplat_lcpu_disable_irq(void);
/* Disable interrupts and return the previous state for _restore_irqf(). */
unsigned long ukplat_lcpu_save_irqf(void);
void ukplat_lcpu_restore_irqf(unsigned long flags);
int ukplat_lcpu_irqs_disabled(void);

/*
 * Halt the CPU until an interrupt arrives or the monotonic clock reaches
 * @until_ns (0: no deadline). Call with interrupts disabled; returns with
 * them disabled.
 */
void ukplat_lcpu_halt_irq_until(uint64_t until_ns);

/*
 * Make @tp the running thread's thread pointer (x86_64: the %fs base),
 * for TLS. Schedulers call it on every thread switch.
 */
void ukplat_tlsp_set(void *tp);

#endif /* __UK_PLAT_LCPU_H__ */
