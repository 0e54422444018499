/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-signal tests: synchronous delivery, order, masks, pending
 * signals, action flags, errors; with a scheduler, SIGALRM from alarm
 * and setitimer interrupting sleeps and epoll_wait. Every case puts the
 * actions it changed back to SIG_DFL and disarms the timer.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/config.h>
#include <uk/plat/time.h>
#include <uk/signal.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/test.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define MS	1000000ULL

/* -1 and errno, like a libc wrapper. */
static long sc(long r)
{
	if (uk_syscall_is_err(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long sig_action(int sig, void *h, unsigned long flags,
		       uk_sigset_t mask, struct uk_sigaction *old)
{
	struct uk_sigaction a = { .handler = h, .flags = flags, .mask = mask };

	return sc(uk_syscall_r_rt_sigaction(sig, (long)&a, (long)old, 8));
}

static void sig_default(int sig)
{
	sig_action(sig, UK_SIG_DFL, 0, 0, NULL);
}

static long sig_mask(int how, uk_sigset_t set, uk_sigset_t *old)
{
	return sc(uk_syscall_r_rt_sigprocmask(how, (long)&set, (long)old, 8));
}

static uk_sigset_t sig_pending(void)
{
	uk_sigset_t p = 0;

	uk_syscall_r_rt_sigpending((long)&p, 8);
	return p;
}

static long do_kill(int pid, int sig)
{
	return sc(uk_syscall_r_kill(pid, sig));
}

static int order[8], norder, depth, max_depth;
static uk_sigset_t mask_in_handler;

static void record(int sig)
{
	if (norder < 8)
		order[norder++] = sig;
	uk_syscall_r_rt_sigprocmask(UK_SIG_BLOCK, 0, (long)&mask_in_handler,
				    8);
}

static void reset_record(void)
{
	norder = 0;
	depth = max_depth = 0;
	memset(order, 0, sizeof(order));
}

UK_TESTCASE(posix_signal, handler_runs_before_kill_returns)
{
	reset_record();
	UK_TEST_EXPECT_EQ(sig_action(UK_SIGUSR1, record, 0, 0, NULL), 0);
	UK_TEST_EXPECT_EQ(do_kill(1, UK_SIGUSR1), 0);
	UK_TEST_EXPECT_EQ(norder, 1);
	UK_TEST_EXPECT_EQ(order[0], UK_SIGUSR1);
	/* Blocked while it runs, not after. */
	UK_TEST_EXPECT(mask_in_handler & UK_SIGBIT(UK_SIGUSR1));
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	/* pid 0 and -1 name the process too; tkill to oneself. */
	UK_TEST_EXPECT_EQ(do_kill(0, UK_SIGUSR1), 0);
	UK_TEST_EXPECT_EQ(do_kill(-1, UK_SIGUSR1), 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_tkill(1, UK_SIGUSR1)), 0);
	UK_TEST_EXPECT_EQ(norder, 4);
	/* Nothing left over for the next calls to look at. */
	UK_TEST_EXPECT_EQ(uk_syscall_sig_work, 0);
	sig_default(UK_SIGUSR1);
}

UK_TESTCASE(posix_signal, blocked_stay_pending_then_run_in_order)
{
	uk_sigset_t set = UK_SIGBIT(UK_SIGUSR1) | UK_SIGBIT(UK_SIGUSR2) |
			  UK_SIGBIT(UK_SIGTERM), old;

	reset_record();
	sig_action(UK_SIGUSR1, record, 0, 0, NULL);
	sig_action(UK_SIGUSR2, record, 0, 0, NULL);
	sig_action(UK_SIGTERM, record, 0, 0, NULL);
	UK_TEST_EXPECT_EQ(sig_mask(UK_SIG_BLOCK, set, &old), 0);
	do_kill(1, UK_SIGTERM);
	do_kill(1, UK_SIGUSR2);
	do_kill(1, UK_SIGUSR1);
	do_kill(1, UK_SIGUSR1);		/* merges with the first */
	UK_TEST_EXPECT_EQ(norder, 0);
	UK_TEST_EXPECT_EQ(sig_pending(), set);
	/* Unblocking one runs it alone. */
	sig_mask(UK_SIG_UNBLOCK, UK_SIGBIT(UK_SIGUSR2), NULL);
	UK_TEST_EXPECT_EQ(norder, 1);
	UK_TEST_EXPECT_EQ(order[0], UK_SIGUSR2);
	/* The rest in number order, each once. */
	sig_mask(UK_SIG_SETMASK, old, NULL);
	UK_TEST_EXPECT_EQ(norder, 3);
	UK_TEST_EXPECT_EQ(order[1], UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(order[2], UK_SIGTERM);
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	UK_TEST_EXPECT_EQ(uk_syscall_sig_work, 0);
	/* A thread's own signal, unblocked, runs at that moment too. */
	sig_mask(UK_SIG_BLOCK, set, NULL);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_tkill(1, UK_SIGUSR2)), 0);
	UK_TEST_EXPECT_EQ(norder, 3);
	sig_mask(UK_SIG_SETMASK, old, NULL);
	UK_TEST_EXPECT_EQ(norder, 4);
	UK_TEST_EXPECT_EQ(order[3], UK_SIGUSR2);
	UK_TEST_EXPECT_EQ(uk_syscall_sig_work, 0);
	sig_default(UK_SIGUSR1);
	sig_default(UK_SIGUSR2);
	sig_default(UK_SIGTERM);
}

/* sa_mask: USR2 raised inside USR1's handler waits for it to return. */
static void usr1_raises_usr2(int sig)
{
	record(sig);
	do_kill(1, UK_SIGUSR2);
	if (norder < 8)
		order[norder++] = -1;	/* USR1's handler ends */
}

UK_TESTCASE(posix_signal, sa_mask_defers_until_the_handler_returns)
{
	reset_record();
	sig_action(UK_SIGUSR1, usr1_raises_usr2, 0, UK_SIGBIT(UK_SIGUSR2),
		   NULL);
	sig_action(UK_SIGUSR2, record, 0, 0, NULL);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(norder, 3);
	UK_TEST_EXPECT_EQ(order[0], UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(order[1], -1);
	UK_TEST_EXPECT_EQ(order[2], UK_SIGUSR2);
	/* Without sa_mask it nests. */
	reset_record();
	sig_action(UK_SIGUSR1, usr1_raises_usr2, 0, 0, NULL);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(order[1], UK_SIGUSR2);
	UK_TEST_EXPECT_EQ(order[2], -1);
	sig_default(UK_SIGUSR1);
	sig_default(UK_SIGUSR2);
}

static void reraise_once(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (norder < 8)
		order[norder++] = sig;
	if (norder == 1)
		do_kill(1, sig);
	depth--;
}

UK_TESTCASE(posix_signal, nodefer_nests_default_defers)
{
	reset_record();
	sig_action(UK_SIGUSR1, reraise_once, 0, 0, NULL);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(norder, 2);
	UK_TEST_EXPECT_EQ(max_depth, 1);
	reset_record();
	sig_action(UK_SIGUSR1, reraise_once, UK_SA_NODEFER, 0, NULL);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(norder, 2);
	UK_TEST_EXPECT_EQ(max_depth, 2);
	sig_default(UK_SIGUSR1);
}

UK_TESTCASE(posix_signal, resethand_and_default_ignore)
{
	struct uk_sigaction old;

	reset_record();
	/* SIGWINCH (28): the default action is to ignore it. */
	sig_action(28, record, UK_SA_RESETHAND | UK_SA_SIGINFO, 0, NULL);
	do_kill(1, 28);
	UK_TEST_EXPECT_EQ(norder, 1);
	UK_TEST_EXPECT_EQ(sig_action(28, UK_SIG_DFL, 0, 0, &old), 0);
	UK_TEST_EXPECT(old.handler == UK_SIG_DFL);
	UK_TEST_EXPECT_EQ(old.flags & UK_SA_SIGINFO, 0);
	do_kill(1, 28);
	UK_TEST_EXPECT_EQ(norder, 1);
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	/* SIG_IGN drops it; blocked it stays pending until ignored. */
	sig_action(UK_SIGUSR1, UK_SIG_IGN, 0, 0, NULL);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	sig_mask(UK_SIG_BLOCK, UK_SIGBIT(UK_SIGUSR2), NULL);
	sig_action(UK_SIGUSR2, record, 0, 0, NULL);
	do_kill(1, UK_SIGUSR2);
	UK_TEST_EXPECT_EQ(sig_pending(), UK_SIGBIT(UK_SIGUSR2));
	sig_action(UK_SIGUSR2, UK_SIG_IGN, 0, 0, NULL);
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	sig_mask(UK_SIG_UNBLOCK, UK_SIGBIT(UK_SIGUSR2), NULL);
	UK_TEST_EXPECT_EQ(norder, 1);
	sig_default(UK_SIGUSR1);
	sig_default(UK_SIGUSR2);
}

static struct uk_siginfo got_info;
static void *got_uc;

static void info_handler(int sig, void *si, void *uc)
{
	(void)sig;
	memcpy(&got_info, si, sizeof(got_info));
	got_uc = uc;
}

UK_TESTCASE(posix_signal, siginfo)
{
	memset(&got_info, 0, sizeof(got_info));
	sig_action(UK_SIGUSR2, info_handler, UK_SA_SIGINFO, 0, NULL);
	do_kill(1, UK_SIGUSR2);
	UK_TEST_EXPECT_EQ(got_info.signo, UK_SIGUSR2);
	UK_TEST_EXPECT_EQ(got_info.code, UK_SI_USER);
	UK_TEST_EXPECT_EQ(got_info.pid, 1);
	UK_TEST_EXPECT_NOT_NULL(got_uc);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_tgkill(1, 1, UK_SIGUSR2)), 0);
	UK_TEST_EXPECT_EQ(got_info.code, UK_SI_TKILL);
	sig_default(UK_SIGUSR2);
}

UK_TESTCASE(posix_signal, errors)
{
	struct uk_sigaction a = { .handler = UK_SIG_IGN };
	struct uk_sigaltstack ss = { 0 }, old;
	uk_sigset_t set = 0;
	static char stack[8192];

	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigaction(0, (long)&a, 0, 8)),
			     EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigaction(65, (long)&a, 0,
							  8)), EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigaction(UK_SIGKILL,
							  (long)&a, 0, 8)),
			     EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigaction(UK_SIGUSR1,
							  (long)&a, 0, 4)),
			     EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigprocmask(7, (long)&set, 0,
							    8)), EINVAL);
	/* SIGKILL and SIGSTOP cannot be blocked. */
	set = ~0ULL;
	sig_mask(UK_SIG_BLOCK, set, NULL);
	sig_mask(UK_SIG_SETMASK, 0, &set);
	UK_TEST_EXPECT_EQ(set, ~0ULL & ~(UK_SIGBIT(UK_SIGKILL) |
					 UK_SIGBIT(UK_SIGSTOP)));
	UK_TEST_EXPECT_ERRNO(do_kill(2, UK_SIGUSR1), ESRCH);
	UK_TEST_EXPECT_ERRNO(do_kill(1, 65), EINVAL);
	UK_TEST_EXPECT_EQ(do_kill(1, 0), 0);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_tkill(0, UK_SIGUSR1)), EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_tkill(4242, UK_SIGUSR1)), ESRCH);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_tgkill(2, 1, UK_SIGUSR1)),
			     ESRCH);
	/* sigaltstack is recorded. */
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_sigaltstack(0, (long)&old)), 0);
	UK_TEST_EXPECT_EQ(old.flags, UK_SS_DISABLE);
	ss.sp = stack;
	ss.size = 100;
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_sigaltstack((long)&ss, 0)),
			     ENOMEM);
	ss.size = sizeof(stack);
	ss.flags = 0x40;
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_sigaltstack((long)&ss, 0)),
			     EINVAL);
	ss.flags = 0;
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_sigaltstack((long)&ss, 0)), 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_sigaltstack(0, (long)&old)), 0);
	UK_TEST_EXPECT(old.sp == stack && old.size == sizeof(stack) &&
		       old.flags == 0);
	ss.flags = UK_SS_DISABLE;
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_sigaltstack((long)&ss, 0)), 0);
}

UK_TESTCASE(posix_signal, sigtimedwait)
{
	struct { long sec, nsec; } ts = { 0, 20 * MS }, bad = { 0, -1 };
	struct uk_siginfo si;
	uk_sigset_t want = UK_SIGBIT(UK_SIGUSR1), old;
	uint64_t t0;

	sig_mask(UK_SIG_BLOCK, want, &old);
	do_kill(1, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_rt_sigtimedwait((long)&want,
							  (long)&si, (long)&ts,
							  8)), UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(si.signo, UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(sig_pending(), 0);
	/* One sent to the thread itself, blocked: pending, and it costs
	 * the other calls nothing (the shim's flag stays 0). */
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_tkill(1, UK_SIGUSR1)), 0);
	UK_TEST_EXPECT_EQ(sig_pending(), want);
	UK_TEST_EXPECT_EQ(uk_syscall_sig_work, 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_rt_sigtimedwait((long)&want,
							  (long)&si, 0, 8)),
			  UK_SIGUSR1);
	UK_TEST_EXPECT_EQ(si.code, UK_SI_TKILL);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigtimedwait((long)&want, 0,
							     (long)&ts, 8)),
			     EAGAIN);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 20 * MS);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigtimedwait((long)&want, 0,
							     (long)&bad, 8)),
			     EINVAL);
	sig_mask(UK_SIG_SETMASK, old, NULL);
}

UK_TESTCASE(posix_signal, sigsuspend_restores_the_mask_after_the_handler)
{
	uk_sigset_t both = UK_SIGBIT(UK_SIGUSR1) | UK_SIGBIT(UK_SIGUSR2);
	uk_sigset_t suspend = ~UK_SIGBIT(UK_SIGUSR1), old, now = 0;

	reset_record();
	sig_action(UK_SIGUSR1, record, 0, 0, NULL);
	sig_action(UK_SIGUSR2, record, 0, 0, NULL);
	sig_mask(UK_SIG_SETMASK, both, &old);
	do_kill(1, UK_SIGUSR1);
	do_kill(1, UK_SIGUSR2);
	/* USR1 runs (its handler makes a call while USR2 is pending). */
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_rt_sigsuspend((long)&suspend, 8)),
			     EINTR);
	UK_TEST_EXPECT_EQ(norder, 1);
	UK_TEST_EXPECT_EQ(order[0], UK_SIGUSR1);
	UK_TEST_EXPECT(mask_in_handler & UK_SIGBIT(UK_SIGUSR2));
	sig_mask(UK_SIG_BLOCK, 0, &now);
	UK_TEST_EXPECT_EQ(now, both);
	UK_TEST_EXPECT_EQ(sig_pending(), UK_SIGBIT(UK_SIGUSR2));
	sig_mask(UK_SIG_SETMASK, old, NULL);
	UK_TEST_EXPECT_EQ(norder, 2);
	sig_default(UK_SIGUSR1);
	sig_default(UK_SIGUSR2);
}

#if CONFIG_LIBUKSCHED
static volatile int alarms;

static void count_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long arm(long value_us, long interval_us)
{
	struct uk_itimerval v = {
		{ interval_us / 1000000, interval_us % 1000000 },
		{ value_us / 1000000, value_us % 1000000 },
	};

	return sc(uk_syscall_r_setitimer(UK_ITIMER_REAL, (long)&v, 0));
}
#endif

UK_TESTCASE(posix_signal, alarm_interrupts_nanosleep)
{
#if CONFIG_LIBUKSCHED && CONFIG_LIBUKTIME
	struct { long sec, nsec; } req = { 5, 0 }, rem = { 0, 0 };
	uint64_t t0;
	long r;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	alarms = 0;
	sig_action(UK_SIGALRM, count_alarm, 0, 0, NULL);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(arm(30000, 0), 0);
	r = sc(uk_syscall_r_nanosleep((long)&req, (long)&rem));
	UK_TEST_EXPECT_EQ(r, -1);
	UK_TEST_EXPECT_EQ(errno, EINTR);
	UK_TEST_EXPECT_EQ(alarms, 1);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 30 * MS);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 4000 * MS);
	/* What was left: more than 1 s of the 5. */
	UK_TEST_EXPECT(rem.sec >= 1 && rem.sec < 5);
	/* alarm() reports the seconds left and disarms with 0. */
	UK_TEST_EXPECT_EQ(uk_syscall_r_alarm(10), 0);
	UK_TEST_EXPECT_EQ(uk_syscall_r_alarm(0), 10);
	sig_default(UK_SIGALRM);
#else
	UK_TEST_SKIP("needs a scheduler and uktime");
#endif
}

UK_TESTCASE(posix_signal, setitimer_intervals_over_a_bounded_run)
{
#if CONFIG_LIBUKSCHED
	struct uk_itimerval cur;
	uint64_t t0, end;
	int n;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	alarms = 0;
	sig_action(UK_SIGALRM, count_alarm, UK_SA_RESTART, 0, NULL);
	UK_TEST_EXPECT_EQ(arm(10000, 10000), 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_getitimer(UK_ITIMER_REAL,
						    (long)&cur)), 0);
	UK_TEST_EXPECT_EQ(cur.interval.usec, 10000);
	UK_TEST_EXPECT(cur.value.usec > 0 && cur.value.usec <= 10000);
	/* pause() returns for each one: 200 ms give about 20. */
	t0 = ukplat_monotonic_clock();
	end = t0 + 200 * MS;
	while (ukplat_monotonic_clock() < end)
		UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_pause()), EINTR);
	UK_TEST_EXPECT_EQ(arm(0, 0), 0);
	n = alarms;
	/* At most one per period; periods the timer thread missed (a
	 * loaded host) merge, as on Linux, so the floor is loose. */
	UK_TEST_EXPECT(n >= 3);
	UK_TEST_EXPECT((uint64_t)n <=
		       (ukplat_monotonic_clock() - t0) / (10 * MS) + 1);
	/* Disarmed: none comes any more. */
	t0 = ukplat_monotonic_clock();
	while (ukplat_monotonic_clock() < t0 + 40 * MS)
		uk_sched_sleep_ns(5 * MS);
	UK_TEST_EXPECT_EQ(alarms, n);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_setitimer(UK_ITIMER_VIRTUAL,
						       (long)&cur, 0)),
			     EINVAL);
	cur.value.usec = 1000000;
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_setitimer(UK_ITIMER_REAL,
						       (long)&cur, 0)),
			     EINVAL);
	sig_default(UK_SIGALRM);
#else
	UK_TEST_SKIP("needs a scheduler");
#endif
}

#if CONFIG_LIBUKSCHED && CONFIG_LIBVFSCORE
static int restart_fd;

static void alarm_writes(int sig)
{
	char c = 'x';

	(void)sig;
	alarms++;
	uk_syscall_r_write(restart_fd, (long)&c, 1);
}
#endif

/* (and lwip's poll, when the image has it) */
UK_TESTCASE(posix_signal, alarm_interrupts_epoll_and_pipe_reads)
{
#if CONFIG_LIBUKSCHED && CONFIG_LIBVFSCORE
	struct { uint32_t events; uint64_t data; } __packed ev = { 1, 0 };
	int p[2] = { -1, -1 }, ep;
	uint64_t t0;
	char c = 0;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	alarms = 0;
	sig_action(UK_SIGALRM, count_alarm, 0, 0, NULL);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_pipe((long)p)), 0);
	ep = (int)sc(uk_syscall_r_epoll_create1(0));
	UK_TEST_EXPECT(ep >= 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_epoll_ctl(ep, 1, p[0], (long)&ev)),
			  0);
	t0 = ukplat_monotonic_clock();
	arm(20000, 0);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_epoll_wait(ep, (long)&ev, 1,
							5000)), EINTR);
	UK_TEST_EXPECT_EQ(alarms, 1);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 4000 * MS);
#if CONFIG_LIBLWIP
	{
		/* poll() (lwip's) on the same pipe */
		struct { int fd; short events, revents; } pfd = { p[0], 1, 0 };

		alarms = 0;
		t0 = ukplat_monotonic_clock();
		arm(20000, 0);
		UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_poll((long)&pfd, 1,
							  5000)), EINTR);
		UK_TEST_EXPECT_EQ(alarms, 1);
		UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 4000 * MS);
		alarms = 1;
	}
#endif
	/* A blocking pipe read: EINTR without SA_RESTART... */
	arm(20000, 0);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_read(p[0], (long)&c, 1)), EINTR);
	UK_TEST_EXPECT_EQ(alarms, 2);
	/* ...restarted with it (the handler writes what it then reads). */
	restart_fd = p[1];
	sig_action(UK_SIGALRM, alarm_writes, UK_SA_RESTART, 0, NULL);
	arm(20000, 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_read(p[0], (long)&c, 1)), 1);
	UK_TEST_EXPECT_EQ(c, 'x');
	UK_TEST_EXPECT_EQ(alarms, 3);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 8000 * MS);
	uk_syscall_r_close(ep);
	uk_syscall_r_close(p[0]);
	uk_syscall_r_close(p[1]);
	sig_default(UK_SIGALRM);
#else
	UK_TEST_SKIP("needs a scheduler and vfscore");
#endif
}
