/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Context switch primitive: only the callee-saved registers and the stack
 * pointer need saving, because a switch is a function call. FPU/SSE control
 * words are callee-saved too (x86_64 SysV ABI), so they travel along.
 *
 * struct ukarch_ctx { unsigned long sp; unsigned long ip; }
 */
#include <uk/asm/ctx.h>

	.text
/* void ukarch_ctx_switch(struct ukarch_ctx *prev, struct ukarch_ctx *next) */
	.globl ukarch_ctx_switch
	.type ukarch_ctx_switch, @function
ukarch_ctx_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp
	stmxcsr 0(%rsp)
	fnstcw 4(%rsp)
	leaq 1f(%rip), %rax
	movq %rsp, UKARCH_CTX_SP(%rdi)
	movq %rax, UKARCH_CTX_IP(%rdi)
	movq UKARCH_CTX_SP(%rsi), %rsp
	jmpq *UKARCH_CTX_IP(%rsi)
1:
	ldmxcsr 0(%rsp)
	fldcw 4(%rsp)
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size ukarch_ctx_switch, . - ukarch_ctx_switch

/*
 * First code of a new context (see ukarch_ctx_init): the entry function and
 * its argument wait on the stack. Clearing %rbp ends backtraces here.
 */
	.globl ukarch_ctx_trampoline
	.type ukarch_ctx_trampoline, @function
ukarch_ctx_trampoline:
	popq %rax		/* entry */
	popq %rdi		/* argument */
	xorl %ebp, %ebp
	callq *%rax
	ud2			/* entry functions must not return */
	.size ukarch_ctx_trampoline, . - ukarch_ctx_trampoline
	.section .note.GNU-stack, "", @progbits
