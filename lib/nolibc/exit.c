/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: program termination: atexit, exit, _Exit, abort. */
#include <stdio.h>
#include <stdlib.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/crash.h>
#include "stdio_impl.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*func)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = func;
	return 0;
}

void exit(int status)
{
	/* A handler may itself call atexit(): take them one at a time. */
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__nolibc_stdio_flush_all();
	ukplat_terminate(UKPLAT_HALT, status);
}

void _Exit(int status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}

void abort(void)
{
	__nolibc_stdio_flush_all();
	/* A crash report: the backtrace shows who called abort(). */
	ukplat_crash("abort() called", __FILE__, __LINE__);
}
