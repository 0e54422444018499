/* SPDX-License-Identifier: BSD-3-Clause */
/* uklock: counting semaphores; down() sleeps while the count is 0. */
#ifndef __UK_SEMAPHORE_H__
#define __UK_SEMAPHORE_H__

#include <stdint.h>
#include <uk/wait.h>

struct uk_semaphore {
	long count;
	struct uk_waitq wq;
};

void uk_semaphore_init(struct uk_semaphore *s, long count);
void uk_semaphore_down(struct uk_semaphore *s);
/* 0, or -ETIMEDOUT when the monotonic @deadline_ns passed first. */
int uk_semaphore_down_deadline(struct uk_semaphore *s, uint64_t deadline_ns);
/* Returns non-zero when the count was taken. */
int uk_semaphore_down_try(struct uk_semaphore *s);
void uk_semaphore_up(struct uk_semaphore *s);

#endif /* __UK_SEMAPHORE_H__ */
