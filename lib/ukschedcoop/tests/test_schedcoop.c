/* SPDX-License-Identifier: BSD-3-Clause */
/* ukschedcoop tests: yield is strict round robin; no preemption. */
#include <uk/sched.h>
#include <uk/test.h>

static char trace[32];
static int ntrace;

static void yielder(void *arg)
{
	for (int i = 0; i < 3; i++) {
		trace[ntrace++] = *(const char *)arg;
		uk_sched_yield();
	}
}

UK_TESTCASE(ukschedcoop, yield_is_round_robin)
{
	struct uk_thread *t[3];
	static const char ids[] = "abc";

	if (uk_sched_default() != uk_thread_current()->sched ||
	    uk_thread_current()->sched->name[0] != 'c')
		UK_TEST_SKIP("the tests run on scheduler %s",
			     uk_thread_current()->sched->name);
	ntrace = 0;
	for (int i = 0; i < 3; i++)
		t[i] = uk_thread_create(NULL, "rr", NULL, yielder,
					(void *)&ids[i]);
	for (int i = 0; i < 3; i++)
		uk_thread_join(t[i], NULL);
	trace[ntrace] = 0;
	UK_TEST_EXPECT_STREQ(trace, "abcabcabc");
}
