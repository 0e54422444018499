/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one process: its end (newlib's exit() has run the atexit handlers,
 * ukboot registers the .fini_array as one, and flushed stdio) and
 * sigaction(), which newlib does not have.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <uk/plat/bootstrap.h>

void _exit(int status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}

static struct sigaction sigactions[NSIG];

/*
 * Handlers are recorded, so sigaction() reads back what was set, but
 * never called: nothing raises a signal in a unikernel (raise() and
 * abort() use newlib's signal() table and end the image).
 */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (sig < 1 || sig >= NSIG ||
	    (act && (sig == SIGKILL || sig == SIGSTOP))) {
		errno = EINVAL;
		return -1;
	}
	if (old)
		*old = sigactions[sig];
	if (act)
		sigactions[sig] = *act;
	return 0;
}
