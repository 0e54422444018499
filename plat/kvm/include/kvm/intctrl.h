/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the contract between the boot, trap and console code and the time
 * and interrupt controller code (TSC, LAPIC/IOAPIC, PIC, timers).
 */
#ifndef __KVM_INTCTRL_H__
#define __KVM_INTCTRL_H__

#include <stdint.h>
#include <uk/asm/regs.h>

/* RDTSC taken by the entry code as its very first instruction. */
extern uint64_t kvm_boot_tsc;

/*
 * Clocks: called once by the boot code after the console and the memory
 * map are up (all RAM and the local APIC/IOAPIC range are mapped), before
 * ukplat_entry(). Interrupts are disabled.
 */
void kvm_time_init(void);

/*
 * Interrupt controllers: called once right after the IDT is loaded,
 * interrupts disabled. Vectors 32..255 are routed to kvm_irq_dispatch().
 */
void kvm_irq_init(void);

/*
 * Called by the IDT stubs for vectors 32..255, interrupts disabled, on
 * the interrupted stack. The stub saved the general registers and the SSE
 * state; @regs is the interrupted state (error_code is 0).
 */
void kvm_irq_dispatch(unsigned int vector, struct ukarch_regs *regs);

#endif /* __KVM_INTCTRL_H__ */
