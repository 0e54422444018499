/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: ctype.h in the C locale. */
#include <ctype.h>
#include <stdio.h>
#include <uk/test.h>

/* Counts the characters of 0..255 for which @fn is true. */
static int count(int (*fn)(int))
{
	int c, n = 0;

	for (c = 0; c < 256; c++)
		n += fn(c) != 0;
	return n;
}

UK_TESTCASE(nolibc, ctype_class_sizes)
{
	UK_TEST_EXPECT_EQ(count(isdigit), 10);
	UK_TEST_EXPECT_EQ(count(isxdigit), 22);
	UK_TEST_EXPECT_EQ(count(islower), 26);
	UK_TEST_EXPECT_EQ(count(isupper), 26);
	UK_TEST_EXPECT_EQ(count(isalpha), 52);
	UK_TEST_EXPECT_EQ(count(isalnum), 62);
	UK_TEST_EXPECT_EQ(count(isspace), 6);
	UK_TEST_EXPECT_EQ(count(isblank), 2);
	UK_TEST_EXPECT_EQ(count(iscntrl), 33);
	UK_TEST_EXPECT_EQ(count(isprint), 95);
	UK_TEST_EXPECT_EQ(count(isgraph), 94);
	UK_TEST_EXPECT_EQ(count(ispunct), 32);
	UK_TEST_EXPECT_EQ(count(isascii), 128);
}

UK_TESTCASE(nolibc, ctype_members)
{
	UK_TEST_EXPECT(isspace('\t') && isspace('\v') && isspace('\f'));
	UK_TEST_EXPECT(!isspace('\0') && !isspace('x'));
	UK_TEST_EXPECT(isxdigit('F') && isxdigit('a') && !isxdigit('g'));
	UK_TEST_EXPECT(ispunct('!') && ispunct('~') && !ispunct(' '));
	UK_TEST_EXPECT(isprint(' ') && !isgraph(' '));
	UK_TEST_EXPECT(iscntrl(0x7f) && !isprint(0x7f));
	UK_TEST_EXPECT(!isalpha(0xe9) && !isupper(0xc9));	/* no Latin-1 */
	UK_TEST_EXPECT(!isdigit(EOF) && !isspace(EOF) && !isalpha(EOF));
}

UK_TESTCASE(nolibc, ctype_case_mapping)
{
	UK_TEST_EXPECT_EQ(tolower('A'), 'a');
	UK_TEST_EXPECT_EQ(tolower('z'), 'z');
	UK_TEST_EXPECT_EQ(tolower('@'), '@');
	UK_TEST_EXPECT_EQ(toupper('a'), 'A');
	UK_TEST_EXPECT_EQ(toupper('['), '[');
	UK_TEST_EXPECT_EQ(toupper(EOF), EOF);
	UK_TEST_EXPECT_EQ(tolower(0xc9), 0xc9);
}
