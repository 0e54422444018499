/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched tests (any scheduler): thread life cycle, many threads, join
 * values, sleeping, blocking and waking, wait queues with timeouts, TLS
 * and errno isolation.
 */
#include <errno.h>
#include <string.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/test.h>
#include <uk/wait.h>

#define MS	1000000ULL

static void set_flag(void *arg)
{
	*(int *)arg = 1;
}

UK_TESTCASE(uksched, main_runs_in_a_thread)
{
	UK_TEST_EXPECT(uk_sched_started());
	UK_TEST_EXPECT_STREQ(uk_thread_current()->name, "main");
}

UK_TESTCASE(uksched, create_join)
{
	int flag = 0;
	struct uk_thread *t = uk_thread_create(NULL, "t", NULL, set_flag,
					       &flag);

	UK_TEST_EXPECT_NOT_NULL(t);
	UK_TEST_EXPECT_EQ(uk_thread_join(t, NULL), 0);
	UK_TEST_EXPECT_EQ(flag, 1);
}

static void exit_with(void *arg)
{
	uk_thread_exit(arg);
}

UK_TESTCASE(uksched, join_returns_exit_value)
{
	void *ret = NULL;
	struct uk_thread *t = uk_thread_create(NULL, "x", NULL, exit_with,
					       (void *)0x1234);

	UK_TEST_EXPECT_EQ(uk_thread_join(t, &ret), 0);
	UK_TEST_EXPECT_EQ((long)ret, 0x1234);
	UK_TEST_EXPECT_EQ(uk_thread_join(uk_thread_current(), NULL),
			  -EDEADLK);
}

static int counter;

static void count_up(void *arg __unused)
{
	counter++;
}

UK_TESTCASE(uksched, thousand_threads)
{
	struct uk_thread_attr attr = { .stack_size = 8192 };
	struct uk_thread *t[100];
	int created = 0;

	counter = 0;
	for (int round = 0; round < 10; round++) {
		for (int i = 0; i < 100; i++) {
			t[i] = uk_thread_create(NULL, "many", &attr, count_up,
						NULL);
			created += t[i] != NULL;
		}
		for (int i = 0; i < 100; i++)
			if (t[i])
				uk_thread_join(t[i], NULL);
	}
	UK_TEST_EXPECT_EQ(created, 1000);
	UK_TEST_EXPECT_EQ(counter, 1000);
}

UK_TESTCASE(uksched, detached_threads_run)
{
	struct uk_thread_attr attr = { .detached = 1 };
	int flag = 0;

	UK_TEST_EXPECT_NOT_NULL(uk_thread_create(NULL, "d", &attr, set_flag,
						 &flag));
	for (int i = 0; i < 100 && !flag; i++)
		uk_sched_sleep_ns(MS);
	UK_TEST_EXPECT_EQ(flag, 1);
}

UK_TESTCASE(uksched, sleep_lasts_at_least)
{
	uint64_t t0 = ukplat_monotonic_clock(), dt;

	uk_sched_sleep_ns(10 * MS);
	dt = ukplat_monotonic_clock() - t0;
	UK_TEST_EXPECT(dt >= 10 * MS);
	UK_TEST_EXPECT(dt < 500 * MS);
}

struct sleeper {
	uint64_t ns;
	int *order;
	int *pos;
	int id;
};

static void sleep_then_log(void *arg)
{
	struct sleeper *s = arg;

	uk_sched_sleep_ns(s->ns);
	s->order[(*s->pos)++] = s->id;
}

UK_TESTCASE(uksched, sleepers_wake_in_deadline_order)
{
	int order[3] = { 0 }, pos = 0;
	struct sleeper s[3] = {
		{ 30 * MS, order, &pos, 3 },
		{ 10 * MS, order, &pos, 1 },
		{ 20 * MS, order, &pos, 2 },
	};
	struct uk_thread *t[3];

	for (int i = 0; i < 3; i++)
		t[i] = uk_thread_create(NULL, "sl", NULL, sleep_then_log,
					&s[i]);
	for (int i = 0; i < 3; i++)
		uk_thread_join(t[i], NULL);
	UK_TEST_EXPECT_EQ(order[0], 1);
	UK_TEST_EXPECT_EQ(order[1], 2);
	UK_TEST_EXPECT_EQ(order[2], 3);
}

static struct uk_waitq wq = UK_WAITQ_INIT(wq);
static int wq_ready, wq_seen;

static void wq_waiter(void *arg __unused)
{
	uk_waitq_wait_event(&wq, wq_ready);
	wq_seen++;
}

UK_TESTCASE(uksched, waitq_wakes_waiters)
{
	struct uk_thread *t[4];

	wq_ready = 0;
	wq_seen = 0;
	for (int i = 0; i < 4; i++)
		t[i] = uk_thread_create(NULL, "wq", NULL, wq_waiter, NULL);
	uk_sched_sleep_ns(MS);
	UK_TEST_EXPECT_EQ(wq_seen, 0);
	wq_ready = 1;
	UK_TEST_EXPECT_EQ(uk_waitq_wake(&wq, -1), 4);
	for (int i = 0; i < 4; i++)
		uk_thread_join(t[i], NULL);
	UK_TEST_EXPECT_EQ(wq_seen, 4);
	UK_TEST_EXPECT(uk_waitq_empty(&wq));
}

UK_TESTCASE(uksched, waitq_times_out)
{
	uint64_t t0 = ukplat_monotonic_clock();
	int never = 0;
	int to = uk_waitq_wait_event_deadline(&wq, never, t0 + 5 * MS);

	UK_TEST_EXPECT_EQ(to, 1);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 5 * MS);
	UK_TEST_EXPECT(uk_waitq_empty(&wq));
}

static struct uk_thread *blocked;
static int block_result = -1;

static void block_self(void *arg __unused)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	blocked = uk_thread_current();
	block_result = uk_thread_block_until(0);
	ukplat_lcpu_restore_irqf(flags);
}

UK_TESTCASE(uksched, block_and_wake)
{
	struct uk_thread *t = uk_thread_create(NULL, "b", NULL, block_self,
					       NULL);

	while (!blocked)
		uk_sched_yield();
	uk_sched_sleep_ns(MS);
	UK_TEST_EXPECT_EQ(t->state, UK_THREAD_BLOCKED);
	uk_thread_wake(t);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(block_result, 0);
}

static __thread int tls_var = 42;
static __thread char tls_buf[64];

static void tls_worker(void *arg)
{
	int id = (int)(long)arg;
	int ok = tls_var == 42 && tls_buf[0] == 0;

	tls_var = id;
	memset(tls_buf, id, sizeof(tls_buf));
	for (int i = 0; i < 5; i++) {
		uk_sched_yield();
		ok &= tls_var == id && tls_buf[63] == id;
	}
	uk_thread_exit((void *)(long)ok);
}

UK_TESTCASE(uksched, tls_is_per_thread)
{
	struct uk_thread *t[4];
	void *ok;

	tls_var = 7;
	for (long i = 0; i < 4; i++)
		t[i] = uk_thread_create(NULL, "tls", NULL, tls_worker,
					(void *)(i + 1));
	for (int i = 0; i < 4; i++) {
		uk_thread_join(t[i], &ok);
		UK_TEST_EXPECT_EQ((long)ok, 1);
	}
	UK_TEST_EXPECT_EQ(tls_var, 7);
}

static void errno_worker(void *arg)
{
	int id = (int)(long)arg;

	errno = id;
	for (int i = 0; i < 5; i++)
		uk_sched_yield();
	uk_thread_exit((void *)(long)(errno == id));
}

UK_TESTCASE(uksched, errno_is_per_thread)
{
	struct uk_thread *t[3];
	void *ok;

	errno = 99;
	for (long i = 0; i < 3; i++)
		t[i] = uk_thread_create(NULL, "errno", NULL, errno_worker,
					(void *)(i + 1));
	for (int i = 0; i < 3; i++) {
		uk_thread_join(t[i], &ok);
		UK_TEST_EXPECT_EQ((long)ok, 1);
	}
	UK_TEST_EXPECT_EQ(errno, 99);
}

UK_TESTCASE(uksched, cpu_time_grows)
{
#if CONFIG_LIBUKSCHED_CPUTIME
	uint64_t c0 = uk_thread_cpu_ns(uk_thread_current());
	uint64_t t0 = ukplat_monotonic_clock();

	while (ukplat_monotonic_clock() - t0 < 2 * MS)
		;
	UK_TEST_EXPECT(uk_thread_cpu_ns(uk_thread_current()) - c0 >= 2 * MS);
#else
	UK_TEST_SKIP("CPU time accounting (LIBUKSCHED_CPUTIME) is off");
#endif
}

UK_TESTCASE(uksched, wait_with_past_deadline_returns)
{
	int never = 0, flag = 0;
	struct uk_thread *t;

	UK_TEST_EXPECT_EQ(uk_waitq_wait_event_deadline(&wq, never, 1), 1);
	/* The run queue is still sound. */
	t = uk_thread_create(NULL, "after", NULL, set_flag, &flag);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(flag, 1);
}
