/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-signal: ITIMER_REAL (setitimer, getitimer, alarm). A kernel
 * thread, created at the first arming, sleeps until the deadline and
 * raises SIGALRM for the process; intervals skip the periods that were
 * missed, as Linux's do. Needs a running scheduler: without one there
 * is nothing to wake up at the deadline, so arming gives ENOSYS.
 * ITIMER_VIRTUAL and ITIMER_PROF (CPU-time timers) are refused with
 * EINVAL.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/config.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/signal.h>
#include <uk/syscall.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif
#include "signal_impl.h"

#define USEC	1000ULL

static uint64_t deadline;	/* monotonic ns, 0: disarmed */
static uint64_t interval;	/* ns, 0: one-shot */

#if CONFIG_LIBUKSCHED
static struct uk_thread *timer_thread;

static void timer_main(void *arg)
{
	unsigned long flags;
	uint64_t now;

	(void)arg;
	uk_signal_block_all();
	for (;;) {
		flags = ukplat_lcpu_save_irqf();
		now = ukplat_monotonic_clock();
		if (!deadline || now < deadline) {
			uk_thread_block_until(deadline);
			ukplat_lcpu_restore_irqf(flags);
			continue;
		}
		if (interval) {
			/* The next period after now; missed ones merge. */
			deadline += ((now - deadline) / interval + 1) *
				    interval;
		} else {
			deadline = 0;
		}
		ukplat_lcpu_restore_irqf(flags);
		uk_signal_raise(UK_SIGALRM, UK_SI_KERNEL);
	}
}
#endif

static int tv_valid(const struct uk_itimer_tv *tv)
{
	return tv->sec >= 0 && tv->usec >= 0 && tv->usec < 1000000;
}

static uint64_t tv_ns(const struct uk_itimer_tv *tv)
{
	return (uint64_t)tv->sec * UKPLAT_NSEC_PER_SEC +
	       (uint64_t)tv->usec * USEC;
}

static void ns_tv(uint64_t ns, struct uk_itimer_tv *tv)
{
	/* Round up, so that an armed timer never reads as 0. */
	ns = (ns + USEC - 1) / USEC;
	tv->sec = (long)(ns / 1000000);
	tv->usec = (long)(ns % 1000000);
}

/* The current setting; IRQs off. */
static void itimer_get(struct uk_itimerval *v)
{
	uint64_t now = ukplat_monotonic_clock();

	ns_tv(interval, &v->interval);
	ns_tv(deadline > now ? deadline - now : (deadline ? 1 : 0), &v->value);
}

static int itimer_set(const struct uk_itimerval *nv, struct uk_itimerval *ov)
{
	unsigned long flags;
	uint64_t value;

	if (!tv_valid(&nv->value) || !tv_valid(&nv->interval))
		return -EINVAL;
	value = tv_ns(&nv->value);
#if CONFIG_LIBUKSCHED
	if (value && !timer_thread) {
		struct uk_thread_attr attr = {
			.prio = UK_THREAD_PRIO_MAX,
			.stack_size = 8192,
		};

		if (!uk_sched_started())
			return -ENOSYS;
		timer_thread = uk_thread_create(NULL, "itimer", &attr,
						timer_main, NULL);
		if (!timer_thread)
			return -ENOMEM;
	}
#else
	if (value) {
		uk_pr_warn("setitimer: needs a scheduler\n");
		return -ENOSYS;
	}
#endif
	flags = ukplat_lcpu_save_irqf();
	if (ov)
		itimer_get(ov);
	deadline = value ? ukplat_monotonic_clock() + value : 0;
	/* An interval without a value does not arm the timer. */
	interval = value ? tv_ns(&nv->interval) : 0;
	ukplat_lcpu_restore_irqf(flags);
#if CONFIG_LIBUKSCHED
	if (timer_thread)
		uk_thread_wake(timer_thread);
#endif
	return 0;
}

UK_SYSCALL_R_DEFINE(int, setitimer, int, which,
		    const struct uk_itimerval *, nv, struct uk_itimerval *, ov)
{
	if (which != UK_ITIMER_REAL)
		return -EINVAL;
	if (!nv)
		return -EFAULT;
	return itimer_set(nv, ov);
}

UK_SYSCALL_R_DEFINE(int, getitimer, int, which, struct uk_itimerval *, v)
{
	unsigned long flags;

	if (which != UK_ITIMER_REAL)
		return -EINVAL;
	if (!v)
		return -EFAULT;
	flags = ukplat_lcpu_save_irqf();
	itimer_get(v);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

/* Seconds left of the previous alarm, rounded as Linux does. */
UK_SYSCALL_R_DEFINE(unsigned int, alarm, unsigned int, seconds)
{
	struct uk_itimerval nv = { { 0, 0 }, { (long)seconds, 0 } }, ov;
	long left;

	if (itimer_set(&nv, &ov) < 0)
		return 0;
	left = ov.value.sec;
	if ((!left && ov.value.usec) || ov.value.usec >= 500000)
		left++;
	return (unsigned int)left;
}
