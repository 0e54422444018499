/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * threadbench: prints ns per operation for a yield ping-pong between two
 * threads (per switch), thread create+join and an uncontended mutex
 * lock+unlock; support/bench/run compares with host pthreads.
 */
#include <stdio.h>
#include <uk/mutex.h>
#include <uk/plat/time.h>
#include <uk/sched.h>

#define SWITCHES	2000000L
#define CREATES		20000L
#define LOCKS		10000000L

static volatile int stop;

static void pong(void *arg __unused)
{
	while (!stop)
		uk_sched_yield();
}

static void nothing(void *arg __unused)
{
}

int main(void)
{
	struct uk_thread_attr attr = { .stack_size = 16384 };
	struct uk_mutex m;
	struct uk_thread *t;
	uint64_t t0;

	t = uk_thread_create(NULL, "pong", NULL, pong, NULL);
	uk_sched_yield();
	t0 = ukplat_monotonic_clock();
	for (long i = 0; i < SWITCHES / 2; i++)
		uk_sched_yield();
	printf("switch %.1f\n",
	       (double)(ukplat_monotonic_clock() - t0) / SWITCHES);
	stop = 1;
	uk_thread_join(t, NULL);

	t0 = ukplat_monotonic_clock();
	for (long i = 0; i < CREATES; i++)
		uk_thread_join(uk_thread_create(NULL, "c", &attr, nothing,
						NULL), NULL);
	printf("create_join %.1f\n",
	       (double)(ukplat_monotonic_clock() - t0) / CREATES);

	uk_mutex_init(&m);
	t0 = ukplat_monotonic_clock();
	for (long i = 0; i < LOCKS; i++) {
		uk_mutex_lock(&m);
		uk_mutex_unlock(&m);
	}
	printf("mutex %.1f\n",
	       (double)(ukplat_monotonic_clock() - t0) / LOCKS);
	return 0;
}
