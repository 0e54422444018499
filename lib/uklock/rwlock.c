/* SPDX-License-Identifier: BSD-3-Clause */
/* uklock: read-write locks preferring writers (see uk/rwlock.h). */
#include <uk/assert.h>
#include <uk/mutex.h>
#include <uk/rwlock.h>
#include "wait.h"

void uk_rwlock_init(struct uk_rwlock *l)
{
	l->readers = 0;
	l->writers_waiting = 0;
	l->writer = 0;
	uk_waitq_init(&l->rwait);
	uk_waitq_init(&l->wwait);
}

void uk_rwlock_rlock(struct uk_rwlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	while (l->writer || l->writers_waiting)
		uklock_wait(&l->rwait, 0);
	l->readers++;
	ukplat_lcpu_restore_irqf(flags);
}

void uk_rwlock_wlock(struct uk_rwlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	l->writers_waiting++;
	while (l->writer || l->readers)
		uklock_wait(&l->wwait, 0);
	l->writers_waiting--;
	l->writer = uk_mutex_self();
	ukplat_lcpu_restore_irqf(flags);
}

int uk_rwlock_tryrlock(struct uk_rwlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int ok = !l->writer && !l->writers_waiting;

	if (ok)
		l->readers++;
	ukplat_lcpu_restore_irqf(flags);
	return ok;
}

int uk_rwlock_trywlock(struct uk_rwlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int ok = !l->writer && !l->readers;

	if (ok)
		l->writer = uk_mutex_self();
	ukplat_lcpu_restore_irqf(flags);
	return ok;
}

void uk_rwlock_unlock(struct uk_rwlock *l)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	if (l->writer) {
		UK_ASSERT(l->writer == uk_mutex_self());
		l->writer = 0;
	} else {
		UK_ASSERT(l->readers > 0);
		l->readers--;
	}
	if (!l->readers) {
		if (l->writers_waiting)
			uk_waitq_wake(&l->wwait, 1);
		else
			uk_waitq_wake(&l->rwait, -1);
	}
	ukplat_lcpu_restore_irqf(flags);
	uk_sched_preempt_point();
}
