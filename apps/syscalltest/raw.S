/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * raw_syscall(): issue one `syscall` with every register, 16 SSE
 * registers and the 128-byte red zone below the stack pointer holding
 * known values, then record what came back. In: raw_in (nr, a1..a6).
 * Out: raw_out (rax rbx rcx rdx rsi rdi rbp r8..r15), raw_flags (before
 * the call), raw_xmm[16], raw_rz[16]. Results go to memory through
 * rip-relative stores so that no register is needed to hold a pointer.
 */
#define PAT_RZ		0x5a5a5a5a00000000
#define PAT_XMM		0x3c3c3c3c00000000

	.text
	.globl raw_syscall, raw_after
raw_syscall:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushfq
	popq raw_flags(%rip)
	movabsq $PAT_RZ, %rax
	.irp i,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
	leaq \i(%rax), %rcx
	movq %rcx, -(\i*8)(%rsp)
	.endr
	movabsq $PAT_XMM, %rax
	.irp i,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	leaq \i(%rax), %rcx
	movq %rcx, %xmm\i
	.endr
	movabsq $0x1111111111111111, %rbx
	movabsq $0x2222222222222222, %rbp
	movabsq $0x1212121212121212, %r12
	movabsq $0x1313131313131313, %r13
	movabsq $0x1414141414141414, %r14
	movabsq $0x1515151515151515, %r15
	movabsq $0x7777777777777777, %rcx
	movabsq $0x6666666666666666, %r11
	movq raw_in(%rip), %rax
	movq raw_in+8(%rip), %rdi
	movq raw_in+16(%rip), %rsi
	movq raw_in+24(%rip), %rdx
	movq raw_in+32(%rip), %r10
	movq raw_in+40(%rip), %r8
	movq raw_in+48(%rip), %r9
	syscall
raw_after:
	movq %rax, raw_out(%rip)
	movq %rbx, raw_out+8(%rip)
	movq %rcx, raw_out+16(%rip)
	movq %rdx, raw_out+24(%rip)
	movq %rsi, raw_out+32(%rip)
	movq %rdi, raw_out+40(%rip)
	movq %rbp, raw_out+48(%rip)
	movq %r8, raw_out+56(%rip)
	movq %r9, raw_out+64(%rip)
	movq %r10, raw_out+72(%rip)
	movq %r11, raw_out+80(%rip)
	movq %r12, raw_out+88(%rip)
	movq %r13, raw_out+96(%rip)
	movq %r14, raw_out+104(%rip)
	movq %r15, raw_out+112(%rip)
	.irp i,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movq %xmm\i, raw_xmm+(\i*8)(%rip)
	.endr
	.irp i,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
	movq -(\i*8)(%rsp), %rax
	movq %rax, raw_rz+((\i-1)*8)(%rip)
	.endr
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret

/* The bare instruction for the benchmark: rdi=nr, no arguments. */
	.globl raw_syscall0
raw_syscall0:
	movq %rdi, %rax
	syscall
	ret
