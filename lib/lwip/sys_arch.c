/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip's system layer (sys_arch) on Tessera: threads are uksched threads,
 * semaphores and mutexes come from uklock, mailboxes from ukmpi, the
 * clock from ukplat_monotonic_clock(); lightweight protection turns
 * interrupts off (one CPU), which also keeps a preemptive scheduler out.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include "lwip/opt.h"
#include "lwip/sys.h"

#define NS_PER_MS	1000000ULL

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(ukplat_monotonic_clock() / NS_PER_MS);
}

sys_prot_t sys_arch_protect(void)
{
	return ukplat_lcpu_save_irqf();
}

void sys_arch_unprotect(sys_prot_t pval)
{
	ukplat_lcpu_restore_irqf(pval);
}

/* Milliseconds since @start (ns), at least 0. */
static u32_t ms_since(uint64_t start)
{
	return (u32_t)((ukplat_monotonic_clock() - start) / NS_PER_MS);
}

/* ---- semaphores ---- */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	uk_semaphore_init(&sem->sem, count);
	sem->valid = 1;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = 0;
}

void sys_sem_signal(sys_sem_t *sem)
{
	uk_semaphore_up(&sem->sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = ukplat_monotonic_clock();

	if (!timeout) {
		uk_semaphore_down(&sem->sem);
	} else if (uk_semaphore_down_deadline(&sem->sem,
				start + timeout * NS_PER_MS) < 0) {
		return SYS_ARCH_TIMEOUT;
	}
	return ms_since(start);
}

/* ---- mutexes ---- */

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	uk_mutex_init(&mutex->mtx);
	mutex->valid = 1;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	mutex->valid = 0;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	uk_mutex_lock(&mutex->mtx);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	uk_mutex_unlock(&mutex->mtx);
}

/* ---- mailboxes ---- */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	*mbox = uk_mbox_create(uk_alloc_get_default(),
			       size > 0 ? (size_t)size : 128);
	return *mbox ? ERR_OK : ERR_MEM;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	if (*mbox)
		uk_mbox_free(uk_alloc_get_default(), *mbox);
	*mbox = NULL;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	uk_mbox_post(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	return uk_mbox_post_try(*mbox, msg) < 0 ? ERR_MEM : ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = ukplat_monotonic_clock();
	void *m;

	if (!timeout) {
		m = uk_mbox_fetch(*mbox);
	} else if (uk_mbox_fetch_to(*mbox, &m, timeout * NS_PER_MS) < 0) {
		return SYS_ARCH_TIMEOUT;
	}
	if (msg)
		*msg = m;
	return ms_since(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (uk_mbox_fetch_try(*mbox, &m) < 0)
		return SYS_MBOX_EMPTY;
	if (msg)
		*msg = m;
	return 0;
}

/* ---- threads ---- */

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn thread,
			    void *arg, int stacksize, int prio)
{
	struct uk_thread_attr attr = {
		.stack_size = stacksize > 0 ? (size_t)stacksize : 0,
		.prio = prio,
		.detached = 1,
	};
	struct uk_thread *t;

	t = uk_thread_create(NULL, name, &attr, thread, arg);
	LWIP_ASSERT("sys_thread_new: cannot create a thread", t != NULL);
	return t;
}
