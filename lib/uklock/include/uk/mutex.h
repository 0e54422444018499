/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: mutexes, optionally recursive. Uncontended lock and unlock are
 * one atomic operation each; a contended locker sleeps on a wait queue.
 * Before a scheduler runs (or without one) there is only one thread and
 * locking never waits.
 */
#ifndef __UK_MUTEX_H__
#define __UK_MUTEX_H__

#include <stdint.h>
#include <uk/wait.h>

struct uk_mutex {
	uintptr_t owner;		/* owner id | UK_MUTEX_WAITERS */
	unsigned int depth;		/* recursion depth */
	int recursive;
	struct uk_waitq wq;
};

#define UK_MUTEX_WAITERS	((uintptr_t)1)

#define UK_MUTEX_INITIALIZER(m, rec) { 0, 0, rec, UK_WAITQ_INIT((m).wq) }

void uk_mutex_init_config(struct uk_mutex *m, int recursive);
#define uk_mutex_init(m) uk_mutex_init_config(m, 0)

void uk_mutex_lock(struct uk_mutex *m);
/* 0, or -ETIMEDOUT when the monotonic @deadline_ns passed first. */
int uk_mutex_lock_deadline(struct uk_mutex *m, uint64_t deadline_ns);
/* Returns non-zero when the lock was taken. */
int uk_mutex_trylock(struct uk_mutex *m);
void uk_mutex_unlock(struct uk_mutex *m);

/* Identifier of the calling thread as an owner (never 0). */
uintptr_t uk_mutex_self(void);

static inline int uk_mutex_is_locked(const struct uk_mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != 0;
}

/* Non-zero when the calling thread holds @m. */
static inline int uk_mutex_held(const struct uk_mutex *m)
{
	return (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) &
		~UK_MUTEX_WAITERS) == uk_mutex_self();
}

#endif /* __UK_MUTEX_H__ */
