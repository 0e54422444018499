/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: strtol family, atoi, strtod. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <uk/test.h>

UK_TESTCASE(nolibc, strtol_basic_and_endptr)
{
	const char *s = "  -1234xyz";
	char *end;

	UK_TEST_EXPECT_EQ(strtol(s, &end, 10), -1234);
	UK_TEST_EXPECT(end == s + 7);
	UK_TEST_EXPECT_EQ(strtol("+77", &end, 10), 77);
	UK_TEST_EXPECT_EQ(*end, '\0');
	UK_TEST_EXPECT_EQ(strtol("\t\n 42", NULL, 10), 42);
}

UK_TESTCASE(nolibc, strtol_no_digits)
{
	const char *s = "  +abc";
	char *end;

	UK_TEST_EXPECT_EQ(strtol(s, &end, 10), 0);
	UK_TEST_EXPECT(end == s);
	UK_TEST_EXPECT_EQ(strtol("", &end, 0), 0);
	UK_TEST_EXPECT_EQ(strtol("-", &end, 10), 0);
	UK_TEST_EXPECT(*end == '-');
}

UK_TESTCASE(nolibc, strtol_bases)
{
	char *end;

	UK_TEST_EXPECT_EQ(strtol("0x1f", NULL, 0), 31);
	UK_TEST_EXPECT_EQ(strtol("0X1F", NULL, 16), 31);
	UK_TEST_EXPECT_EQ(strtol("1f", NULL, 16), 31);
	UK_TEST_EXPECT_EQ(strtol("0755", NULL, 0), 493);
	UK_TEST_EXPECT_EQ(strtol("0", NULL, 0), 0);
	UK_TEST_EXPECT_EQ(strtol("101", NULL, 2), 5);
	UK_TEST_EXPECT_EQ(strtol("zz", NULL, 36), 1295);
	UK_TEST_EXPECT_EQ(strtol("Zz", NULL, 36), 1295);
	UK_TEST_EXPECT_EQ(strtol("129", &end, 8), 10);
	UK_TEST_EXPECT_EQ(*end, '9');
	UK_TEST_EXPECT_EQ(strtol("-0x10", NULL, 0), -16);
}

UK_TESTCASE(nolibc, strtol_hex_prefix_without_digits)
{
	const char *s = "0xg";
	char *end;

	UK_TEST_EXPECT_EQ(strtol(s, &end, 16), 0);
	UK_TEST_EXPECT(end == s + 1);
	UK_TEST_EXPECT_EQ(strtol(s, &end, 0), 0);
	UK_TEST_EXPECT(end == s + 1);
}

UK_TESTCASE(nolibc, strtol_invalid_base)
{
	const char *s = "123";
	char *end;

	errno = 0;
	UK_TEST_EXPECT_EQ(strtol(s, &end, 1), 0);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT(end == s);
	errno = 0;
	UK_TEST_EXPECT_EQ(strtol(s, &end, 37), 0);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}

UK_TESTCASE(nolibc, strtol_overflow)
{
	const char *s = "99999999999999999999999rest";
	char *end;

	errno = 0;
	UK_TEST_EXPECT_EQ(strtol(s, &end, 10), LONG_MAX);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
	UK_TEST_EXPECT(end == s + 23);
	errno = 0;
	UK_TEST_EXPECT_EQ(strtol("-99999999999999999999", NULL, 10),
			  LONG_MIN);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
	errno = 0;
	UK_TEST_EXPECT_EQ(strtol("9223372036854775807", NULL, 10), LONG_MAX);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT_EQ(strtol("-9223372036854775808", NULL, 10), LONG_MIN);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT_EQ(strtol("9223372036854775808", NULL, 10), LONG_MAX);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
}

UK_TESTCASE(nolibc, strtoll_limits)
{
	errno = 0;
	UK_TEST_EXPECT(strtoll("-9223372036854775808", NULL, 0) == LLONG_MIN);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT(strtoll("0x7fffffffffffffff", NULL, 0) == LLONG_MAX);
	UK_TEST_EXPECT(strtoll("-9223372036854775809", NULL, 0) == LLONG_MIN);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
}

UK_TESTCASE(nolibc, strtoul_family)
{
	errno = 0;
	UK_TEST_EXPECT(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT(strtoul("18446744073709551616", NULL, 10) == ULONG_MAX);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
	errno = 0;
	/* A minus sign negates in the unsigned type. */
	UK_TEST_EXPECT(strtoul("-1", NULL, 10) == ULONG_MAX);
	UK_TEST_EXPECT(strtoull("-2", NULL, 10) == ULLONG_MAX - 1);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT(strtoull("0xFFFFFFFFFFFFFFFF", NULL, 16) == ULLONG_MAX);
	UK_TEST_EXPECT(strtoumax("12", NULL, 10) == 12);
	UK_TEST_EXPECT(strtoimax("-12", NULL, 10) == -12);
}

UK_TESTCASE(nolibc, atoi_atol_atoll)
{
	UK_TEST_EXPECT_EQ(atoi("  42abc"), 42);
	UK_TEST_EXPECT_EQ(atoi("-17"), -17);
	UK_TEST_EXPECT_EQ(atoi("x"), 0);
	UK_TEST_EXPECT_EQ(atol("123456789012"), 123456789012L);
	UK_TEST_EXPECT(atoll("-123456789012345") == -123456789012345LL);
}

UK_TESTCASE(nolibc, strtod_common_values)
{
	const char *s = "  -12.5e2xyz";
	char *end;

	UK_TEST_EXPECT(strtod(s, &end) == -1250.0);
	UK_TEST_EXPECT(end == s + 9);
	UK_TEST_EXPECT(strtod("0.1", NULL) == 0.1);
	UK_TEST_EXPECT(strtod("3.141592653589793", NULL) == 3.141592653589793);
	UK_TEST_EXPECT(strtod("1e300", NULL) == 1e300);
	UK_TEST_EXPECT(strtod("1e-300", NULL) == 1e-300);
	UK_TEST_EXPECT(strtod(".5", NULL) == 0.5);
	UK_TEST_EXPECT(strtod("5.", NULL) == 5.0);
	UK_TEST_EXPECT(strtod("0x1.8p1", NULL) == 3.0);
	UK_TEST_EXPECT(strtod("123456789", NULL) == 123456789.0);
	UK_TEST_EXPECT(atof("2.5") == 2.5);
	UK_TEST_EXPECT(strtof("0.25", NULL) == 0.25f);
}

UK_TESTCASE(nolibc, strtod_special_and_errors)
{
	const char *s = "abc";
	char *end;
	double v;

	UK_TEST_EXPECT(strtod(s, &end) == 0.0);
	UK_TEST_EXPECT(end == s);
	UK_TEST_EXPECT(__builtin_isinf(strtod("inf", NULL)));
	UK_TEST_EXPECT(strtod("-Infinity", &end) < 0);
	UK_TEST_EXPECT_EQ(*end, '\0');
	v = strtod("nan(123)", &end);
	UK_TEST_EXPECT(v != v);
	UK_TEST_EXPECT_EQ(*end, '\0');
	errno = 0;
	UK_TEST_EXPECT(__builtin_isinf(strtod("1e999", NULL)));
	UK_TEST_EXPECT_EQ(errno, ERANGE);
	errno = 0;
	UK_TEST_EXPECT(strtod("1e-999", NULL) == 0.0);
	UK_TEST_EXPECT_EQ(errno, ERANGE);
	s = "1e+";
	strtod(s, &end);
	UK_TEST_EXPECT(end == s + 1);
}
