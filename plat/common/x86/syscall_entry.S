/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: entry of the `syscall` instruction (set up in syscall.c).
 * On entry rcx holds the return address, r11 the caller's flags, and
 * FMASK has cleared IF, DF, TF and AC; the stack is the caller's.
 * The handler is called as handler(rax, rdi, rsi, rdx, r10, r8, r9).
 */
#include <x86/fpu_save.h>

#define ENOSYS		38
#define RED_ZONE	128
#define FLAGS_IF	0x200

	.text
	.balign 16
	.globl x86_syscall_entry
x86_syscall_entry:
	/* Leave the caller's red zone alone; save the vector state (which
	 * needs rax and rdx: the number and a3 wait at -8 and -16(%rbp)). */
	leaq -RED_ZONE(%rsp), %rsp
	pushq %rbp
	movq %rsp, %rbp
	pushq %rax
	pushq %rdx
	FPU_SAVE
	movq -8(%rbp), %rax
	movq -16(%rbp), %rdx
	pushq %rcx
	pushq %r11
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r8
	pushq %r9
	pushq %r10
	/* Off the caller's data: interrupts may come in again. */
	testq $FLAGS_IF, %r11
	jz 1f
	sti
1:
	movq x86_syscall_handler(%rip), %r11
	testq %r11, %r11
	jz 2f
	subq $8, %rsp			/* keep 16-byte alignment at the call */
	pushq %r9			/* a6 */
	movq %r8, %r9			/* a5 */
	movq %r10, %r8			/* a4 */
	movq %rdx, %rcx			/* a3 */
	movq %rsi, %rdx			/* a2 */
	movq %rdi, %rsi			/* a1 */
	movq %rax, %rdi			/* nr */
	call *%r11
	addq $16, %rsp
	jmp 3f
2:
	movq $-ENOSYS, %rax
3:
	cli
	popq %r10
	popq %r9
	popq %r8
	popq %rdx
	popq %rsi
	popq %rdi
	popq %r11
	popq %rcx
	movq %rax, -8(%rbp)		/* the result and a3 across the restore */
	movq %rdx, -16(%rbp)
	FPU_RESTORE
	movq -8(%rbp), %rax
	movq -16(%rbp), %rdx
	movq %rbp, %rsp
	popq %rbp
	/* Like Linux: rcx = return address, r11 = flags. popfq restores IF;
	 * lea leaves the flags alone. */
	pushq %r11
	popfq
	leaq RED_ZONE(%rsp), %rsp
	jmp *%rcx
