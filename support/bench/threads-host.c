/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host baseline for apps/threadbench: two pthreads ping-ponging through a
 * mutex and condition variable (futexes), pthread_create+join, and an
 * uncontended pthread_mutex lock+unlock. Same output format.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define SWITCHES	200000L
#define CREATES		20000L
#define LOCKS		10000000L

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static long turn, rounds;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *player(void *arg)
{
	long me = (long)arg;

	pthread_mutex_lock(&m);
	while (rounds < SWITCHES) {
		while (turn != me && rounds < SWITCHES)
			pthread_cond_wait(&c, &m);
		turn = !me;
		rounds++;
		pthread_cond_signal(&c);
	}
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *nothing(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t a, b;
	double t0;

	t0 = now();
	pthread_create(&a, NULL, player, (void *)0L);
	pthread_create(&b, NULL, player, (void *)1L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("switch %.1f\n", (now() - t0) / SWITCHES);

	t0 = now();
	for (long i = 0; i < CREATES; i++) {
		pthread_create(&a, NULL, nothing, NULL);
		pthread_join(a, NULL);
	}
	printf("create_join %.1f\n", (now() - t0) / CREATES);

	t0 = now();
	for (long i = 0; i < LOCKS; i++) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	printf("mutex %.1f\n", (now() - t0) / LOCKS);
	return 0;
}
