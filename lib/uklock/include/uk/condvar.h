/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: condition variables over uk_mutex. As in POSIX, wake-ups may be
 * spurious: wait in a loop that re-checks the condition.
 */
#ifndef __UK_CONDVAR_H__
#define __UK_CONDVAR_H__

#include <stdint.h>
#include <uk/mutex.h>
#include <uk/wait.h>

struct uk_condvar {
	struct uk_waitq wq;
};

void uk_condvar_init(struct uk_condvar *c);
/* Release @m, wait for a signal, take @m again. */
void uk_condvar_wait(struct uk_condvar *c, struct uk_mutex *m);
/* As above; -ETIMEDOUT when the monotonic @deadline_ns passed first. */
int uk_condvar_wait_deadline(struct uk_condvar *c, struct uk_mutex *m,
			     uint64_t deadline_ns);
void uk_condvar_signal(struct uk_condvar *c);
void uk_condvar_broadcast(struct uk_condvar *c);

#endif /* __UK_CONDVAR_H__ */
