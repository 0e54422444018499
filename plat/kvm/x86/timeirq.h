/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: internal interfaces between the clock (tscclock.c), the legacy
 * timer chips (pit.c, rtc.c), the interrupt controllers (pic.c, apic.c,
 * ioapic.c), interrupt dispatch (irq.c) and the timer (timer.c).
 */
#ifndef __KVM_X86_TIMEIRQ_H__
#define __KVM_X86_TIMEIRQ_H__

#include <stdint.h>

/* Interrupt vectors. The remapped 8259s only ever send spurious ones. */
#define KVM_VEC_PIC_BASE	0x20	/* 0x20-0x2f: 8259 master, slave */
#define KVM_VEC_GSI_BASE	0x30	/* 0x30-...: IOAPIC inputs (GSIs) */
#define KVM_MAX_GSI		48	/* GSIs 0-47: vectors 0x30-0x5f */
#define KVM_VEC_MSI_BASE	0x60	/* 0x60-0xdf: PCI MSI/MSI-X */
#define KVM_MAX_MSI		128
#define KVM_VEC_TIMER		0xef	/* LAPIC timer: highest class but 0xf */
#define KVM_VEC_APIC_ERROR	0xfe
#define KVM_VEC_SPURIOUS	0xff	/* LAPIC spurious: never acknowledged */

/* ---- clock (tscclock.c) -------------------------------------------- */

/* TSC frequency in Hz, 0 before kvm_time_init(). */
extern uint64_t kvm_tsc_hz;

/* Monotonic ns <-> TSC ticks, in the time base of the clock. */
uint64_t kvm_tsc_to_ns(uint64_t tsc);
uint64_t kvm_ns_to_tsc(uint64_t ns);

/*
 * When the boot-time TSC frequency was a short estimate, measure it again
 * over the time since boot and adjust the clock without a jump. Cheap
 * when nothing is left to do; call with interrupts disabled.
 */
void kvm_tsc_refine(void);

/* ---- 8254 PIT (pit.c) ---------------------------------------------- */

/* Start channel 2 counting down freely from 65536 at KVM_PIT_HZ. */
#define KVM_PIT_HZ		1193182
void kvm_pit_start(void);
/* Channel 2's current count (65536 reads as 0; counts down). */
uint16_t kvm_pit_read(void);

/*
 * Measure the TSC against the PIT: wait for a change of the PIT count,
 * then at least @min_polls reads and the next change. Returns the TSC
 * frequency in Hz, or 0 when the PIT does not count; the TSC and the
 * count right at the final change go to @end_tsc and @end_count.
 */
uint64_t kvm_pit_measure_tsc(unsigned int min_polls, uint64_t *end_tsc,
			     uint16_t *end_count);

/* ---- MC146818 RTC (rtc.c) ------------------------------------------ */

/* The RTC's date and time as seconds since 1970, or 0 when unreadable. */
uint64_t kvm_rtc_read_epoch(void);

/* ---- interrupt controllers ----------------------------------------- */

/* 8259 pair: remap to KVM_VEC_PIC_BASE and mask every line. */
void kvm_pic_disable(void);
/* For a vector of the 8259 range: acknowledge it if it was a real one. */
void kvm_pic_spurious(unsigned int vector);

/* Local APIC: enable it (x2APIC when the CPU has it); idempotent. */
void kvm_lapic_init(void);
void kvm_lapic_eoi(void);
uint32_t kvm_lapic_id(void);
/* Is the TSC-deadline timer mode available (after kvm_lapic_init())? */
int kvm_lapic_has_tsc_deadline(void);
/* Fire KVM_VEC_TIMER once at TSC value @tsc (0: stop the timer). */
void kvm_lapic_timer_at(uint64_t tsc);

/* IOAPIC: route @gsi to its vector on this CPU and unmask, or mask. */
int kvm_ioapic_route(unsigned int gsi, int level, int active_low);
void kvm_ioapic_mask(unsigned int gsi);
/*
 * Translate ISA IRQ / PCI GSI @irq into a GSI with its trigger mode and
 * polarity (ACPI MADT overrides). Returns the GSI or a negative errno.
 */
int kvm_ioapic_gsi(unsigned long irq, int *level, int *active_low);

/* ---- timer (timer.c) ----------------------------------------------- */

/* Program the hardware for the earlier of @halt_ns and the callback's
 * deadline (0: none). Interrupts disabled. */
void kvm_timer_program(uint64_t halt_ns);
/* The timer interrupt, after the EOI. */
void kvm_timer_interrupt(void);

#endif /* __KVM_X86_TIMEIRQ_H__ */
