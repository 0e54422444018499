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
		UK_TEST_SKIP("the tests run on scheduler %s",
			     uk_thread_current()->sched->name);
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
		UK_TEST_SKIP("the tests run on scheduler %s",
			     uk_thread_current()->sched->name);
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
		UK_TEST_SKIP("the tests run on scheduler %s",
			     uk_thread_current()->sched->name);
	hi_ran = 0;
	t = uk_thread_create(NULL, "hi", &hi, hi_sleeper, NULL);
	/* Busy: only the timer interrupt can let the sleeper run. */
	while (!hi_ran && ukplat_monotonic_clock() - t0 < 1000 * MS)
		;
	UK_TEST_EXPECT(hi_ran);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 100 * MS);
	uk_thread_join(t, NULL);
}

/*
 * Allocators under preemption: threads that are preempted mid-malloc must
 * not corrupt the heap (LIBUKALLOC_IRQSAFE). Each thread keeps blocks
 * filled with its own byte and checks them before freeing.
 */
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>

#define HEAP_THREADS	3
#define HEAP_SLOTS	32

static volatile int heap_bad;
static volatile unsigned long heap_ops[HEAP_THREADS];

static void heap_worker(void *arg)
{
	long id = (long)arg;
	unsigned char mark = (unsigned char)(0xa0 + id);
	unsigned char *slot[HEAP_SLOTS] = { 0 };
	size_t len[HEAP_SLOTS] = { 0 };
	unsigned int rnd = (unsigned int)id * 2654435761u + 1;
	uint64_t until = ukplat_monotonic_clock() + 150 * MS;

	while (ukplat_monotonic_clock() < until) {
		unsigned int i;

		rnd = rnd * 1103515245u + 12345u;
		i = (rnd >> 8) % HEAP_SLOTS;
		if (slot[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (slot[i][k] != mark)
					heap_bad = 1;
			free(slot[i]);
			slot[i] = NULL;
		} else {
			len[i] = 1 + (rnd >> 16) % 3000;
			slot[i] = malloc(len[i]);
			if (!slot[i])
				continue;
			memset(slot[i], mark, len[i]);
		}
		heap_ops[id]++;
	}
	for (unsigned int i = 0; i < HEAP_SLOTS; i++)
		free(slot[i]);
}

UK_TESTCASE(ukschedpreempt, malloc_is_safe_under_preemption)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_thread *t[HEAP_THREADS];
	long before;

	if (!is_preempt())
		UK_TEST_SKIP("the tests run on scheduler %s",
			     uk_thread_current()->sched->name);
	before = uk_alloc_availmem(a);
	heap_bad = 0;
	for (long i = 0; i < HEAP_THREADS; i++)
		t[i] = uk_thread_create(NULL, "heap", NULL, heap_worker,
					(void *)i);
	for (long i = 0; i < HEAP_THREADS; i++)
		uk_thread_join(t[i], NULL);
	UK_TEST_EXPECT(!heap_bad);
	for (long i = 0; i < HEAP_THREADS; i++)
		UK_TEST_EXPECT(heap_ops[i] > 100);
	/* Everything was freed: the heap is whole again (joined threads'
	 * stacks are released by then). */
	if (before >= 0)
		UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), before);
}
