/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: setjmp/longjmp, errno, strerror, limits, assert. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <uk/test.h>

#define NDEBUG
#include <assert.h>

static jmp_buf env;
static int depth_reached;

static __attribute__((noinline)) void jump_from_depth(int depth, int val)
{
	volatile char pad[64];

	if (val < 0)
		return;
	pad[0] = (char)depth;
	depth_reached = depth + pad[0] - depth;
	if (depth > 0)
		jump_from_depth(depth - 1, val);
	else
		longjmp(env, val);
}

UK_TESTCASE(nolibc, setjmp_returns_zero_then_value)
{
	volatile int calls = 0;
	int r = setjmp(env);

	calls++;
	if (r == 0)
		jump_from_depth(10, 42);
	UK_TEST_EXPECT_EQ(r, 42);
	UK_TEST_EXPECT_EQ(calls, 2);
	UK_TEST_EXPECT_EQ(depth_reached, 0);
}

UK_TESTCASE(nolibc, longjmp_zero_becomes_one)
{
	int r = setjmp(env);

	if (r == 0)
		jump_from_depth(0, 0);
	UK_TEST_EXPECT_EQ(r, 1);
}

UK_TESTCASE(nolibc, setjmp_preserves_callee_saved)
{
	volatile long a = 11, b = 22;
	long c = 33;
	int r = setjmp(env);

	if (r == 0) {
		a = 111;
		jump_from_depth(3, 5);
	}
	UK_TEST_EXPECT_EQ(a, 111);
	UK_TEST_EXPECT_EQ(b, 22);
	UK_TEST_EXPECT_EQ(c, 33);
}

UK_TESTCASE(nolibc, errno_is_an_lvalue)
{
	errno = 0;
	UK_TEST_EXPECT_EQ(errno, 0);
	errno = EAGAIN;
	UK_TEST_EXPECT_EQ(errno, 11);
	UK_TEST_EXPECT(&errno == __uk_errno_location());
	UK_TEST_EXPECT_EQ(EWOULDBLOCK, EAGAIN);
	UK_TEST_EXPECT_EQ(ENOTSUP, EOPNOTSUPP);
	UK_TEST_EXPECT_EQ(EHWPOISON, 133);
	UK_TEST_EXPECT_EQ(ETIMEDOUT, 110);
	errno = 0;
}

UK_TESTCASE(nolibc, strerror_messages)
{
	int e, missing = 0;

	UK_TEST_EXPECT_STREQ(strerror(0), "Success");
	UK_TEST_EXPECT_STREQ(strerror(ENOENT), "No such file or directory");
	UK_TEST_EXPECT_STREQ(strerror(ENOMEM), "Cannot allocate memory");
	UK_TEST_EXPECT_STREQ(strerror(EINVAL), "Invalid argument");
	UK_TEST_EXPECT_STREQ(strerror(1000), "Unknown error 1000");
	UK_TEST_EXPECT_STREQ(strerror(-5), "Unknown error -5");
	/* Every number from 1 to EHWPOISON but the two holes has text. */
	for (e = 1; e <= EHWPOISON; e++) {
		if (e == 41 || e == 58)
			continue;
		missing += strncmp(strerror(e), "Unknown", 7) == 0;
	}
	UK_TEST_EXPECT_EQ(missing, 0);
}

UK_TESTCASE(nolibc, strerror_r_posix)
{
	char buf[64], tiny[4];

	UK_TEST_EXPECT_EQ(strerror_r(EPERM, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_STREQ(buf, "Operation not permitted");
	UK_TEST_EXPECT_EQ(strerror_r(EPERM, tiny, sizeof(tiny)), ERANGE);
	UK_TEST_EXPECT_STREQ(tiny, "Ope");
	UK_TEST_EXPECT_EQ(strerror_r(9999, buf, sizeof(buf)), EINVAL);
	UK_TEST_EXPECT_STREQ(buf, "Unknown error 9999");
}

UK_TESTCASE(nolibc, integer_limits)
{
	UK_TEST_EXPECT_EQ(CHAR_BIT, 8);
	UK_TEST_EXPECT_EQ(INT_MAX, 2147483647);
	UK_TEST_EXPECT(INT_MIN == -2147483647 - 1);
	UK_TEST_EXPECT(UINT_MAX == 4294967295U);
	UK_TEST_EXPECT(LONG_MAX == INT64_MAX);
	UK_TEST_EXPECT(ULLONG_MAX == UINT64_MAX);
	UK_TEST_EXPECT(SIZE_MAX == UINT64_MAX);
	UK_TEST_EXPECT_EQ(sizeof(int8_t), 1);
	UK_TEST_EXPECT_EQ(sizeof(int64_t), 8);
	UK_TEST_EXPECT_EQ(sizeof(intptr_t), sizeof(void *));
	UK_TEST_EXPECT_EQ(sizeof(ssize_t), sizeof(size_t));
	UK_TEST_EXPECT_EQ(sizeof(off_t), 8);
	UK_TEST_EXPECT(INT8_MIN == -128 && UINT16_MAX == 65535);
	UK_TEST_EXPECT(INT64_C(1) << 62 > 0);
}

UK_TESTCASE(nolibc, inttypes_macros)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%" PRId64 " %" PRIu32 " %" PRIx8
		 " %" PRIuPTR " %" PRIdMAX, INT64_MIN, UINT32_MAX,
		 (uint8_t)0xab, (uintptr_t)12, (intmax_t)-1);
	UK_TEST_EXPECT_STREQ(buf, "-9223372036854775808 4294967295 ab 12 -1");
	UK_TEST_EXPECT(imaxabs(-5) == 5);
	UK_TEST_EXPECT(imaxdiv(7, 2).rem == 1);
}

UK_TESTCASE(nolibc, assert_ndebug_compiles_away)
{
	int evaluated = 0;

	assert(evaluated++ == 12345);
	UK_TEST_EXPECT_EQ(evaluated, 0);
}
