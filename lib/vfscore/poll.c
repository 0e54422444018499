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

unsigned long uk_file_poll_gen(void)
{
	return __atomic_load_n(&poll_gen, __ATOMIC_ACQUIRE);
}

int uk_file_poll_wait(unsigned long gen, uint64_t deadline_ns)
{
	int rc = 0;

	uk_mutex_lock(&poll_lock);
	while (uk_file_poll_gen() == gen) {
		if (deadline_ns && ukplat_monotonic_clock() >= deadline_ns) {
			rc = -ETIMEDOUT;
			break;
		}
		uk_condvar_wait_deadline(&poll_cv, &poll_lock, deadline_ns);
	}
	uk_mutex_unlock(&poll_lock);
	return rc;
}

void uk_file_poll_wake(void)
{
	uk_mutex_lock(&poll_lock);
	__atomic_add_fetch(&poll_gen, 1, __ATOMIC_RELEASE);
	uk_condvar_broadcast(&poll_cv);
	uk_mutex_unlock(&poll_lock);
}
