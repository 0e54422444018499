/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the interrupt flag and the thread pointer of
 * uk/plat/lcpu.h; halting is each platform's own.
 */
#include <stdint.h>
#include <uk/plat/lcpu.h>
#include <x86/cpu.h>

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

void ukplat_tlsp_set(void *tp)
{
	x86_wrmsr(X86_MSR_FS_BASE, (uintptr_t)tp);
}
