/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: condition variables. The mutex is released with interrupts off
 * and the waiter is queued before they come back on, so no signal sent
 * after the release can be missed.
 */
#include <errno.h>
#include <uk/condvar.h>
#include "wait.h"

void uk_condvar_init(struct uk_condvar *c)
{
	uk_waitq_init(&c->wq);
}

int uk_condvar_wait_deadline(struct uk_condvar *c, struct uk_mutex *m,
			     uint64_t deadline_ns)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	unsigned int depth = m->depth;
	int timed_out;

	m->depth = 1;	/* a recursive mutex is released completely */
	uk_mutex_unlock(m);
	timed_out = uklock_wait(&c->wq, deadline_ns);
	ukplat_lcpu_restore_irqf(flags);
	uk_mutex_lock(m);
	m->depth = depth;
	return timed_out ? -ETIMEDOUT : 0;
}

void uk_condvar_wait(struct uk_condvar *c, struct uk_mutex *m)
{
	uk_condvar_wait_deadline(c, m, 0);
}

void uk_condvar_signal(struct uk_condvar *c)
{
	uk_waitq_wake(&c->wq, 1);
}

void uk_condvar_broadcast(struct uk_condvar *c)
{
	uk_waitq_wake(&c->wq, -1);
}
