/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-timerfd tests: one-shot and periodic expirations counted over
 * a bounded run, absolute times on both clocks, gettime, EAGAIN,
 * Linux's errors, readiness through epoll (a wait that ends at the
 * expiration) and a blocked read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <uk/config.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/test.h>
#include <uk/timerfd.h>

#define MS	1000000ULL

struct kts {
	long sec, nsec;
};

struct kits {
	struct kts interval, value;
};

static long sc(long r)
{
	if (uk_syscall_is_err(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long set(int fd, int flags, uint64_t value, uint64_t interval,
		struct kits *old)
{
	struct kits v = {
		{ (long)(interval / 1000000000ULL),
		  (long)(interval % 1000000000ULL) },
		{ (long)(value / 1000000000ULL),
		  (long)(value % 1000000000ULL) },
	};

	return sc(uk_syscall_r_timerfd_settime(fd, flags, (long)&v,
					       (long)old));
}

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

static void sleep_ns(uint64_t ns)
{
#if CONFIG_LIBUKTIME
	struct kts ts = { (long)(ns / 1000000000ULL),
			  (long)(ns % 1000000000ULL) };

	uk_syscall_r_nanosleep((long)&ts, 0);
#else
	uint64_t end = ukplat_monotonic_clock() + ns;

	while (ukplat_monotonic_clock() < end)
		;
#endif
}

UK_TESTCASE(posix_timerfd, one_shot_and_errors)
{
	int fd = (int)sc(uk_syscall_r_timerfd_create(1, UK_TFD_NONBLOCK |
						      UK_TFD_CLOEXEC));
	struct kits cur;
	uint64_t v;

	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 4), EINVAL);
	/* 200 ms: far enough that a loaded host does not reach it
	 * between two calls. */
	UK_TEST_EXPECT_EQ(set(fd, 0, 200 * MS, 0, NULL), 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_timerfd_gettime(fd, (long)&cur)), 0);
	UK_TEST_EXPECT(cur.value.sec == 0 && cur.value.nsec > 0 &&
		       cur.value.nsec <= (long)(200 * MS));
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	sleep_ns(250 * MS);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	/* Disarmed after it expired. */
	uk_syscall_r_timerfd_gettime(fd, (long)&cur);
	UK_TEST_EXPECT(cur.value.sec == 0 && cur.value.nsec == 0);
	/* Linux's errors. */
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_timerfd_create(3, 0)), EINVAL);
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_timerfd_create(1, 0x10)), EINVAL);
	UK_TEST_EXPECT_ERRNO(set(fd, 0x8, 1, 0, NULL), EINVAL);
	UK_TEST_EXPECT_ERRNO(set(999, 0, 1, 0, NULL), EBADF);
	UK_TEST_EXPECT_ERRNO(set(0, 0, 1, 0, NULL), EINVAL);
	cur.value.nsec = 1000000000L;
	UK_TEST_EXPECT_ERRNO(sc(uk_syscall_r_timerfd_settime(fd, 0,
							     (long)&cur, 0)),
			     EINVAL);
	close(fd);
}

UK_TESTCASE(posix_timerfd, periodic_counts_over_a_bounded_run)
{
	int fd = (int)sc(uk_syscall_r_timerfd_create(1, UK_TFD_NONBLOCK));
	uint64_t n, set0, set1, rd0, rd1;
	struct kits old;

	UK_TEST_EXPECT(fd >= 0);
	set0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(set(fd, 0, 10 * MS, 10 * MS, NULL), 0);
	set1 = ukplat_monotonic_clock();
	sleep_ns(105 * MS);
	/* Every period that passed, however long the sleep really was:
	 * the count lies between what the clock readings around the two
	 * calls allow. */
	rd0 = ukplat_monotonic_clock();
	n = rd(fd);
	rd1 = ukplat_monotonic_clock();
	UK_TEST_EXPECT(n >= 10);
	UK_TEST_EXPECT(n >= (rd0 - set1) / (10 * MS) &&
		       n <= (rd1 - set0) / (10 * MS));
	/* The old setting comes back; setting clears the count. */
	sleep_ns(25 * MS);
	UK_TEST_EXPECT_EQ(set(fd, 0, 0, 0, &old), 0);
	UK_TEST_EXPECT_EQ(old.interval.nsec, (long)(10 * MS));
	UK_TEST_EXPECT(old.value.nsec > 0 && old.value.nsec <= (long)(10 * MS));
	UK_TEST_EXPECT_EQ(rd(fd), 0);
	close(fd);
}

UK_TESTCASE(posix_timerfd, absolute_times)
{
	int m = (int)sc(uk_syscall_r_timerfd_create(1, UK_TFD_NONBLOCK));
	int r = (int)sc(uk_syscall_r_timerfd_create(0, UK_TFD_NONBLOCK));

	UK_TEST_EXPECT(m >= 0 && r >= 0);
	/* In the past: expired at once. */
	UK_TEST_EXPECT_EQ(set(r, UK_TFD_TIMER_ABSTIME, 1000000000ULL, 0, NULL),
			  0);
	UK_TEST_EXPECT_EQ(rd(r), 1);
	UK_TEST_EXPECT_EQ(set(r, UK_TFD_TIMER_ABSTIME,
			      ukplat_wall_clock() + 200 * MS, 0, NULL), 0);
	UK_TEST_EXPECT_EQ(rd(r), 0);
	UK_TEST_EXPECT_EQ(set(m, UK_TFD_TIMER_ABSTIME,
			      ukplat_monotonic_clock() + 200 * MS, 0, NULL), 0);
	UK_TEST_EXPECT_EQ(rd(m), 0);
	sleep_ns(250 * MS);
	UK_TEST_EXPECT_EQ(rd(m), 1);
	UK_TEST_EXPECT_EQ(rd(r), 1);
	close(m);
	close(r);
}

UK_TESTCASE(posix_timerfd, epoll_wait_ends_at_the_expiration)
{
	struct { uint32_t events; uint64_t data; } __packed ev = { 1, 7 };
	int fd = (int)sc(uk_syscall_r_timerfd_create(1, 0));
	int ep = (int)sc(uk_syscall_r_epoll_create1(0));
	uint64_t t0;

	UK_TEST_EXPECT(fd >= 0 && ep >= 0);
	UK_TEST_EXPECT_EQ(sc(uk_syscall_r_epoll_ctl(ep, 1, fd, (long)&ev)), 0);
	UK_TEST_EXPECT_EQ(uk_syscall_r_epoll_wait(ep, (long)&ev, 1, 0), 0);
	t0 = ukplat_monotonic_clock();
	set(fd, 0, 30 * MS, 0, NULL);
	/* No thread wakes it: the wait's own deadline is the timer's. */
	UK_TEST_EXPECT_EQ(uk_syscall_r_epoll_wait(ep, (long)&ev, 1, 5000), 1);
	UK_TEST_EXPECT_EQ(ev.data, 7);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 30 * MS);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 2000 * MS);
	/* A blocking read the same way. */
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	set(fd, 0, 20 * MS, 0, NULL);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 20 * MS);
	close(ep);
	close(fd);
}
