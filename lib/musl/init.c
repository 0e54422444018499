/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's process start-up, replaced: ukboot has set up memory, the thread
 * pointer (a TLS area whose control block is big enough for musl's struct
 * pthread) and runs constructors itself; here musl's own state is filled
 * in. Also the few start-up and thread entry points whose upstream
 * versions are assembly that traps into a kernel.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/config.h>
#include <uk/musl.h>
#include "pthread_impl.h"
#include "libc.h"

_Static_assert(sizeof(struct pthread) <= CONFIG_UKARCH_TLS_TCB_SIZE,
	       "musl's struct pthread does not fit the arch's TLS control block");
_Static_assert(offsetof(struct pthread, canary) == 0x28,
	       "the stack-protector canary must stay at %fs:0x28");

extern char **__environ;

static char *empty_environ[1];
static size_t empty_auxv[2];	/* AT_NULL */

/* The calling thread's struct pthread: the arch zeroed it and set self. */
static void init_thread(void)
{
	struct pthread *td = __pthread_self();

	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	if (td->tid < 0)
		td->tid = 1;
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
}

void uk_musl_init(int argc, char *argv[])
{
	__environ = empty_environ;
	libc.auxv = empty_auxv;
	if (argc > 0 && argv[0]) {
		char *slash = strrchr(argv[0], '/');

		__progname_full = argv[0];
		__progname = slash ? slash + 1 : argv[0];
	}
	init_thread();
}

/* The scheduler owns the thread pointer; musl never moves it. */
int __set_thread_area(void *p)
{
	(void)p;
	return -ENOSYS;
}

int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	(void)func;
	(void)stack;
	(void)flags;
	(void)arg;
	return -ENOSYS;
}

/* Only reached by a detached thread exiting on a mapped stack. */
void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;)
		__syscall(SYS_exit, 0);
}
