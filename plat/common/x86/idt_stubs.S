/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: IDT entry stubs. Exception stub N (0..31) sits at
 * x86_trap_stubs + 16 * N, interrupt stub N (32..255) at
 * x86_irq_stubs + 8 * (N - 32). Each
 * pushes an error code (0 where the CPU pushes none) and its vector, then
 * the common code saves the general registers so that the stack holds a
 * struct ukarch_regs. Exceptions (0..31) go to x86_trap_handler(regs);
 * interrupts (32..255) also save the vector state (x86/fpu_save.h: all of
 * XCR0's with XSAVE, else SSE's) and go to x86_irq_dispatch(vector, regs).
 */
#include <uk/asm/regs.h>
#include <x86/fpu_save.h>

#define REGS_VECTOR	(15 * 8)

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERR(v)	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
			 (v) == 21 || (v) == 29 || (v) == 30)

	.macro SAVE_REGS
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	.endm

	.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	addq $16, %rsp			/* vector, error code */
	.endm

	.text
	.balign 16
	.globl x86_trap_stubs
x86_trap_stubs:
	vec = 0
	.rept 32
	.balign 16
	.if !HAS_ERR(vec)
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	vec = vec + 1
	.endr

/* Interrupt stubs are 8 bytes: push the vector as a sign-extended byte. */
	.balign 8
	.globl x86_irq_stubs
x86_irq_stubs:
	.rept 224
	.balign 8
	.byte 0x6a, vec & 0xff		/* pushq $imm8 */
	jmp irq_common
	vec = vec + 1
	.endr

trap_common:
	SAVE_REGS
	movq %rsp, %rdi
	movq %rsp, %rbx
	andq $-16, %rsp
	cld
	call x86_trap_handler
	movq %rbx, %rsp
	RESTORE_REGS
	iretq

irq_common:
	pushq (%rsp)			/* vector below ... */
	movq $0, 8(%rsp)		/* ... an error code of 0 */
	andq $0xff, (%rsp)
	SAVE_REGS
	movq %rsp, %rbx
	FPU_SAVE
	movl REGS_VECTOR(%rbx), %edi
	movq %rbx, %rsi
	cld
	call x86_irq_dispatch
	FPU_RESTORE
	movq %rbx, %rsp
	RESTORE_REGS
	iretq

	.section .note.GNU-stack, "", @progbits
