/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-pthread: mutexes, condition variables, read-write locks and
 * semaphores on uklock, with the error numbers POSIX specifies.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <uk/plat/time.h>

/* Monotonic deadline for an absolute time on @clock; 0 if invalid. */
static int to_deadline(clockid_t clock, const struct timespec *abs,
		       uint64_t *deadline)
{
	int64_t want, now;

	if (!abs || abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000L)
		return EINVAL;
	want = (int64_t)abs->tv_sec * 1000000000LL + abs->tv_nsec;
	now = clock == CLOCK_MONOTONIC ? (int64_t)ukplat_monotonic_clock() :
		(int64_t)ukplat_wall_clock();
	*deadline = ukplat_monotonic_clock() + (want > now ? want - now : 0);
	/* A deadline already reached still tries once. */
	if (*deadline == 0)
		*deadline = 1;
	return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr __unused)
{
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	m->type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;
	uk_mutex_init_config(&m->m, m->type == PTHREAD_MUTEX_RECURSIVE);
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return uk_mutex_is_locked(&m->m) ? EBUSY : 0;
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
	uint64_t deadline = 0;
	int rc;

	if (m->type == PTHREAD_MUTEX_ERRORCHECK && uk_mutex_held(&m->m))
		return EDEADLK;
	if (abs) {
		rc = to_deadline(CLOCK_REALTIME, abs, &deadline);
		if (rc)
			return rc;
	}
	return -uk_mutex_lock_deadline(&m->m, deadline);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return pthread_mutex_timedlock(m, NULL);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return uk_mutex_trylock(&m->m) ? 0 : EBUSY;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->type != PTHREAD_MUTEX_NORMAL && !uk_mutex_held(&m->m))
		return EPERM;
	uk_mutex_unlock(&m->m);
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->clock = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr __unused)
{
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->clock = clock;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	uk_condvar_init(&c->c);
	c->clock = attr ? attr->clock : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return uk_waitq_empty(&c->c.wq) ? 0 : EBUSY;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	if (m->type != PTHREAD_MUTEX_NORMAL && !uk_mutex_held(&m->m))
		return EPERM;
	uk_condvar_wait(&c->c, &m->m);
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abs)
{
	uint64_t deadline;
	int rc = to_deadline(c->clock, abs, &deadline);

	if (rc)
		return rc;
	if (m->type != PTHREAD_MUTEX_NORMAL && !uk_mutex_held(&m->m))
		return EPERM;
	return -uk_condvar_wait_deadline(&c->c, &m->m, deadline);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	uk_condvar_signal(&c->c);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	uk_condvar_broadcast(&c->c);
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *l,
			const pthread_rwlockattr_t *a __unused)
{
	uk_rwlock_init(&l->l);
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	return (l->l.readers || l->l.writer) ? EBUSY : 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	uk_rwlock_rlock(&l->l);
	return 0;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	if (l->l.writer == uk_mutex_self())
		return EDEADLK;
	uk_rwlock_wlock(&l->l);
	return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	return uk_rwlock_tryrlock(&l->l) ? 0 : EBUSY;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	return uk_rwlock_trywlock(&l->l) ? 0 : EBUSY;
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	if (!l->l.readers && l->l.writer != uk_mutex_self())
		return EPERM;
	uk_rwlock_unlock(&l->l);
	return 0;
}

int sem_init(sem_t *sem, int pshared __unused, unsigned int value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	uk_semaphore_init(&sem->s, (long)value);
	return 0;
}

int sem_destroy(sem_t *sem __unused)
{
	return 0;
}

int sem_wait(sem_t *sem)
{
	uk_semaphore_down(&sem->s);
	return 0;
}

int sem_trywait(sem_t *sem)
{
	if (uk_semaphore_down_try(&sem->s))
		return 0;
	errno = EAGAIN;
	return -1;
}

int sem_timedwait(sem_t *sem, const struct timespec *abs)
{
	uint64_t deadline;
	int rc = to_deadline(CLOCK_REALTIME, abs, &deadline);

	if (!rc)
		rc = -uk_semaphore_down_deadline(&sem->s, deadline);
	if (rc) {
		errno = rc;
		return -1;
	}
	return 0;
}

int sem_post(sem_t *sem)
{
	uk_semaphore_up(&sem->s);
	return 0;
}

int sem_getvalue(sem_t *sem, int *value)
{
	*value = (int)(sem->s.count > 0 ? sem->s.count : 0);
	return 0;
}
