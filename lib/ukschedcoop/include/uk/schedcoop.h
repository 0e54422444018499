/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedcoop: a cooperative round-robin scheduler. Threads run until they
 * yield, sleep, block or exit; runnable threads take turns in FIFO order
 * (priorities are ignored). One instance is registered at boot.
 */
#ifndef __UK_SCHEDCOOP_H__
#define __UK_SCHEDCOOP_H__

#include <uk/sched.h>

struct uk_alloc;

/* Create and register a cooperative scheduler; NULL when out of memory. */
struct uk_sched *uk_schedcoop_create(struct uk_alloc *a);

#endif /* __UK_SCHEDCOOP_H__ */
