/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukargparse: turn a boot command line into an argument vector, and split
 * an argument vector into kernel arguments and application arguments.
 *
 * VM platforms receive the command line from their loader as one string;
 * uk_argparse() cuts it into words the way a POSIX shell would (without
 * any expansion). The boot code then calls uk_argparse_split() so that
 * everything before the first "--" configures the kernel (library
 * parameters) and everything after it reaches main().
 */
#ifndef __UK_ARGPARSE_H__
#define __UK_ARGPARSE_H__

/*
 * Split @cmdline into words, in place, and store a pointer to each word in
 * @argv (at most @maxcount of them).
 *
 * Words are separated by runs of spaces, tabs, newlines or carriage
 * returns. As in a POSIX shell:
 * - '...' keeps everything up to the next single quote literally;
 * - "..." keeps everything literally up to the next unescaped double quote,
 *   except that a backslash escapes $, `, ", \ and newline (a backslash
 *   before any other character stays);
 * - outside quotes a backslash makes the next character literal, and a
 *   backslash before a newline joins the lines; a backslash at the very
 *   end of the string is kept as a backslash;
 * - quotes group and are removed: a'b c'"d" is the one word "ab cd", and
 *   '' or "" on their own give an empty word.
 * Nothing else is special: no variables, globs or comments.
 *
 * The string is rewritten (quotes and escapes removed, words terminated by
 * '\0'), so it must stay alive as long as @argv is used. When fewer than
 * @maxcount words are found, argv[count] is set to NULL: pass the array
 * size minus one as @maxcount to always get a NULL-terminated vector.
 *
 * Returns the number of words (0 for a NULL, empty or blank string),
 * -E2BIG if there are more than @maxcount words (argv then holds the first
 * @maxcount), -EINVAL if a quote is not closed or @maxcount is negative.
 * On error @cmdline is left partly rewritten.
 */
int uk_argparse(char *cmdline, char *argv[], int maxcount);

/*
 * Split the argument vector of the image at the first "--" (argv[0], the
 * image name, is never taken as one):
 *
 *	image a.b=1 c.d=2 -- x y	kernel: a.b=1 c.d=2   app: image x y
 *	image x y			kernel: (none)        app: image x y
 *
 * Without a "--" every word belongs to the application and *kern_argc
 * is 0. Only the first "--" splits; later ones are passed to the app.
 *
 * argv must be NULL-terminated (argv[argc] == NULL), as for main(). The
 * split needs no memory: the entries of @argv are rearranged so that both
 * results are NULL-terminated vectors inside @argv. With k kernel words,
 * argv[0..k] = {image, k1 .. kk, "--"} becomes {k1 .. kk, NULL, image}:
 * the kernel words move down one slot, the NULL takes the old place of the
 * last kernel word and the image name takes the place of "--", right in
 * front of the application words. Hence:
 *	*kern_argv = &argv[0], *kern_argc = k, (*kern_argv)[k] == NULL
 *	*app_argv = &argv[k + 1], (*app_argv)[0] is the image name,
 *	(*app_argv)[*app_argc] == NULL
 * Without a "--", *kern_argv points at argv[argc] (an empty vector) and
 * *app_argv is @argv, unchanged. After the call use only the results, not
 * @argv itself.
 *
 * Returns 0, or -EINVAL if argc is negative, or argv or an output pointer
 * is NULL.
 */
int uk_argparse_split(int argc, char *argv[], int *kern_argc,
		      char ***kern_argv, int *app_argc, char ***app_argv);

#endif /* __UK_ARGPARSE_H__ */
