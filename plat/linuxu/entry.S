/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: process entry. The kernel leaves argc, argv, envp, auxv at %rsp. */
#include <linuxu/syscall.h>

	.text
	.globl _linuxu_start
	.type _linuxu_start, @function
_linuxu_start:
	xorl %ebp, %ebp		/* outermost frame: backtraces stop here */
	movq %rsp, %rbx		/* callee-saved: survives the call */
	andq $-16, %rsp
	callq linuxu_relocate	/* a static PIE fixes its addresses first */
	movq %rbx, %rdi
	callq linuxu_main
	hlt
	.size _linuxu_start, . - _linuxu_start

/* Signal return trampoline the kernel needs (SA_RESTORER). */
	.globl linuxu_sigreturn
	.type linuxu_sigreturn, @function
linuxu_sigreturn:
	movl $__NR_rt_sigreturn, %eax
	syscall
	hlt
	.size linuxu_sigreturn, . - linuxu_sigreturn
	.section .note.GNU-stack, "", @progbits
