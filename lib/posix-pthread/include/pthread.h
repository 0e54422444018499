/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-pthread: POSIX threads on uksched and uklock: threads and their
 * attributes, mutexes (normal, recursive, error-checking), condition
 * variables, once, keys, read-write locks.
 */
#ifndef __PTHREAD_H__
#define __PTHREAD_H__

#include <sched.h>
#include <stddef.h>
#include <time.h>
#include <uk/condvar.h>
#include <uk/mutex.h>
#include <uk/rwlock.h>

typedef struct pthread *pthread_t;

typedef struct {
	size_t stacksize;
	int detachstate;
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE	0
#define PTHREAD_CREATE_DETACHED	1
#define PTHREAD_STACK_MIN	16384
#define PTHREAD_KEYS_MAX	64
#define PTHREAD_DESTRUCTOR_ITERATIONS 4

#define PTHREAD_MUTEX_NORMAL	0
#define PTHREAD_MUTEX_RECURSIVE	1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	PTHREAD_MUTEX_NORMAL

typedef struct {
	int type;
} pthread_mutexattr_t;

typedef struct {
	struct uk_mutex m;
	int type;
} pthread_mutex_t;

#define PTHREAD_MUTEX_INITIALIZER					\
	{ { 0, 0, 0, { { NULL, NULL } } }, PTHREAD_MUTEX_NORMAL }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP				\
	{ { 0, 0, 1, { { NULL, NULL } } }, PTHREAD_MUTEX_RECURSIVE }

typedef struct {
	clockid_t clock;
} pthread_condattr_t;

typedef struct {
	struct uk_condvar c;
	clockid_t clock;
} pthread_cond_t;

#define PTHREAD_COND_INITIALIZER { { { { NULL, NULL } } }, CLOCK_REALTIME }

typedef struct {
	int dummy;
} pthread_rwlockattr_t;

typedef struct {
	struct uk_rwlock l;
} pthread_rwlock_t;

#define PTHREAD_RWLOCK_INITIALIZER					\
	{ { 0, 0, 0, { { NULL, NULL } }, { { NULL, NULL } } } }

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

typedef unsigned int pthread_key_t;

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **retval);
int pthread_detach(pthread_t thread);
__attribute__((noreturn)) void pthread_exit(void *retval);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);
int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *m,
			    const struct timespec *abstime);
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a);
int pthread_rwlock_destroy(pthread_rwlock_t *l);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *l);
int pthread_rwlock_unlock(pthread_rwlock_t *l);

int pthread_once(pthread_once_t *once, void (*fn)(void));

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#endif /* __PTHREAD_H__ */
