/* SPDX-License-Identifier: BSD-3-Clause */
/* uktest: runs the registered test cases and reports each one. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <uk/test.h>

extern const struct uk_testcase __uk_testtab_start[], __uk_testtab_end[];

static const struct uk_testcase *current;
static unsigned int current_failures;
static char skip_reason[160];	/* empty: the case did not skip */
unsigned long uk_test_nexpect;

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

void uk_test_skip(const char *fmt, ...)
{
	va_list ap;

	if (skip_reason[0])
		return;		/* the first reason is the one that counts */
	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
	if (!skip_reason[0])
		snprintf(skip_reason, sizeof(skip_reason), "(no reason given)");
	/* The host reads one line per case. */
	for (char *c = skip_reason; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
}

void uk_test_expect_streq(const char *file, int line, const char *expr,
			  const char *a, const char *b)
{
	uk_test_nexpect++;
	if (a == b || (a && b && strcmp(a, b) == 0))
		return;
	uk_test_fail(file, line, "%s: \"%s\" != \"%s\"", expr,
		     a ? a : "(null)", b ? b : "(null)");
}

void uk_test_expect_memeq(const char *file, int line, const char *expr,
			  const void *a, const void *b, unsigned long n)
{
	const unsigned char *pa = a, *pb = b;

	uk_test_nexpect++;
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
	unsigned int passed = 0, failed = 0, skipped = 0, nselected = 0;
	const struct uk_testcase *t;

	/* Both counts first, so the host can hold the run against them
	 * (and against the image's symbol table) even if a case crashes. */
	for (t = __uk_testtab_start; t < __uk_testtab_end; t++)
		nselected += selected(t, nfilters, filters);
	printf("uktest: %u cases compiled in, %u selected\n",
	       (unsigned int)(__uk_testtab_end - __uk_testtab_start),
	       nselected);
	fflush(stdout);

	for (current = __uk_testtab_start; current < __uk_testtab_end;
	     current++) {
		if (!selected(current, nfilters, filters))
			continue;
		current_failures = 0;
		uk_test_nexpect = 0;
		skip_reason[0] = '\0';
		current->fn();
		if (current_failures) {
			failed++;	/* its FAIL line is already out */
		} else if (skip_reason[0] || uk_test_nexpect == 0) {
			skipped++;
			printf("SKIP %s.%s: %s\n", current->suite,
			       current->name,
			       skip_reason[0] ? skip_reason : "checked nothing");
		} else {
			passed++;
			printf("PASS %s.%s\n", current->suite, current->name);
		}
		/* A later case may crash: what is known is out by then. */
		fflush(stdout);
	}
	printf("uktest: %u passed, %u failed, %u skipped\n", passed, failed,
	       skipped);
	fflush(stdout);
	return (int)failed;
}
