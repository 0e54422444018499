/* SPDX-License-Identifier: BSD-3-Clause */
/* uksched: wait queues (see uk/wait.h). */
#include <uk/wait.h>
#include <uk/assert.h>

int uk_waitq_wait_locked(struct uk_waitq *wq, uint64_t deadline_ns)
{
	struct uk_waitq_entry e = {
		.thread = uk_thread_current(),
		.woken = 0,
	};

	UK_ASSERT(e.thread);
	if (!wq->head.next)
		uk_waitq_init(wq);
	uk_thread_link_insert(&e.link, wq->head.prev);
	uk_thread_block_until(deadline_ns);
	if (!e.woken)
		uk_thread_link_remove(&e.link);
	return !e.woken;
}

int uk_waitq_wake(struct uk_waitq *wq, int n)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int count = 0;

	while (!uk_waitq_empty(wq) && (n < 0 || count < n)) {
		struct uk_waitq_entry *e = uk_container_of(wq->head.next,
			struct uk_waitq_entry, link);

		uk_thread_link_remove(&e->link);
		e->woken = 1;
		uk_thread_wake(e->thread);
		count++;
	}
	ukplat_lcpu_restore_irqf(flags);
	/* A woken thread of higher priority runs now. */
	uk_sched_preempt_point();
	return count;
}
