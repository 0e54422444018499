/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: clocks from the host's clock_gettime. */
#include <uk/plat/time.h>
#include <linuxu/syscall.h>

static uint64_t clock_ns(int clock)
{
	struct linuxu_timespec ts;

	if (linuxu_syscall(__NR_clock_gettime, clock, &ts, 0) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * UKPLAT_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t ukplat_monotonic_clock(void)
{
	return clock_ns(LINUXU_CLOCK_MONOTONIC);
}

uint64_t ukplat_wall_clock(void)
{
	return clock_ns(LINUXU_CLOCK_REALTIME);
}

static uint64_t boot_start;

/* Taken by linuxu_main, the first C code of the process. */
void linuxu_time_boot_mark(void)
{
	boot_start = ukplat_monotonic_clock();
}

uint64_t ukplat_boot_start_ns(void)
{
	return boot_start;
}
