/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process-level system calls musl makes on its own (start-up, exit)
 * for the one process a unikernel runs. Thread calls are in thread.c
 * (with a scheduler) or nothread.c; signals (rt_sigaction,
 * rt_sigprocmask, ...) are lib/posix-signal's.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/config.h>
#include <uk/plat/bootstrap.h>
#include <uk/syscall.h>

/* After musl's exit() ran atexit handlers and flushed stdio. */
UK_SYSCALL_R_DEFINE(int, exit_group, int, status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}
