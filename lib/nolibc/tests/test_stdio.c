/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: snprintf family return values, sscanf, streams. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/test.h>

/* Through a function so that the compiler cannot fold the call. */
__attribute__((format(printf, 3, 4), noinline))
static int fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int ret;

	va_start(ap, f);
	ret = vsnprintf(buf, size, f, ap);
	va_end(ap);
	return ret;
}

UK_TESTCASE(nolibc, snprintf_truncates_and_returns_full_length)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	UK_TEST_EXPECT_EQ(fmt(buf, 5, "%s", "hello world"), 11);
	UK_TEST_EXPECT_STREQ(buf, "hell");
	UK_TEST_EXPECT_EQ(buf[5], 'x');
	UK_TEST_EXPECT_EQ(fmt(buf, 1, "%d", 12345), 5);
	UK_TEST_EXPECT_EQ(buf[0], '\0');
	UK_TEST_EXPECT_EQ(fmt(buf, sizeof(buf), "%d", 1234567), 7);
	UK_TEST_EXPECT_STREQ(buf, "1234567");
	UK_TEST_EXPECT_EQ(fmt(buf, sizeof(buf), "%d", 12345678), 8);
	UK_TEST_EXPECT_STREQ(buf, "1234567");
}

UK_TESTCASE(nolibc, snprintf_size_zero_writes_nothing)
{
	char c = 'Q';

	UK_TEST_EXPECT_EQ(fmt(&c, 0, "abc%d", 42), 5);
	UK_TEST_EXPECT_EQ(c, 'Q');
	UK_TEST_EXPECT_EQ(fmt(NULL, 0, "%.3f", 1.0), 5);
}

UK_TESTCASE(nolibc, sprintf_and_integers)
{
	char buf[64];

	UK_TEST_EXPECT_EQ(sprintf(buf, "%d|%5d|%-5d|%05d", -3, 42, 42, -42),
			  20);
	UK_TEST_EXPECT_STREQ(buf, "-3|   42|42   |-0042");
	sprintf(buf, "%lld %llu", LLONG_MIN, ULLONG_MAX);
	UK_TEST_EXPECT_STREQ(buf,
			     "-9223372036854775808 18446744073709551615");
	sprintf(buf, "%#x %#o %X %hhu %hd", 255, 8, 0xabcU, 257, 65537);
	UK_TEST_EXPECT_STREQ(buf, "0xff 010 ABC 1 1");
	sprintf(buf, "%zu %td %jd", (size_t)7, (ptrdiff_t)-7,
		(intmax_t)INTMAX_MAX);
	UK_TEST_EXPECT_STREQ(buf, "7 -7 9223372036854775807");
}

UK_TESTCASE(nolibc, sprintf_strings_chars_pointers)
{
	char buf[64];

	sprintf(buf, "[%.2s][%4s][%-4s][%c]", "abc", "ab", "ab", 'z');
	UK_TEST_EXPECT_STREQ(buf, "[ab][  ab][ab  ][z]");
	sprintf(buf, "%p %p", (void *)0, (void *)0x1000);
	UK_TEST_EXPECT_STREQ(buf, "(nil) 0x1000");
	sprintf(buf, "%*d|%-*d|%.*d", 4, 1, 3, 2, 3, 3);
	UK_TEST_EXPECT_STREQ(buf, "   1|2  |003");
	sprintf(buf, "100%%");
	UK_TEST_EXPECT_STREQ(buf, "100%");
}

UK_TESTCASE(nolibc, sprintf_floats)
{
	char buf[128];

	sprintf(buf, "%f %.2f %.0f %.0f %.0f", 3.14159, 0.125, 0.5, 1.5, 2.5);
	UK_TEST_EXPECT_STREQ(buf, "3.141590 0.12 0 2 2");
	sprintf(buf, "%e %.3E %g %g %g", 1234.5, 0.000123456, 0.0001, 1e-5,
		123456789.0);
	UK_TEST_EXPECT_STREQ(buf, "1.234500e+03 1.235E-04 0.0001 1e-05 "
			     "1.23457e+08");
	sprintf(buf, "%a %A %.1a", 1.0, -2.5, 1.0);
	UK_TEST_EXPECT_STREQ(buf, "0x1p+0 -0X1.4P+1 0x1.0p+0");
	sprintf(buf, "%f %F %e %g", __builtin_inf(), -__builtin_inf(),
		__builtin_nan(""), -__builtin_nan(""));
	UK_TEST_EXPECT_STREQ(buf, "inf -INF nan -nan");
	sprintf(buf, "%#g %#.0f %+.1f % .1f %08.2f", 1.0, 3.0, 1.0, 1.0, -1.5);
	UK_TEST_EXPECT_STREQ(buf, "1.00000 3. +1.0  1.0 -0001.50");
	sprintf(buf, "%.20f", 0.1);
	UK_TEST_EXPECT_STREQ(buf, "0.10000000000000000555");
	sprintf(buf, "%Lf %.3Le", 2.5L, 1e1000L);
	UK_TEST_EXPECT_STREQ(buf, "2.500000 1.000e+1000");
}

UK_TESTCASE(nolibc, snprintf_huge_double)
{
	char buf[400];
	int n = fmt(buf, sizeof(buf), "%.0f", 1.7976931348623157e308);

	UK_TEST_EXPECT_EQ(n, 309);
	UK_TEST_EXPECT_EQ(strncmp(buf, "179769313486231570814527", 24), 0);
	n = fmt(buf, sizeof(buf), "%.3f", 4.9406564584124654e-324);
	UK_TEST_EXPECT_STREQ(buf, "0.000");
}

UK_TESTCASE(nolibc, printf_n_counts)
{
	char buf[32];
	int n = -1;
	long long ln = -1;
	signed char hn = -1;

	sprintf(buf, "abc%n%5d%lln%hhn", &n, 1, &ln, &hn);
	UK_TEST_EXPECT_EQ(n, 3);
	UK_TEST_EXPECT_EQ(ln, 8);
	UK_TEST_EXPECT_EQ(hn, 8);
}

/* No format attribute: the formats below are ones the compiler rejects. */
__attribute__((noinline))
static int fmt_unchecked(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int ret;

	va_start(ap, f);
	ret = vsnprintf(buf, size, f, ap);
	va_end(ap);
	return ret;
}

/* Positional arguments where POSIX leaves the result open: nolibc's
 * choices (printf.c). The defined cases are in printf_cases.h. */
UK_TESTCASE(nolibc, printf_positional_edge_cases)
{
	char buf[32];
	int n = -1;

	/* Numbered and unnumbered mixed: EINVAL, nothing formatted. */
	strcpy(buf, "untouched");
	errno = 0;
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%1$s %s", "a",
					"b"), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_STREQ(buf, "");
	errno = 0;
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%1$*d", 1, 2), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	/* Beyond NL_ARGMAX. */
	errno = 0;
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%33$d", 1), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	/* A gap is an int, as with glibc. */
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%3$s %1$d", 7, 8,
					"z"), 3);
	UK_TEST_EXPECT_STREQ(buf, "z 7");
	/* %n by position; %% needs no number. */
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%2$s%%%1$n", &n,
					"ab"), 3);
	UK_TEST_EXPECT_EQ(n, 3);
	UK_TEST_EXPECT_STREQ(buf, "ab%");
	/* The highest position. */
	UK_TEST_EXPECT_EQ(fmt_unchecked(buf, sizeof(buf), "%32$d",
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
		19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32), 2);
	UK_TEST_EXPECT_STREQ(buf, "32");
}

UK_TESTCASE(nolibc, asprintf_allocates)
{
	char *s = NULL;
	int n = asprintf(&s, "%s-%d", "key", 99);

	UK_TEST_EXPECT_EQ(n, 6);
	UK_TEST_EXPECT_STREQ(s, "key-99");
	free(s);
}

UK_TESTCASE(nolibc, sscanf_integers)
{
	int a = 0, b = 0, c = 0;
	unsigned int u = 0, x = 0, o = 0;
	long l = 0;
	long long ll = 0;
	unsigned long long ull = 0;
	size_t z = 0;

	UK_TEST_EXPECT_EQ(sscanf("12 -34 +5", "%d %d %d", &a, &b, &c), 3);
	UK_TEST_EXPECT_EQ(a, 12);
	UK_TEST_EXPECT_EQ(b, -34);
	UK_TEST_EXPECT_EQ(c, 5);
	UK_TEST_EXPECT_EQ(sscanf("42 ff 17", "%u %x %o", &u, &x, &o), 3);
	UK_TEST_EXPECT_EQ(u, 42);
	UK_TEST_EXPECT_EQ(x, 255);
	UK_TEST_EXPECT_EQ(o, 15);
	UK_TEST_EXPECT_EQ(sscanf("0x1A 010 9", "%i %i %i", &a, &b, &c), 3);
	UK_TEST_EXPECT_EQ(a, 26);
	UK_TEST_EXPECT_EQ(b, 8);
	UK_TEST_EXPECT_EQ(c, 9);
	UK_TEST_EXPECT_EQ(sscanf("-9000000000 9000000000 "
				 "18446744073709551615 7", "%ld %lld %llu %zu",
				 &l, &ll, &ull, &z), 4);
	UK_TEST_EXPECT_EQ(l, -9000000000L);
	UK_TEST_EXPECT_EQ(ll, 9000000000LL);
	UK_TEST_EXPECT(ull == ULLONG_MAX);
	UK_TEST_EXPECT_EQ(z, 7);
	UK_TEST_EXPECT_EQ(sscanf("0X10", "%x", &x), 1);
	UK_TEST_EXPECT_EQ(x, 16);
}

UK_TESTCASE(nolibc, sscanf_width_and_suppress)
{
	int a = 0, b = 0;

	UK_TEST_EXPECT_EQ(sscanf("123456", "%3d%d", &a, &b), 2);
	UK_TEST_EXPECT_EQ(a, 123);
	UK_TEST_EXPECT_EQ(b, 456);
	UK_TEST_EXPECT_EQ(sscanf("1 2 3", "%*d %d %d", &a, &b), 2);
	UK_TEST_EXPECT_EQ(a, 2);
	UK_TEST_EXPECT_EQ(b, 3);
}

UK_TESTCASE(nolibc, sscanf_strings_chars_sets)
{
	char s[16], t[16], c[3] = { 0 };
	int n = -1;

	UK_TEST_EXPECT_EQ(sscanf("  hello world", "%s %s", s, t), 2);
	UK_TEST_EXPECT_STREQ(s, "hello");
	UK_TEST_EXPECT_STREQ(t, "world");
	UK_TEST_EXPECT_EQ(sscanf("abcdef", "%3s", s), 1);
	UK_TEST_EXPECT_STREQ(s, "abc");
	UK_TEST_EXPECT_EQ(sscanf(" xy", "%2c", c), 1);
	UK_TEST_EXPECT_STREQ(c, " x");
	UK_TEST_EXPECT_EQ(sscanf("key=value;", "%[^=]=%[a-z]%n", s, t, &n), 2);
	UK_TEST_EXPECT_STREQ(s, "key");
	UK_TEST_EXPECT_STREQ(t, "value");
	UK_TEST_EXPECT_EQ(n, 9);
	UK_TEST_EXPECT_EQ(sscanf("]]x", "%[]]", s), 1);
	UK_TEST_EXPECT_STREQ(s, "]]");
}

UK_TESTCASE(nolibc, sscanf_floats)
{
	float f = 0;
	double d = 0;

	UK_TEST_EXPECT_EQ(sscanf("2.5 -1e3", "%f %lf", &f, &d), 2);
	UK_TEST_EXPECT(f == 2.5f);
	UK_TEST_EXPECT(d == -1000.0);
	UK_TEST_EXPECT_EQ(sscanf("0.1", "%lg", &d), 1);
	UK_TEST_EXPECT(d == 0.1);
}

UK_TESTCASE(nolibc, sscanf_failures)
{
	int a = 7, b = 7;

	UK_TEST_EXPECT_EQ(sscanf("", "%d", &a), EOF);
	UK_TEST_EXPECT_EQ(sscanf("   ", "%d", &a), EOF);
	UK_TEST_EXPECT_EQ(sscanf("x", "%d", &a), 0);
	UK_TEST_EXPECT_EQ(a, 7);
	UK_TEST_EXPECT_EQ(sscanf("5 x", "%d %d", &a, &b), 1);
	UK_TEST_EXPECT_EQ(a, 5);
	UK_TEST_EXPECT_EQ(b, 7);
	UK_TEST_EXPECT_EQ(sscanf("5", "%d %d", &a, &b), 1);
	UK_TEST_EXPECT_EQ(sscanf("a:1", "a;%d", &a), 0);
	UK_TEST_EXPECT_EQ(sscanf("50%", "%d%%", &a), 1);
}

__attribute__((noinline))
static int scan_unchecked(const char *str, const char *f, ...)
{
	va_list ap;
	int ret;

	va_start(ap, f);
	ret = vsscanf(str, f, ap);
	va_end(ap);
	return ret;
}

UK_TESTCASE(nolibc, sscanf_positional)
{
	char s[8] = "", t[8] = "";
	double d = 0;
	int i = 0, n = 0;

	UK_TEST_EXPECT_EQ(sscanf("12 ab 3.5", "%3$d %2$s %1$lf", &d, s, &i),
			  3);
	UK_TEST_EXPECT_EQ(i, 12);
	UK_TEST_EXPECT_STREQ(s, "ab");
	UK_TEST_EXPECT(d == 3.5);
	/* Suppressed conversions take no argument; %n by position. */
	UK_TEST_EXPECT_EQ(sscanf("7 8", "%*d %1$d%2$n", &i, &n), 1);
	UK_TEST_EXPECT_EQ(i, 8);
	UK_TEST_EXPECT_EQ(n, 3);
	/* A '%' inside a scan set is no conversion. */
	UK_TEST_EXPECT_EQ(sscanf("%a 5", "%2$[%a] %1$d", &i, t), 2);
	UK_TEST_EXPECT_STREQ(t, "%a");
	UK_TEST_EXPECT_EQ(i, 5);
	/* Numbered and unnumbered mixed: EOF with EINVAL, nothing read. */
	i = 1;
	errno = 0;
	UK_TEST_EXPECT_EQ(scan_unchecked("5 6", "%1$d %d", &i, &n), EOF);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(i, 1);
}

UK_TESTCASE(nolibc, stdio_streams_exist)
{
	UK_TEST_EXPECT_NOT_NULL(stdin);
	UK_TEST_EXPECT_NOT_NULL(stdout);
	UK_TEST_EXPECT_NOT_NULL(stderr);
	UK_TEST_EXPECT_EQ(fileno(stdout), 1);
	UK_TEST_EXPECT_EQ(fflush(stdout), 0);
	UK_TEST_EXPECT_EQ(fputc(EOF, stdin), EOF);	/* not writable */
	UK_TEST_EXPECT(ferror(stdin));
	clearerr(stdin);
	UK_TEST_EXPECT(!ferror(stdin));
	UK_TEST_EXPECT_EQ(ungetc('q', stdin), 'q');
	UK_TEST_EXPECT_EQ(getc(stdin), 'q');
	UK_TEST_EXPECT_EQ(BUFSIZ > 0 && SEEK_SET == 0 && SEEK_CUR == 1 &&
			  SEEK_END == 2, 1);
}
