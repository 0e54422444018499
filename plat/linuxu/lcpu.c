/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: the logical CPU. Interrupts are host signals (the timer signal,
 * see timer.c). Masking is "lazy": disabling interrupts only sets a flag,
 * so it costs no system call; a signal arriving while the flag is set is
 * recorded as pending and its handler runs when interrupts are enabled
 * again. Only halting blocks the signal for real, to wait for it
 * atomically with ppoll().
 */
#include <stddef.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <linuxu/syscall.h>
#include "lcpu.h"

static volatile int irqs_off;
static volatile int irq_pending;

/* Run pending interrupt handlers; called with irqs_off set. */
static void irq_dispatch(void)
{
	while (irq_pending) {
		irq_pending = 0;
		ukarch_barrier();
		linuxu_timer_irq();
	}
}

/* Enable, then run whatever arrived while disabled. */
static void irq_on(void)
{
	ukarch_barrier();
	irqs_off = 0;
	ukarch_barrier();
	while (irq_pending) {
		irqs_off = 1;
		ukarch_barrier();
		irq_dispatch();
		ukarch_barrier();
		irqs_off = 0;
		ukarch_barrier();
	}
}

void linuxu_irq_raise(void)
{
	irq_pending = 1;
	ukarch_barrier();
	if (irqs_off)
		return;
	/* The handler may switch threads; we come back here later, when the
	 * interrupted thread runs again, with interrupts as it had them. */
	irqs_off = 1;
	ukarch_barrier();
	irq_dispatch();
	irq_on();
}

void ukplat_lcpu_enable_irq(void)
{
	irq_on();
}

void ukplat_lcpu_disable_irq(void)
{
	irqs_off = 1;
	ukarch_barrier();
}

unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long old = (unsigned long)irqs_off;

	irqs_off = 1;
	ukarch_barrier();
	return old;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags) {
		irqs_off = 1;
		ukarch_barrier();
	} else {
		irq_on();
	}
}

int ukplat_lcpu_irqs_disabled(void)
{
	return irqs_off;
}

void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	unsigned long block = 1UL << (LINUXU_SIGIRQ - 1), old = 0;
	struct linuxu_timespec ts, *tsp = NULL;
	uint64_t now;

	if (irq_pending)
		return;
	if (until_ns) {
		now = ukplat_monotonic_clock();
		if (now >= until_ns)
			return;
		ts.tv_sec = (long)((until_ns - now) / UKPLAT_NSEC_PER_SEC);
		ts.tv_nsec = (long)((until_ns - now) % UKPLAT_NSEC_PER_SEC);
		tsp = &ts;
	}
	/* Block the signal, check once more, then let ppoll() unblock it
	 * atomically while sleeping: no wake-up can be lost. */
	linuxu_syscall6(__NR_rt_sigprocmask, 0 /* SIG_BLOCK */, (long)&block,
			(long)&old, sizeof(old), 0, 0);
	if (!irq_pending)
		linuxu_syscall6(__NR_ppoll, 0, 0, (long)tsp, (long)&old,
				sizeof(old), 0);
	linuxu_syscall6(__NR_rt_sigprocmask, 2 /* SIG_SETMASK */, (long)&old,
			0, sizeof(old), 0, 0);
}
