/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: per-thread errno. Overrides nolibc's weak
 * __uk_errno_location(); before a scheduler runs, one shared location.
 */
#include <errno.h>
#include <uk/sched.h>

static int boot_errno;

int *__uk_errno_location(void)
{
	struct uk_thread *t = uk_thread_current();

	return t ? &t->err : &boot_errno;
}
