/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of uklibparam: every parameter type with its limits, size
 * suffixes, bool spellings, charp, aliases and the reporting of malformed,
 * unknown and invalid words. The parameters below exist only in test
 * images and are named uklibparam.test_*.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/libparam.h>
#include <uk/test.h>

static bool test_bool;
static int test_int = 7;
static unsigned int test_uint;
static long test_long;
static unsigned long test_ulong;
static int64_t test_s64;
static uint64_t test_u64;
static size_t test_size;
static char *test_charp;
static const char *test_cstr;
static int test_aliased;

UK_LIBPARAM_PARAM(test_bool, bool);
UK_LIBPARAM_PARAM_DESC(test_int, int, "an int for the unit tests");
UK_LIBPARAM_PARAM(test_uint, uint);
UK_LIBPARAM_PARAM(test_long, long);
UK_LIBPARAM_PARAM(test_ulong, ulong);
UK_LIBPARAM_PARAM(test_s64, s64);
UK_LIBPARAM_PARAM(test_u64, u64);
UK_LIBPARAM_PARAM(test_size, size);
UK_LIBPARAM_PARAM(test_charp, charp);
UK_LIBPARAM_PARAM(test_cstr, charp);
UK_LIBPARAM_PARAM_ALIAS(test_aliased, int, "test_alias");

/* Words handed to the parser stay here: charp values point into them. */
static char words[8][96];

/* Parse the single word "uklibparam.<assignment>". */
static int set(const char *assignment)
{
	char *argv[1] = { words[0] };

	snprintf(words[0], sizeof(words[0]), "uklibparam.%s", assignment);
	return uk_libparam_parse(1, argv);
}

/* Parse the words in @list (NULL-terminated), taken literally. */
static int parse_words(const char *const *list)
{
	char *argv[UK_ARRAY_SIZE(words)];
	int n;

	for (n = 0; n < (int)UK_ARRAY_SIZE(words) && list[n]; n++) {
		snprintf(words[n], sizeof(words[n]), "%s", list[n]);
		argv[n] = words[n];
	}
	return uk_libparam_parse(n, argv);
}

UK_TESTCASE(uklibparam, descriptors_are_registered)
{
	const struct uk_libparam *p;

	p = uk_libparam_find("uklibparam.test_int");
	UK_TEST_EXPECT_NOT_NULL(p);
	if (p) {
		UK_TEST_EXPECT_EQ(p->type, UK_LIBPARAM_INT);
		UK_TEST_EXPECT(p->addr == &test_int);
		UK_TEST_EXPECT_EQ(p->size, sizeof(int));
		UK_TEST_EXPECT_STREQ(p->desc, "an int for the unit tests");
	}
	p = uk_libparam_find("uklibparam.test_size");
	UK_TEST_EXPECT_NOT_NULL(p);
	if (p) {
		UK_TEST_EXPECT_EQ(p->type, UK_LIBPARAM_SIZE);
		UK_TEST_EXPECT_NULL(p->desc);
	}
	UK_TEST_EXPECT_NOT_NULL(uk_libparam_find("uklibparam.test_alias"));
	UK_TEST_EXPECT_NULL(uk_libparam_find("uklibparam.test_aliased"));
	UK_TEST_EXPECT_NULL(uk_libparam_find("uklibparam.test_in"));
	UK_TEST_EXPECT_NULL(uk_libparam_find("uklibparam.test_int2"));
	UK_TEST_EXPECT_NULL(uk_libparam_find(NULL));
	UK_TEST_EXPECT(__uk_libparam_end - __uk_libparam_start >= 11);
}

UK_TESTCASE(uklibparam, type_names)
{
	UK_TEST_EXPECT_STREQ(uk_libparam_type_name(UK_LIBPARAM_BOOL), "bool");
	UK_TEST_EXPECT_STREQ(uk_libparam_type_name(UK_LIBPARAM_S64), "s64");
	UK_TEST_EXPECT_STREQ(uk_libparam_type_name(UK_LIBPARAM_CHARP),
			     "charp");
	UK_TEST_EXPECT_STREQ(uk_libparam_type_name(
				(enum uk_libparam_type)99), "?");
}

UK_TESTCASE(uklibparam, bool_spellings)
{
	static const char *const yes[] = {
		"1", "y", "yes", "true", "on", "Y", "YES", "True", "ON"
	};
	static const char *const no[] = {
		"0", "n", "no", "false", "off", "N", "No", "FALSE", "Off"
	};
	static const char *const bad[] = {
		"", "2", "yess", "tru", "of", "on ", " on", "-1", "0x1", "t"
	};
	char word[32];
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(yes); i++) {
		test_bool = false;
		snprintf(word, sizeof(word), "test_bool=%s", yes[i]);
		UK_TEST_EXPECT_EQ(set(word), 0);
		UK_TEST_EXPECT_EQ(test_bool, true);
	}
	for (i = 0; i < UK_ARRAY_SIZE(no); i++) {
		test_bool = true;
		snprintf(word, sizeof(word), "test_bool=%s", no[i]);
		UK_TEST_EXPECT_EQ(set(word), 0);
		UK_TEST_EXPECT_EQ(test_bool, false);
	}
	for (i = 0; i < UK_ARRAY_SIZE(bad); i++) {
		test_bool = true;
		snprintf(word, sizeof(word), "test_bool=%s", bad[i]);
		UK_TEST_EXPECT_EQ(set(word), -EINVAL);
		UK_TEST_EXPECT_EQ(test_bool, true);
	}
}

UK_TESTCASE(uklibparam, int_values_and_limits)
{
	UK_TEST_EXPECT_EQ(set("test_int=0"), 0);
	UK_TEST_EXPECT_EQ(test_int, 0);
	UK_TEST_EXPECT_EQ(set("test_int=-1"), 0);
	UK_TEST_EXPECT_EQ(test_int, -1);
	UK_TEST_EXPECT_EQ(set("test_int=+42"), 0);
	UK_TEST_EXPECT_EQ(test_int, 42);
	UK_TEST_EXPECT_EQ(set("test_int=2147483647"), 0);
	UK_TEST_EXPECT_EQ(test_int, INT_MAX);
	UK_TEST_EXPECT_EQ(set("test_int=-2147483648"), 0);
	UK_TEST_EXPECT_EQ(test_int, INT_MIN);
	UK_TEST_EXPECT_EQ(set("test_int=0x7fffffff"), 0);
	UK_TEST_EXPECT_EQ(test_int, INT_MAX);
	UK_TEST_EXPECT_EQ(set("test_int=-0X10"), 0);
	UK_TEST_EXPECT_EQ(test_int, -16);
	/* Leading zeros do not mean octal. */
	UK_TEST_EXPECT_EQ(set("test_int=010"), 0);
	UK_TEST_EXPECT_EQ(test_int, 10);
}

UK_TESTCASE(uklibparam, int_rejects_without_touching)
{
	static const char *const bad[] = {
		"test_int=2147483648", "test_int=-2147483649",
		"test_int=0x80000000", "test_int=99999999999999999999999",
		"test_int=abc", "test_int=12abc", "test_int=", "test_int=-",
		"test_int=+", "test_int=0x", "test_int= 1", "test_int=1 ",
		"test_int=1.0", "test_int=--1", "test_int=1K",
	};
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(bad); i++) {
		test_int = 1234;
		UK_TEST_EXPECT_EQ(set(bad[i]), -EINVAL);
		UK_TEST_EXPECT_EQ(test_int, 1234);
	}
}

UK_TESTCASE(uklibparam, uint_limits)
{
	UK_TEST_EXPECT_EQ(set("test_uint=4294967295"), 0);
	UK_TEST_EXPECT_EQ(test_uint, UINT_MAX);
	UK_TEST_EXPECT_EQ(set("test_uint=0xFFFFFFFF"), 0);
	UK_TEST_EXPECT_EQ(test_uint, UINT_MAX);
	UK_TEST_EXPECT_EQ(set("test_uint=+3"), 0);
	UK_TEST_EXPECT_EQ(test_uint, 3);

	test_uint = 5;
	UK_TEST_EXPECT_EQ(set("test_uint=4294967296"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_uint=-1"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_uint=-0"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_uint=1M"), -EINVAL);
	UK_TEST_EXPECT_EQ(test_uint, 5);
}

UK_TESTCASE(uklibparam, long_and_ulong_limits)
{
	char word[64];

	snprintf(word, sizeof(word), "test_long=%ld", LONG_MAX);
	UK_TEST_EXPECT_EQ(set(word), 0);
	UK_TEST_EXPECT(test_long == LONG_MAX);
	snprintf(word, sizeof(word), "test_long=%ld", LONG_MIN);
	UK_TEST_EXPECT_EQ(set(word), 0);
	UK_TEST_EXPECT(test_long == LONG_MIN);
	snprintf(word, sizeof(word), "test_long=%lu",
		 (unsigned long)LONG_MAX + 1);
	UK_TEST_EXPECT_EQ(set(word), -EINVAL);
	UK_TEST_EXPECT(test_long == LONG_MIN);

	snprintf(word, sizeof(word), "test_ulong=%lu", ULONG_MAX);
	UK_TEST_EXPECT_EQ(set(word), 0);
	UK_TEST_EXPECT(test_ulong == ULONG_MAX);
	snprintf(word, sizeof(word), "test_ulong=%llu0",
		 (unsigned long long)ULONG_MAX);
	UK_TEST_EXPECT_EQ(set(word), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_ulong=-5"), -EINVAL);
	UK_TEST_EXPECT(test_ulong == ULONG_MAX);
}

UK_TESTCASE(uklibparam, s64_limits)
{
	UK_TEST_EXPECT_EQ(set("test_s64=9223372036854775807"), 0);
	UK_TEST_EXPECT(test_s64 == INT64_MAX);
	UK_TEST_EXPECT_EQ(set("test_s64=-9223372036854775808"), 0);
	UK_TEST_EXPECT(test_s64 == INT64_MIN);
	UK_TEST_EXPECT_EQ(set("test_s64=-0x8000000000000000"), 0);
	UK_TEST_EXPECT(test_s64 == INT64_MIN);
	UK_TEST_EXPECT_EQ(set("test_s64=-0"), 0);
	UK_TEST_EXPECT(test_s64 == 0);

	test_s64 = 99;
	UK_TEST_EXPECT_EQ(set("test_s64=9223372036854775808"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_s64=-9223372036854775809"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_s64=18446744073709551616"), -EINVAL);
	UK_TEST_EXPECT(test_s64 == 99);
}

UK_TESTCASE(uklibparam, u64_limits)
{
	UK_TEST_EXPECT_EQ(set("test_u64=18446744073709551615"), 0);
	UK_TEST_EXPECT(test_u64 == UINT64_MAX);
	UK_TEST_EXPECT_EQ(set("test_u64=0x123456789abcdef0"), 0);
	UK_TEST_EXPECT(test_u64 == 0x123456789abcdef0ULL);

	test_u64 = 1;
	UK_TEST_EXPECT_EQ(set("test_u64=18446744073709551616"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_u64=0x10000000000000000"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_u64=0xg"), -EINVAL);
	UK_TEST_EXPECT(test_u64 == 1);
}

UK_TESTCASE(uklibparam, size_suffixes)
{
	UK_TEST_EXPECT_EQ(set("test_size=512"), 0);
	UK_TEST_EXPECT_EQ(test_size, 512);
	UK_TEST_EXPECT_EQ(set("test_size=4k"), 0);
	UK_TEST_EXPECT_EQ(test_size, 4096);
	UK_TEST_EXPECT_EQ(set("test_size=4K"), 0);
	UK_TEST_EXPECT_EQ(test_size, 4096);
	UK_TEST_EXPECT_EQ(set("test_size=64M"), 0);
	UK_TEST_EXPECT_EQ(test_size, 64UL << 20);
	UK_TEST_EXPECT_EQ(set("test_size=2g"), 0);
	UK_TEST_EXPECT(test_size == (size_t)2 << 30);
	UK_TEST_EXPECT_EQ(set("test_size=0x10K"), 0);
	UK_TEST_EXPECT_EQ(test_size, 16 * 1024);
	UK_TEST_EXPECT_EQ(set("test_size=0M"), 0);
	UK_TEST_EXPECT_EQ(test_size, 0);
#if SIZE_MAX == UINT64_MAX
	UK_TEST_EXPECT_EQ(set("test_size=3T"), 0);
	UK_TEST_EXPECT(test_size == (size_t)3 << 40);
	UK_TEST_EXPECT_EQ(set("test_size=16777215T"), 0);
	UK_TEST_EXPECT(test_size == (size_t)16777215 << 40);
#endif

	test_size = 77;
	UK_TEST_EXPECT_EQ(set("test_size=16777216T"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=18446744073709551616"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=1KB"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=1P"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=M"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=1.5G"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=-1"), -EINVAL);
	UK_TEST_EXPECT_EQ(set("test_size=1 M"), -EINVAL);
	UK_TEST_EXPECT_EQ(test_size, 77);
}

UK_TESTCASE(uklibparam, charp_points_into_the_word)
{
	UK_TEST_EXPECT_EQ(set("test_charp=hello world"), 0);
	UK_TEST_EXPECT_STREQ(test_charp, "hello world");
	UK_TEST_EXPECT(test_charp ==
		       words[0] + strlen("uklibparam.test_charp="));

	/* Everything after the first '=' is the value. */
	UK_TEST_EXPECT_EQ(set("test_charp=a=b"), 0);
	UK_TEST_EXPECT_STREQ(test_charp, "a=b");

	UK_TEST_EXPECT_EQ(set("test_charp="), 0);
	UK_TEST_EXPECT_STREQ(test_charp, "");

	UK_TEST_EXPECT_EQ(set("test_cstr=const"), 0);
	UK_TEST_EXPECT_STREQ(test_cstr, "const");
}

UK_TESTCASE(uklibparam, alias_name)
{
	test_aliased = 0;
	UK_TEST_EXPECT_EQ(set("test_alias=31"), 0);
	UK_TEST_EXPECT_EQ(test_aliased, 31);
	UK_TEST_EXPECT_EQ(set("test_aliased=32"), -EINVAL);
	UK_TEST_EXPECT_EQ(test_aliased, 31);
}

UK_TESTCASE(uklibparam, malformed_words)
{
	static const char *const bad[] = {
		"ukboot", "", "=1", ".x=1", "uklibparam.=1",
		"uklibparam.test_int", "test_int=1", "uklibparam=1",
	};
	size_t i;

	test_int = 55;
	for (i = 0; i < UK_ARRAY_SIZE(bad); i++) {
		const char *list[] = { bad[i], NULL };

		UK_TEST_EXPECT_EQ(parse_words(list), -EINVAL);
	}
	UK_TEST_EXPECT_EQ(test_int, 55);
}

UK_TESTCASE(uklibparam, unknown_parameters)
{
	static const char *const l1[] = { "foo.bar=1", NULL };
	static const char *const l2[] = { "uklibparam.nope=1", NULL };
	static const char *const l3[] = { "uklibparam.test_int.x=1", NULL };
	static const char *const l4[] = { "UKLIBPARAM.test_int=1", NULL };

	test_int = 56;
	UK_TEST_EXPECT_EQ(parse_words(l1), -EINVAL);
	UK_TEST_EXPECT_EQ(parse_words(l2), -EINVAL);
	UK_TEST_EXPECT_EQ(parse_words(l3), -EINVAL);
	UK_TEST_EXPECT_EQ(parse_words(l4), -EINVAL);
	UK_TEST_EXPECT_EQ(test_int, 56);
}

UK_TESTCASE(uklibparam, all_words_checked_valid_ones_applied)
{
	static const char *const list[] = {
		"uklibparam.test_int=-9",
		"nonsense",
		"uklibparam.test_uint=-1",
		"foo.bar=2",
		"uklibparam.test_size=1M",
		"uklibparam.test_bool=maybe",
		"uklibparam.test_u64=0x20",
		NULL
	};

	test_int = 0;
	test_uint = 8;
	test_size = 0;
	test_bool = true;
	test_u64 = 0;
	UK_TEST_EXPECT_EQ(parse_words(list), -EINVAL);
	UK_TEST_EXPECT_EQ(test_int, -9);
	UK_TEST_EXPECT_EQ(test_uint, 8);
	UK_TEST_EXPECT_EQ(test_size, 1 << 20);
	UK_TEST_EXPECT_EQ(test_bool, true);
	UK_TEST_EXPECT_EQ(test_u64, 0x20);
}

UK_TESTCASE(uklibparam, all_valid_and_last_wins)
{
	static const char *const list[] = {
		"uklibparam.test_int=1",
		"uklibparam.test_long=-70000",
		"uklibparam.test_int=2",
		NULL
	};
	char *none[1] = { NULL };

	UK_TEST_EXPECT_EQ(parse_words(list), 0);
	UK_TEST_EXPECT_EQ(test_int, 2);
	UK_TEST_EXPECT_EQ(test_long, -70000);

	UK_TEST_EXPECT_EQ(uk_libparam_parse(0, none), 0);
	UK_TEST_EXPECT_EQ(uk_libparam_parse(0, NULL), 0);
	UK_TEST_EXPECT_EQ(uk_libparam_parse(-1, none), -EINVAL);
}

UK_TESTCASE(uklibparam, value_strings)
{
	const struct uk_libparam *p;
	char buf[32];

	test_int = -12;
	p = uk_libparam_find("uklibparam.test_int");
	UK_TEST_EXPECT_EQ(uk_libparam_value_str(p, buf, sizeof(buf)), 3);
	UK_TEST_EXPECT_STREQ(buf, "-12");

	test_size = 1 << 20;
	p = uk_libparam_find("uklibparam.test_size");
	uk_libparam_value_str(p, buf, sizeof(buf));
	UK_TEST_EXPECT_STREQ(buf, "1048576");

	test_bool = true;
	p = uk_libparam_find("uklibparam.test_bool");
	uk_libparam_value_str(p, buf, sizeof(buf));
	UK_TEST_EXPECT_STREQ(buf, "true");

	test_cstr = NULL;
	p = uk_libparam_find("uklibparam.test_cstr");
	uk_libparam_value_str(p, buf, sizeof(buf));
	UK_TEST_EXPECT_STREQ(buf, "(unset)");
	test_cstr = "x y";
	uk_libparam_value_str(p, buf, sizeof(buf));
	UK_TEST_EXPECT_STREQ(buf, "\"x y\"");

	test_u64 = UINT64_MAX;
	p = uk_libparam_find("uklibparam.test_u64");
	/* Truncated like snprintf; the full length is returned. */
	UK_TEST_EXPECT_EQ(uk_libparam_value_str(p, buf, 5), 20);
	UK_TEST_EXPECT_STREQ(buf, "1844");

	UK_TEST_EXPECT_EQ(uk_libparam_value_str(NULL, buf, sizeof(buf)),
			  -EINVAL);

	/* Only checks that listing does not crash. */
	uk_libparam_list();
}
