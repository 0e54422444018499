/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the wake-up count behind epoll. One count and one condition
 * variable for every file: a state change anywhere wakes every waiter,
 * which re-checks its own files. Waiters are few (usually one event
 * loop), so this is cheaper than a wait queue per file and needs no
 * hooks in the file types beyond one call.
 */
#include <errno.h>
#include <uk/condvar.h>
#include <uk/plat/time.h>
#include "vfs_impl.h"

static struct uk_mutex poll_lock = UK_MUTEX_INITIALIZER(poll_lock, 0);
static struct uk_condvar poll_cv;
static unsigned long poll_gen;
static unsigned long poll_waiters;

unsigned long uk_file_poll_gen(void)
{
	return __atomic_load_n(&poll_gen, __ATOMIC_ACQUIRE);
}

int uk_file_poll_wait(unsigned long gen, uint64_t deadline_ns)
{
	int rc = 0;

	uk_mutex_lock(&poll_lock);
	__atomic_add_fetch(&poll_waiters, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&poll_gen, __ATOMIC_SEQ_CST) == gen) {
		if (deadline_ns && ukplat_monotonic_clock() >= deadline_ns) {
			rc = -ETIMEDOUT;
			break;
		}
		uk_condvar_wait_deadline(&poll_cv, &poll_lock, deadline_ns);
	}
	__atomic_sub_fetch(&poll_waiters, 1, __ATOMIC_SEQ_CST);
	uk_mutex_unlock(&poll_lock);
	return rc;
}

/*
 * Called on every socket event, so it skips the lock when nobody waits:
 * the waiter counts itself before it reads the count and we bump the
 * count before we read the waiters (both sequentially consistent), so
 * either it sees the new count or we see it and wake it under the lock.
 */
void uk_file_poll_wake(void)
{
	__atomic_add_fetch(&poll_gen, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&poll_waiters, __ATOMIC_SEQ_CST))
		return;
	uk_mutex_lock(&poll_lock);
	uk_condvar_broadcast(&poll_cv);
	uk_mutex_unlock(&poll_lock);
}
