/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: the generic part of every scheduler: thread life cycle, the
 * switch itself (stack, TLS pointer, CPU time), sleeping and blocking,
 * idle threads. The policy (which runnable thread runs next) is the
 * implementation's, through struct uk_sched's operations.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/arch/tls.h>
#include <uk/assert.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/paging.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/sched.h>

struct uk_thread *uk_thread_cur;
int uk_sched_need_resched;
static struct uk_sched *sched_list;
static struct ukarch_ctx boot_ctx;

static inline struct uk_thread *rq_thread(struct uk_thread_link *l)
{
	return uk_container_of(l, struct uk_thread, rq);
}

static inline struct uk_thread *all_thread(struct uk_thread_link *l)
{
	return uk_container_of(l, struct uk_thread, all);
}

struct uk_sched *uk_sched_default(void)
{
	return sched_list;
}

void uk_sched_set_default(struct uk_sched *s)
{
	struct uk_sched **p;

	for (p = &sched_list; *p; p = &(*p)->next) {
		if (*p == s) {
			*p = s->next;
			s->next = sched_list;
			sched_list = s;
			return;
		}
	}
}

int uk_sched_started(void)
{
	return uk_thread_cur != NULL;
}

/*
 * Stacks get one more page at the bottom that is made inaccessible where
 * the platform can change page rights (kvm, linuxu): an overflow then
 * faults with a crash report instead of overwriting the heap.
 */
static void *stack_alloc(struct uk_sched *s, struct uk_thread *t,
			 size_t size)
{
	char *base = uk_memalign(s->a, UK_PAGE_SIZE, size + UK_PAGE_SIZE);

	if (!base)
		return NULL;
#if CONFIG_LIBUKSCHED_STACK_GUARD
	if (ukplat_page_set_prot(base, UK_PAGE_SIZE,
				 UKPLAT_PAGE_PROT_NONE) == 0)
		t->flags |= UK_THREAD_GUARD;
#else
	(void)t;
#endif
	return base + UK_PAGE_SIZE;
}

static void stack_free(struct uk_sched *s, struct uk_thread *t)
{
	char *base;

	if (!t->stack)
		return;
	base = (char *)t->stack - UK_PAGE_SIZE;
	/* The allocator may write into the block it gets back. */
	if (t->flags & UK_THREAD_GUARD)
		ukplat_page_set_prot(base, UK_PAGE_SIZE,
				     UKPLAT_PAGE_PROT_READ |
				     UKPLAT_PAGE_PROT_WRITE);
	t->flags &= ~UK_THREAD_GUARD;
	uk_free(s->a, base);
}

/* Free what exited threads leave behind; never the running thread's. */
static void reap(struct uk_sched *s)
{
	while (!uk_thread_list_empty(&s->dead)) {
		struct uk_thread *t = rq_thread(s->dead.head.next);

		uk_thread_link_remove(&t->rq);
		if (!(t->flags & UK_THREAD_NOSTACK))
			stack_free(s, t);
		uk_free(s->a, t->tls);
		t->stack = NULL;
		t->tls = NULL;
		if (t->flags & UK_THREAD_DETACHED)
			uk_free(s->a, t);
	}
}

static void switch_to(struct uk_thread *prev, struct uk_thread *next)
{
	struct uk_sched *s = next->sched;

	if (prev == next)
		return;
#if CONFIG_LIBUKSCHED_CPUTIME
	uint64_t now = ukplat_monotonic_clock();

	prev->cpu_ns += now - prev->run_start;
	next->run_start = now;
#endif
	uk_thread_cur = next;
	uk_sched_need_resched = 0;
	if (s->switched)
		s->switched(s, next);
	ukplat_tlsp_set(next->tlsp);
	ukarch_ctx_switch(&prev->ctx, &next->ctx);
	/* Back in prev, some time later. */
	reap(prev->sched);
}

void uk_sched_reschedule(void)
{
	struct uk_thread *cur = uk_thread_cur, *next;
	struct uk_sched *s = cur->sched;

	UK_ASSERT(ukplat_lcpu_irqs_disabled());
	if (cur->state == UK_THREAD_RUNNABLE && !(cur->flags & UK_THREAD_IDLE))
		s->enqueue(s, cur);
	/* After: this may make cur itself runnable (a past deadline). */
	if (!uk_thread_list_empty(&s->sleeping))
		uk_sched_wake_expired(s, ukplat_monotonic_clock());
	next = s->dequeue(s);
	if (!next)
		next = s->idle;
	switch_to(cur, next);
}

void uk_sched_yield(void)
{
	unsigned long flags;

	if (!uk_thread_cur)
		return;
	flags = ukplat_lcpu_save_irqf();
	uk_sched_reschedule();
	ukplat_lcpu_restore_irqf(flags);
}

void uk_sched_preempt_point(void)
{
	if (uk_sched_need_resched && uk_thread_cur &&
	    !ukplat_lcpu_irqs_disabled())
		uk_sched_yield();
}

uint64_t uk_sched_wake_expired(struct uk_sched *s, uint64_t now)
{
	while (!uk_thread_list_empty(&s->sleeping)) {
		struct uk_thread *t = rq_thread(s->sleeping.head.next);

		if (t->wakeup > now)
			return t->wakeup;
		uk_thread_link_remove(&t->rq);
		t->wakeup = 0;
		t->timed_out = 1;
		t->state = UK_THREAD_RUNNABLE;
		s->enqueue(s, t);
		if (s->preempts && uk_thread_cur &&
		    s->preempts(s, t, uk_thread_cur))
			uk_sched_need_resched = 1;
	}
	return 0;
}

int uk_thread_block_until(uint64_t deadline_ns)
{
	struct uk_thread *cur = uk_thread_cur;
	struct uk_sched *s = cur->sched;

	UK_ASSERT(ukplat_lcpu_irqs_disabled());
	cur->state = UK_THREAD_BLOCKED;
	cur->timed_out = 0;
	cur->wakeup = deadline_ns;
	if (deadline_ns) {
		struct uk_thread_link *pos = s->sleeping.head.prev;

		/* Sorted by deadline; equal deadlines in arrival order. */
		while (pos != &s->sleeping.head &&
		       rq_thread(pos)->wakeup > deadline_ns)
			pos = pos->prev;
		uk_thread_link_insert(&cur->rq, pos);
	}
	uk_sched_reschedule();
	return cur->timed_out;
}

void uk_thread_wake(struct uk_thread *t)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	struct uk_sched *s = t->sched;

	if (t->state == UK_THREAD_BLOCKED) {
		if (t->wakeup) {
			uk_thread_link_remove(&t->rq);
			t->wakeup = 0;
		}
		t->state = UK_THREAD_RUNNABLE;
		s->enqueue(s, t);
		if (s->preempts && uk_thread_cur &&
		    s->preempts(s, t, uk_thread_cur))
			uk_sched_need_resched = 1;
	}
	ukplat_lcpu_restore_irqf(flags);
	uk_sched_preempt_point();
}

void uk_sched_sleep_until(uint64_t deadline_ns)
{
	unsigned long flags;

	if (!uk_thread_cur) {
		/* No scheduler: nothing else could run anyway. */
		flags = ukplat_lcpu_save_irqf();
		while (ukplat_monotonic_clock() < deadline_ns)
			ukplat_lcpu_halt_irq_until(deadline_ns);
		ukplat_lcpu_restore_irqf(flags);
		return;
	}
	flags = ukplat_lcpu_save_irqf();
	while (ukplat_monotonic_clock() < deadline_ns)
		uk_thread_block_until(deadline_ns);
	ukplat_lcpu_restore_irqf(flags);
}

void uk_sched_sleep_ns(uint64_t ns)
{
	if (!ns) {
		uk_sched_yield();
		return;
	}
	uk_sched_sleep_until(ukplat_monotonic_clock() + ns);
}

uint64_t uk_thread_cpu_ns(const struct uk_thread *t)
{
#if CONFIG_LIBUKSCHED_CPUTIME
	uint64_t ns = t->cpu_ns;

	if (t == uk_thread_cur)
		ns += ukplat_monotonic_clock() - t->run_start;
	return ns;
#else
	(void)t;
	return 0;
#endif
}

/* First code of every thread, reached through the arch trampoline. */
static __noreturn void thread_entry(void *arg)
{
	struct uk_thread *t = arg;

	reap(t->sched);
	ukplat_lcpu_enable_irq();
	t->entry(t->arg);
	uk_thread_exit(NULL);
}

void (*uk_thread_tls_hook)(struct uk_thread *t);

static struct uk_thread *thread_alloc(struct uk_sched *s, const char *name,
				      size_t stack_size, int prio,
				      void (*entry)(void *), void *arg)
{
	static unsigned long canary;
	unsigned long flags;
	struct uk_thread *t;

	/* The allocator protects itself (LIBUKALLOC_IRQSAFE under
	 * preemption); only the scheduler's list needs interrupts off. */
	t = uk_calloc(s->a, 1, sizeof(*t));
	if (!t)
		return NULL;
	t->tls = uk_memalign(s->a, UKARCH_TLS_AREA_ALIGN,
			     ukarch_tls_area_size());
	if (stack_size)
		t->stack = stack_alloc(s, t, stack_size);
	if (!t->tls || (stack_size && !t->stack)) {
		uk_free(s->a, t->tls);
		stack_free(s, t);
		uk_free(s->a, t);
		return NULL;
	}
	t->tlsp = ukarch_tls_area_init(t->tls);
	/* Every thread shares the boot canary: a function that was
	 * entered on one thread may check it after a switch. */
	if (!canary)
		canary = ukarch_tls_canary();
	ukarch_tls_set_canary(t->tlsp, canary);
	if (uk_thread_tls_hook)
		uk_thread_tls_hook(t);
	t->stack_size = stack_size;
	t->sched = s;
	t->prio = prio;
	t->entry = entry;
	t->arg = arg;
	t->rq.next = t->rq.prev = &t->rq;
	strlcpy(t->name, name ? name : "", sizeof(t->name));
	if (stack_size)
		ukarch_ctx_init(&t->ctx, t->stack, stack_size, thread_entry,
				t);
	flags = ukplat_lcpu_save_irqf();
	uk_thread_link_insert(&t->all, s->threads.head.prev);
	s->nthreads++;
	ukplat_lcpu_restore_irqf(flags);
	return t;
}

struct uk_thread *uk_thread_create(struct uk_sched *s, const char *name,
				   const struct uk_thread_attr *attr,
				   void (*entry)(void *arg), void *arg)
{
	size_t stack_size = CONFIG_LIBUKSCHED_STACK_SIZE;
	int prio = UK_THREAD_PRIO_DEFAULT;
	unsigned long flags;
	struct uk_thread *t;

	if (!s)
		s = uk_thread_cur ? uk_thread_cur->sched : sched_list;
	if (!s || !entry)
		return NULL;
	if (attr && attr->stack_size)
		stack_size = UK_ALIGN_UP(attr->stack_size, UK_PAGE_SIZE);
	if (attr && attr->prio)
		prio = UK_MIN(UK_MAX(attr->prio, UK_THREAD_PRIO_MIN),
			      UK_THREAD_PRIO_MAX);
	t = thread_alloc(s, name, stack_size, prio, entry, arg);
	if (!t)
		return NULL;
	if (attr && attr->detached)
		t->flags |= UK_THREAD_DETACHED;
	flags = ukplat_lcpu_save_irqf();
	t->state = UK_THREAD_RUNNABLE;
	s->enqueue(s, t);
	if (s->preempts && uk_thread_cur && s->preempts(s, t, uk_thread_cur))
		uk_sched_need_resched = 1;
	ukplat_lcpu_restore_irqf(flags);
	uk_sched_preempt_point();
	return t;
}

void uk_thread_exit(void *retval)
{
	struct uk_thread *cur = uk_thread_cur;
	struct uk_sched *s;

	UK_ASSERT(cur);
	s = cur->sched;
	ukplat_lcpu_disable_irq();
	cur->retval = retval;
	cur->state = UK_THREAD_EXITED;
	uk_thread_link_remove(&cur->all);
	s->nthreads--;
	uk_thread_link_insert(&cur->rq, s->dead.head.prev);
	if (cur->joiner)
		uk_thread_wake(cur->joiner);
	uk_sched_reschedule();
	UK_CRASH("exited thread %s was scheduled again\n", cur->name);
}

int uk_thread_join(struct uk_thread *t, void **retval)
{
	struct uk_thread *cur = uk_thread_cur;
	unsigned long flags;

	if (!t)
		return -EINVAL;
	if (t == cur)
		return -EDEADLK;
	flags = ukplat_lcpu_save_irqf();
	if ((t->flags & UK_THREAD_DETACHED) || t->joiner) {
		ukplat_lcpu_restore_irqf(flags);
		return -EINVAL;
	}
	t->joiner = cur;
	while (t->state != UK_THREAD_EXITED)
		uk_thread_block_until(0);
	reap(t->sched);
	if (retval)
		*retval = t->retval;
	uk_free(t->sched->a, t);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

int uk_thread_detach(struct uk_thread *t)
{
	unsigned long flags;
	int rc = 0;

	if (!t)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	if ((t->flags & UK_THREAD_DETACHED) || t->joiner) {
		rc = -EINVAL;
	} else if (t->state == UK_THREAD_EXITED) {
		/* Already ended: nobody will join, free it now. */
		reap(t->sched);
		uk_free(t->sched->a, t);
	} else {
		t->flags |= UK_THREAD_DETACHED;
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

void uk_thread_set_prio(struct uk_thread *t, int prio)
{
	t->prio = UK_MIN(UK_MAX(prio, UK_THREAD_PRIO_MIN),
			 UK_THREAD_PRIO_MAX);
}

/* The idle thread: wake sleepers, run others, else halt until the next
 * deadline or interrupt. */
static __noreturn void idle_fn(void *arg)
{
	struct uk_sched *s = arg;
	struct uk_thread *next;
	uint64_t deadline;

	for (;;) {
		ukplat_lcpu_disable_irq();
		deadline = uk_sched_wake_expired(s, ukplat_monotonic_clock());
		next = s->dequeue(s);
		if (next)
			switch_to(s->idle, next);
		else
			ukplat_lcpu_halt_irq_until(deadline);
		ukplat_lcpu_enable_irq();
	}
}

int uk_sched_register(struct uk_sched *s, struct uk_alloc *a)
{
	struct uk_sched **p;

	if (!s || !a || !s->enqueue || !s->dequeue)
		return -EINVAL;
	s->a = a;
	uk_thread_list_init(&s->sleeping);
	uk_thread_list_init(&s->threads);
	uk_thread_list_init(&s->dead);
	s->idle = thread_alloc(s, "idle", CONFIG_LIBUKSCHED_IDLE_STACK_SIZE,
			       UK_THREAD_PRIO_MIN, idle_fn, s);
	if (!s->idle)
		return -ENOMEM;
	s->idle->flags |= UK_THREAD_IDLE | UK_THREAD_DETACHED;
	s->idle->state = UK_THREAD_RUNNABLE;
	/* The idle thread is not counted among the application's. */
	s->nthreads--;
	for (p = &sched_list; *p; p = &(*p)->next)
		;
	*p = s;
	return 0;
}

void uk_sched_start(struct uk_sched *s)
{
	struct uk_thread *first;

	UK_ASSERT(!uk_thread_cur);
	ukplat_lcpu_disable_irq();
	first = s->dequeue(s);
	if (!first)
		first = s->idle;
	uk_thread_cur = first;
	first->run_start = ukplat_monotonic_clock();
	if (s->start)
		s->start(s);
	if (s->switched)
		s->switched(s, first);
	ukplat_tlsp_set(first->tlsp);
	ukarch_ctx_switch(&boot_ctx, &first->ctx);
	UK_CRASH("the boot context was resumed\n");
}
