/* SPDX-License-Identifier: BSD-3-Clause */
/* ukmpi tests: mailbox order, try and timeout variants, two threads. */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/mbox.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/test.h>

#define MS	1000000ULL

UK_TESTCASE(ukmpi, try_and_timeouts)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_mbox *m = uk_mbox_create(a, 2);
	uint64_t t0;
	void *msg;

	UK_TEST_EXPECT_NOT_NULL(m);
	UK_TEST_EXPECT_EQ(uk_mbox_fetch_try(m, &msg), -EAGAIN);
	UK_TEST_EXPECT_EQ(uk_mbox_post_try(m, (void *)1), 0);
	UK_TEST_EXPECT_EQ(uk_mbox_post_try(m, (void *)2), 0);
	UK_TEST_EXPECT_EQ(uk_mbox_post_try(m, (void *)3), -EAGAIN);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(uk_mbox_post_to(m, (void *)3, 5 * MS), -ETIMEDOUT);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 5 * MS);
	UK_TEST_EXPECT_EQ((long)uk_mbox_fetch(m), 1);
	UK_TEST_EXPECT_EQ(uk_mbox_fetch_to(m, &msg, 5 * MS), 0);
	UK_TEST_EXPECT_EQ((long)msg, 2);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(uk_mbox_fetch_to(m, &msg, 5 * MS), -ETIMEDOUT);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 5 * MS);
	uk_mbox_free(a, m);
}

/*
 * A fetcher preempted between taking a message's semaphore and the
 * message: the message is still in the ring, and a post meanwhile must
 * not overwrite it. The test stands in for that fetcher by taking the
 * semaphore itself.
 */
UK_TESTCASE(ukmpi, post_while_a_fetch_is_half_done)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_mbox *m = uk_mbox_create(a, 4);
	void *msg = NULL;

	UK_TEST_EXPECT_NOT_NULL(m);
	if (!m)
		return;
	uk_mbox_post(m, (void *)1);
	UK_TEST_EXPECT(uk_semaphore_down_try(&m->used));
	uk_mbox_post(m, (void *)2);
	UK_TEST_EXPECT_EQ(uk_mbox_fetch_try(m, &msg), 0);
	UK_TEST_EXPECT_EQ((long)msg, 1);
	uk_mbox_free(a, m);
}

static void mbox_producer(void *arg)
{
	struct uk_mbox *m = arg;

	for (long i = 1; i <= 1000; i++)
		uk_mbox_post(m, (void *)i);
}

UK_TESTCASE(ukmpi, producer_consumer_in_order)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_mbox *m;
	struct uk_thread *t;
	int in_order = 1;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	m = uk_mbox_create(a, 3);
	t = uk_thread_create(NULL, "mbox", NULL, mbox_producer, m);
	for (long i = 1; i <= 1000; i++)
		in_order &= (long)uk_mbox_fetch(m) == i;
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT(in_order);
	uk_mbox_free(a, m);
}
