/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukargparse: split a boot command line into words with POSIX shell
 * quoting rules, and split an argument vector at "--" into kernel and
 * application arguments. See include/uk/argparse.h for the exact rules.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/argparse.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A backslash-newline pair joins two lines: it is removed entirely. */
static int is_line_join(const char *s)
{
	return s[0] == '\\' && s[1] == '\n';
}

/* Characters that a backslash escapes inside double quotes. */
static int is_dquote_escapable(char c)
{
	return c == '$' || c == '`' || c == '"' || c == '\\' || c == '\n';
}

/*
 * Copy the rest of a double-quoted string from *@rp to *@wp, stopping
 * after the closing quote. Returns 0, or -EINVAL if the string ends first.
 */
static int read_dquoted(char **rp, char **wp)
{
	char *r = *rp, *w = *wp;
	char c;

	for (;;) {
		c = *r;
		if (c == '\0')
			return -EINVAL;
		r++;
		if (c == '"')
			break;
		if (c == '\\' && *r != '\0' && is_dquote_escapable(*r)) {
			c = *r++;
			if (c == '\n')
				continue;
		}
		*w++ = c;
	}
	*rp = r;
	*wp = w;
	return 0;
}

/*
 * Copy one word from *@rp to *@wp, removing quotes and escapes, and
 * terminate it. On return *@rp points after the blank that ended the word
 * (or at the final '\0') and *@wp after the word's terminator.
 *
 * Writing never overtakes reading (every character read produces at most
 * one character written, the terminator replaces the blank or '\0' that
 * ended the word), so the word can be rewritten in place.
 */
static int read_word(char **rp, char **wp)
{
	char *r = *rp, *w = *wp;
	char c;
	int ret;

	for (;;) {
		c = *r;
		if (c == '\0' || is_blank(c))
			break;
		r++;
		switch (c) {
		case '\'':
			while (*r != '\'') {
				if (*r == '\0')
					return -EINVAL;
				*w++ = *r++;
			}
			r++;
			break;
		case '"':
			ret = read_dquoted(&r, &w);
			if (ret < 0)
				return ret;
			break;
		case '\\':
			if (*r == '\n')
				r++;
			else if (*r == '\0')
				*w++ = '\\';
			else
				*w++ = *r++;
			break;
		default:
			*w++ = c;
			break;
		}
	}
	if (c != '\0')
		r++;
	*w++ = '\0';
	*rp = r;
	*wp = w;
	return 0;
}

int uk_argparse(char *cmdline, char *argv[], int maxcount)
{
	char *r = cmdline, *w = cmdline;
	int count = 0;
	int ret;

	if (maxcount < 0)
		return -EINVAL;

	if (!cmdline)
		goto out;
	for (;;) {
		while (is_blank(*r) || is_line_join(r))
			r += is_blank(*r) ? 1 : 2;
		if (*r == '\0')
			break;
		if (count == maxcount)
			return -E2BIG;
		argv[count++] = w;
		ret = read_word(&r, &w);
		if (ret < 0)
			return ret;
	}
out:
	if (count < maxcount)
		argv[count] = NULL;
	return count;
}

int uk_argparse_split(int argc, char *argv[], int *kern_argc,
		      char ***kern_argv, int *app_argc, char ***app_argv)
{
	char *image;
	int sep, i;

	if (argc < 0 || !argv || !kern_argc || !kern_argv || !app_argc ||
	    !app_argv)
		return -EINVAL;

	for (sep = 1; sep < argc; sep++)
		if (argv[sep] && strcmp(argv[sep], "--") == 0)
			break;

	if (sep >= argc) {
		/* No "--": all words are the application's. */
		*kern_argc = 0;
		*kern_argv = &argv[argc];
		*app_argc = argc;
		*app_argv = argv;
		return 0;
	}

	/*
	 * {image, k1 .. kn, "--", a1 .. am, NULL} becomes
	 * {k1 .. kn, NULL, image, a1 .. am, NULL}: no allocation needed,
	 * and both halves are NULL-terminated.
	 */
	image = argv[0];
	for (i = 0; i < sep - 1; i++)
		argv[i] = argv[i + 1];
	argv[sep - 1] = NULL;
	argv[sep] = image;

	*kern_argc = sep - 1;
	*kern_argv = argv;
	*app_argc = argc - sep;
	*app_argv = &argv[sep];
	return 0;
}
