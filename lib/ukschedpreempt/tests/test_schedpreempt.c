/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedpreempt tests: CPU-bound threads do not starve others; higher
 * priorities run first; a woken higher-priority thread preempts.
 */
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/test.h>

#define MS	1000000ULL

static int is_preempt(void)
{
	return uk_thread_current()->sched->name[0] == 'p';
}

static volatile int stop;
static volatile unsigned long spins[2];

static void spinner(void *arg)
{
	long id = (long)arg;

	while (!stop)
		spins[id]++;
}

UK_TESTCASE(ukschedpreempt, busy_thread_does_not_starve_others)
{
	struct uk_thread *t[2];
	uint64_t t0;

	if (!is_preempt())
		return;
	stop = 0;
	spins[0] = spins[1] = 0;
	for (long i = 0; i < 2; i++)
		t[i] = uk_thread_create(NULL, "spin", NULL, spinner,
					(void *)i);
	/* Main gets the CPU back although both spinners never yield. */
	t0 = ukplat_monotonic_clock();
	uk_sched_yield();
	while (ukplat_monotonic_clock() - t0 < 100 * MS)
		;
	stop = 1;
	uk_thread_join(t[0], NULL);
	uk_thread_join(t[1], NULL);
	UK_TEST_EXPECT(spins[0] > 0);
	UK_TEST_EXPECT(spins[1] > 0);
}

static char order[8];
static int norder;

static void log_id(void *arg)
{
	order[norder++] = *(const char *)arg;
}

UK_TESTCASE(ukschedpreempt, higher_priority_runs_first)
{
	struct uk_thread_attr lo = { .prio = 5 }, hi = { .prio = 25 };
	struct uk_thread *t[3];
	struct uk_thread *self = uk_thread_current();
	int prio = self->prio;

	if (!is_preempt())
		return;
	norder = 0;
	/* Raise ourselves so that nothing runs before all exist. */
	uk_thread_set_prio(self, UK_THREAD_PRIO_MAX);
	t[0] = uk_thread_create(NULL, "lo", &lo, log_id, "l");
	t[1] = uk_thread_create(NULL, "hi", &hi, log_id, "h");
	t[2] = uk_thread_create(NULL, "mid", NULL, log_id, "m");
	uk_thread_set_prio(self, prio);
	for (int i = 0; i < 3; i++)
		uk_thread_join(t[i], NULL);
	order[norder] = 0;
	/* hi preempts main on the join; mid has main's priority. */
	UK_TEST_EXPECT_STREQ(order, "hml");
}

static volatile int hi_ran;

static void hi_sleeper(void *arg __unused)
{
	uk_sched_sleep_ns(5 * MS);
	hi_ran = 1;
}

UK_TESTCASE(ukschedpreempt, woken_high_priority_preempts_busy_thread)
{
	struct uk_thread_attr hi = { .prio = 25 };
	struct uk_thread *t;
	uint64_t t0 = ukplat_monotonic_clock();

	if (!is_preempt())
		return;
	hi_ran = 0;
	t = uk_thread_create(NULL, "hi", &hi, hi_sleeper, NULL);
	/* Busy: only the timer interrupt can let the sleeper run. */
	while (!hi_ran && ukplat_monotonic_clock() - t0 < 1000 * MS)
		;
	UK_TEST_EXPECT(hi_ran);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 100 * MS);
	uk_thread_join(t, NULL);
}
