/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the wake-up count behind epoll. One count and one condition
 * variable for every file: a state change anywhere wakes every waiter,
 * which re-checks its own files. Waiters are few (usually one event
 * loop), so this is cheaper than a wait queue per file and needs no
 * hooks in the file types beyond one call. A wait also ends for a signal
 * (through the shim's hooks, see <uk/syscall.h>) and at the earliest
 * time a file announced with uk_file_poll_timer() (timerfd).
 */
#include <errno.h>
#include <uk/condvar.h>
#include <uk/init.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

static struct uk_mutex poll_lock = UK_MUTEX_INITIALIZER(poll_lock, 0);
static struct uk_condvar poll_cv;
static unsigned long poll_gen;
static unsigned long poll_waiters;

unsigned long uk_file_poll_gen(void)
{
	return __atomic_load_n(&poll_gen, __ATOMIC_ACQUIRE);
}

/* Earliest time a file said its readiness changes by itself (0: none). */
static uint64_t poll_timer;

void uk_file_poll_timer(uint64_t deadline_ns)
{
	uint64_t cur = __atomic_load_n(&poll_timer, __ATOMIC_ACQUIRE);

	while (!cur || deadline_ns < cur)
		if (__atomic_compare_exchange_n(&poll_timer, &cur, deadline_ns,
						0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			break;
}

/* With poll_lock held: the timer is due, every waiter re-checks. */
static void poll_timer_fire(uint64_t due)
{
	__atomic_compare_exchange_n(&poll_timer, &due, 0, 0, __ATOMIC_ACQ_REL,
				    __ATOMIC_ACQUIRE);
	__atomic_add_fetch(&poll_gen, 1, __ATOMIC_SEQ_CST);
	uk_condvar_broadcast(&poll_cv);
}

int uk_file_poll_wait(unsigned long gen, uint64_t deadline_ns)
{
	uint64_t now, timer, until;
	int rc = 0;

	uk_mutex_lock(&poll_lock);
	__atomic_add_fetch(&poll_waiters, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (uk_syscall_sig_interrupted()) {
			rc = -EINTR;
			break;
		}
		if (__atomic_load_n(&poll_gen, __ATOMIC_SEQ_CST) != gen)
			break;
		timer = __atomic_load_n(&poll_timer, __ATOMIC_ACQUIRE);
		until = deadline_ns;
		if (timer && (!until || timer < until))
			until = timer;
		if (until) {
			now = ukplat_monotonic_clock();
			if (timer && now >= timer) {
				poll_timer_fire(timer);
				break;
			}
			if (deadline_ns && now >= deadline_ns) {
				rc = -ETIMEDOUT;
				break;
			}
		}
		uk_condvar_wait_deadline(&poll_cv, &poll_lock, until);
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

/* A signal raised while threads sleep here: they wake and re-check. */
static struct uk_syscall_sig_kick poll_kick = { .kick = uk_file_poll_wake };

static int poll_kick_init(void)
{
	uk_syscall_sig_kick_register(&poll_kick);
	return 0;
}
uk_lib_initcall(poll_kick_init);
