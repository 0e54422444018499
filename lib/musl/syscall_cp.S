/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's cancellation-point system call: __syscall_cp_asm(&cancel, nr,
 * a1..a6). A pending cancel goes to __cancel; otherwise the arguments
 * move down one register and the shim's dispatcher takes the call.
 * __cp_begin/__cp_end bracket the window pthread_cancel checks.
 */
	.text
	.global __cp_begin
	.hidden __cp_begin
	.global __cp_end
	.hidden __cp_end
	.global __cp_cancel
	.hidden __cp_cancel
	.hidden __cancel
	.global __syscall_cp_asm
	.hidden __syscall_cp_asm
	.type __syscall_cp_asm,@function
__syscall_cp_asm:
__cp_begin:
	mov (%rdi), %eax
	test %eax, %eax
	jnz __cp_cancel
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %rcx
	mov %r9, %r8
	mov 8(%rsp), %r9
	mov 16(%rsp), %rax
	mov %rax, 8(%rsp)
__cp_end:
	jmp uk_syscall6_r
__cp_cancel:
	jmp __cancel
	.size __syscall_cp_asm, . - __syscall_cp_asm
	.section .note.GNU-stack,"",@progbits
