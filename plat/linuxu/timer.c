/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: the one-shot timer interrupt. A POSIX timer on the host's
 * monotonic clock sends LINUXU_SIGIRQ at the deadline; the signal handler
 * hands it to the lazy interrupt flag in lcpu.c, which calls the handler a
 * library registered with ukplat_timer_set_handler().
 */
#include <errno.h>
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/plat/time.h>
#include <linuxu/syscall.h>
#include "lcpu.h"

#define SIGEV_SIGNAL	0
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000

struct linuxu_sigevent {
	long value;
	int signo;
	int notify;
	int pad[12];
};

struct linuxu_itimerspec {
	struct linuxu_timespec interval;
	struct linuxu_timespec value;
};

struct linuxu_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

void linuxu_sigreturn(void);

/* A handler that may switch to another thread needs @nodefer: without
 * it the host would keep the signal blocked meanwhile (the lazy flag
 * already keeps handlers from nesting). */
int linuxu_irq_signal(int sig, void (*fn)(int, void *, void *), int nodefer)
{
	struct linuxu_sigaction sa = {
		.handler = fn,
		.flags = SA_SIGINFO | SA_RESTORER | SA_RESTART |
			 (nodefer ? SA_NODEFER : 0),
		.restorer = linuxu_sigreturn,
	};

	return (int)linuxu_syscall6(__NR_rt_sigaction, sig, (long)&sa, 0,
				    sizeof(sa.mask), 0, 0);
}

static void (*timer_fn)(void *arg);
static void *timer_arg;
static int timer_id = -1;

static void on_signal(int sig __unused, void *info __unused,
		      void *uctx __unused)
{
	linuxu_irq_raise();
}

void linuxu_timer_irq(void)
{
	if (timer_fn)
		timer_fn(timer_arg);
}

int ukplat_timer_set_handler(void (*fn)(void *arg), void *arg)
{
	struct linuxu_sigevent sev = {
		.signo = LINUXU_SIGIRQ,
		.notify = SIGEV_SIGNAL,
	};
	long rc;

	if (timer_id < 0) {
		rc = linuxu_syscall(__NR_timer_create, LINUXU_CLOCK_MONOTONIC,
				    &sev, &timer_id);
		if (rc < 0)
			return (int)rc;
		rc = linuxu_irq_signal(LINUXU_SIGIRQ, on_signal, 1);
		if (rc < 0)
			return (int)rc;
	}
	timer_arg = arg;
	timer_fn = fn;
	return 0;
}

void ukplat_timer_arm(uint64_t deadline_ns)
{
	struct linuxu_itimerspec its = {
		.value = {
			.tv_sec = (long)(deadline_ns / UKPLAT_NSEC_PER_SEC),
			.tv_nsec = (long)(deadline_ns % UKPLAT_NSEC_PER_SEC),
		},
	};

	if (timer_id < 0)
		return;
	/* A deadline of 0 disarms the timer, as the host does. */
	linuxu_syscall6(__NR_timer_settime, timer_id, LINUXU_TIMER_ABSTIME,
			(long)&its, 0, 0, 0);
}
