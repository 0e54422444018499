/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktime: clock_gettime() and friends, and the sleep family. The
 * monotonic clock and the wall clock are the platform's; CPU-time clocks
 * come from the scheduler's accounting when it has one (else they are
 * the time since boot: the image owns its CPU).
 */
/* The Linux clocks (CLOCK_BOOTTIME, ...) are GNU extensions to a libc. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/time.h>
#include <uk/syscall.h>
#include <uk/init.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#include <uk/wait.h>
#endif

#define NSEC	1000000000LL

#if CONFIG_LIBUKSCHED
/* Sleepers a signal wakes (the shim's kick), to re-check. */
static struct uk_waitq sleepers = UK_WAITQ_INIT(sleepers);

static void sleepers_kick(void)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	uk_waitq_wake(&sleepers, -1);
	ukplat_lcpu_restore_irqf(flags);
}

static struct uk_syscall_sig_kick sleep_kick = { .kick = sleepers_kick };

static int sleep_kick_init(void)
{
	uk_syscall_sig_kick_register(&sleep_kick);
	return 0;
}
uk_lib_initcall(sleep_kick_init);
#endif

int uk_time_sleep_until_intr(uint64_t deadline_ns)
{
#if CONFIG_LIBUKSCHED
	unsigned long flags;
	int rc = 0;

	if (!uk_sched_started()) {
		uk_time_sleep_until(deadline_ns);
		return 0;
	}
	flags = ukplat_lcpu_save_irqf();
	while (ukplat_monotonic_clock() < deadline_ns) {
		if (uk_syscall_sig_interrupted()) {
			rc = -EINTR;
			break;
		}
		uk_waitq_wait_locked(&sleepers, deadline_ns);
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
#else
	/* Without threads nothing raises a signal while we sleep. */
	uk_time_sleep_until(deadline_ns);
	return 0;
#endif
}

void uk_time_sleep_until(uint64_t deadline_ns)
{
#if CONFIG_LIBUKSCHED
	uk_sched_sleep_until(deadline_ns);
#else
	unsigned long flags = ukplat_lcpu_save_irqf();

	while (ukplat_monotonic_clock() < deadline_ns)
		ukplat_lcpu_halt_irq_until(deadline_ns);
	ukplat_lcpu_restore_irqf(flags);
#endif
}

static uint64_t process_cpu_ns(void)
{
	uint64_t ns = ukplat_monotonic_clock() - ukplat_boot_start_ns();

#if CONFIG_LIBUKSCHED && CONFIG_LIBUKSCHED_CPUTIME
	struct uk_thread *cur = uk_thread_current();

	if (cur && cur->sched->idle) {
		uint64_t idle = uk_thread_cpu_ns(cur->sched->idle);

		ns = ns > idle ? ns - idle : 0;
	}
#endif
	return ns;
}

static uint64_t thread_cpu_ns(void)
{
#if CONFIG_LIBUKSCHED && CONFIG_LIBUKSCHED_CPUTIME
	struct uk_thread *cur = uk_thread_current();

	if (cur)
		return uk_thread_cpu_ns(cur);
#endif
	return process_cpu_ns();
}

/* The clock's value in ns, or -EINVAL. */
static int64_t clock_ns(clockid_t clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return (int64_t)ukplat_wall_clock();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return (int64_t)ukplat_monotonic_clock();
	case CLOCK_PROCESS_CPUTIME_ID:
		return (int64_t)process_cpu_ns();
	case CLOCK_THREAD_CPUTIME_ID:
		return (int64_t)thread_cpu_ns();
	default:
		return -EINVAL;
	}
}

UK_SYSCALL_R_DEFINE(int, clock_gettime, clockid_t, clk, struct timespec *, ts)
{
	int64_t ns = clock_ns(clk);

	if (ns < 0)
		return -EINVAL;
	ts->tv_sec = (time_t)(ns / NSEC);
	ts->tv_nsec = (long)(ns % NSEC);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, clock_getres, clockid_t, clk, struct timespec *, res)
{
	if (clock_ns(clk) < 0)
		return -EINVAL;
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

UK_SYSCALL_R_DEFINE(int, gettimeofday, struct timeval *, tv, void *, tz)
{
	uint64_t ns = ukplat_wall_clock();

	if (tv) {
		tv->tv_sec = (time_t)(ns / NSEC);
		tv->tv_usec = (suseconds_t)(ns % NSEC / 1000);
	}
	if (tz) {
		struct timezone *z = tz;

		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

UK_SYSCALL_R_DEFINE(time_t, time, time_t *, t)
{
	time_t now = (time_t)(ukplat_wall_clock() / NSEC);

	if (t)
		*t = now;
	return now;
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
clock_t clock(void)
{
	return (clock_t)(process_cpu_ns() / (NSEC / CLOCKS_PER_SEC));
}
#endif

/* libc's clock_nanosleep returns a positive errno, Linux's -errno. */
UK_LLSYSCALL_R_DEFINE(int, clock_nanosleep, clockid_t, clk, int, flags,
		      const struct timespec *, req, struct timespec *, rem)
{
	int64_t now, want;
	uint64_t end;
	int rc;

	if (!req || req->tv_nsec < 0 || req->tv_nsec >= NSEC || req->tv_sec < 0)
		return -EINVAL;
	if (clk != CLOCK_MONOTONIC && clk != CLOCK_REALTIME &&
	    clk != CLOCK_BOOTTIME)
		return clk == CLOCK_THREAD_CPUTIME_ID ? -EINVAL : -ENOTSUP;
	want = (int64_t)req->tv_sec * NSEC + req->tv_nsec;
	now = clock_ns(clk);
	if (flags & TIMER_ABSTIME) {
		if (want <= now)
			return 0;
		want -= now;
	}
	/* A signal ends the sleep with -EINTR and what was left of it
	 * (Linux never restarts a sleep a handler interrupted). */
	end = ukplat_monotonic_clock() + (uint64_t)want;
	rc = uk_time_sleep_until_intr(end);
	if (rem && !(flags & TIMER_ABSTIME)) {
		now = (int64_t)ukplat_monotonic_clock();
		want = rc && (int64_t)end > now ? (int64_t)end - now : 0;
		rem->tv_sec = want / NSEC;
		rem->tv_nsec = want % NSEC;
	}
	return rc;
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return (int)-uk_syscall_r_clock_nanosleep(clk, flags, (long)req,
						  (long)rem);
}
#endif

UK_SYSCALL_R_DEFINE(int, nanosleep, const struct timespec *, req,
		    struct timespec *, rem)
{
	return uk_syscall_r_clock_nanosleep(CLOCK_MONOTONIC, 0, (long)req,
					    (long)rem);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int usleep(useconds_t usec)
{
	uk_time_sleep_until(ukplat_monotonic_clock() + (uint64_t)usec * 1000);
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	uk_time_sleep_until(ukplat_monotonic_clock() +
			    (uint64_t)seconds * NSEC);
	return 0;
}
#endif
