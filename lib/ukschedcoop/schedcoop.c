/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedcoop: cooperative round robin. The run queue is a FIFO of
 * runnable threads; the generic uksched code does the rest, including the
 * idle thread that halts the CPU until the next sleeper's deadline.
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/schedcoop.h>

struct schedcoop {
	struct uk_sched sched;
	struct uk_thread_list runq;
};

static void coop_enqueue(struct uk_sched *s, struct uk_thread *t)
{
	struct schedcoop *c = uk_container_of(s, struct schedcoop, sched);

	uk_thread_link_insert(&t->rq, c->runq.head.prev);
}

static struct uk_thread *coop_dequeue(struct uk_sched *s)
{
	struct schedcoop *c = uk_container_of(s, struct schedcoop, sched);
	struct uk_thread_link *l;

	if (uk_thread_list_empty(&c->runq))
		return NULL;
	l = c->runq.head.next;
	uk_thread_link_remove(l);
	return uk_container_of(l, struct uk_thread, rq);
}

struct uk_sched *uk_schedcoop_create(struct uk_alloc *a)
{
	struct schedcoop *c = uk_calloc(a, 1, sizeof(*c));

	if (!c)
		return NULL;
	c->sched.name = "coop";
	c->sched.enqueue = coop_enqueue;
	c->sched.dequeue = coop_dequeue;
	uk_thread_list_init(&c->runq);
	if (uk_sched_register(&c->sched, a) < 0) {
		uk_free(a, c);
		return NULL;
	}
	return &c->sched;
}

static int schedcoop_init(void)
{
	struct uk_alloc *a = uk_alloc_get_default();

	if (!a) {
		uk_pr_warn("ukschedcoop: no allocator, no scheduler\n");
		return 0;
	}
	return uk_schedcoop_create(a) ? 0 : -ENOMEM;
}
uk_plat_initcall(schedcoop_init);
