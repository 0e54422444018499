/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: mutexes. The owner word holds the owner's id and a "waiters"
 * bit; lock and unlock without contention are a compare-and-swap. The
 * slow paths run with interrupts off, so setting the bit and going to
 * sleep cannot race with an unlock.
 */
#include <errno.h>
#include <uk/assert.h>
#include <uk/mutex.h>
#include "wait.h"

/* Owner id before any thread exists (aligned like a thread pointer). */
#define BOOT_OWNER	((uintptr_t)0x10)

uintptr_t uk_mutex_self(void)
{
	struct uk_thread *t = uk_thread_current();

	return t ? (uintptr_t)t : BOOT_OWNER;
}

void uk_mutex_init_config(struct uk_mutex *m, int recursive)
{
	m->owner = 0;
	m->depth = 0;
	m->recursive = recursive;
	uk_waitq_init(&m->wq);
}

static inline int owner_cas(struct uk_mutex *m, uintptr_t old, uintptr_t new)
{
	return __atomic_compare_exchange_n(&m->owner, &old, new, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

int uk_mutex_lock_deadline(struct uk_mutex *m, uint64_t deadline_ns)
{
	uintptr_t self = uk_mutex_self(), v;
	unsigned long flags;
	int rc = 0;

	if (likely(owner_cas(m, 0, self))) {
		m->depth = 1;
		return 0;
	}
	if (m->recursive && (m->owner & ~UK_MUTEX_WAITERS) == self) {
		m->depth++;
		return 0;
	}
	UK_ASSERT((m->owner & ~UK_MUTEX_WAITERS) != self);
	flags = ukplat_lcpu_save_irqf();
	for (;;) {
		v = __atomic_load_n(&m->owner, __ATOMIC_RELAXED);
		if (v == 0) {
			if (owner_cas(m, 0, self))
				break;
			continue;
		}
		if (!(v & UK_MUTEX_WAITERS) &&
		    !owner_cas(m, v, v | UK_MUTEX_WAITERS))
			continue;
		if (uklock_wait(&m->wq, deadline_ns)) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	if (!rc) {
		/* Others still wait: the unlock must take the slow path. */
		if (!uk_waitq_empty(&m->wq))
			__atomic_or_fetch(&m->owner, UK_MUTEX_WAITERS,
					  __ATOMIC_RELAXED);
		m->depth = 1;
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

void uk_mutex_lock(struct uk_mutex *m)
{
	uk_mutex_lock_deadline(m, 0);
}

int uk_mutex_trylock(struct uk_mutex *m)
{
	uintptr_t self = uk_mutex_self();

	if (owner_cas(m, 0, self)) {
		m->depth = 1;
		return 1;
	}
	if (m->recursive && (m->owner & ~UK_MUTEX_WAITERS) == self) {
		m->depth++;
		return 1;
	}
	return 0;
}

void uk_mutex_unlock(struct uk_mutex *m)
{
	uintptr_t self = uk_mutex_self();
	unsigned long flags;

	UK_ASSERT((m->owner & ~UK_MUTEX_WAITERS) == self);
	if (m->recursive && --m->depth > 0)
		return;
	m->depth = 0;
	if (likely(__atomic_compare_exchange_n(&m->owner, &self, 0, 0,
					       __ATOMIC_RELEASE,
					       __ATOMIC_RELAXED)))
		return;
	flags = ukplat_lcpu_save_irqf();
	__atomic_store_n(&m->owner, 0, __ATOMIC_RELEASE);
	uk_waitq_wake(&m->wq, 1);
	ukplat_lcpu_restore_irqf(flags);
	uk_sched_preempt_point();
}
