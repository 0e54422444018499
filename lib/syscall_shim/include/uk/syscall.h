/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System calls as functions. A library implements a call with
 *
 *	UK_SYSCALL_R_DEFINE(ssize_t, read, int, fd, void *, buf, size_t, len)
 *	{
 *		return result or -errno (as a long);
 *	}
 *
 * which gives
 *	long uk_syscall_r_read(long fd, long buf, long len)
 *		raw entry: Linux's argument passing, result or -errno;
 *	ssize_t uk_syscall_e_read(int fd, void *buf, size_t len)
 *		errno entry: -1 and errno on error;
 *	ssize_t read(int fd, void *buf, size_t len)
 *		the libc name, only with nolibc and newlib (musl brings its
 *		own).
 * UK_LLSYSCALL_R_DEFINE gives only the first two (a variadic libc
 * prototype such as open()'s needs a hand-written wrapper).
 *
 * uk_syscall6_r() dispatches by Linux x86_64 number; the generated
 * <uk/bits/syscall_static.h> has uk_syscall_static_r(), which turns a
 * constant number into a direct call. See doc/syscall-shim.md.
 */
#ifndef __UK_SYSCALL_H__
#define __UK_SYSCALL_H__

#include <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's error range: results in [-4095, -1] are -errno. */
#define UK_SYSCALL_ERR_MAX 4095L
#define uk_syscall_is_err(r) \
	((unsigned long)(long)(r) >= (unsigned long)-UK_SYSCALL_ERR_MAX)

long uk_syscall6_r(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6);

/*
 * 1 when the platform routes the `syscall` instruction to uk_syscall6_r
 * (kvm); 0 where it goes elsewhere (linuxu: the host kernel).
 */
int uk_syscall_trap_enabled(void);

/* Name of Linux x86_64 system call @nr, NULL when unknown. */
const char *uk_syscall_name(long nr);

/*
 * Signals. lib/posix-signal (when selected) registers hooks here, so
 * the libraries that block (vfscore, uktime, ...) need not depend on it:
 *
 * - uk_syscall_sig_work is non-zero while a signal may be pending or
 *   reserved for delivery; the entries of every call then run
 *   uk_syscall_sig_return() on their way out, which runs the handlers
 *   the running thread may take. Without posix-signal it stays 0.
 * - A blocking wait calls uk_syscall_sig_interrupted() when it wakes
 *   and before it sleeps: non-zero means a signal the running thread
 *   does not block is pending (it is reserved for this thread and
 *   delivered on the way out of the call); the wait then ends with
 *   -EINTR, or -UK_ERESTARTSYS where Linux restarts the call for a
 *   handler with SA_RESTART (read/write on pipes). -UK_ERESTARTSYS
 *   never reaches a caller: the call runs again, or gives -EINTR.
 * - A wait registers a kick (struct uk_syscall_sig_kick) that wakes its
 *   sleepers; posix-signal calls every kick, from thread context, when
 *   a signal is raised, so they re-check.
 */
#define UK_ERESTARTSYS 512

extern volatile unsigned long uk_syscall_sig_work;

struct uk_syscall_sig_hooks {
	long (*sig_return)(long ret);	/* deliver, then the result */
	int (*interrupted)(void);	/* reserve a deliverable signal */
};

/* posix-signal's hooks (once, at boot). */
void uk_syscall_sig_register(const struct uk_syscall_sig_hooks *h);
long uk_syscall_sig_return(long ret);
int uk_syscall_sig_check(void);

static inline int uk_syscall_sig_interrupted(void)
{
	if (__builtin_expect(!uk_syscall_sig_work, 1))
		return 0;
	return uk_syscall_sig_check();
}

struct uk_syscall_sig_kick {
	void (*kick)(void);
	struct uk_syscall_sig_kick *next;
};

/* Adds @k to the kicks (at boot, from an init function). */
void uk_syscall_sig_kick_register(struct uk_syscall_sig_kick *k);
/* Calls every kick (thread context). */
void uk_syscall_sig_kick_all(void);

/* Argument count of 0..6 (type, name) pairs. */
#define __UK_SC_NARGS_X(_0, a, b, c, d, e, f, g, h, i, j, k, l, n, ...) n
#define __UK_SC_NARGS(...) \
	__UK_SC_NARGS_X(, ##__VA_ARGS__, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, \
			0, 0)

/* $(m)(type, arg) over the pairs, comma-separated; void for none. */
#define __UK_SC_MAP0(m, ...) void
#define __UK_SC_MAP1(m, t, a) m(t, a)
#define __UK_SC_MAP2(m, t, a, ...) m(t, a), __UK_SC_MAP1(m, __VA_ARGS__)
#define __UK_SC_MAP3(m, t, a, ...) m(t, a), __UK_SC_MAP2(m, __VA_ARGS__)
#define __UK_SC_MAP4(m, t, a, ...) m(t, a), __UK_SC_MAP3(m, __VA_ARGS__)
#define __UK_SC_MAP5(m, t, a, ...) m(t, a), __UK_SC_MAP4(m, __VA_ARGS__)
#define __UK_SC_MAP6(m, t, a, ...) m(t, a), __UK_SC_MAP5(m, __VA_ARGS__)
#define __UK_SC_MAPN(n, m, ...) __UK_SC_MAP##n(m, ##__VA_ARGS__)
#define __UK_SC_MAP(n, m, ...) __UK_SC_MAPN(n, m, ##__VA_ARGS__)

/* Call arguments: nothing for none. */
#define __UK_SC_CALL0(m, ...)
#define __UK_SC_CALL1(m, ...) __UK_SC_MAP1(m, __VA_ARGS__)
#define __UK_SC_CALL2(m, ...) __UK_SC_MAP2(m, __VA_ARGS__)
#define __UK_SC_CALL3(m, ...) __UK_SC_MAP3(m, __VA_ARGS__)
#define __UK_SC_CALL4(m, ...) __UK_SC_MAP4(m, __VA_ARGS__)
#define __UK_SC_CALL5(m, ...) __UK_SC_MAP5(m, __VA_ARGS__)
#define __UK_SC_CALL6(m, ...) __UK_SC_MAP6(m, __VA_ARGS__)
#define __UK_SC_CALLN(n, m, ...) __UK_SC_CALL##n(m, ##__VA_ARGS__)
#define __UK_SC_CALL(n, m, ...) __UK_SC_CALLN(n, m, ##__VA_ARGS__)

#define __UK_SC_TYPED(t, a) t a
#define __UK_SC_LONG(t, a) long a
#define __UK_SC_CAST(t, a) (t)a
#define __UK_SC_NAME(t, a) a

/*
 * The way out of every call: when a signal may be pending (one load and
 * a branch otherwise), deliver it, and call the body again when a wait
 * it interrupted is to be restarted (SA_RESTART).
 */
#define __UK_SC_RUN(r, body)						\
	do								\
		r = body;						\
	while (__builtin_expect(uk_syscall_sig_work != 0, 0) &&	\
	       (r = uk_syscall_sig_return(r)) == -UK_ERESTARTSYS)

#define __UK_SC_R_E(n, rtype, name, ...)				\
	static inline long __uk_syscall_body_##name(			\
		__UK_SC_MAP(n, __UK_SC_TYPED, ##__VA_ARGS__));		\
	long uk_syscall_r_##name(					\
		__UK_SC_MAP(n, __UK_SC_LONG, ##__VA_ARGS__));		\
	long uk_syscall_r_##name(					\
		__UK_SC_MAP(n, __UK_SC_LONG, ##__VA_ARGS__))		\
	{								\
		long __r;						\
		__UK_SC_RUN(__r, __uk_syscall_body_##name(		\
			__UK_SC_CALL(n, __UK_SC_CAST, ##__VA_ARGS__)));	\
		return __r;						\
	}								\
	rtype uk_syscall_e_##name(					\
		__UK_SC_MAP(n, __UK_SC_TYPED, ##__VA_ARGS__));		\
	rtype uk_syscall_e_##name(					\
		__UK_SC_MAP(n, __UK_SC_TYPED, ##__VA_ARGS__))		\
	{								\
		long __r;						\
		__UK_SC_RUN(__r, __uk_syscall_body_##name(		\
			__UK_SC_CALL(n, __UK_SC_NAME, ##__VA_ARGS__)));	\
		if (uk_syscall_is_err(__r)) {				\
			errno = (int)-__r;				\
			return (rtype)-1;				\
		}							\
		return (rtype)__r;					\
	}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
/*
 * nolibc has no system-call layer, newlib only one for a few calls (its
 * _<call>_r functions): the libc name is the errno entry.
 */
#define __UK_SC_LIBC(n, rtype, name, ...)				\
	rtype name(__UK_SC_MAP(n, __UK_SC_TYPED, ##__VA_ARGS__))	\
		__attribute__((alias("uk_syscall_e_" #name)));
#else
#define __UK_SC_LIBC(n, rtype, name, ...)
#endif

#define __UK_SC_DEFINE(n, libc, rtype, name, ...)			\
	__UK_SC_R_E(n, rtype, name, ##__VA_ARGS__)			\
	libc(n, rtype, name, ##__VA_ARGS__)				\
	static inline long __uk_syscall_body_##name(			\
		__UK_SC_MAP(n, __UK_SC_TYPED, ##__VA_ARGS__))

#define __UK_SC_NOLIBC(n, rtype, name, ...)

#define UK_SYSCALL_R_DEFINE(rtype, name, ...)				\
	__UK_SC_DEFINE(__UK_SC_NARGS(__VA_ARGS__), __UK_SC_LIBC, rtype,	\
		       name, ##__VA_ARGS__)

#define UK_LLSYSCALL_R_DEFINE(rtype, name, ...)				\
	__UK_SC_DEFINE(__UK_SC_NARGS(__VA_ARGS__), __UK_SC_NOLIBC,	\
		       rtype, name, ##__VA_ARGS__)

#ifdef __cplusplus
}
#endif

#endif /* __UK_SYSCALL_H__ */
