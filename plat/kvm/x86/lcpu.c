/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the logical CPU of uk/plat/lcpu.h: the interrupt flag, halting
 * until an interrupt or a deadline, and the thread pointer.
 */
#include <stdint.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <kvm/x86/cpu.h>
#include "timeirq.h"

#define X86_EFLAGS_IF	(1UL << 9)

static inline unsigned long read_flags(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) :: "memory");
	return f;
}

void ukplat_lcpu_enable_irq(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

void ukplat_lcpu_disable_irq(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(f) :: "memory");
	return f & X86_EFLAGS_IF;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("sti" ::: "memory");
	else
		__asm__ __volatile__("cli" ::: "memory");
}

int ukplat_lcpu_irqs_disabled(void)
{
	return !(read_flags() & X86_EFLAGS_IF);
}

/*
 * STI delays interrupts until after the next instruction, so an interrupt
 * pending since before the STI wakes the HLT instead of being taken
 * before it: no wake-up is lost between the checks here and the halt.
 */
void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	if (until_ns && ukplat_monotonic_clock() >= until_ns)
		return;
	kvm_tsc_refine();
	kvm_timer_program(until_ns);
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}

void ukplat_tlsp_set(void *tp)
{
	x86_wrmsr(X86_MSR_FS_BASE, (uintptr_t)tp);
}
