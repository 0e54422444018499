/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the local APIC of the boot CPU. x2APIC mode (registers as
 * MSRs) when the CPU has it, else xAPIC (registers in the MMIO page the
 * IA32_APIC_BASE MSR names). Its timer fires KVM_VEC_TIMER once: in
 * TSC-deadline mode when available, else in one-shot mode with the APIC
 * timer's rate relative to the TSC taken from CPUID or measured once.
 */
#include <uk/assert.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/arch/lcpu.h>
#include <kvm/setup.h>
#include <x86/cpu.h>
#include "timeirq.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_EXTD		(1UL << 10)	/* x2APIC mode */
#define APIC_BASE_ENABLE	(1UL << 11)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000UL
#define MSR_TSC_DEADLINE	0x6e0
#define MSR_X2APIC_BASE		0x800	/* + xAPIC offset / 16 */

#define CPUID1_ECX_X2APIC	(1U << 21)
#define CPUID1_ECX_TSC_DEADLINE	(1U << 24)

/* Register offsets in the xAPIC page. */
#define APIC_ID			0x020
#define APIC_TPR		0x080
#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0
#define APIC_ESR		0x280
#define APIC_LVT_TIMER		0x320
#define APIC_LVT_LINT0		0x350
#define APIC_LVT_LINT1		0x360
#define APIC_LVT_ERROR		0x370
#define APIC_TIMER_ICR		0x380
#define APIC_TIMER_CCR		0x390
#define APIC_TIMER_DCR		0x3e0

#define APIC_SVR_ENABLE		(1U << 8)
#define APIC_LVT_MASKED		(1U << 16)
#define APIC_LVT_NMI		(4U << 8)
#define APIC_TIMER_ONESHOT	(0U << 17)
#define APIC_TIMER_TSC_DEADLINE	(2U << 17)
#define APIC_DCR_DIV1		0x0b

/* Reads of the timer count while measuring its rate (see pit.c). */
#define APIC_CALIB_POLLS	256

static int x2apic;
static volatile uint32_t *xapic;
static int tsc_deadline;
static int ready;
/* APIC timer ticks per TSC tick, times 2^32; 0 until known. */
static uint64_t timer_per_tsc;

static uint32_t lapic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)x86_rdmsr(MSR_X2APIC_BASE + (reg >> 4));
	return xapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	if (x2apic)
		x86_wrmsr(MSR_X2APIC_BASE + (reg >> 4), v);
	else
		xapic[reg / 4] = v;
}

void kvm_lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

uint32_t kvm_lapic_id(void)
{
	uint32_t id = lapic_read(APIC_ID);

	return x2apic ? id : id >> 24;
}

int kvm_lapic_has_tsc_deadline(void)
{
	return tsc_deadline;
}

void kvm_lapic_init(void)
{
	struct x86_cpuid c = x86_cpuid(1, 0);
	uint64_t base, want;

	if (ready)
		return;
	base = x86_rdmsr(MSR_APIC_BASE);
	x2apic = !!(c.ecx & CPUID1_ECX_X2APIC);
	/* Disabled -> xAPIC -> x2APIC: the only transitions always valid. */
	if (!(base & APIC_BASE_ENABLE)) {
		base |= APIC_BASE_ENABLE;
		x86_wrmsr(MSR_APIC_BASE, base);
	}
	want = base | (x2apic ? APIC_BASE_EXTD : 0);
	if (want != base)
		x86_wrmsr(MSR_APIC_BASE, want);
	if (!x2apic) {
		base &= APIC_BASE_ADDR_MASK;
		if (!x86_paging_is_mapped(base, 4096))
			UK_CRASH("kvm: the local APIC page at 0x%lx is not mapped",
				 (unsigned long)base);
		xapic = (volatile uint32_t *)(uintptr_t)base;
	}
	tsc_deadline = !!(c.ecx & CPUID1_ECX_TSC_DEADLINE);

	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);	/* the 8259s: unused */
	lapic_write(APIC_LVT_LINT1, APIC_LVT_NMI);
	lapic_write(APIC_LVT_ERROR, KVM_VEC_APIC_ERROR);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | KVM_VEC_SPURIOUS);
	lapic_write(APIC_TIMER_DCR, APIC_DCR_DIV1);
	if (tsc_deadline) {
		lapic_write(APIC_LVT_TIMER,
			    APIC_TIMER_TSC_DEADLINE | KVM_VEC_TIMER);
		/* The mode switch must be seen before the first WRMSR of the
		 * deadline (SDM: MFENCE in xAPIC mode). */
		ukarch_mb();
	} else {
		lapic_write(APIC_TIMER_ICR, 0);
		lapic_write(APIC_LVT_TIMER, APIC_TIMER_ONESHOT | KVM_VEC_TIMER);
	}
	/* Clear errors latched before we owned the APIC. */
	lapic_write(APIC_ESR, 0);
	ready = 1;
}

/*
 * The APIC timer's rate against the TSC: CPUID 0x15's crystal (QEMU and
 * recent Intel CPUs clock the APIC timer from it), else the hypervisor
 * timing leaf 0x40000010 (kHz), else a measurement: the timer counts
 * down from its maximum while the TSC runs; both are read back to back,
 * so with APIC_CALIB_POLLS reads in between the error is about 2 / that,
 * and the result is raised by as much so that the timer fires late
 * rather than early.
 */
static void lapic_timer_rate(void)
{
	uint32_t max = x86_cpuid(0, 0).eax, c0, c1 = 0;
	uint64_t hz = 0, t0, t1;
	struct x86_cpuid r;

	if (max >= 0x15 && (r = x86_cpuid(0x15, 0)).ecx)
		hz = r.ecx;
	if (!hz && (x86_cpuid(1, 0).ecx & (1U << 31)) &&
	    x86_cpuid(0x40000000, 0).eax >= 0x40000010)
		hz = (uint64_t)x86_cpuid(0x40000010, 0).ebx * 1000;
	if (hz) {
		timer_per_tsc = (uint64_t)(((unsigned __int128)hz << 32) /
					   kvm_tsc_hz);
		return;
	}

	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | KVM_VEC_TIMER);
	lapic_write(APIC_TIMER_ICR, 0xffffffff);
	t0 = ukarch_rdtsc();
	c0 = lapic_read(APIC_TIMER_CCR);
	for (int i = 0; i < APIC_CALIB_POLLS; i++)
		c1 = lapic_read(APIC_TIMER_CCR);
	t1 = ukarch_rdtsc();
	c1 = lapic_read(APIC_TIMER_CCR);
	lapic_write(APIC_TIMER_ICR, 0);
	lapic_write(APIC_LVT_TIMER, APIC_TIMER_ONESHOT | KVM_VEC_TIMER);
	if (c1 >= c0 || t1 <= t0) {
		uk_pr_warn("kvm: the APIC timer does not count; assuming 1 GHz\n");
		timer_per_tsc = (uint64_t)((1000000000ULL << 32) / kvm_tsc_hz);
		return;
	}
	timer_per_tsc = (uint64_t)(((unsigned __int128)(c0 - c1) << 32) /
				   (t1 - t0));
	timer_per_tsc += timer_per_tsc * 2 / APIC_CALIB_POLLS;
}

void kvm_lapic_timer_at(uint64_t tsc)
{
	uint64_t now, ticks;

	if (tsc_deadline) {
		x86_wrmsr(MSR_TSC_DEADLINE, tsc);	/* 0 disarms */
		return;
	}
	if (!tsc) {
		lapic_write(APIC_TIMER_ICR, 0);
		return;
	}
	if (!timer_per_tsc)
		lapic_timer_rate();
	now = ukarch_rdtsc();
	ticks = tsc > now ? (uint64_t)(((unsigned __int128)(tsc - now) *
					 timer_per_tsc) >> 32) + 1 : 1;
	/* A deadline beyond the counter's range fires early; the timer code
	 * then programs the rest. */
	lapic_write(APIC_TIMER_ICR, ticks > 0xffffffff ? 0xffffffff :
			(uint32_t)ticks);
}
