/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replaces musl's arch/x86_64/syscall_arch.h: a system call is a function
 * call into the syscall shim, never the syscall instruction. A constant
 * number folds into one direct call of uk_syscall_r_<name> (always
 * inlined: the number must reach uk_syscall_static_r() as a constant).
 */
/* uk/syscall.h is what the generated header includes; named here too, as
 * support/build/upstream-config follows only headers of the source tree. */
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

static __inline __attribute__((always_inline)) long
__syscall0(long n)
{
	return uk_syscall_static_r(n, 0, 0, 0, 0, 0, 0);
}

static __inline __attribute__((always_inline)) long
__syscall1(long n, long a1)
{
	return uk_syscall_static_r(n, a1, 0, 0, 0, 0, 0);
}

static __inline __attribute__((always_inline)) long
__syscall2(long n, long a1, long a2)
{
	return uk_syscall_static_r(n, a1, a2, 0, 0, 0, 0);
}

static __inline __attribute__((always_inline)) long
__syscall3(long n, long a1, long a2, long a3)
{
	return uk_syscall_static_r(n, a1, a2, a3, 0, 0, 0);
}

static __inline __attribute__((always_inline)) long
__syscall4(long n, long a1, long a2, long a3, long a4)
{
	return uk_syscall_static_r(n, a1, a2, a3, a4, 0, 0);
}

static __inline __attribute__((always_inline)) long
__syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	return uk_syscall_static_r(n, a1, a2, a3, a4, a5, 0);
}

static __inline __attribute__((always_inline)) long
__syscall6(long n, long a1, long a2, long a3, long a4, long a5,
	   long a6)
{
	return uk_syscall_static_r(n, a1, a2, a3, a4, a5, a6);
}

#define IPC_64 0
