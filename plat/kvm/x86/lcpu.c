/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: halting until an interrupt or a deadline (uk/plat/lcpu.h; the
 * interrupt flag is in plat/common/x86/lcpu.c).
 */
#include <stdint.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <x86/cpu.h>
#include "timeirq.h"

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
