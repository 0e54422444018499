/* SPDX-License-Identifier: BSD-3-Clause */
/* ukdebug: UK_CRASH/UK_ASSERT end: message, backtrace, crash status. */
#include <stdarg.h>
#include <stdio.h>
#include <uk/assert.h>
#include <uk/plat/console.h>
#include <uk/plat/crash.h>

void uk_crash(const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ukplat_crash(msg, file, line);
}
