/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: the logical CPU. Interrupts are host signals; until a library
 * installs one as an interrupt source, masking is a flag and halting is
 * sleeping until the deadline.
 */
#include <errno.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <linuxu/syscall.h>

static int irqs_off;

void ukplat_lcpu_enable_irq(void)
{
	irqs_off = 0;
}

void ukplat_lcpu_disable_irq(void)
{
	irqs_off = 1;
}

unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long old = (unsigned long)irqs_off;

	irqs_off = 1;
	return old;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	irqs_off = (int)flags;
}

int ukplat_lcpu_irqs_disabled(void)
{
	return irqs_off;
}

void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	struct linuxu_timespec ts = {
		.tv_sec = (long)(until_ns / UKPLAT_NSEC_PER_SEC),
		.tv_nsec = (long)(until_ns % UKPLAT_NSEC_PER_SEC),
	};

	if (!until_ns) {
		linuxu_syscall(__NR_pause, 0, 0, 0);
		return;
	}
	linuxu_syscall6(__NR_clock_nanosleep, LINUXU_CLOCK_MONOTONIC,
			LINUXU_TIMER_ABSTIME, (long)&ts, 0, 0, 0);
}
