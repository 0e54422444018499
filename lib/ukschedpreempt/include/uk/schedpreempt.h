/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedpreempt: a preemptive priority scheduler. The highest-priority
 * runnable thread runs; threads of equal priority share the CPU in time
 * slices driven by the platform's timer interrupt (ukplat_timer_*).
 */
#ifndef __UK_SCHEDPREEMPT_H__
#define __UK_SCHEDPREEMPT_H__

#include <stdint.h>
#include <uk/sched.h>

struct uk_alloc;

/* Create and register a preemptive scheduler with @slice_ns time slices. */
struct uk_sched *uk_schedpreempt_create(struct uk_alloc *a,
					uint64_t slice_ns);

#endif /* __UK_SCHEDPREEMPT_H__ */
