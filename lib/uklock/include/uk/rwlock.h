/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: read-write locks. Many readers or one writer; waiting writers
 * go first, so readers cannot starve them (a thread that already reads
 * must not read-lock again while a writer waits).
 */
#ifndef __UK_RWLOCK_H__
#define __UK_RWLOCK_H__

#include <stdint.h>
#include <uk/wait.h>

struct uk_rwlock {
	unsigned int readers;
	unsigned int writers_waiting;
	uintptr_t writer;		/* owner id, 0: none */
	struct uk_waitq rwait, wwait;
};

void uk_rwlock_init(struct uk_rwlock *l);
void uk_rwlock_rlock(struct uk_rwlock *l);
void uk_rwlock_wlock(struct uk_rwlock *l);
/* Non-zero when taken. */
int uk_rwlock_tryrlock(struct uk_rwlock *l);
int uk_rwlock_trywlock(struct uk_rwlock *l);
/* Releases a read or a write lock, whichever the caller holds. */
void uk_rwlock_unlock(struct uk_rwlock *l);
#define uk_rwlock_runlock(l) uk_rwlock_unlock(l)
#define uk_rwlock_wunlock(l) uk_rwlock_unlock(l)

#endif /* __UK_RWLOCK_H__ */
