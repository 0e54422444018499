/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: TEMPORARY clocks, interrupt hooks and lcpu functions, until
 * the time and interrupt controller code lands (it replaces this file).
 * The clock assumes a 1 GHz TSC, which is exact under QEMU -icount.
 */
#include <stdint.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/crash.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <kvm/intctrl.h>
#include <kvm/x86/cpu.h>

void kvm_time_init(void)
{
}

void kvm_irq_init(void)
{
	outb(0x21, 0xff);	/* mask both legacy PICs */
	outb(0xa1, 0xff);
}

void kvm_irq_dispatch(unsigned int vector, struct ukarch_regs *regs)
{
	static char msg[] = "unexpected interrupt 000";

	msg[sizeof(msg) - 4] = (char)('0' + vector / 100);
	msg[sizeof(msg) - 3] = (char)('0' + vector / 10 % 10);
	msg[sizeof(msg) - 2] = (char)('0' + vector % 10);
	ukplat_crash_regs(msg, regs, 0, 0);
}

uint64_t ukplat_monotonic_clock(void)
{
	return ukarch_rdtsc();
}

uint64_t ukplat_wall_clock(void)
{
	return ukarch_rdtsc();
}

uint64_t ukplat_boot_start_ns(void)
{
	return kvm_boot_tsc;
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
	return f & 0x200;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags & 0x200)
		ukplat_lcpu_enable_irq();
	else
		ukplat_lcpu_disable_irq();
}

int ukplat_lcpu_irqs_disabled(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) :: "memory");
	return !(f & 0x200);
}

void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	(void)until_ns;
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}
