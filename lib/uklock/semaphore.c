/* SPDX-License-Identifier: BSD-3-Clause */
/* uklock: counting semaphores on a wait queue. */
#include <errno.h>
#include <uk/semaphore.h>
#include "wait.h"

void uk_semaphore_init(struct uk_semaphore *s, long count)
{
	s->count = count;
	uk_waitq_init(&s->wq);
}

int uk_semaphore_down_deadline(struct uk_semaphore *s, uint64_t deadline_ns)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int rc = 0;

	while (s->count <= 0) {
		if (uklock_wait(&s->wq, deadline_ns) && s->count <= 0) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	if (!rc)
		s->count--;
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

void uk_semaphore_down(struct uk_semaphore *s)
{
	uk_semaphore_down_deadline(s, 0);
}

int uk_semaphore_down_try(struct uk_semaphore *s)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int ok = s->count > 0;

	if (ok)
		s->count--;
	ukplat_lcpu_restore_irqf(flags);
	return ok;
}

void uk_semaphore_up(struct uk_semaphore *s)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	s->count++;
	uk_waitq_wake(&s->wq, 1);
	ukplat_lcpu_restore_irqf(flags);
	uk_sched_preempt_point();
}
