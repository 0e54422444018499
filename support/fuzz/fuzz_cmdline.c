/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot command line: lib/ukargparse (shell-like word splitting and
 * the split at "--") and plat/common/x86/args.c (the loader's string as
 * argv). Input: a flags byte (bit 0: multiboot, whose word 0 is the
 * image; bits 1-7: the word limit), a size byte for the copy buffer,
 * then the command line (cut at its first NUL, like the loader's
 * string). Checks: every word lies in the buffer, in order and without
 * overlap; the vectors are NULL-terminated; the split keeps every word;
 * and quoting every word again and splitting that gives the same words.
 */
#include <errno.h>
#include <setjmp.h>
#include <uk/argparse.h>
#include <uk/plat/bootstrap.h>
#include <x86/boot.h>
#include "fuzz.h"

struct x86_bootinfo x86_bootinfo;
static jmp_buf terminated;

void ukplat_terminate(enum ukplat_halt how, int status)
{
	(void)how;
	(void)status;
	longjmp(terminated, 1);
}

/* Every word of @argv[0..n) lies in [buf, buf + size), after the last. */
static void check_words(char **argv, int n, const char *buf, size_t size)
{
	const char *prev_end = buf;

	for (int i = 0; i < n; i++) {
		const char *w = argv[i];
		size_t l;

		FUZZ_ASSERT(w >= prev_end && w < buf + size,
			    "word %d outside the buffer or out of order", i);
		l = strnlen(w, (size_t)(buf + size - w));
		FUZZ_ASSERT(w + l < buf + size, "word %d not terminated", i);
		prev_end = w + l + 1;
	}
}

/* Quote @n words for a shell and split them again: the same words. */
static void check_requote(char **argv, int n)
{
	size_t len = 1;
	char *line, *p, **again;
	int m;

	for (int i = 0; i < n; i++)
		len += 4 * strlen(argv[i]) + 3;
	line = malloc(len);
	again = malloc(sizeof(*again) * (size_t)(n + 1));
	p = line;
	for (int i = 0; i < n; i++) {
		*p++ = '\'';
		for (const char *s = argv[i]; *s; s++) {
			if (*s == '\'') {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else {
				*p++ = *s;
			}
		}
		*p++ = '\'';
		*p++ = ' ';
	}
	*p = '\0';
	m = uk_argparse(line, again, n);
	FUZZ_ASSERT(m == n, "%d words quoted again give %d", n, m);
	for (int i = 0; i < n; i++)
		FUZZ_ASSERT(!strcmp(argv[i], again[i]),
			    "word %d '%s' quoted again gives '%s'", i,
			    argv[i], again[i]);
	free(again);
	free(line);
}

static void check_split(char **argv, int argc)
{
	char **copy = malloc(sizeof(*copy) * (size_t)(argc + 1));
	char **kv, **av;
	int kc, ac, dash = -1;

	memcpy(copy, argv, sizeof(*copy) * (size_t)(argc + 1));
	for (int i = 1; i < argc && dash < 0; i++)
		if (!strcmp(argv[i], "--"))
			dash = i;
	FUZZ_ASSERT(!uk_argparse_split(argc, copy, &kc, &kv, &ac, &av),
		    "split failed");
	FUZZ_ASSERT(kv[kc] == NULL && av[ac] == NULL,
		    "vectors not NULL-terminated");
	if (dash < 0) {
		FUZZ_ASSERT(kc == 0 && ac == argc, "no -- but %d/%d", kc, ac);
	} else {
		FUZZ_ASSERT(kc == dash - 1 && ac == argc - dash,
			    "-- at %d of %d gives %d/%d", dash, argc, kc, ac);
		for (int i = 0; i < kc; i++)
			FUZZ_ASSERT(kv[i] == argv[i + 1], "kernel word %d", i);
		for (int i = 1; i < ac; i++)
			FUZZ_ASSERT(av[i] == argv[dash + i], "app word %d", i);
	}
	if (argc)
		FUZZ_ASSERT(av[0] == argv[0], "the image name moved");
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int max, n, argc;
	size_t bufsize, len;
	char *line, *buf, **argv;

	if (size < 2)
		return 0;
	max = data[0] >> 1;
	bufsize = (size_t)data[1] * 16 + 1;
	data += 2;
	size -= 2;
	len = strnlen((const char *)data, size);

	/* uk_argparse on its own, in a buffer of exactly the line */
	line = malloc(len + 1);
	memcpy(line, data, len);
	line[len] = '\0';
	argv = malloc(sizeof(*argv) * (size_t)(max + 1));
	n = uk_argparse(line, argv, max);
	FUZZ_ASSERT(n == -E2BIG || n == -EINVAL || (n >= 0 && n <= max),
		    "returned %d for at most %d words", n, max);
	if (n == -E2BIG)
		n = max;
	if (n >= 0) {
		check_words(argv, n, line, len + 1);
		if (n < max)
			FUZZ_ASSERT(argv[n] == NULL, "argv[%d] not NULL", n);
		check_requote(argv, n);
		argv[n] = NULL;
		check_split(argv, n);
	}
	free(argv);

	/* x86_setup_args: the loader's string, copied into a buffer */
	memcpy(line, data, len);
	line[len] = '\0';
	memset(&x86_bootinfo, 0, sizeof(x86_bootinfo));
	x86_bootinfo.cmdline = line;
	x86_bootinfo.cmdline_has_image = data[-2] & 1;
	buf = malloc(bufsize);
	argv = malloc(sizeof(*argv) * (size_t)(max + 2));
	if (!setjmp(terminated)) {
		argc = x86_setup_args(buf, bufsize, argv, max);
		FUZZ_ASSERT(argc >= 1 && argc <= max + 1,
			    "argc %d for at most %d words", argc, max);
		FUZZ_ASSERT(argv[argc] == NULL, "argv not NULL-terminated");
		FUZZ_ASSERT(!strcmp(argv[0], "fuzz"), "argv[0] '%s'",
			    argv[0]);
		check_words(argv + 1, argc - 1, buf, bufsize);
	}
	free(argv);
	free(buf);
	free(line);
	return 0;
}
