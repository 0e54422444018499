/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's per-thread state: every thread has its own struct _reent (errno,
 * strtok's and the dtoa's state, rand's seed, ...) in its TLS block, set
 * up on the thread's first use. stdin, stdout and stderr are shared
 * (_REENT_GLOBAL_STDIO_STREAMS); atexit handlers and the list of open
 * streams live in the global struct _reent (_GLOBAL_REENT), newlib's
 * impure.c.
 */
#include <reent.h>
#include <stdio.h>
#include <uk/init.h>

/* newlib's stdio/local.h, which is not a public header. */
void __sinit(struct _reent *r);

static __thread struct _reent thread_reent;
static __thread int thread_reent_ready;

struct _reent *__getreent(void)
{
	if (__builtin_expect(!thread_reent_ready, 0)) {
		_REENT_INIT_PTR(&thread_reent);
		thread_reent_ready = 1;
	}
	return &thread_reent;
}

/*
 * Set up the shared streams in the global struct _reent now, so that
 * exit() flushes them whichever thread used them first.
 */
static int newlib_stdio_init(void)
{
	__sinit(_GLOBAL_REENT);
	return 0;
}
uk_lib_initcall(newlib_stdio_init);
