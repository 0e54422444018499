/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest: in-image unit tests. A test case is a function registered in the
 * .uk_testtab linker section; uk_test_run() prints
 * "uktest: N cases compiled in, M selected", then one line per selected
 * case and a closing "uktest: N passed, N failed, N skipped" line.
 *
 *	UK_TESTCASE(nolibc, strlen_counts_bytes)
 *	{
 *		UK_TEST_EXPECT_EQ(strlen("abc"), 3);
 *	}
 *
 * A case ends in one of three results:
 *   PASS suite.case            it evaluated at least one UK_TEST_EXPECT*
 *                              and none failed;
 *   FAIL suite.case            an expectation failed (each failure adds a
 *                              "file:line: ..." line below);
 *   SKIP suite.case: reason    it called UK_TEST_SKIP("reason"), or it
 *                              returned without evaluating a single
 *                              expectation ("checked nothing"): a case
 *                              that checks nothing never passes.
 * A case that cannot run in this configuration (no scheduler, say) says so
 * with UK_TEST_SKIP instead of returning early.
 */
#ifndef __UK_TEST_H__
#define __UK_TEST_H__

#include <stdint.h>
#include <uk/essentials.h>

struct uk_testcase {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

#define UK_TESTCASE(suite_, name_)					\
	static void uk_test_fn_##suite_##_##name_(void);		\
	static const struct uk_testcase					\
	uk_test_desc_##suite_##_##name_					\
	__used __section(".uk_testtab") __aligned(8) = {		\
		.suite = #suite_,					\
		.name = #name_,						\
		.fn = uk_test_fn_##suite_##_##name_,			\
	};								\
	static void uk_test_fn_##suite_##_##name_(void)

/* Record a failed expectation of the running case (prints file:line). */
void uk_test_fail(const char *file, int line, const char *fmt, ...)
	__printf_like(3, 4);

/*
 * Expectations evaluated by the running case, passed or failed: every
 * UK_TEST_EXPECT* adds one, so a case that checked nothing is told apart
 * from one that passed.
 */
extern unsigned long uk_test_nexpect;

/* Record why the running case cannot run here; see UK_TEST_SKIP. */
void uk_test_skip(const char *fmt, ...) __printf_like(1, 2);

/*
 * End the running case as skipped: UK_TEST_SKIP("needs %s", "a scheduler").
 * It returns from the function it is written in, so use it in the case's
 * own body, not in a helper. Failed expectations before it still make the
 * case FAIL.
 */
#define UK_TEST_SKIP(...)						\
	do {								\
		uk_test_skip(__VA_ARGS__);				\
		return;							\
	} while (0)

#define UK_TEST_EXPECT(cond)						\
	do {								\
		uk_test_nexpect++;					\
		if (!(cond))						\
			uk_test_fail(__FILE__, __LINE__,		\
				     "expected %s", #cond);		\
	} while (0)

#define UK_TEST_EXPECT_EQ(a, b)						\
	do {								\
		long long uk_a_ = (long long)(a);			\
		long long uk_b_ = (long long)(b);			\
		uk_test_nexpect++;					\
		if (uk_a_ != uk_b_)					\
			uk_test_fail(__FILE__, __LINE__,		\
				     "%s == %s: %lld != %lld",		\
				     #a, #b, uk_a_, uk_b_);		\
	} while (0)

#define UK_TEST_EXPECT_NE(a, b)						\
	do {								\
		long long uk_a_ = (long long)(a);			\
		long long uk_b_ = (long long)(b);			\
		uk_test_nexpect++;					\
		if (uk_a_ == uk_b_)					\
			uk_test_fail(__FILE__, __LINE__,		\
				     "%s != %s: both %lld",		\
				     #a, #b, uk_a_);			\
	} while (0)

/* A POSIX call fails: returns -1 and sets errno to @err (the test
 * includes <errno.h>). */
#define UK_TEST_EXPECT_ERRNO(call, err)					\
	do {								\
		long uk_r_;						\
		errno = 0;						\
		uk_r_ = (long)(call);					\
		uk_test_nexpect++;					\
		if (uk_r_ != -1 || errno != (err))			\
			uk_test_fail(__FILE__, __LINE__,		\
				     "%s: got %ld errno %d, want -1 errno %d", \
				     #call, uk_r_, errno, (err));	\
	} while (0)

#define UK_TEST_EXPECT_NULL(p)  UK_TEST_EXPECT((p) == NULL)
#define UK_TEST_EXPECT_NOT_NULL(p)  UK_TEST_EXPECT((p) != NULL)

/* String equality; NULL equals only NULL. (Counted by the function.) */
#define UK_TEST_EXPECT_STREQ(a, b)					\
	uk_test_expect_streq(__FILE__, __LINE__, #a, (a), (b))
void uk_test_expect_streq(const char *file, int line, const char *expr,
			  const char *a, const char *b);

/* Byte equality of @n bytes. */
#define UK_TEST_EXPECT_MEMEQ(a, b, n)					\
	uk_test_expect_memeq(__FILE__, __LINE__, #a, (a), (b), (n))
void uk_test_expect_memeq(const char *file, int line, const char *expr,
			  const void *a, const void *b, unsigned long n);

/*
 * Run every registered case whose "suite.name" starts with one of the
 * @nfilters prefixes (all cases when @nfilters is 0).
 * Returns the number of failed cases (skipped ones are not failures).
 */
int uk_test_run(int nfilters, char *const filters[]);

#endif /* __UK_TEST_H__ */
