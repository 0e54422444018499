/* SPDX-License-Identifier: BSD-3-Clause */
/* uktest: runs the registered test cases and reports each one. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <uk/test.h>

extern const struct uk_testcase __uk_testtab_start[], __uk_testtab_end[];

static const struct uk_testcase *current;
static unsigned int current_failures;

void uk_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (current_failures++ == 0)
		printf("FAIL %s.%s\n", current->suite, current->name);
	printf("     %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void uk_test_expect_streq(const char *file, int line, const char *expr,
			  const char *a, const char *b)
{
	if (a == b || (a && b && strcmp(a, b) == 0))
		return;
	uk_test_fail(file, line, "%s: \"%s\" != \"%s\"", expr,
		     a ? a : "(null)", b ? b : "(null)");
}

void uk_test_expect_memeq(const char *file, int line, const char *expr,
			  const void *a, const void *b, unsigned long n)
{
	const unsigned char *pa = a, *pb = b;

	for (unsigned long i = 0; i < n; i++) {
		if (pa[i] != pb[i]) {
			uk_test_fail(file, line,
				     "%s: byte %lu differs: %#x != %#x",
				     expr, i, pa[i], pb[i]);
			return;
		}
	}
}

static int selected(const struct uk_testcase *t, int nfilters,
		    char *const filters[])
{
	char full[128];

	if (nfilters == 0)
		return 1;
	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	for (int i = 0; i < nfilters; i++)
		if (strncmp(full, filters[i], strlen(filters[i])) == 0)
			return 1;
	return 0;
}

int uk_test_run(int nfilters, char *const filters[])
{
	unsigned int passed = 0, failed = 0;

	for (current = __uk_testtab_start; current < __uk_testtab_end;
	     current++) {
		if (!selected(current, nfilters, filters))
			continue;
		current_failures = 0;
		current->fn();
		if (current_failures) {
			failed++;
		} else {
			passed++;
			printf("PASS %s.%s\n", current->suite, current->name);
		}
	}
	printf("uktest: %u passed, %u failed\n", passed, failed);
	fflush(stdout);
	return (int)failed;
}
