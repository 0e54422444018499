/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of ukargparse: word splitting with quotes and escapes,
 * limits and errors of uk_argparse(), and the "--" split of
 * uk_argparse_split().
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/argparse.h>
#include <uk/test.h>

#define MAXW 8

/*
 * Parse a copy of @line (uk_argparse() rewrites its input) into @argv,
 * with room for @max words. The copy lives in @buf.
 */
static int parse(char *buf, size_t size, const char *line, char **argv,
		 int max)
{
	strncpy(buf, line, size - 1);
	buf[size - 1] = '\0';
	return uk_argparse(buf, argv, max);
}

UK_TESTCASE(ukargparse, plain_words)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "one two  three", argv,
				MAXW), 3);
	UK_TEST_EXPECT_STREQ(argv[0], "one");
	UK_TEST_EXPECT_STREQ(argv[1], "two");
	UK_TEST_EXPECT_STREQ(argv[2], "three");
	UK_TEST_EXPECT_NULL(argv[3]);
}

UK_TESTCASE(ukargparse, all_blanks_separate)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "\t a\tb\n\nc \r\nd\t",
				argv, MAXW), 4);
	UK_TEST_EXPECT_STREQ(argv[0], "a");
	UK_TEST_EXPECT_STREQ(argv[1], "b");
	UK_TEST_EXPECT_STREQ(argv[2], "c");
	UK_TEST_EXPECT_STREQ(argv[3], "d");
	UK_TEST_EXPECT_NULL(argv[4]);
}

UK_TESTCASE(ukargparse, empty_and_blank_strings)
{
	char buf[64], *argv[MAXW + 1];

	argv[0] = buf;
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "", argv, MAXW), 0);
	UK_TEST_EXPECT_NULL(argv[0]);

	argv[0] = buf;
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "  \t\n  ", argv, MAXW), 0);
	UK_TEST_EXPECT_NULL(argv[0]);

	argv[0] = buf;
	UK_TEST_EXPECT_EQ(uk_argparse(NULL, argv, MAXW), 0);
	UK_TEST_EXPECT_NULL(argv[0]);

	/* No room at all is fine while there is nothing to store. */
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), " ", argv, 0), 0);
}

UK_TESTCASE(ukargparse, single_quotes_are_literal)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf),
				"'a b' 'x\\y' '\"q\"' 'tab\there'", argv,
				MAXW), 4);
	UK_TEST_EXPECT_STREQ(argv[0], "a b");
	UK_TEST_EXPECT_STREQ(argv[1], "x\\y");
	UK_TEST_EXPECT_STREQ(argv[2], "\"q\"");
	UK_TEST_EXPECT_STREQ(argv[3], "tab\there");
}

UK_TESTCASE(ukargparse, double_quotes)
{
	char buf[96], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf),
				"\"a b\" \"it's\" \"say \\\"hi\\\"\" "
				"\"\\$\\`\\\\\" \"\\n\\a\"", argv, MAXW), 5);
	UK_TEST_EXPECT_STREQ(argv[0], "a b");
	UK_TEST_EXPECT_STREQ(argv[1], "it's");
	UK_TEST_EXPECT_STREQ(argv[2], "say \"hi\"");
	UK_TEST_EXPECT_STREQ(argv[3], "$`\\");
	/* Other backslashes stay inside double quotes. */
	UK_TEST_EXPECT_STREQ(argv[4], "\\n\\a");
}

UK_TESTCASE(ukargparse, quotes_join_parts_of_a_word)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf),
				"a'b c'\"d\"e x=\"1 2\"", argv, MAXW), 2);
	UK_TEST_EXPECT_STREQ(argv[0], "ab cde");
	UK_TEST_EXPECT_STREQ(argv[1], "x=1 2");
	UK_TEST_EXPECT_NULL(argv[2]);
}

UK_TESTCASE(ukargparse, empty_quotes_make_empty_words)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "'' a \"\" ''\"\"", argv,
				MAXW), 4);
	UK_TEST_EXPECT_STREQ(argv[0], "");
	UK_TEST_EXPECT_STREQ(argv[1], "a");
	UK_TEST_EXPECT_STREQ(argv[2], "");
	UK_TEST_EXPECT_STREQ(argv[3], "");
	UK_TEST_EXPECT_NULL(argv[4]);
}

UK_TESTCASE(ukargparse, backslash_outside_quotes)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf),
				"a\\ b \\'q\\' \\\\ \\\"", argv, MAXW), 4);
	UK_TEST_EXPECT_STREQ(argv[0], "a b");
	UK_TEST_EXPECT_STREQ(argv[1], "'q'");
	UK_TEST_EXPECT_STREQ(argv[2], "\\");
	UK_TEST_EXPECT_STREQ(argv[3], "\"");
}

UK_TESTCASE(ukargparse, backslash_newline_joins_lines)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "ab\\\ncd \\\n ef", argv,
				MAXW), 2);
	UK_TEST_EXPECT_STREQ(argv[0], "abcd");
	UK_TEST_EXPECT_STREQ(argv[1], "ef");

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "\"x\\\ny\"", argv, MAXW),
			  1);
	UK_TEST_EXPECT_STREQ(argv[0], "xy");

	/* Only a line join: no word at all. */
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), " \\\n ", argv, MAXW), 0);
}

UK_TESTCASE(ukargparse, trailing_backslash_is_kept)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a b\\", argv, MAXW), 2);
	UK_TEST_EXPECT_STREQ(argv[1], "b\\");
}

UK_TESTCASE(ukargparse, unterminated_quotes)
{
	char buf[64], *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a 'b c", argv, MAXW),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a \"b c", argv, MAXW),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "\"b\\\"", argv, MAXW),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "'", argv, MAXW), -EINVAL);
	/* A quote inside the other kind of quotes needs no partner. */
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "\"'\" '\"'", argv, MAXW),
			  2);
	UK_TEST_EXPECT_STREQ(argv[0], "'");
	UK_TEST_EXPECT_STREQ(argv[1], "\"");
}

UK_TESTCASE(ukargparse, too_many_words)
{
	char buf[64], *argv[4];

	argv[3] = (char *)"sentinel";
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a b c d e", argv, 3),
			  -E2BIG);
	UK_TEST_EXPECT_STREQ(argv[0], "a");
	UK_TEST_EXPECT_STREQ(argv[1], "b");
	UK_TEST_EXPECT_STREQ(argv[2], "c");
	UK_TEST_EXPECT_STREQ(argv[3], "sentinel");

	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a", argv, 0), -E2BIG);
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a", argv, -1), -EINVAL);
}

UK_TESTCASE(ukargparse, exactly_maxcount_words)
{
	char buf[64], *argv[4];

	argv[3] = (char *)"sentinel";
	/* Trailing blanks after the last word do not count as a word. */
	UK_TEST_EXPECT_EQ(parse(buf, sizeof(buf), "a b c  ", argv, 3), 3);
	UK_TEST_EXPECT_STREQ(argv[2], "c");
	/* No room for the NULL: argv[3] is not touched. */
	UK_TEST_EXPECT_STREQ(argv[3], "sentinel");
}

UK_TESTCASE(ukargparse, words_are_rewritten_in_place)
{
	char buf[] = "x 'y z'";
	char *argv[MAXW + 1];

	UK_TEST_EXPECT_EQ(uk_argparse(buf, argv, MAXW), 2);
	UK_TEST_EXPECT(argv[0] == buf);
	UK_TEST_EXPECT(argv[1] >= buf && argv[1] < buf + sizeof(buf));
	UK_TEST_EXPECT_STREQ(argv[1], "y z");
}

UK_TESTCASE(ukargparse, long_command_line)
{
	char buf[200], *argv[40];
	int i, n;

	for (i = 0; i < 39; i++) {
		buf[i * 3] = 'a' + (i % 26);
		buf[i * 3 + 1] = 'A' + (i % 26);
		buf[i * 3 + 2] = ' ';
	}
	buf[39 * 3] = '\0';
	n = uk_argparse(buf, argv, 39);
	UK_TEST_EXPECT_EQ(n, 39);
	for (i = 0; i < n; i++) {
		UK_TEST_EXPECT_EQ(strlen(argv[i]), 2);
		UK_TEST_EXPECT_EQ(argv[i][0], 'a' + (i % 26));
	}
}

/* A NULL-terminated copy of @words in @argv; returns the count. */
static int make_argv(char **argv, const char *const *words)
{
	int n = 0;

	while (words[n]) {
		argv[n] = (char *)words[n];
		n++;
	}
	argv[n] = NULL;
	return n;
}

UK_TESTCASE(ukargparse, split_kernel_and_app)
{
	static const char *const words[] = {
		"img", "a.b=1", "c.d=2", "--", "x", "y", NULL
	};
	char *argv[8], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 2);
	UK_TEST_EXPECT_STREQ(kv[0], "a.b=1");
	UK_TEST_EXPECT_STREQ(kv[1], "c.d=2");
	UK_TEST_EXPECT_NULL(kv[2]);
	UK_TEST_EXPECT_EQ(ac, 3);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_STREQ(av[1], "x");
	UK_TEST_EXPECT_STREQ(av[2], "y");
	UK_TEST_EXPECT_NULL(av[3]);
	/* Both vectors live in argv. */
	UK_TEST_EXPECT(kv == argv);
	UK_TEST_EXPECT(av == &argv[3]);
}

UK_TESTCASE(ukargparse, split_without_separator)
{
	static const char *const words[] = { "img", "a.b=1", "x", NULL };
	char *argv[4], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 0);
	UK_TEST_EXPECT_NULL(kv[0]);
	UK_TEST_EXPECT_EQ(ac, 3);
	UK_TEST_EXPECT(av == argv);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_STREQ(av[1], "a.b=1");
	UK_TEST_EXPECT_STREQ(av[2], "x");
	UK_TEST_EXPECT_NULL(av[3]);
}

UK_TESTCASE(ukargparse, split_separator_first)
{
	static const char *const words[] = { "img", "--", "x", NULL };
	char *argv[4], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 0);
	UK_TEST_EXPECT_NULL(kv[0]);
	UK_TEST_EXPECT_EQ(ac, 2);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_STREQ(av[1], "x");
	UK_TEST_EXPECT_NULL(av[2]);
}

UK_TESTCASE(ukargparse, split_separator_last)
{
	static const char *const words[] = { "img", "k.v=1", "--", NULL };
	char *argv[4], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 1);
	UK_TEST_EXPECT_STREQ(kv[0], "k.v=1");
	UK_TEST_EXPECT_NULL(kv[1]);
	UK_TEST_EXPECT_EQ(ac, 1);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_NULL(av[1]);
}

UK_TESTCASE(ukargparse, split_only_first_separator)
{
	static const char *const words[] = {
		"img", "k.v=1", "--", "x", "--", "y", NULL
	};
	char *argv[8], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 1);
	UK_TEST_EXPECT_EQ(ac, 4);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_STREQ(av[1], "x");
	UK_TEST_EXPECT_STREQ(av[2], "--");
	UK_TEST_EXPECT_STREQ(av[3], "y");
	UK_TEST_EXPECT_NULL(av[4]);
}

UK_TESTCASE(ukargparse, split_image_name_is_not_a_separator)
{
	static const char *const words[] = { "--", "x", NULL };
	char *argv[3], **kv, **av;
	int argc, kc, ac;

	argc = make_argv(argv, words);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 0);
	UK_TEST_EXPECT_EQ(ac, 2);
	UK_TEST_EXPECT_STREQ(av[0], "--");
	UK_TEST_EXPECT_STREQ(av[1], "x");
}

UK_TESTCASE(ukargparse, split_degenerate_vectors)
{
	char *argv[2] = { NULL, NULL }, **kv, **av;
	int kc, ac;

	/* argc 0: nothing for anyone. */
	UK_TEST_EXPECT_EQ(uk_argparse_split(0, argv, &kc, &kv, &ac, &av), 0);
	UK_TEST_EXPECT_EQ(kc, 0);
	UK_TEST_EXPECT_EQ(ac, 0);
	UK_TEST_EXPECT_NULL(av[0]);

	/* Only the image name. */
	argv[0] = (char *)"img";
	UK_TEST_EXPECT_EQ(uk_argparse_split(1, argv, &kc, &kv, &ac, &av), 0);
	UK_TEST_EXPECT_EQ(kc, 0);
	UK_TEST_EXPECT_NULL(kv[0]);
	UK_TEST_EXPECT_EQ(ac, 1);
	UK_TEST_EXPECT_STREQ(av[0], "img");

	UK_TEST_EXPECT_EQ(uk_argparse_split(-1, argv, &kc, &kv, &ac, &av),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(uk_argparse_split(1, NULL, &kc, &kv, &ac, &av),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(uk_argparse_split(1, argv, NULL, &kv, &ac, &av),
			  -EINVAL);
}

UK_TESTCASE(ukargparse, parse_then_split)
{
	char buf[] = "img 'a.s=x y' -- \"hello world\" 2";
	char *argv[MAXW + 1], **kv, **av;
	int argc, kc, ac;

	argc = uk_argparse(buf, argv, MAXW);
	UK_TEST_EXPECT_EQ(argc, 5);
	UK_TEST_EXPECT_EQ(uk_argparse_split(argc, argv, &kc, &kv, &ac, &av),
			  0);
	UK_TEST_EXPECT_EQ(kc, 1);
	UK_TEST_EXPECT_STREQ(kv[0], "a.s=x y");
	UK_TEST_EXPECT_EQ(ac, 3);
	UK_TEST_EXPECT_STREQ(av[0], "img");
	UK_TEST_EXPECT_STREQ(av[1], "hello world");
	UK_TEST_EXPECT_STREQ(av[2], "2");
	UK_TEST_EXPECT_NULL(av[3]);
}
