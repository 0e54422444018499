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

/*
 * One-shot timer interrupt (used by preemptive schedulers). @fn runs in
 * interrupt context, interrupts disabled, when the monotonic clock reaches
 * the deadline given to ukplat_timer_arm(); it may switch threads.
 * Returns 0 or a negative errno.
 */
int ukplat_timer_set_handler(void (*fn)(void *arg), void *arg);
/* Program the deadline (monotonic ns); 0 cancels it. Re-arming replaces. */
void ukplat_timer_arm(uint64_t deadline_ns);

#endif /* __UK_PLAT_TIME_H__ */
