/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process-level system calls musl makes on its own (start-up, exit,
 * signal masks around thread creation), for the one process a unikernel
 * runs. Thread calls are in thread.c (with a scheduler) or nothread.c.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <uk/config.h>
#include <uk/plat/bootstrap.h>
#include <uk/syscall.h>

/* After musl's exit() ran atexit handlers and flushed stdio. */
UK_SYSCALL_R_DEFINE(int, exit_group, int, status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}

/* No signal is ever delivered: every mask is as good as another. */
UK_SYSCALL_R_DEFINE(int, rt_sigprocmask, int, how, const sigset_t *, set,
		    sigset_t *, old, size_t, size)
{
	(void)set;
	if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (size != _NSIG / 8)
		return -EINVAL;
	if (old)
		sigemptyset(old);
	return 0;
}


/* The kernel's struct sigaction, as musl passes it (mask of _NSIG bits). */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static struct ksigaction sigactions[_NSIG];

/*
 * Handlers are recorded, so sigaction() reads back what was set, but
 * never called: nothing raises a signal in a unikernel.
 */
UK_SYSCALL_R_DEFINE(int, rt_sigaction, int, sig,
		    const struct ksigaction *, act, struct ksigaction *, old,
		    size_t, size)
{
	if (size != sizeof(sigactions[0].mask))
		return -EINVAL;
	if (sig < 1 || sig >= _NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (old)
		*old = sigactions[sig];
	if (act)
		sigactions[sig] = *act;
	return 0;
}
