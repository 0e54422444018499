/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmpi: bounded mailboxes of pointers between threads. Posting waits
 * while the box is full, fetching while it is empty; each has a "try"
 * (never waits: -EAGAIN) and a timeout variant (-ETIMEDOUT).
 */
#ifndef __UK_MBOX_H__
#define __UK_MBOX_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/semaphore.h>

struct uk_alloc;

struct uk_mbox {
	size_t size;
	size_t head;			/* next slot to fetch */
	size_t queued;			/* messages in the ring */
	struct uk_semaphore free;	/* free slots */
	struct uk_semaphore used;	/* posted messages */
	void *msgs[];
};

/* A mailbox for @size messages (> 0), or NULL. */
struct uk_mbox *uk_mbox_create(struct uk_alloc *a, size_t size);
void uk_mbox_free(struct uk_alloc *a, struct uk_mbox *m);

void uk_mbox_post(struct uk_mbox *m, void *msg);
int uk_mbox_post_try(struct uk_mbox *m, void *msg);
/* Wait at most @timeout_ns; 0 or -ETIMEDOUT. */
int uk_mbox_post_to(struct uk_mbox *m, void *msg, uint64_t timeout_ns);

void *uk_mbox_fetch(struct uk_mbox *m);
int uk_mbox_fetch_try(struct uk_mbox *m, void **msg);
int uk_mbox_fetch_to(struct uk_mbox *m, void **msg, uint64_t timeout_ns);

#endif /* __UK_MBOX_H__ */
