/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the clocks of uk/plat/time.h, all read from the TSC.
 *
 * The TSC frequency comes, in order of preference, from CPUID leaf 0x15
 * (or 0x16), from KVM's pvclock (kvmclock) scale, or from a short
 * measurement against the 8254 PIT. The measurement polls only a few
 * hundred times (a few thousand instructions) and is then refined, without
 * a jump of the clock, over ever longer intervals whenever the CPU is about
 * to halt, until the error is about a part per million.
 *
 * Monotonic ns = base_ns + (TSC - base_tsc) * ns_mult / 2^32; the base
 * moves only when the frequency is refined. It counts from TSC 0 (the
 * VM's reset), so the boot timestamp is not 0.
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/time.h>
#include <kvm/intctrl.h>
#include <x86/cpu.h>
#include "timeirq.h"

#define NSEC			UKPLAT_NSEC_PER_SEC

#define CPUID1_ECX_HYPERVISOR	(1U << 31)

/* KVM's CPUID leaves and MSRs (the KVM paravirtual clock ABI). */
#define KVM_CPUID_SIGNATURE	0x40000000
#define KVM_CPUID_FEATURES	0x40000001
#define KVM_FEATURE_CLOCKSOURCE	(1U << 0)
#define KVM_FEATURE_CLOCKSOURCE2 (1U << 3)
#define MSR_KVM_WALL_CLOCK	0x11
#define MSR_KVM_SYSTEM_TIME	0x12
#define MSR_KVM_WALL_CLOCK_NEW	0x4b564d00
#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01


/* pvclock records the hypervisor fills in; the layout is the ABI. */
struct pvclock_vcpu_time {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
};

struct pvclock_wall_clock {
	uint32_t version;
	uint32_t sec;
	uint32_t nsec;
};

/* Physical = virtual (identity map); aligned so as not to cross a page. */
static struct pvclock_vcpu_time pvclock __aligned(32);
static struct pvclock_wall_clock pvwall __aligned(16);

uint64_t kvm_tsc_hz;

/*
 * The scale changes (refinement) with interrupts disabled, but a reader
 * may have been interrupted or preempted half-way: it retries while the
 * sequence count is odd or has changed.
 */
static volatile unsigned int scale_seq;
static uint64_t base_tsc, base_ns;
static uint64_t ns_mult;	/* ns per TSC tick, times 2^32 */
static uint64_t tsc_mult;	/* TSC ticks per ns, times 2^32, rounded up */
static uint64_t boot_ns;
static uint64_t wall_offset_ns;	/* wall clock - monotonic clock */

/*
 * Refinement against the PIT: the reference is the PIT count and TSC at
 * the end of the boot measurement (or a later restart); err_ppm bounds the
 * current frequency error; the next refinement is due at next_tsc.
 */
static int refining;
static uint64_t ref_tsc, next_tsc;
static uint16_t ref_pit;
static uint64_t err_ppm;

#define REFINE_FIRST_NS		2000000	/* first refinement after 2 ms */
#define REFINE_GROWTH		4	/* each interval 4 times the last */
#define REFINE_DONE_PPM		1

static inline uint64_t mul_shr32(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 32);
}

static uint64_t tsc_to_ns(uint64_t tsc)
{
	uint64_t d;

	if (tsc >= base_tsc)
		return base_ns + mul_shr32(tsc - base_tsc, ns_mult);
	d = mul_shr32(base_tsc - tsc, ns_mult);
	return d < base_ns ? base_ns - d : 0;
}

uint64_t kvm_tsc_to_ns(uint64_t tsc)
{
	unsigned int seq;
	uint64_t ns;

	do {
		seq = scale_seq;
		ukarch_barrier();
		ns = tsc_to_ns(tsc);
		ukarch_barrier();
	} while ((seq & 1) || seq != scale_seq);
	return ns;
}

/* Rounds up, and a little more, so that the TSC value returned never
 * reads as a time before @ns. */
uint64_t kvm_ns_to_tsc(uint64_t ns)
{
	unsigned int seq;
	uint64_t d, tsc;

	do {
		seq = scale_seq;
		ukarch_barrier();
		if (ns < base_ns) {
			d = mul_shr32(base_ns - ns, tsc_mult);
			tsc = d < base_tsc ? base_tsc - d : 0;
		} else {
			d = ns - base_ns;
			tsc = base_tsc + mul_shr32(d, tsc_mult) + 1 +
			      (d >> 26);
		}
		ukarch_barrier();
	} while ((seq & 1) || seq != scale_seq);
	return tsc;
}

/* Switch to frequency @hz, continuing the clock from where it is now.
 * Interrupts disabled. */
static void clock_set_hz(uint64_t hz)
{
	uint64_t now = ukarch_rdtsc();

	scale_seq++;
	ukarch_barrier();
	if (ns_mult) {
		base_ns = tsc_to_ns(now);
		base_tsc = now;
	}
	kvm_tsc_hz = hz;
	ns_mult = (NSEC << 32) / hz;
	tsc_mult = ((hz / NSEC) << 32) + (((hz % NSEC) << 32) + NSEC - 1) / NSEC;
	ukarch_barrier();
	scale_seq++;
}

uint64_t ukplat_monotonic_clock(void)
{
	return kvm_tsc_to_ns(ukarch_rdtsc());
}

uint64_t ukplat_wall_clock(void)
{
	return ukplat_monotonic_clock() + wall_offset_ns;
}

uint64_t ukplat_boot_start_ns(void)
{
	return boot_ns;
}

/* ---- frequency sources ------------------------------------------------ */

static uint64_t tsc_hz_from_cpuid(void)
{
	uint32_t max = x86_cpuid(0, 0).eax;
	struct x86_cpuid r;

	if (max < 0x15)
		return 0;
	r = x86_cpuid(0x15, 0);	/* eax/ebx: TSC/crystal ratio, ecx: Hz */
	if (r.eax && r.ebx && r.ecx)
		return (uint64_t)r.ecx * r.ebx / r.eax;
	if (max >= 0x16 && (r = x86_cpuid(0x16, 0)).eax)
		return (uint64_t)(r.eax & 0xffff) * 1000000;	/* base MHz */
	return 0;
}

/* Base of KVM's CPUID leaves: 0x40000000, or 0x40000100 when Hyper-V's
 * come first. */
static uint32_t kvm_cpuid_base(void)
{
	struct x86_cpuid r;

	if (!(x86_cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR))
		return 0;
	for (uint32_t base = KVM_CPUID_SIGNATURE;
	     base <= KVM_CPUID_SIGNATURE + 0x100; base += 0x100) {
		r = x86_cpuid(base, 0);
		/* "KVMKVMKVM\0\0\0" in ebx, ecx, edx */
		if (r.ebx == 0x4b4d564b && r.ecx == 0x564b4d56 &&
		    r.edx == 0x4d)
			return base;
	}
	return 0;
}

/*
 * kvmclock: its scale (ns = ((tsc shifted by tsc_shift) * mul) >> 32)
 * gives the TSC frequency; its wall clock record the time of day. Both
 * records are written by the host when the MSRs are written and updated
 * only while enabled, so the system-time MSR is disabled again after one
 * consistent read.
 */
static uint64_t tsc_hz_from_kvmclock(uint64_t *wall_ns, uint64_t *at_tsc)
{
	uint32_t base = kvm_cpuid_base(), feat, msr_sys, msr_wall, v;
	uint32_t mul, sec, nsec;
	uint64_t hz, sys_ns, tsc, stamp;
	int8_t shift;

	if (!base)
		return 0;
	feat = x86_cpuid(base + 1, 0).eax;
	if (feat & KVM_FEATURE_CLOCKSOURCE2) {
		msr_sys = MSR_KVM_SYSTEM_TIME_NEW;
		msr_wall = MSR_KVM_WALL_CLOCK_NEW;
	} else if (feat & KVM_FEATURE_CLOCKSOURCE) {
		msr_sys = MSR_KVM_SYSTEM_TIME;
		msr_wall = MSR_KVM_WALL_CLOCK;
	} else {
		return 0;
	}
	x86_wrmsr(msr_sys, (uint64_t)(uintptr_t)&pvclock | 1);
	do {
		v = __atomic_load_n(&pvclock.version, __ATOMIC_ACQUIRE);
		stamp = pvclock.tsc_timestamp;
		sys_ns = pvclock.system_time;
		mul = pvclock.tsc_to_system_mul;
		shift = pvclock.tsc_shift;
		tsc = ukarch_rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((v & 1) || v != pvclock.version);
	x86_wrmsr(msr_sys, 0);
	if (!mul)
		return 0;
	hz = (NSEC << 32) / mul;
	hz = shift >= 0 ? hz >> shift : hz << -shift;

	/* The wall clock record: the time of day at system time 0. */
	x86_wrmsr(msr_wall, (uint64_t)(uintptr_t)&pvwall);
	do {
		v = __atomic_load_n(&pvwall.version, __ATOMIC_ACQUIRE);
		sec = pvwall.sec;
		nsec = pvwall.nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((v & 1) || v != pvwall.version);
	if (sec) {
		uint64_t d = tsc > stamp ? tsc - stamp : 0;

		d = shift >= 0 ? d << shift : d >> -shift;
		*wall_ns = (uint64_t)sec * NSEC + nsec + sys_ns +
			   mul_shr32(d, mul);
		*at_tsc = tsc;
	}
	return hz;
}

/* ---- refinement against the PIT --------------------------------------- */

static uint64_t pit_ticks_to_ns(uint64_t ticks)
{
	return (uint64_t)((unsigned __int128)ticks * NSEC / KVM_PIT_HZ);
}

static void refine_schedule(uint64_t now, uint64_t interval_ns)
{
	next_tsc = now + mul_shr32(interval_ns, tsc_mult);
}

/* The interval to measure over for an error below the current one. */
static uint64_t refine_min_ns(void)
{
	return pit_ticks_to_ns(2 * 2000000 / err_ppm + 1);
}

void kvm_tsc_refine(void)
{
	uint64_t now, dtsc, est, ticks, ppm;
	int64_t diff;
	uint16_t pit;

	if (!refining)
		return;
	now = ukarch_rdtsc();
	if (now < next_tsc)
		return;
	pit = kvm_pit_read();
	now = ukarch_rdtsc();
	dtsc = now - ref_tsc;

	/* The PIT count only gives the time modulo 65536 ticks: the TSC's
	 * estimate, good to err_ppm, supplies the multiple of 65536. */
	est = (uint64_t)((unsigned __int128)dtsc * KVM_PIT_HZ / kvm_tsc_hz);
	if (est > 16384ULL * 1000000 / err_ppm) {
		/* Too long since the reference to resolve: start again. */
		ref_tsc = now;
		ref_pit = pit;
		refine_schedule(now, refine_min_ns());
		return;
	}
	diff = (int64_t)(uint16_t)(ref_pit - pit) - (int64_t)(est & 0xffff);
	if (diff > 32768)
		diff -= 65536;
	else if (diff < -32768)
		diff += 65536;
	if ((int64_t)est + diff <= 0)
		return;
	ticks = est + (uint64_t)diff;
	ppm = 2000000 / ticks + 1;	/* the reading now is off by a tick */
	if (ppm < err_ppm) {
		clock_set_hz((uint64_t)((unsigned __int128)dtsc * KVM_PIT_HZ /
					ticks));
		err_ppm = ppm;
	}
	if (err_ppm <= REFINE_DONE_PPM) {
		refining = 0;
		return;
	}
	refine_schedule(now, (REFINE_GROWTH - 1) * pit_ticks_to_ns(ticks));
}

/* ---- boot --------------------------------------------------------------- */

void kvm_time_init(void)
{
	uint64_t hz, wall_ns = 0, wall_tsc = 0, secs;
	const char *src = "CPUID";

	kvm_lapic_init();
	hz = tsc_hz_from_cpuid();
	if (!hz) {
		src = "kvmclock";
		hz = tsc_hz_from_kvmclock(&wall_ns, &wall_tsc);
	}
	if (!hz) {
		src = "PIT";
		kvm_pit_start();
		hz = kvm_pit_measure_tsc(CONFIG_KVM_TSC_CALIB_POLLS, &ref_tsc,
					 &ref_pit);
		if (hz) {
			refining = 1;
			/* Each end is off by up to about one read. */
			err_ppm = 4000000 / CONFIG_KVM_TSC_CALIB_POLLS + 1;
		}
	}
	if (!hz) {
		uk_pr_warn("kvm: cannot measure the TSC frequency; assuming 1 GHz\n");
		hz = NSEC;
	}
	clock_set_hz(hz);
	if (refining)
		refine_schedule(ref_tsc, REFINE_FIRST_NS);
	boot_ns = kvm_tsc_to_ns(x86_boot_tsc);

	if (wall_ns) {
		wall_offset_ns = wall_ns - kvm_tsc_to_ns(wall_tsc);
	} else {
		secs = kvm_rtc_read_epoch();
		/* The RTC only has whole seconds: aim at the middle of one. */
		if (secs)
			wall_offset_ns = secs * NSEC + NSEC / 2 -
					 ukplat_monotonic_clock();
	}
	uk_pr_info("kvm: TSC at %llu kHz (%s)\n",
		   (unsigned long long)(hz / 1000), src);
}
