/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock tests: contended mutex counter, recursive mutex, semaphores,
 * read-write locks, condvar producer/consumer, timeouts, spinlocks.
 */
#include <errno.h>
#include <uk/condvar.h>
#include <uk/mutex.h>
#include <uk/plat/time.h>
#include <uk/rwlock.h>
#include <uk/sched.h>
#include <uk/semaphore.h>
#include <uk/spinlock.h>
#include <uk/test.h>

#define MS	1000000ULL
#define NTHREADS 8

static struct uk_mutex cmutex = UK_MUTEX_INITIALIZER(cmutex, 0);
static volatile long ctotal;

static void counter_worker(void *arg)
{
	long n = (long)arg;

	for (long i = 0; i < n; i++) {
		uk_mutex_lock(&cmutex);
		long v = ctotal;

		/* Give others the chance to run inside the section. */
		if ((i & 63) == 0)
			uk_sched_yield();
		ctotal = v + 1;
		uk_mutex_unlock(&cmutex);
	}
}

UK_TESTCASE(uklock, mutex_counter_exact)
{
	struct uk_thread *t[NTHREADS];

	ctotal = 0;
	for (int i = 0; i < NTHREADS; i++)
		t[i] = uk_thread_create(NULL, "cnt", NULL, counter_worker,
					(void *)20000L);
	for (int i = 0; i < NTHREADS; i++)
		uk_thread_join(t[i], NULL);
	UK_TEST_EXPECT_EQ(ctotal, NTHREADS * 20000L);
	UK_TEST_EXPECT(!uk_mutex_is_locked(&cmutex));
}

UK_TESTCASE(uklock, mutex_recursive_and_try)
{
	struct uk_mutex m;

	uk_mutex_init_config(&m, 1);
	uk_mutex_lock(&m);
	uk_mutex_lock(&m);
	UK_TEST_EXPECT(uk_mutex_trylock(&m));
	UK_TEST_EXPECT(uk_mutex_held(&m));
	uk_mutex_unlock(&m);
	uk_mutex_unlock(&m);
	UK_TEST_EXPECT(uk_mutex_is_locked(&m));
	uk_mutex_unlock(&m);
	UK_TEST_EXPECT(!uk_mutex_is_locked(&m));
	uk_mutex_init(&m);
	UK_TEST_EXPECT(uk_mutex_trylock(&m));
	UK_TEST_EXPECT(!uk_mutex_trylock(&m));
	uk_mutex_unlock(&m);
}

static struct uk_mutex hold;

static void holder(void *arg __unused)
{
	uk_mutex_lock(&hold);
	uk_sched_sleep_ns(30 * MS);
	uk_mutex_unlock(&hold);
}

UK_TESTCASE(uklock, mutex_timed_lock_times_out)
{
	struct uk_thread *t;

	uk_mutex_init(&hold);
	t = uk_thread_create(NULL, "hold", NULL, holder, NULL);
	uk_sched_sleep_ns(MS);
	UK_TEST_EXPECT_EQ(uk_mutex_lock_deadline(&hold,
			  ukplat_monotonic_clock() + 5 * MS), -ETIMEDOUT);
	UK_TEST_EXPECT_EQ(uk_mutex_lock_deadline(&hold,
			  ukplat_monotonic_clock() + 1000 * MS), 0);
	uk_mutex_unlock(&hold);
	uk_thread_join(t, NULL);
}

static struct uk_semaphore sem_items;
static int sem_got;

static void sem_consumer(void *arg __unused)
{
	for (int i = 0; i < 10; i++) {
		uk_semaphore_down(&sem_items);
		sem_got++;
	}
}

UK_TESTCASE(uklock, semaphore_counts)
{
	struct uk_thread *t;

	uk_semaphore_init(&sem_items, 0);
	sem_got = 0;
	t = uk_thread_create(NULL, "sem", NULL, sem_consumer, NULL);
	uk_sched_sleep_ns(MS);
	UK_TEST_EXPECT_EQ(sem_got, 0);
	for (int i = 0; i < 10; i++)
		uk_semaphore_up(&sem_items);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(sem_got, 10);
	UK_TEST_EXPECT(!uk_semaphore_down_try(&sem_items));
	UK_TEST_EXPECT_EQ(uk_semaphore_down_deadline(&sem_items,
			  ukplat_monotonic_clock() + 2 * MS), -ETIMEDOUT);
	uk_semaphore_up(&sem_items);
	UK_TEST_EXPECT(uk_semaphore_down_try(&sem_items));
}

static struct uk_rwlock rw;
static int readers_in, max_readers, writer_in, rw_bad;

static void rw_reader(void *arg __unused)
{
	for (int i = 0; i < 20; i++) {
		uk_rwlock_rlock(&rw);
		readers_in++;
		if (readers_in > max_readers)
			max_readers = readers_in;
		rw_bad |= writer_in;
		uk_sched_yield();
		readers_in--;
		uk_rwlock_unlock(&rw);
		uk_sched_yield();
	}
}

static void rw_writer(void *arg __unused)
{
	for (int i = 0; i < 20; i++) {
		uk_rwlock_wlock(&rw);
		writer_in++;
		rw_bad |= readers_in || writer_in != 1;
		uk_sched_yield();
		writer_in--;
		uk_rwlock_unlock(&rw);
		uk_sched_yield();
	}
}

UK_TESTCASE(uklock, rwlock_excludes_writers)
{
	struct uk_thread *t[6];

	uk_rwlock_init(&rw);
	readers_in = max_readers = writer_in = rw_bad = 0;
	for (int i = 0; i < 6; i++)
		t[i] = uk_thread_create(NULL, "rw", NULL,
					i < 4 ? rw_reader : rw_writer, NULL);
	for (int i = 0; i < 6; i++)
		uk_thread_join(t[i], NULL);
	UK_TEST_EXPECT_EQ(rw_bad, 0);
	UK_TEST_EXPECT(max_readers > 1);
	UK_TEST_EXPECT(uk_rwlock_trywlock(&rw));
	UK_TEST_EXPECT(!uk_rwlock_tryrlock(&rw));
	uk_rwlock_unlock(&rw);
}

#define QSIZE 4
static struct uk_mutex qm;
static struct uk_condvar not_empty, not_full;
static int queue[QSIZE], qhead, qcount;
static long consumed_sum;

static void producer(void *arg)
{
	int base = (int)(long)arg;

	for (int i = 1; i <= 500; i++) {
		uk_mutex_lock(&qm);
		while (qcount == QSIZE)
			uk_condvar_wait(&not_full, &qm);
		queue[(qhead + qcount++) % QSIZE] = base + i;
		uk_condvar_signal(&not_empty);
		uk_mutex_unlock(&qm);
	}
}

static void consumer(void *arg __unused)
{
	for (int i = 0; i < 500; i++) {
		uk_mutex_lock(&qm);
		while (qcount == 0)
			uk_condvar_wait(&not_empty, &qm);
		consumed_sum += queue[qhead];
		qhead = (qhead + 1) % QSIZE;
		qcount--;
		uk_condvar_signal(&not_full);
		uk_mutex_unlock(&qm);
	}
}

UK_TESTCASE(uklock, condvar_producer_consumer)
{
	struct uk_thread *t[4];

	uk_mutex_init(&qm);
	uk_condvar_init(&not_empty);
	uk_condvar_init(&not_full);
	qhead = qcount = 0;
	consumed_sum = 0;
	t[0] = uk_thread_create(NULL, "prod", NULL, producer, (void *)0L);
	t[1] = uk_thread_create(NULL, "prod", NULL, producer,
				(void *)1000L);
	t[2] = uk_thread_create(NULL, "cons", NULL, consumer, NULL);
	t[3] = uk_thread_create(NULL, "cons", NULL, consumer, NULL);
	for (int i = 0; i < 4; i++)
		uk_thread_join(t[i], NULL);
	/* 2 * (1 + ... + 500) + 500 * 1000 */
	UK_TEST_EXPECT_EQ(consumed_sum, 2 * 125250L + 500000L);
	UK_TEST_EXPECT_EQ(qcount, 0);
}

UK_TESTCASE(uklock, condvar_wait_times_out)
{
	struct uk_condvar c;
	struct uk_mutex m;
	uint64_t t0 = ukplat_monotonic_clock();

	uk_condvar_init(&c);
	uk_mutex_init(&m);
	uk_mutex_lock(&m);
	UK_TEST_EXPECT_EQ(uk_condvar_wait_deadline(&c, &m, t0 + 5 * MS),
			  -ETIMEDOUT);
	UK_TEST_EXPECT(uk_mutex_held(&m));
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 5 * MS);
	uk_mutex_unlock(&m);
}

UK_TESTCASE(uklock, spinlock_basics)
{
	struct uk_spinlock l = UK_SPINLOCK_INITIALIZER;
	unsigned long flags;

	uk_spin_lock(&l);
	UK_TEST_EXPECT(!uk_spin_trylock(&l));
	uk_spin_unlock(&l);
	uk_spin_lock_irqsave(&l, flags);
	UK_TEST_EXPECT(ukplat_lcpu_irqs_disabled());
	uk_spin_unlock_irqrestore(&l, flags);
	UK_TEST_EXPECT(!ukplat_lcpu_irqs_disabled());
}
