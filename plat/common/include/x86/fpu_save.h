/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms (assembly): save and restore the interrupted code's
 * vector registers around an interrupt or a syscall. With XSAVE on
 * (x86_xsave_size, set by x86_cpu_init, not 0) every state XCR0 enables
 * is saved, AVX's upper halves included; else FXSAVE's x87 and SSE state.
 * Code in the handlers (memcpy among it) may then use any of them.
 *
 * FPU_SAVE: moves %rsp down to a new, aligned save area and fills it;
 * clobbers %rax and %rdx. FPU_RESTORE: reloads from the area at %rsp
 * (%rsp unchanged); clobbers %rax and %rdx.
 */
#ifndef __PLAT_X86_FPU_SAVE_H__
#define __PLAT_X86_FPU_SAVE_H__

	.macro FPU_SAVE
	movq	x86_xsave_size(%rip), %rax
	testq	%rax, %rax
	jnz	101f
	subq	$512, %rsp
	andq	$-16, %rsp
	fxsave64 (%rsp)
	jmp	102f
101:
	subq	%rax, %rsp
	andq	$-64, %rsp
	/* XSAVE writes only the first 8 bytes of the 64-byte header after
	 * the legacy area; XRSTOR faults unless the rest is zero. */
	xorl	%eax, %eax
	.irp off, 512, 520, 528, 536, 544, 552, 560, 568
	movq	%rax, \off(%rsp)
	.endr
	movl	$-1, %eax
	movl	$-1, %edx
	xsave64	(%rsp)
102:
	.endm

	.macro FPU_RESTORE
	cmpq	$0, x86_xsave_size(%rip)
	jne	103f
	fxrstor64 (%rsp)
	jmp	104f
103:
	movl	$-1, %eax
	movl	$-1, %edx
	xrstor64 (%rsp)
104:
	.endm

#endif /* __PLAT_X86_FPU_SAVE_H__ */
