/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedpreempt: one FIFO run queue per priority and a bitmap of the
 * non-empty ones. The timer interrupt (armed for the end of the slice or
 * the next sleeper's deadline, whichever is first) wakes sleepers and
 * rotates threads of equal priority. A woken thread of higher priority
 * preempts at once. Interrupts are only disabled inside the scheduler.
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/schedpreempt.h>

#define NPRIO (UK_THREAD_PRIO_MAX + 1)

struct schedpreempt {
	struct uk_sched sched;
	struct uk_thread_list runq[NPRIO];
	uint32_t ready;			/* bit p: runq[p] not empty */
	uint64_t slice_ns;
	struct uk_thread *slice_thread;	/* whose slice started at ... */
	uint64_t slice_start;
};

UK_CTASSERT(NPRIO <= 32);

static inline struct schedpreempt *to_sp(struct uk_sched *s)
{
	return uk_container_of(s, struct schedpreempt, sched);
}

static void sp_enqueue(struct uk_sched *s, struct uk_thread *t)
{
	struct schedpreempt *sp = to_sp(s);

	uk_thread_link_insert(&t->rq, sp->runq[t->prio].head.prev);
	sp->ready |= 1U << t->prio;
}

static struct uk_thread *sp_dequeue(struct uk_sched *s)
{
	struct schedpreempt *sp = to_sp(s);
	struct uk_thread_link *l;
	int p;

	if (!sp->ready)
		return NULL;
	p = 31 - __builtin_clz(sp->ready);
	l = sp->runq[p].head.next;
	uk_thread_link_remove(l);
	if (uk_thread_list_empty(&sp->runq[p]))
		sp->ready &= ~(1U << p);
	return uk_container_of(l, struct uk_thread, rq);
}

static int sp_preempts(struct uk_sched *s __unused, struct uk_thread *t,
		       struct uk_thread *cur)
{
	return (cur->flags & UK_THREAD_IDLE) || t->prio > cur->prio;
}

/* Is a thread of priority @prio or higher waiting to run? */
static int others_ready(struct schedpreempt *sp, int prio)
{
	return (sp->ready >> prio) != 0;
}

static void sp_tick(void *arg)
{
	struct schedpreempt *sp = arg;
	struct uk_thread *cur = uk_thread_current();
	uint64_t now = ukplat_monotonic_clock(), next;

	next = uk_sched_wake_expired(&sp->sched, now);
	if (cur != sp->slice_thread) {
		/* First tick this thread sees: its slice counts from now. */
		sp->slice_thread = cur;
		sp->slice_start = now;
	} else if (now - sp->slice_start >= sp->slice_ns &&
		   others_ready(sp, cur->prio)) {
		uk_sched_need_resched = 1;
	}
	now += sp->slice_ns;
	ukplat_timer_arm(next && next < now ? next : now);
	if (uk_sched_need_resched && cur->sched == &sp->sched) {
		sp->slice_thread = NULL;
		uk_sched_reschedule();
	}
}

static void sp_start(struct uk_sched *s)
{
	struct schedpreempt *sp = to_sp(s);

	if (ukplat_timer_set_handler(sp_tick, sp) < 0) {
		uk_pr_warn("ukschedpreempt: no timer interrupt: threads are only switched when they block or yield\n");
		return;
	}
	ukplat_timer_arm(ukplat_monotonic_clock() + sp->slice_ns);
}

struct uk_sched *uk_schedpreempt_create(struct uk_alloc *a, uint64_t slice_ns)
{
	struct schedpreempt *sp = uk_calloc(a, 1, sizeof(*sp));

	if (!sp)
		return NULL;
	sp->sched.name = "preempt";
	sp->sched.enqueue = sp_enqueue;
	sp->sched.dequeue = sp_dequeue;
	sp->sched.preempts = sp_preempts;
	sp->sched.start = sp_start;
	sp->slice_ns = slice_ns ? slice_ns : 10000000ULL;
	for (int i = 0; i < NPRIO; i++)
		uk_thread_list_init(&sp->runq[i]);
	if (uk_sched_register(&sp->sched, a) < 0) {
		uk_free(a, sp);
		return NULL;
	}
	return &sp->sched;
}

static int schedpreempt_init(void)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_sched *s;

	if (!a) {
		uk_pr_warn("ukschedpreempt: no allocator, no scheduler\n");
		return 0;
	}
	s = uk_schedpreempt_create(a, CONFIG_LIBUKSCHEDPREEMPT_SLICE_US *
				   1000ULL);
	if (!s)
		return -ENOMEM;
#if CONFIG_LIBUKSCHEDPREEMPT_DEFAULT
	uk_sched_set_default(s);
#endif
	return 0;
}
uk_plat_initcall(schedpreempt_init);
