/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host reference for nolibc's printf: prints every case of
 * lib/nolibc/tests/printf_cases.h formatted by the host libc (glibc), in
 * the same line format as nolibc_printf_dump(). Identical output means
 * nolibc's printf matches glibc on all cases.
 *
 *	gcc -O2 -Wall -Wextra -Werror -o printf-host support/tests/printf-host.c
 *	./printf-host > host.txt
 */
#include <float.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

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

int main(void)
{
	int i = 0;

#define PRINTF_CASE(...) dump_case(i++, __VA_ARGS__);
#include "../../lib/nolibc/tests/printf_cases.h"
#undef PRINTF_CASE
	printf("printf-cases: %d\n", i);
	return 0;
}
