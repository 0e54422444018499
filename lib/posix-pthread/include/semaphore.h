/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-pthread: unnamed POSIX semaphores on uklock's semaphores. */
#ifndef __SEMAPHORE_H__
#define __SEMAPHORE_H__

#include <time.h>
#include <uk/semaphore.h>

typedef struct {
	struct uk_semaphore s;
} sem_t;

#define SEM_VALUE_MAX	0x7fffffff

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);

#endif /* __SEMAPHORE_H__ */
