/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's threads on uksched: __clone (musl's is assembly around the clone
 * system call) makes a uksched thread that switches to the thread pointer
 * musl prepared, and the system calls musl's pthreads use: exit, futex,
 * set_tid_address, gettid, sched_yield. musl's pthread code runs
 * unchanged on top.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "futex.h"	/* musl's internal FUTEX_* numbers */
#include <sys/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/config.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/wait.h>
#include "musl_glue.h"

/* What a thread started by __clone needs besides its uksched thread. */
struct musl_thread {
	int (*func)(void *);
	void *arg;
	void *tp;		/* musl's struct pthread */
	void *own_tp;		/* the TLS area uksched gave the thread */
	int tid;
	int *clear_tid;		/* CLONE_CHILD_CLEARTID / set_tid_address */
};

static int next_tid = 2;	/* 1: the thread running main() */

int uk_musl_new_tid(void)
{
	return __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
}

static struct musl_thread *current_mt(void)
{
	struct uk_thread *t = uk_thread_current();

	return t ? t->priv : NULL;
}

/* ---- futex: one list of waiters, each with its own wait queue ---------- */
struct futex_waiter {
	volatile int *uaddr;
	struct uk_waitq wq;
	int woken;
	struct futex_waiter *next;
};

static struct futex_waiter *futex_waiters;

static long futex_wait(volatile int *uaddr, int val,
		       const struct timespec *timeout)
{
	struct futex_waiter w = { .uaddr = uaddr };
	struct futex_waiter **pp;
	uint64_t deadline = 0;
	unsigned long flags;

	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
		    timeout->tv_nsec >= 1000000000L)
			return -EINVAL;
		deadline = ukplat_monotonic_clock() +
			   (uint64_t)timeout->tv_sec * 1000000000ULL +
			   (uint64_t)timeout->tv_nsec;
	}
	uk_waitq_init(&w.wq);
	flags = ukplat_lcpu_save_irqf();
	if (*uaddr != val) {
		ukplat_lcpu_restore_irqf(flags);
		return -EAGAIN;
	}
	w.next = futex_waiters;
	futex_waiters = &w;
	while (!w.woken)
		if (uk_waitq_wait_locked(&w.wq, deadline))
			break;
	if (!w.woken) {
		for (pp = &futex_waiters; *pp; pp = &(*pp)->next) {
			if (*pp == &w) {
				*pp = w.next;
				break;
			}
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return w.woken ? 0 : -ETIMEDOUT;
}

/* Wake up to @n waiters on @uaddr; move up to @nmove more to @to. */
static long futex_wake_requeue(volatile int *uaddr, int n,
			       volatile int *to, int nmove)
{
	struct futex_waiter **pp = &futex_waiters, *w;
	unsigned long flags;
	int woken = 0;

	flags = ukplat_lcpu_save_irqf();
	while ((w = *pp)) {
		if (w->uaddr != uaddr) {
			pp = &w->next;
		} else if (woken < n) {
			*pp = w->next;
			w->woken = 1;
			uk_waitq_wake(&w->wq, 1);
			woken++;
		} else if (to && nmove > 0) {
			w->uaddr = to;
			nmove--;
			pp = &w->next;
		} else {
			break;
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return woken;
}

UK_SYSCALL_R_DEFINE(long, futex, int *, uaddr, int, op, int, val,
		    const struct timespec *, timeout, int *, uaddr2, int, val3)
{
	(void)val3;
	switch (op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME)) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, timeout);
	case FUTEX_WAKE:
		return futex_wake_requeue(uaddr, val, NULL, 0);
	case FUTEX_REQUEUE:
		/* The fourth argument is a count here, not a time. */
		return futex_wake_requeue(uaddr, val, uaddr2,
					  (int)(intptr_t)timeout);
	default:
		return -ENOSYS;
	}
}

/* ---- thread creation and exit ---------------------------------------- */
static void clone_entry(void *arg)
{
	struct musl_thread *mt = arg;
	struct uk_thread *t = uk_thread_current();

	mt->own_tp = t->tlsp;
	t->priv = mt;
	/* The scheduler restores t->tlsp on every switch: set it first. */
	t->tlsp = mt->tp;
	ukplat_tlsp_set(mt->tp);
	uk_syscall_r_exit(mt->func(mt->arg));
}

/*
 * musl's __clone(func, stack, flags, arg, ptid, tls, ctid) for threads
 * (CLONE_VM|CLONE_THREAD|CLONE_SETTLS...): the new thread runs on a
 * uksched stack, so @stack is not used; musl's start arguments live
 * there but are reached through @arg.
 */
int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	struct uk_thread_attr attr = { .detached = 1 };
	struct musl_thread *mt;
	int *ptid, *ctid;
	void *tls;
	va_list ap;

	(void)stack;
	va_start(ap, arg);
	ptid = va_arg(ap, int *);
	tls = va_arg(ap, void *);
	ctid = va_arg(ap, int *);
	va_end(ap);
	if (!(flags & CLONE_VM) || !(flags & CLONE_THREAD) ||
	    !(flags & CLONE_SETTLS))
		return -ENOSYS;	/* no processes to fork */
	mt = malloc(sizeof(*mt));
	if (!mt)
		return -EAGAIN;
	mt->func = func;
	mt->arg = arg;
	mt->tp = tls;
	mt->tid = uk_musl_new_tid();
	mt->clear_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : NULL;
	/* Before the thread can run: it may read its tid at once. */
	if (flags & CLONE_PARENT_SETTID)
		*ptid = mt->tid;
	if (!uk_thread_create(NULL, "musl", &attr, clone_entry, mt)) {
		free(mt);
		return -EAGAIN;
	}
	return mt->tid;
}

/* Back on the TLS area uksched allocated, so musl's may go away. */
static void leave_musl_tls(struct musl_thread *mt)
{
	struct uk_thread *t = uk_thread_current();

	t->tlsp = mt->own_tp;
	ukplat_tlsp_set(mt->own_tp);
}

/* Thread exit: like Linux, clear and wake the registered tid word. */
UK_SYSCALL_R_DEFINE(int, exit, int, status)
{
	struct musl_thread *mt = current_mt();
	struct uk_thread *t = uk_thread_current();

	if (!t)
		ukplat_terminate(UKPLAT_HALT, status);
	if (mt) {
		leave_musl_tls(mt);
		if (mt->clear_tid) {
			__atomic_store_n(mt->clear_tid, 0, __ATOMIC_SEQ_CST);
			futex_wake_requeue(mt->clear_tid, 1, NULL, 0);
		}
		t->priv = NULL;
		free(mt);
	}
	uk_thread_exit(NULL);
}

/* A detached thread ending: its struct pthread and stack go with it. */
void __unmapself(void *base, size_t size)
{
	struct musl_thread *mt = current_mt();

	if (mt)
		leave_musl_tls(mt);
	uk_syscall_static_r(SYS_munmap, (long)base, (long)size, 0, 0, 0, 0);
	uk_syscall_r_exit(0);
	__builtin_unreachable();
}

UK_SYSCALL_R_DEFINE(pid_t, set_tid_address, int *, tidptr)
{
	struct musl_thread *mt = current_mt();

	if (!mt)
		return 1;
	mt->clear_tid = tidptr;
	return mt->tid;
}

UK_SYSCALL_R_DEFINE(pid_t, gettid)
{
	struct musl_thread *mt = current_mt();

	return mt ? mt->tid : 1;
}

/* One CPU runs every thread: a compiler and CPU barrier is enough. */
UK_SYSCALL_R_DEFINE(int, membarrier, int, cmd, unsigned int, flags)
{
	if (flags)
		return -EINVAL;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* MEMBARRIER_CMD_QUERY: the global and private commands. */
	return cmd == 0 ? 1 | 8 | 16 : 0;
}

UK_SYSCALL_R_DEFINE(int, sched_yield)
{
	uk_sched_yield();
	return 0;
}
