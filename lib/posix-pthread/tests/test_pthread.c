/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-pthread tests: threads and attributes, mutex types and errors,
 * condition variables with timeouts, once, keys, rwlocks, semaphores.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <time.h>
#include <uk/test.h>

static void *add_one(void *arg)
{
	return (void *)((long)arg + 1);
}

UK_TESTCASE(posix_pthread, create_join_self)
{
	pthread_t t;
	pthread_attr_t attr;
	void *ret = NULL;
	size_t sz;

	UK_TEST_EXPECT_EQ(pthread_create(&t, NULL, add_one, (void *)41), 0);
	UK_TEST_EXPECT_EQ(pthread_join(t, &ret), 0);
	UK_TEST_EXPECT_EQ((long)ret, 42);
	UK_TEST_EXPECT(pthread_equal(pthread_self(), pthread_self()));
	pthread_attr_init(&attr);
	UK_TEST_EXPECT_EQ(pthread_attr_setstacksize(&attr, 100), EINVAL);
	UK_TEST_EXPECT_EQ(pthread_attr_setstacksize(&attr, 32768), 0);
	pthread_attr_getstacksize(&attr, &sz);
	UK_TEST_EXPECT_EQ(sz, 32768);
	UK_TEST_EXPECT_EQ(pthread_create(&t, &attr, add_one, NULL), 0);
	UK_TEST_EXPECT_EQ(pthread_join(t, NULL), 0);
	UK_TEST_EXPECT_EQ(pthread_attr_setdetachstate(&attr,
			  PTHREAD_CREATE_DETACHED), 0);
	UK_TEST_EXPECT_EQ(pthread_create(&t, &attr, add_one, NULL), 0);
	UK_TEST_EXPECT_EQ(sched_yield(), 0);
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count(void *arg __unused)
{
	for (int i = 0; i < 10000; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		if ((i & 127) == 0)
			sched_yield();
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

UK_TESTCASE(posix_pthread, mutex_counter_8_threads)
{
	pthread_t t[8];

	counter = 0;
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, count, NULL);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	UK_TEST_EXPECT_EQ(counter, 80000);
}

UK_TESTCASE(posix_pthread, mutex_types)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	UK_TEST_EXPECT_EQ(pthread_mutex_unlock(&m), EPERM);
	UK_TEST_EXPECT_EQ(pthread_mutex_lock(&m), 0);
	UK_TEST_EXPECT_EQ(pthread_mutex_lock(&m), EDEADLK);
	UK_TEST_EXPECT_EQ(pthread_mutex_trylock(&m), EBUSY);
	UK_TEST_EXPECT_EQ(pthread_mutex_destroy(&m), EBUSY);
	UK_TEST_EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	UK_TEST_EXPECT_EQ(pthread_mutex_lock(&m), 0);
	UK_TEST_EXPECT_EQ(pthread_mutex_lock(&m), 0);
	UK_TEST_EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	UK_TEST_EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	UK_TEST_EXPECT_EQ(pthread_mutex_unlock(&m), EPERM);
	UK_TEST_EXPECT_EQ(pthread_mutex_destroy(&m), 0);
}

static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qc = PTHREAD_COND_INITIALIZER;
static int items;

static void *produce(void *arg __unused)
{
	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&qm);
		items++;
		pthread_cond_signal(&qc);
		pthread_mutex_unlock(&qm);
	}
	return NULL;
}

UK_TESTCASE(posix_pthread, cond_producer_consumer_and_timeout)
{
	struct timespec ts;
	pthread_t t;
	int got = 0;

	items = 0;
	pthread_create(&t, NULL, produce, NULL);
	pthread_mutex_lock(&qm);
	while (got < 100) {
		while (!items)
			pthread_cond_wait(&qc, &qm);
		got += items;
		items = 0;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 5000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	UK_TEST_EXPECT_EQ(pthread_cond_timedwait(&qc, &qm, &ts), ETIMEDOUT);
	pthread_mutex_unlock(&qm);
	pthread_join(t, NULL);
	UK_TEST_EXPECT_EQ(got, 100);
}

static int once_runs;
static void once_fn(void)
{
	once_runs++;
}

static pthread_key_t key;
static int destructed;
static void key_dtor(void *v)
{
	destructed += (int)(long)v;
}

static void *key_user(void *arg)
{
	pthread_setspecific(key, arg);
	sched_yield();
	return pthread_getspecific(key);
}

UK_TESTCASE(posix_pthread, once_and_keys)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_t t[2];
	void *r[2];

	pthread_once(&once, once_fn);
	pthread_once(&once, once_fn);
	UK_TEST_EXPECT_EQ(once_runs, 1);
	UK_TEST_EXPECT_EQ(pthread_key_create(&key, key_dtor), 0);
	pthread_setspecific(key, (void *)100);
	pthread_create(&t[0], NULL, key_user, (void *)1);
	pthread_create(&t[1], NULL, key_user, (void *)2);
	pthread_join(t[0], &r[0]);
	pthread_join(t[1], &r[1]);
	UK_TEST_EXPECT_EQ((long)r[0], 1);
	UK_TEST_EXPECT_EQ((long)r[1], 2);
	UK_TEST_EXPECT_EQ((long)pthread_getspecific(key), 100);
	UK_TEST_EXPECT_EQ(destructed, 3);
	UK_TEST_EXPECT_EQ(pthread_key_delete(key), 0);
}

UK_TESTCASE(posix_pthread, rwlock_and_semaphore)
{
	pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
	struct timespec ts;
	sem_t s;
	int v;

	UK_TEST_EXPECT_EQ(pthread_rwlock_rdlock(&l), 0);
	UK_TEST_EXPECT_EQ(pthread_rwlock_tryrdlock(&l), 0);
	UK_TEST_EXPECT_EQ(pthread_rwlock_trywrlock(&l), EBUSY);
	pthread_rwlock_unlock(&l);
	pthread_rwlock_unlock(&l);
	UK_TEST_EXPECT_EQ(pthread_rwlock_wrlock(&l), 0);
	UK_TEST_EXPECT_EQ(pthread_rwlock_wrlock(&l), EDEADLK);
	UK_TEST_EXPECT_EQ(pthread_rwlock_unlock(&l), 0);
	UK_TEST_EXPECT_EQ(pthread_rwlock_destroy(&l), 0);

	UK_TEST_EXPECT_EQ(sem_init(&s, 0, 1), 0);
	UK_TEST_EXPECT_EQ(sem_trywait(&s), 0);
	UK_TEST_EXPECT_EQ(sem_trywait(&s), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	clock_gettime(CLOCK_REALTIME, &ts);
	UK_TEST_EXPECT_EQ(sem_timedwait(&s, &ts), -1);
	UK_TEST_EXPECT_EQ(errno, ETIMEDOUT);
	sem_post(&s);
	sem_getvalue(&s, &v);
	UK_TEST_EXPECT_EQ(v, 1);
	UK_TEST_EXPECT_EQ(sem_wait(&s), 0);
}
