/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: clocks from the shared info page. The monotonic clock is Xen's
 * system time (ns since the host booted, the time base of
 * VCPUOP_set_singleshot_timer), extrapolated from the TSC with the
 * scale vCPU 0's vcpu_time_info gives; the wall clock adds the wall
 * time Xen keeps for system time 0.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <uk/plat/time.h>
#include <x86/boot.h>
#include <xen-plat/xen.h>

struct shared_info *xen_shared_info;
static uint8_t shared_page[4096] __aligned(4096);
static uint64_t boot_ns;

static uint64_t scale(uint64_t delta, const volatile struct vcpu_time_info *t)
{
	int8_t shift = t->tsc_shift;

	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul)
			  >> 32);
}

uint64_t ukplat_monotonic_clock(void)
{
	const volatile struct vcpu_time_info *t;
	uint32_t v;
	uint64_t ns;

	if (!xen_shared_info)
		return 0;
	t = &xen_shared_info->vcpu_info[0].time;
	do {
		v = t->version;
		__asm__ __volatile__("" ::: "memory");
		ns = t->system_time +
			scale(ukarch_rdtsc() - t->tsc_timestamp, t);
		__asm__ __volatile__("" ::: "memory");
	} while ((v & 1) || v != t->version);
	return ns;
}

uint64_t ukplat_wall_clock(void)
{
	const volatile struct shared_info *s = xen_shared_info;
	uint32_t v;
	uint64_t sec, nsec;

	if (!s)
		return 0;
	do {
		v = s->wc_version;
		__asm__ __volatile__("" ::: "memory");
		sec = s->wc_sec | (uint64_t)s->wc_sec_hi << 32;
		nsec = s->wc_nsec;
		__asm__ __volatile__("" ::: "memory");
	} while ((v & 1) || v != s->wc_version);
	return sec * UKPLAT_NSEC_PER_SEC + nsec + ukplat_monotonic_clock();
}

uint64_t ukplat_boot_start_ns(void)
{
	return boot_ns;
}

void xen_time_init(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (uintptr_t)shared_page >> 12,
	};
	const volatile struct vcpu_time_info *t;
	uint64_t now;

	if (xen_memory_op(XENMEM_add_to_physmap, &map)) {
		static const char msg[] = "xen: cannot map the shared info page\n";

		ukplat_coutk(msg, sizeof(msg) - 1);
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	xen_shared_info = (struct shared_info *)shared_page;
	/* The entry code's TSC, in system time. */
	t = &xen_shared_info->vcpu_info[0].time;
	now = ukplat_monotonic_clock();
	boot_ns = now - scale(ukarch_rdtsc() - x86_boot_tsc, t);
}
