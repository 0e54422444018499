/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-pthread: threads, once and keys. A pthread_t is a small block
 * beside the uk_thread (found through its priv pointer) holding the start
 * routine, the exit value and the thread-specific data.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/plat/lcpu.h>
#include <uk/sched.h>
#include <uk/syscall.h>

struct pthread {
	struct uk_thread *t;
	void *(*start)(void *arg);
	void *arg;
	const void *values[PTHREAD_KEYS_MAX];
};

static struct {
	int used;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

/* The allocator is not preemption-safe: keep the timer out. */
static void *p_alloc(void)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	void *p = calloc(1, sizeof(struct pthread));

	ukplat_lcpu_restore_irqf(flags);
	return p;
}

static void p_free(void *p)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	free(p);
	ukplat_lcpu_restore_irqf(flags);
}

static struct pthread *self_of(struct uk_thread *t)
{
	struct pthread *p = t->priv;

	if (!p) {
		/* A thread not made by pthread_create (main). */
		p = p_alloc();
		if (!p)
			return NULL;
		p->t = t;
		t->priv = p;
	}
	return p;
}

static void run_destructors(struct pthread *p)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int again = 0;

		for (int k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void *v = (void *)p->values[k];

			if (!v || !keys[k].used || !keys[k].destructor)
				continue;
			p->values[k] = NULL;
			keys[k].destructor(v);
			again = 1;
		}
		if (!again)
			break;
	}
}

static void pthread_entry(void *arg)
{
	struct pthread *p = arg;

	pthread_exit(p->start(p->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	struct uk_thread_attr ua = { 0 };
	unsigned long flags;
	struct pthread *p;

	if (!uk_sched_default())
		return EAGAIN;
	p = p_alloc();
	if (!p)
		return EAGAIN;
	p->start = start;
	p->arg = arg;
	if (attr) {
		ua.stack_size = attr->stacksize;
		ua.detached = attr->detachstate == PTHREAD_CREATE_DETACHED;
	}
	/* Keep the new thread from running before p->t is set. */
	flags = ukplat_lcpu_save_irqf();
	p->t = uk_thread_create(NULL, "pthread", &ua, pthread_entry, p);
	if (p->t)
		p->t->priv = p;
	ukplat_lcpu_restore_irqf(flags);
	if (!p->t) {
		p_free(p);
		return EAGAIN;
	}
	*thread = p;
	uk_sched_preempt_point();
	return 0;
}

void pthread_exit(void *retval)
{
	struct uk_thread *t = uk_thread_current();
	struct pthread *p = t ? t->priv : NULL;

	if (p) {
		run_destructors(p);
		if (t->flags & UK_THREAD_DETACHED) {
			t->priv = NULL;
			p_free(p);
		}
	}
	if (!t)
		exit(0);
	uk_thread_exit(retval);
}

int pthread_join(pthread_t thread, void **retval)
{
	int rc;

	if (!thread || !thread->t)
		return ESRCH;
	rc = uk_thread_join(thread->t, retval);
	if (rc)
		return -rc;
	p_free(thread);
	return 0;
}

int pthread_detach(pthread_t thread)
{
	struct uk_thread *t;
	unsigned long flags;
	int rc;

	if (!thread || !thread->t)
		return ESRCH;
	flags = ukplat_lcpu_save_irqf();
	t = thread->t;
	if (t->state == UK_THREAD_EXITED) {
		/* Ended already: uk_thread_detach frees it at once. */
		thread->t = NULL;
		p_free(thread);
	}
	rc = uk_thread_detach(t);
	ukplat_lcpu_restore_irqf(flags);
	return -rc;
}

pthread_t pthread_self(void)
{
	struct uk_thread *t = uk_thread_current();
	static struct pthread boot;

	return t ? self_of(t) : &boot;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->stacksize = 0;
	attr->detachstate = PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr __unused)
{
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stacksize ? attr->stacksize :
		CONFIG_LIBUKSCHED_STACK_SIZE;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detachstate;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, sched_yield)
{
	uk_sched_yield();
	return 0;
}

#define ONCE_RUNNING	1
#define ONCE_DONE	2

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	int expected = 0;

	if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	if (__atomic_compare_exchange_n(once, &expected, ONCE_RUNNING, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		fn();
		__atomic_store_n(once, ONCE_DONE, __ATOMIC_RELEASE);
		return 0;
	}
	/* Another thread runs fn: wait for it to finish. */
	while (__atomic_load_n(once, __ATOMIC_ACQUIRE) != ONCE_DONE)
		uk_sched_yield();
	return 0;
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!keys[k].used) {
			keys[k].used = 1;
			keys[k].destructor = destructor;
			ukplat_lcpu_restore_irqf(flags);
			*key = k;
			return 0;
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	keys[key].used = 0;
	keys[key].destructor = NULL;
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	pthread_t self = pthread_self();

	if (key >= PTHREAD_KEYS_MAX || !self)
		return NULL;
	return (void *)self->values[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	pthread_t self = pthread_self();

	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	if (!self)
		return ENOMEM;
	self->values[key] = value;
	return 0;
}
