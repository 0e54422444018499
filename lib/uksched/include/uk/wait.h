/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: wait queues. A thread waits on a queue until another wakes it
 * (or a deadline passes); locks, mailboxes and joins are built on them.
 * The waiter's entry lives on its own stack.
 *
 *	flags = ukplat_lcpu_save_irqf();
 *	while (!ready)
 *		uk_waitq_wait_locked(&wq, 0);
 *	ukplat_lcpu_restore_irqf(flags);
 *
 * and elsewhere: ready = 1; uk_waitq_wake(&wq, 1);
 */
#ifndef __UK_WAIT_H__
#define __UK_WAIT_H__

#include <stdint.h>
#include <uk/sched.h>
#include <uk/plat/lcpu.h>

/* A zeroed queue is a valid empty one (for static initialisers). */
struct uk_waitq {
	struct uk_thread_link head;
};

#define UK_WAITQ_INIT(wq) { { &(wq).head, &(wq).head } }

struct uk_waitq_entry {
	struct uk_thread_link link;
	struct uk_thread *thread;
	int woken;
};

static inline void uk_waitq_init(struct uk_waitq *wq)
{
	wq->head.next = wq->head.prev = &wq->head;
}

static inline int uk_waitq_empty(const struct uk_waitq *wq)
{
	return !wq->head.next || wq->head.next == &wq->head;
}

/*
 * Block the running thread on @wq until woken or until the monotonic
 * deadline @deadline_ns (0: none). Interrupts must be off and stay off.
 * Returns 0 when woken, 1 on timeout.
 */
int uk_waitq_wait_locked(struct uk_waitq *wq, uint64_t deadline_ns);

/* Wake up to @n waiters in arrival order (n < 0: all); returns how many. */
int uk_waitq_wake(struct uk_waitq *wq, int n);

/*
 * Wait until @cond holds, re-checked after each wake, with interrupts off
 * while checking. Evaluates to 0, or 1 when @deadline passed first.
 */
#define uk_waitq_wait_event_deadline(wq, cond, deadline)		\
	({								\
		unsigned long uk_fl_ = ukplat_lcpu_save_irqf();	\
		int uk_to_ = 0;						\
		while (!(cond) && !uk_to_)				\
			uk_to_ = uk_waitq_wait_locked(wq, deadline);	\
		if (uk_to_ && (cond))					\
			uk_to_ = 0;					\
		ukplat_lcpu_restore_irqf(uk_fl_);			\
		uk_to_;							\
	})

#define uk_waitq_wait_event(wq, cond)					\
	((void)uk_waitq_wait_event_deadline(wq, cond, 0))

#endif /* __UK_WAIT_H__ */
