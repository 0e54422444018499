/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: the scheduler API. Threads (name, entry, argument, stack,
 * priority, TLS, errno), their life cycle (create, exit, join, detach),
 * yielding, sleeping, blocking and waking. A scheduler implementation
 * (ukschedcoop, ukschedpreempt) fills in the policy operations of a
 * struct uk_sched; the generic code here does everything else.
 *
 * Single logical CPU: mutual exclusion inside the scheduler is
 * "interrupts disabled". Several schedulers may be registered; each thread
 * belongs to one; ukboot starts the default one with the main thread.
 */
#ifndef __UK_SCHED_H__
#define __UK_SCHED_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/arch/ctx.h>

struct uk_alloc;
struct uk_sched;
struct uk_thread;

/* Intrusive doubly linked list of threads (one list at a time). */
struct uk_thread_link {
	struct uk_thread_link *next, *prev;
};

struct uk_thread_list {
	struct uk_thread_link head;
};

#define UK_THREAD_LIST_INIT(l) { { &(l).head, &(l).head } }

static inline void uk_thread_list_init(struct uk_thread_list *l)
{
	l->head.next = l->head.prev = &l->head;
}

static inline int uk_thread_list_empty(const struct uk_thread_list *l)
{
	return l->head.next == &l->head;
}

static inline void uk_thread_link_insert(struct uk_thread_link *n,
					 struct uk_thread_link *prev)
{
	n->prev = prev;
	n->next = prev->next;
	prev->next->prev = n;
	prev->next = n;
}

static inline void uk_thread_link_remove(struct uk_thread_link *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

enum uk_thread_state {
	UK_THREAD_RUNNABLE,	/* running or on a run queue */
	UK_THREAD_BLOCKED,	/* waiting for uk_thread_wake() or a deadline */
	UK_THREAD_EXITED,	/* finished, waiting to be joined or reaped */
};

#define UK_THREAD_DETACHED	0x1	/* nobody joins: reaped on exit */
#define UK_THREAD_IDLE		0x2	/* a scheduler's idle thread */
#define UK_THREAD_NOSTACK	0x4	/* stack not ours to free */
#define UK_THREAD_GUARD		0x8	/* lowest stack page is a guard page */

#define UK_THREAD_NAME_MAX	24

struct uk_thread {
	struct ukarch_ctx ctx;
	struct uk_thread_link rq;	/* run queue / sleep list link */
	struct uk_thread_link all;	/* the scheduler's list of threads */
	struct uk_sched *sched;
	enum uk_thread_state state;
	unsigned int flags;
	int prio;
	int err;			/* this thread's errno */
	char name[UK_THREAD_NAME_MAX];
	void (*entry)(void *arg);
	void *arg;
	void *retval;			/* given to uk_thread_exit() */
	void *stack;
	size_t stack_size;
	void *tls;			/* TLS area (allocation) */
	void *tlsp;			/* its thread pointer */
	uint64_t wakeup;		/* deadline while blocked, 0: none */
	int timed_out;			/* the deadline, not a wake, ended it */
	uint64_t cpu_ns;		/* CPU time used before this run */
	uint64_t run_start;		/* when it was last switched to */
	uint64_t slice_end;		/* preemptive schedulers: slice end */
	struct uk_thread *joiner;	/* thread blocked in uk_thread_join */
	void *priv;			/* for the layer above (pthreads) */
};

/* Priorities: higher runs first (preemptive scheduler only). */
#define UK_THREAD_PRIO_MIN	0
#define UK_THREAD_PRIO_DEFAULT	16
#define UK_THREAD_PRIO_MAX	31

/* Policy operations of a scheduler; all called with interrupts off. */
struct uk_sched {
	const char *name;
	/* @t became runnable (it is not the running thread). */
	void (*enqueue)(struct uk_sched *s, struct uk_thread *t);
	/* Take the next thread to run off the run queue, or NULL. */
	struct uk_thread *(*dequeue)(struct uk_sched *s);
	/*
	 * Optional: @t was just woken while @cur runs; return non-zero
	 * when @cur should give the CPU to it now.
	 */
	int (*preempts)(struct uk_sched *s, struct uk_thread *t,
			struct uk_thread *cur);
	/* Optional: called once when the scheduler starts running. */
	void (*start)(struct uk_sched *s);
	/* Optional: a thread is switched to (arm the time slice). */
	void (*switched)(struct uk_sched *s, struct uk_thread *t);

	/* Generic state, owned by uksched. */
	struct uk_alloc *a;
	struct uk_thread *idle;
	struct uk_thread_list sleeping;	/* blocked with deadline, sorted */
	struct uk_thread_list threads;	/* every live thread */
	struct uk_thread_list dead;	/* exited, stack to free */
	unsigned int nthreads;
	struct uk_sched *next;
	void *priv;
};

/*
 * Set up the generic part of @s (allocator @a for stacks and threads),
 * create its idle thread and register it; the first registered scheduler
 * is the default. Returns 0 or a negative errno.
 */
int uk_sched_register(struct uk_sched *s, struct uk_alloc *a);
struct uk_sched *uk_sched_default(void);
/* Make @s (registered) the one ukboot starts. */
void uk_sched_set_default(struct uk_sched *s);

/*
 * Start @s on this CPU: switch from the boot context to its first
 * thread. Never returns.
 */
__noreturn void uk_sched_start(struct uk_sched *s);

/* Non-zero once a scheduler runs (there is a current thread). */
int uk_sched_started(void);

/* The running thread, NULL before a scheduler started. */
extern struct uk_thread *uk_thread_cur;
static inline struct uk_thread *uk_thread_current(void)
{
	return uk_thread_cur;
}

/* Creation attributes; zero fields mean defaults. */
struct uk_thread_attr {
	size_t stack_size;		/* default CONFIG_LIBUKSCHED_STACK_SIZE */
	int prio;			/* 0: UK_THREAD_PRIO_DEFAULT */
	int detached;
};

/*
 * Create a runnable thread on @s (NULL: the default scheduler) running
 * entry(arg); returning from @entry exits the thread with NULL.
 * Returns the thread or NULL (out of memory, no scheduler).
 */
struct uk_thread *uk_thread_create(struct uk_sched *s, const char *name,
				   const struct uk_thread_attr *attr,
				   void (*entry)(void *arg), void *arg);
/* Called with every new thread once its TLS area is set up, before it
 * runs: where a C library puts its own per-thread state (lib/musl sets
 * it). NULL: nothing to do. */
extern void (*uk_thread_tls_hook)(struct uk_thread *t);

/* End the running thread with @retval for its joiner. */
__noreturn void uk_thread_exit(void *retval);

/*
 * Wait for @t to end and free it; *retval gets its exit value.
 * Returns 0, -EINVAL (detached, already joined), -EDEADLK (itself).
 */
int uk_thread_join(struct uk_thread *t, void **retval);
/* Nobody will join @t: it is freed as soon as it ends. 0 or -EINVAL. */
int uk_thread_detach(struct uk_thread *t);

void uk_thread_set_prio(struct uk_thread *t, int prio);

/* Give the CPU to another runnable thread, if any. */
void uk_sched_yield(void);

/* Sleep for @ns nanoseconds (0: just yield). */
void uk_sched_sleep_ns(uint64_t ns);
/* Sleep until the monotonic clock reaches @deadline_ns. */
void uk_sched_sleep_until(uint64_t deadline_ns);

/*
 * Blocking: mark the running thread blocked, optionally until the
 * monotonic deadline @deadline_ns (0: none), and switch away. The caller
 * must have interrupts disabled (so that a wake between deciding to block
 * and blocking is not lost) and gets them back disabled. Returns 1 when
 * the deadline ended the wait, 0 when uk_thread_wake() did.
 */
int uk_thread_block_until(uint64_t deadline_ns);
/* Make a blocked thread runnable (no-op otherwise). Any context. */
void uk_thread_wake(struct uk_thread *t);

/* CPU time the thread has used, in ns (the running one included). */
uint64_t uk_thread_cpu_ns(const struct uk_thread *t);

/*
 * For scheduler implementations: wake every sleeper whose deadline is
 * past, and return the earliest remaining deadline (0: none).
 */
uint64_t uk_sched_wake_expired(struct uk_sched *s, uint64_t now);
/* Switch to the next thread of the running thread's scheduler. IRQs off. */
void uk_sched_reschedule(void);

/*
 * Set by uk_thread_wake() (and timer handlers) when a woken thread should
 * run before the current one; uk_sched_preempt_point() then yields, if
 * interrupts are on.
 */
extern int uk_sched_need_resched;
void uk_sched_preempt_point(void);

#endif /* __UK_SCHED_H__ */
