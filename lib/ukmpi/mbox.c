/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmpi: mailboxes: a ring of pointers between two counting semaphores
 * (free slots, posted messages); the ring indices change with interrupts
 * off. The ring keeps its own count: a fetcher that has taken a message's
 * semaphore but not yet the message (preempted in between) still has it
 * in the ring, where the semaphore no longer counts it.
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/mbox.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>

struct uk_mbox *uk_mbox_create(struct uk_alloc *a, size_t size)
{
	struct uk_mbox *m;

	if (!size)
		return NULL;
	m = uk_malloc(a, sizeof(*m) + size * sizeof(void *));
	if (!m)
		return NULL;
	m->size = size;
	m->head = 0;
	m->queued = 0;
	uk_semaphore_init(&m->free, (long)size);
	uk_semaphore_init(&m->used, 0);
	return m;
}

void uk_mbox_free(struct uk_alloc *a, struct uk_mbox *m)
{
	uk_free(a, m);
}

static uint64_t deadline(uint64_t timeout_ns)
{
	return ukplat_monotonic_clock() + (timeout_ns ? timeout_ns : 1);
}

static void put(struct uk_mbox *m, void *msg)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	m->msgs[(m->head + m->queued++) % m->size] = msg;
	/* Publish the slot and wake a fetcher in the same section. */
	uk_semaphore_up(&m->used);
	ukplat_lcpu_restore_irqf(flags);
}

static void *take(struct uk_mbox *m)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	void *msg = m->msgs[m->head];

	m->head = (m->head + 1) % m->size;
	m->queued--;
	uk_semaphore_up(&m->free);
	ukplat_lcpu_restore_irqf(flags);
	return msg;
}

void uk_mbox_post(struct uk_mbox *m, void *msg)
{
	uk_semaphore_down(&m->free);
	put(m, msg);
}

int uk_mbox_post_try(struct uk_mbox *m, void *msg)
{
	if (!uk_semaphore_down_try(&m->free))
		return -EAGAIN;
	put(m, msg);
	return 0;
}

int uk_mbox_post_to(struct uk_mbox *m, void *msg, uint64_t timeout_ns)
{
	int rc = uk_semaphore_down_deadline(&m->free, deadline(timeout_ns));

	if (rc)
		return rc;
	put(m, msg);
	return 0;
}

void *uk_mbox_fetch(struct uk_mbox *m)
{
	uk_semaphore_down(&m->used);
	return take(m);
}

int uk_mbox_fetch_try(struct uk_mbox *m, void **msg)
{
	if (!uk_semaphore_down_try(&m->used))
		return -EAGAIN;
	*msg = take(m);
	return 0;
}

int uk_mbox_fetch_to(struct uk_mbox *m, void **msg, uint64_t timeout_ns)
{
	int rc = uk_semaphore_down_deadline(&m->used, deadline(timeout_ns));

	if (rc)
		return rc;
	*msg = take(m);
	return 0;
}
