/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: clocks. Nanoseconds throughout.
 */
#ifndef __UK_PLAT_TIME_H__
#define __UK_PLAT_TIME_H__

#include <stdint.h>

#define UKPLAT_NSEC_PER_SEC	1000000000ULL

/* Monotonic time since an arbitrary point before boot, in ns. */
uint64_t ukplat_monotonic_clock(void);

/* Wall-clock time: ns since 1970-01-01T00:00:00Z. */
uint64_t ukplat_wall_clock(void);

/*
 * Monotonic time at the platform's first instruction, in the same time
 * base as ukplat_monotonic_clock() (for boot statistics); 0 when unknown.
 */
uint64_t ukplat_boot_start_ns(void);

#endif /* __UK_PLAT_TIME_H__ */
