/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Without a scheduler there is one thread: the thread calls musl makes
 * (thread.c has them with a scheduler). pthread_create fails with EAGAIN.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/types.h>
#include <uk/plat/bootstrap.h>
#include <uk/syscall.h>
UK_SYSCALL_R_DEFINE(pid_t, set_tid_address, int *, tidptr)
{
	(void)tidptr;
	return 1;
}

UK_SYSCALL_R_DEFINE(pid_t, gettid)
{
	return 1;
}

UK_SYSCALL_R_DEFINE(int, exit, int, status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}

int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	(void)func;
	(void)stack;
	(void)flags;
	(void)arg;
	return -ENOSYS;
}

void __unmapself(void *base, size_t size)
{
	(void)base;
	(void)size;
	ukplat_terminate(UKPLAT_HALT, 0);
}
