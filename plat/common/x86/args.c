/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the boot command line as argv. The loader's string is
 * copied (it lies in memory the allocator may later hand out) and split
 * with uk_argparse; argv[0] is the application's name. All of the
 * strings are writable.
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

int x86_setup_args(char *buf, size_t size, char **argv, int max)
{
	const char *src = x86_bootinfo.cmdline;
	size_t n = 0;
	int argc, skip = x86_bootinfo.cmdline_has_image;

	if (src) {
		while (src[n] && n < size - 1) {
			buf[n] = src[n];
			n++;
		}
		if (src[n])
			uk_pr_warn("command line cut to %zu bytes\n", n);
	}
	buf[n] = '\0';
	/* With multiboot the loader's word 0 is the image's file name and
	 * takes argv[0]'s place. */
	argc = uk_argparse(buf, argv + 1 - skip, max + skip);
	if (argc == -E2BIG) {
		uk_pr_warn("more than %d arguments: the rest is dropped\n",
			   max);
		argc = max + skip;
	} else if (argc < 0) {
		uk_pr_crit("command line has an unclosed quote\n");
		ukplat_terminate(UKPLAT_HALT, EXIT_USAGE);
	}
	argc = argc - skip < 0 ? 0 : argc - skip;
	argv[0] = app_name;
	argv[argc + 1] = NULL;
	return argc + 1;
}
