/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: the failure path of assert(). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __nolibc_assert_fail(const char *expr, const char *file, int line,
			  const char *func)
{
	fprintf(stderr, "Assertion failed: %s (%s:%d: %s)\n", expr, file, line,
		func);
	abort();
}
