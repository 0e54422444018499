/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory, uptime and CPU time of the image: sysinfo() and getrusage(),
 * and the figures /proc shows. RAM is what the platform gave the image
 * (its free regions, which became the heap, and the image itself);
 * "free" is what the default allocator can still hand out. There is no
 * swap, no shared or buffer memory, and one process.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/plat/memory.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include <uk/sysinfo.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

static uint64_t used_hwm;

void uk_sysinfo_mem_get(struct uk_sysinfo_mem *m)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc_stats st;
	struct ukplat_memregion mr;
	int have_stats = 0;
	long avail;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < ukplat_memregion_count(); i++) {
		if (ukplat_memregion_get(i, &mr) < 0)
			continue;
		if (mr.flags & UKPLAT_MEMRF_FREE)
			m->heap += mr.len;
		else if (mr.flags & UKPLAT_MEMRF_KERNEL)
			m->image += mr.len;
	}
	m->total = m->heap + m->image;
	if (a && uk_alloc_stats_get(a, &st) == 0 &&
	    (st.nallocs || st.peak_bytes))
		have_stats = 1;
	avail = a ? uk_alloc_availmem(a) : 0;
	if (avail >= 0)
		m->free = (uint64_t)avail;
	else if (have_stats && st.cur_bytes < m->heap)
		m->free = m->heap - st.cur_bytes;
	if (m->free > m->heap)
		m->free = m->heap;
	m->used = m->heap - m->free;
	/* A racing update only loses a sample of a lower bound. */
	if (m->used > used_hwm)
		used_hwm = m->used;
	m->peak = used_hwm;
	if (have_stats && st.peak_bytes > m->peak)
		m->peak = st.peak_bytes;
}

uint64_t uk_sysinfo_uptime_ns(void)
{
	uint64_t now = ukplat_monotonic_clock();
	uint64_t start = ukplat_boot_start_ns();

	return now > start ? now - start : 0;
}

/*
 * uktime's CPU-time clocks, through the shim: with a scheduler they leave
 * out the idle thread's time. Without uktime the image is taken to have
 * been busy since it started.
 */
static uint64_t cpu_clock_ns(clockid_t clk)
{
#if CONFIG_LIBUKTIME
	struct timespec ts;

	if (uk_syscall_static_r(UK_SYSCALL_NR_clock_gettime, clk, (long)&ts,
				0, 0, 0, 0) == 0)
		return (uint64_t)ts.tv_sec * UKPLAT_NSEC_PER_SEC + ts.tv_nsec;
#else
	(void)clk;
#endif
	return uk_sysinfo_uptime_ns();
}

uint64_t uk_sysinfo_cpu_ns(void)
{
	return cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

uint64_t uk_sysinfo_thread_cpu_ns(void)
{
	return cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

_Static_assert(sizeof(struct uk_sysinfo_linux) == 112, "struct sysinfo's size");

/*
 * Load averages are left at 0: nothing samples the run queue. The one
 * process is the one "proc" (Linux counts threads there; uksched's
 * count would say little more).
 */
UK_SYSCALL_R_DEFINE(int, sysinfo, struct uk_sysinfo_linux *, info)
{
	struct uk_sysinfo_mem m;

	if (!info)
		return -EFAULT;
	uk_sysinfo_mem_get(&m);
	memset(info, 0, sizeof(*info));
	info->uptime = (long)(uk_sysinfo_uptime_ns() / UKPLAT_NSEC_PER_SEC);
	info->totalram = m.total;
	info->freeram = m.free;
	info->procs = 1;
	info->mem_unit = 1;
	return 0;
}

/* Linux's struct rusage (x86_64). */
struct k_timeval {
	long sec;
	long usec;
};

struct k_rusage {
	struct k_timeval utime;
	struct k_timeval stime;
	long maxrss;	/* KiB */
	long ixrss, idrss, isrss;
	long minflt, majflt, nswap;
	long inblock, oublock;
	long msgsnd, msgrcv, nsignals;
	long nvcsw, nivcsw;
};

_Static_assert(sizeof(struct k_rusage) == 144, "struct rusage's size");

#define K_RUSAGE_SELF		0
#define K_RUSAGE_CHILDREN	(-1)
#define K_RUSAGE_THREAD		1

/*
 * User time is the CPU time uktime counts (the process: every thread
 * but idle; RUSAGE_THREAD: the caller), system time 0 (there is no
 * kernel apart from the program). maxrss is the image plus the heap's
 * peak use. No children ever ran: their usage is all zeros. Defined
 * without a libc name: newlib declares its own, smaller struct rusage
 * (lib/newlib keeps its getrusage).
 */
UK_LLSYSCALL_R_DEFINE(int, getrusage, int, who, struct k_rusage *, ru)
{
	struct uk_sysinfo_mem m;
	uint64_t ns;

	if (who != K_RUSAGE_SELF && who != K_RUSAGE_CHILDREN &&
	    who != K_RUSAGE_THREAD)
		return -EINVAL;
	if (!ru)
		return -EFAULT;
	memset(ru, 0, sizeof(*ru));
	if (who == K_RUSAGE_CHILDREN)
		return 0;
	ns = who == K_RUSAGE_SELF ? uk_sysinfo_cpu_ns() :
		uk_sysinfo_thread_cpu_ns();
	ru->utime.sec = (long)(ns / UKPLAT_NSEC_PER_SEC);
	ru->utime.usec = (long)(ns % UKPLAT_NSEC_PER_SEC / 1000);
	uk_sysinfo_mem_get(&m);
	ru->maxrss = (long)((m.image + m.peak) >> 10);
	return 0;
}
