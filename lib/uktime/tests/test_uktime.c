/* SPDX-License-Identifier: BSD-3-Clause */
/* uktime tests: clocks agree with the platform, sleeps last long enough. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uk/test.h>

static long long ts_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts_ns(&ts);
}

UK_TESTCASE(uktime, clocks)
{
	struct timespec a, b, res;
	struct timeval tv;

	UK_TEST_EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	UK_TEST_EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	UK_TEST_EXPECT(ts_ns(&b) >= ts_ns(&a));
	UK_TEST_EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &a), 0);
	/* After 2020-01-01. */
	UK_TEST_EXPECT(a.tv_sec > 1577836800);
	UK_TEST_EXPECT_EQ(gettimeofday(&tv, NULL), 0);
	UK_TEST_EXPECT(tv.tv_sec - a.tv_sec <= 1 && tv.tv_sec >= a.tv_sec);
	UK_TEST_EXPECT(time(NULL) >= a.tv_sec);
	UK_TEST_EXPECT_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a), 0);
	UK_TEST_EXPECT_EQ(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a), 0);
	UK_TEST_EXPECT_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	UK_TEST_EXPECT_EQ(res.tv_nsec, 1);
	errno = 0;
	UK_TEST_EXPECT_EQ(clock_gettime(42, &a), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}

UK_TESTCASE(uktime, sleeps_last_long_enough)
{
	struct timespec req = { 0, 10000000 }, bad = { 0, 1000000000 };
	long long t0 = mono_ns();

	UK_TEST_EXPECT_EQ(nanosleep(&req, NULL), 0);
	UK_TEST_EXPECT(mono_ns() - t0 >= 10000000);
	t0 = mono_ns();
	UK_TEST_EXPECT_EQ(usleep(5000), 0);
	UK_TEST_EXPECT(mono_ns() - t0 >= 5000000);
	t0 = mono_ns();
	req.tv_sec = (t0 + 3000000) / 1000000000LL;
	req.tv_nsec = (t0 + 3000000) % 1000000000LL;
	UK_TEST_EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
					  &req, NULL), 0);
	UK_TEST_EXPECT(mono_ns() - t0 >= 3000000);
	UK_TEST_EXPECT(mono_ns() - t0 < 500000000);
	UK_TEST_EXPECT_EQ(nanosleep(&bad, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}
