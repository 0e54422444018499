/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the contract between the boot, trap and console code and the time
 * and interrupt controller code (TSC, LAPIC/IOAPIC, PIC, timers).
 */
#ifndef __KVM_INTCTRL_H__
#define __KVM_INTCTRL_H__

#include <stdint.h>
#include <x86/boot.h>

/*
 * Clocks: called once by the boot code after the console and the memory
 * map are up (all RAM and the local APIC/IOAPIC range are mapped), before
 * ukplat_entry(). Interrupts are disabled.
 */
void kvm_time_init(void);

/*
 * Interrupt controllers: called once right after the IDT is loaded,
 * interrupts disabled. Vectors 32..255 are routed to x86_irq_dispatch().
 */
void kvm_irq_init(void);

#endif /* __KVM_INTCTRL_H__ */
