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
#include <uk/init.h>
#if CONFIG_LIBUKSCHED
#include <uk/plat/lcpu.h>
#include <uk/sched.h>
#include "musl_glue.h"
#endif
#include "pthread_impl.h"
#include "libc.h"

_Static_assert(sizeof(struct pthread) <= CONFIG_UKARCH_TLS_TCB_SIZE,
	       "musl's struct pthread does not fit the arch's TLS control block");
_Static_assert(offsetof(struct pthread, canary) == 0x28,
	       "the stack-protector canary must stay at %fs:0x28");

extern char **__environ;

/* The image's TLS template, from the linker script (as the arch uses). */
extern char _tls_start[], _etdata[], _tls_end[], _tls_start_plus_align[];

/* As musl's __init_tls.c: the alignment of a struct pthread. */
#define MIN_TLS_ALIGN _Alignof(struct pthread)

static struct tls_module main_tls;
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

/* What musl's static TLS set-up computes; pthread_create copies it. */
static void init_tls_module(void)
{
	main_tls.image = _tls_start;
	main_tls.len = _etdata - _tls_start;
	main_tls.size = _tls_end - _tls_start;
	main_tls.align = (size_t)(_tls_start_plus_align - _tls_start) ?
			 (size_t)(_tls_start_plus_align - _tls_start) : 1;
	main_tls.size += (-main_tls.size - (uintptr_t)main_tls.image) &
			 (main_tls.align - 1);
	main_tls.offset = main_tls.size;
	if (main_tls.align < MIN_TLS_ALIGN)
		main_tls.align = MIN_TLS_ALIGN;
	libc.tls_align = main_tls.align;
	libc.tls_size = (2 * sizeof(void *) + sizeof(struct pthread) +
			 main_tls.size + main_tls.align + MIN_TLS_ALIGN - 1) &
			-MIN_TLS_ALIGN;
	libc.tls_cnt = 1;
	libc.tls_head = &main_tls;
}

#if CONFIG_LIBUKSCHED
/*
 * A thread uksched creates directly (lwip's, a library's, the idle
 * thread), not through pthread_create(): its TLS control block becomes
 * a struct pthread like the main thread's, detached, with a tid of its
 * own, so that errno, pthread_self(), the locale functions (strerror,
 * MB_CUR_MAX) and recursive or error-checking mutexes work there. A
 * thread __clone starts gets one too, then moves to the struct pthread
 * pthread_create prepared.
 */
static void init_uksched_thread(struct uk_thread *t)
{
	struct pthread *td = t->tlsp;

	td->detach_state = DT_DETACHED;
	td->tid = uk_musl_new_tid();
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
}

/* The threads created before musl was set up, then every new one. */
static void init_uksched_threads(void)
{
	struct uk_sched *s = uk_sched_default();
	struct uk_thread *self = uk_thread_current();
	struct uk_thread_link *l;
	unsigned long flags;

	flags = ukplat_lcpu_save_irqf();
	uk_thread_tls_hook = init_uksched_thread;
	for (l = s ? s->threads.head.next : NULL; l && l != &s->threads.head;
	     l = l->next) {
		struct uk_thread *t = uk_container_of(l, struct uk_thread, all);

		if (t != self)
			init_uksched_thread(t);
	}
	ukplat_lcpu_restore_irqf(flags);
}
#endif

/*
 * In the thread that runs main(), before any other musl code
 * (constructors included): ukboot's main-thread init, first level.
 */
static int musl_main_init(int argc, char *argv[])
{
	init_tls_module();
#if CONFIG_LIBUKSCHED
	libc.can_do_threads = 1;
#endif
	__environ = empty_environ;
	libc.auxv = empty_auxv;
	if (argc > 0 && argv[0]) {
		char *slash = strrchr(argv[0], '/');

		__progname_full = argv[0];
		__progname = slash ? slash + 1 : argv[0];
	}
	init_thread();
#if CONFIG_LIBUKSCHED
	init_uksched_threads();
#endif
	return 0;
}

uk_main_initcall(musl_main_init, UK_MAIN_INIT_LIBC);

/* The scheduler owns the thread pointer; musl never moves it. */
int __set_thread_area(void *p)
{
	(void)p;
	return -ENOSYS;
}
