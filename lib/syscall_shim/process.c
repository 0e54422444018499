/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Identity of the one process a unikernel runs: it is process 1, started
 * by nobody (parent 0), and it has one session and process group.
 */
#include <sys/types.h>
#include <uk/syscall.h>

UK_SYSCALL_R_DEFINE(pid_t, getpid)
{
	return 1;
}

UK_SYSCALL_R_DEFINE(pid_t, getppid)
{
	return 0;
}
