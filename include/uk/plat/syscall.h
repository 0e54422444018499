/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: the CPU's system-call instruction. Binaries and libcs
 * built for Linux issue `syscall`; a platform that can trap it (kvm)
 * calls the registered handler with the Linux x86_64 convention: number
 * in rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax; rcx
 * and r11 come back holding the return address and the flags, every
 * other register (SSE state included) is preserved, and the caller's
 * 128-byte red zone is left alone.
 */
#ifndef __UK_PLAT_SYSCALL_H__
#define __UK_PLAT_SYSCALL_H__

typedef long (*ukplat_syscall_handler_t)(long nr, long a1, long a2, long a3,
					 long a4, long a5, long a6);

/*
 * Routes the `syscall` instruction to @h (NULL: -ENOSYS for every call).
 * Returns 0, or -ENOTSUP where the instruction cannot be trapped (linuxu:
 * it goes to the host kernel).
 */
int ukplat_syscall_handler_set(ukplat_syscall_handler_t h);

#endif /* __UK_PLAT_SYSCALL_H__ */
