/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX functions newlib declares but leaves to the system: stream locks
 * on newlib's own per-stream locks, and the process calls a unikernel
 * cannot honour (there is no shell and no second process).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/lock.h>

void flockfile(FILE *fp)
{
	_flockfile(fp);
}

/* 0 when taken; lib/newlib/lock.c's try-acquire is 1 when taken. */
int ftrylockfile(FILE *fp)
{
	if (fp->_flags & __SSTR)
		return 0;
	return __retarget_lock_try_acquire_recursive(fp->_lock) ? 0 : -1;
}

void funlockfile(FILE *fp)
{
	_funlockfile(fp);
}

/* No command processor: system(NULL) says so, anything else fails. */
int system(const char *cmd)
{
	if (!cmd)
		return 0;
	errno = ENOSYS;
	return -1;
}

FILE *popen(const char *cmd, const char *mode)
{
	(void)cmd;
	(void)mode;
	errno = ENOSYS;
	return NULL;
}

int pclose(FILE *fp)
{
	(void)fp;
	errno = ECHILD;
	return -1;
}
