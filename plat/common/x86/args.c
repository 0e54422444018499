/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the boot command line as argv. The loader's string is
 * copied (it lies in memory the allocator may later hand out) and split
 * with uk_argparse; argv[0] is the application's name. All of the
 * strings are writable.
 *
 * A multiboot loader (QEMU -kernel, GRUB) puts the image's file name in
 * front of the command line, unquoted: it is skipped up to the first
 * blank, without reading quotes or backslashes in it (a file name like
 * "it's/img" is no unclosed quote). A file name with a blank in it cannot
 * be told from the arguments that follow; run-kvm hands such an image to
 * QEMU under a name without blanks.
 *
 * Nothing is dropped silently: a command line longer than the buffer, or
 * with more words than argv holds, stops the boot with a message and exit
 * status 64 (EX_USAGE), since a cut line may have lost its "--" and sent
 * every library parameter to the application.
 */
#include <errno.h>
#include <uk/argparse.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <x86/boot.h>

#define EXIT_USAGE	64

/* C requires argv's strings to be modifiable, and programs write over
 * them (Redis's process title): the name is copied out of .rodata. */
static char app_name[] = UK_APP_NAME;

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The command line after the image's file name (multiboot). */
static const char *skip_image_name(const char *s)
{
	while (is_blank(*s))
		s++;
	while (*s && !is_blank(*s))
		s++;
	return s;
}

static __noreturn void usage_stop(void)
{
	ukplat_terminate(UKPLAT_HALT, EXIT_USAGE);
}

int x86_setup_args(char *buf, size_t size, char **argv, int max)
{
	const char *src = x86_bootinfo.cmdline;
	size_t n = 0;
	int argc;

	if (src) {
		if (x86_bootinfo.cmdline_has_image)
			src = skip_image_name(src);
		while (n < size - 1 && src[n]) {
			buf[n] = src[n];
			n++;
		}
		if (src[n]) {
			uk_pr_crit("command line longer than %zu bytes (the platform's *_CMDLINE_MAX); not booting\n",
				   size - 1);
			usage_stop();
		}
	}
	buf[n] = '\0';
	argc = uk_argparse(buf, argv + 1, max);
	if (argc == -E2BIG) {
		uk_pr_crit("command line has more than %d words; not booting\n",
			   max);
		usage_stop();
	} else if (argc < 0) {
		uk_pr_crit("command line has an unclosed quote\n");
		usage_stop();
	}
	argv[0] = app_name;
	argv[argc + 1] = NULL;
	return argc + 1;
}
