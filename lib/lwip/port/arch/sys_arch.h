/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip system layer types for Tessera: semaphores and mutexes from
 * uklock, mailboxes from ukmpi, threads from uksched (sys_arch.c).
 */
#ifndef __LWIP_ARCH_SYS_ARCH_H__
#define __LWIP_ARCH_SYS_ARCH_H__

#include <uk/semaphore.h>
#include <uk/mutex.h>
#include <uk/mbox.h>
#include <uk/sched.h>

typedef struct {
	struct uk_semaphore sem;
	int valid;
} sys_sem_t;

typedef struct {
	struct uk_mutex mtx;
	int valid;
} sys_mutex_t;

typedef struct uk_mbox *sys_mbox_t;
typedef struct uk_thread *sys_thread_t;
typedef unsigned long sys_prot_t;

#define sys_sem_valid(s)		((s)->valid)
#define sys_sem_set_invalid(s)		((s)->valid = 0)
#define sys_mutex_valid(m)		((m)->valid)
#define sys_mutex_set_invalid(m)	((m)->valid = 0)
#define sys_mbox_valid(m)		(*(m) != NULL)
#define sys_mbox_set_invalid(m)		(*(m) = NULL)

#define SYS_MBOX_NULL			NULL
#define SYS_SEM_NULL			NULL

#endif /* __LWIP_ARCH_SYS_ARCH_H__ */
