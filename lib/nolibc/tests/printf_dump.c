/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: prints every case of printf_cases.h formatted by nolibc, one
 * line each. Plain C: support/tests/printf-host.c compiles this file
 * against the host libc to produce the reference output.
 * Line format: "printf-case <i>: <ret>/<ret5> [<result>] [<result5>]"
 * where ret5/result5 come from the same call with a 5-byte buffer.
 */
#include <float.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

int nolibc_printf_dump(void);

static char dump_buf[8192];

__attribute__((format(printf, 2, 3)))
static void dump_case(int i, const char *fmt, ...)
{
	char small[8];
	va_list ap, aq;
	int ret, ret5;

	va_start(ap, fmt);
	va_copy(aq, ap);
	ret = vsnprintf(dump_buf, sizeof(dump_buf), fmt, ap);
	ret5 = vsnprintf(small, 5, fmt, aq);
	va_end(aq);
	va_end(ap);
	printf("printf-case %d: %d/%d [%s] [%s]\n", i, ret, ret5, dump_buf,
	       small);
}

/* Returns 0; the comparison happens on the host. */
int nolibc_printf_dump(void)
{
	int i = 0;

#define PRINTF_CASE(...) dump_case(i++, __VA_ARGS__);
#include "printf_cases.h"
#undef PRINTF_CASE
	printf("printf-cases: %d\n", i);
	fflush(stdout);
	return 0;
}
