/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: non-local jumps (callee-saved registers, stack and return PC). */
#ifndef __NOLIBC_SETJMP_H__
#define __NOLIBC_SETJMP_H__

#if defined(__x86_64__)
/* rbx, rbp, r12, r13, r14, r15, rsp, return address */
typedef unsigned long jmp_buf[8];
#else
#error "nolibc: setjmp is not implemented for this architecture"
#endif

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);

#endif /* __NOLIBC_SETJMP_H__ */
