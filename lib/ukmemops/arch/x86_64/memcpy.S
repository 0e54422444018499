/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memcpy and memmove for x86_64 (System V: dst %rdi, src %rsi,
 * length %rdx; dst returned in %rax). SSE2, AVX where uk_memops_mode has
 * it, rep movsb on ERMS CPUs; never the direction flag.
 *
 * Up to 128 bytes (256 with AVX): straight-line code that loads the first
 * and the last words or vectors of the range (overlapping in the middle)
 * and only then stores them. Loading everything before the first store
 * makes it right for overlapping ranges too, so memmove shares it.
 *
 * Beyond: a loop moving 64 bytes per turn (128 with AVX), unaligned loads
 * then aligned stores. The unaligned ends of the range are loaded before
 * the loop and stored after it. Since each block is loaded before it is
 * stored and the ends are stored last, the forward loop is right when dst
 * is below src and the backward loop when it is above, whatever the
 * distance. Disjoint copies of REP_MIN bytes (REP_MIN_AVX with the AVX
 * loop) or more use rep movsb when uk_memops_mode says so (set from CPUID
 * on first use), but for some relative alignments.
 *
 * The AVX paths end with vzeroupper: no dirty upper halves are left to
 * slow down the caller's SSE code.
 */

#include <uk/memops.h>

/* Smallest copies that rep movsb does at least as fast as the SSE2 and
 * the AVX loop (AMD EPYC 7003; support/bench/mem.py has the figures). */
#define REP_MIN		2048
#define REP_MIN_AVX	(1 << 20)

	.section .text.memcpy, "ax", @progbits

	.globl memcpy
	.type memcpy, @function
	.p2align 4
memcpy:
	movq	%rdi, %rax
	cmpq	$128, %rdx
	ja	.Lcpy_large
.Lsmall:				/* 0..128 bytes, overlapping or not */
	cmpq	$16, %rdx
	jb	.Lbelow16
	cmpq	$32, %rdx
	ja	.Labove32
	movdqu	(%rsi), %xmm0
	movdqu	-16(%rsi,%rdx), %xmm1
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, -16(%rdi,%rdx)
	ret
.Labove32:
	cmpq	$64, %rdx
	ja	.Labove64
	movdqu	(%rsi), %xmm0
	movdqu	16(%rsi), %xmm1
	movdqu	-32(%rsi,%rdx), %xmm2
	movdqu	-16(%rsi,%rdx), %xmm3
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, 16(%rdi)
	movdqu	%xmm2, -32(%rdi,%rdx)
	movdqu	%xmm3, -16(%rdi,%rdx)
	ret
.Labove64:
	movdqu	(%rsi), %xmm0
	movdqu	16(%rsi), %xmm1
	movdqu	32(%rsi), %xmm2
	movdqu	48(%rsi), %xmm3
	movdqu	-64(%rsi,%rdx), %xmm4
	movdqu	-48(%rsi,%rdx), %xmm5
	movdqu	-32(%rsi,%rdx), %xmm6
	movdqu	-16(%rsi,%rdx), %xmm7
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm1, 16(%rdi)
	movdqu	%xmm2, 32(%rdi)
	movdqu	%xmm3, 48(%rdi)
	movdqu	%xmm4, -64(%rdi,%rdx)
	movdqu	%xmm5, -48(%rdi,%rdx)
	movdqu	%xmm6, -32(%rdi,%rdx)
	movdqu	%xmm7, -16(%rdi,%rdx)
	ret
.Lbelow16:
	cmpl	$8, %edx
	jb	.Lbelow8
	movq	(%rsi), %rcx
	movq	-8(%rsi,%rdx), %r8
	movq	%rcx, (%rdi)
	movq	%r8, -8(%rdi,%rdx)
	ret
.Lbelow8:
	cmpl	$4, %edx
	jb	.Lbelow4
	movl	(%rsi), %ecx
	movl	-4(%rsi,%rdx), %r8d
	movl	%ecx, (%rdi)
	movl	%r8d, -4(%rdi,%rdx)
	ret
.Lbelow4:
	testl	%edx, %edx
	jz	.Lret
	/* 1..3 bytes: the first, the middle and the last one. */
	movl	%edx, %r9d
	shrl	%r9d
	movzbl	(%rsi), %ecx
	movzbl	(%rsi,%r9), %r8d
	movzbl	-1(%rsi,%rdx), %r10d
	movb	%cl, (%rdi)
	movb	%r8b, (%rdi,%r9)
	movb	%r10b, -1(%rdi,%rdx)
.Lret:
	ret

.Lcpy_large:				/* more than 128 bytes, disjoint */
	movl	uk_memops_mode(%rip), %ecx
	testl	%ecx, %ecx
	jz	.Lcpy_probe
.Lcpy_large_mode:			/* %ecx: uk_memops_mode */
	testl	$UK_MEMOPS_REP, %ecx
	jz	.Lforward_any
	cmpq	$REP_MIN, %rdx
	jb	.Lforward_any
	testl	$UK_MEMOPS_AVX, %ecx
	jz	1f
	cmpq	$REP_MIN_AVX, %rdx
	jb	.Lforward_avx
1:
	/* rep movsb crawls (15-130x slower on AMD Zen 3) when dst is 1 to
	 * 31 bytes above src modulo 4 KiB: the loop then, up to 63. */
	movl	%edi, %r8d
	subl	%esi, %r8d
	andl	$4095, %r8d
	decl	%r8d
	cmpl	$63, %r8d
	jb	.Lforward_any
	movq	%rdx, %rcx
	rep movsb
	ret
.Lcpy_probe:
	call	uk_memops_probe
	jmp	.Lcpy_large
.Lforward_any:
	testl	$UK_MEMOPS_AVX, %ecx
	jnz	.Lforward_avx
	/* fall through */

/* More than 128 bytes, dst below src or disjoint: front to back. */
.Lforward:
	movdqu	(%rsi), %xmm4			/* head: 16 bytes */
	movdqu	-64(%rsi,%rdx), %xmm5		/* tail: 64 bytes */
	movdqu	-48(%rsi,%rdx), %xmm6
	movdqu	-32(%rsi,%rdx), %xmm7
	movdqu	-16(%rsi,%rdx), %xmm8
	leaq	-64(%rdi,%rdx), %r9		/* where the tail goes */
	leaq	16(%rdi), %rcx
	andq	$-16, %rcx			/* first aligned block past dst */
	movq	%rsi, %r8
	subq	%rdi, %r8			/* src - dst */
	.p2align 4
1:
	movdqu	(%rcx,%r8), %xmm0
	movdqu	16(%rcx,%r8), %xmm1
	movdqu	32(%rcx,%r8), %xmm2
	movdqu	48(%rcx,%r8), %xmm3
	movdqa	%xmm0, (%rcx)
	movdqa	%xmm1, 16(%rcx)
	movdqa	%xmm2, 32(%rcx)
	movdqa	%xmm3, 48(%rcx)
	addq	$64, %rcx
	cmpq	%r9, %rcx
	jb	1b
	movdqu	%xmm5, (%r9)
	movdqu	%xmm6, 16(%r9)
	movdqu	%xmm7, 32(%r9)
	movdqu	%xmm8, 48(%r9)
	movdqu	%xmm4, (%rdi)
	ret

/* More than 128 bytes, dst above src and overlapping: back to front. */
.Lbackward:
	movdqu	(%rsi), %xmm4			/* head: 64 bytes */
	movdqu	16(%rsi), %xmm5
	movdqu	32(%rsi), %xmm6
	movdqu	48(%rsi), %xmm7
	movdqu	-16(%rsi,%rdx), %xmm8		/* tail: 16 bytes */
	leaq	64(%rdi), %r9			/* where the head ends */
	leaq	(%rdi,%rdx), %rcx
	andq	$-16, %rcx			/* end of the last aligned block */
	movq	%rsi, %r8
	subq	%rdi, %r8			/* src - dst */
	.p2align 4
1:
	movdqu	-16(%rcx,%r8), %xmm0
	movdqu	-32(%rcx,%r8), %xmm1
	movdqu	-48(%rcx,%r8), %xmm2
	movdqu	-64(%rcx,%r8), %xmm3
	movdqa	%xmm0, -16(%rcx)
	movdqa	%xmm1, -32(%rcx)
	movdqa	%xmm2, -48(%rcx)
	movdqa	%xmm3, -64(%rcx)
	subq	$64, %rcx
	cmpq	%r9, %rcx
	ja	1b
	movdqu	%xmm8, -16(%rdi,%rdx)
	movdqu	%xmm4, (%rdi)
	movdqu	%xmm5, 16(%rdi)
	movdqu	%xmm6, 32(%rdi)
	movdqu	%xmm7, 48(%rdi)
	ret
	.size	memcpy, . - memcpy

	.globl memmove
	.type memmove, @function
	.p2align 4
memmove:
	movq	%rdi, %rax
	cmpq	$128, %rdx
	jbe	.Lsmall
	movl	uk_memops_mode(%rip), %ecx
	testl	%ecx, %ecx
	jz	.Lmove_probe
	movq	%rdi, %r8
	subq	%rsi, %r8			/* dst - src */
	cmpq	%rdx, %r8
	jb	.Lbackward_any			/* src <= dst < src + n */
	negq	%r8
	cmpq	%rdx, %r8
	jb	.Lforward_any			/* dst < src < dst + n */
	jmp	.Lcpy_large_mode		/* disjoint */
.Lbackward_any:
	testl	$UK_MEMOPS_AVX, %ecx
	jnz	.Lbackward_avx
	jmp	.Lbackward
.Lmove_probe:
	call	uk_memops_probe
	jmp	memmove

/* 129..256 bytes, AVX: as .Lsmall, with 32-byte vectors. */
.Lupto256_avx:
	vmovdqu	(%rsi), %ymm0
	vmovdqu	32(%rsi), %ymm1
	vmovdqu	64(%rsi), %ymm2
	vmovdqu	96(%rsi), %ymm3
	vmovdqu	-128(%rsi,%rdx), %ymm4
	vmovdqu	-96(%rsi,%rdx), %ymm5
	vmovdqu	-64(%rsi,%rdx), %ymm6
	vmovdqu	-32(%rsi,%rdx), %ymm7
	vmovdqu	%ymm0, (%rdi)
	vmovdqu	%ymm1, 32(%rdi)
	vmovdqu	%ymm2, 64(%rdi)
	vmovdqu	%ymm3, 96(%rdi)
	vmovdqu	%ymm4, -128(%rdi,%rdx)
	vmovdqu	%ymm5, -96(%rdi,%rdx)
	vmovdqu	%ymm6, -64(%rdi,%rdx)
	vmovdqu	%ymm7, -32(%rdi,%rdx)
	vzeroupper
	ret

/* More than 128 bytes, AVX, dst below src or disjoint: front to back. */
.Lforward_avx:
	cmpq	$256, %rdx
	jbe	.Lupto256_avx
	vmovdqu	(%rsi), %ymm4			/* head: 32 bytes */
	vmovdqu	-128(%rsi,%rdx), %ymm5		/* tail: 128 bytes */
	vmovdqu	-96(%rsi,%rdx), %ymm6
	vmovdqu	-64(%rsi,%rdx), %ymm7
	vmovdqu	-32(%rsi,%rdx), %ymm8
	leaq	-128(%rdi,%rdx), %r9		/* where the tail goes */
	leaq	32(%rdi), %rcx
	andq	$-32, %rcx			/* first aligned block past dst */
	movq	%rsi, %r8
	subq	%rdi, %r8			/* src - dst */
	.p2align 4
1:
	vmovdqu	(%rcx,%r8), %ymm0
	vmovdqu	32(%rcx,%r8), %ymm1
	vmovdqu	64(%rcx,%r8), %ymm2
	vmovdqu	96(%rcx,%r8), %ymm3
	vmovdqa	%ymm0, (%rcx)
	vmovdqa	%ymm1, 32(%rcx)
	vmovdqa	%ymm2, 64(%rcx)
	vmovdqa	%ymm3, 96(%rcx)
	subq	$-128, %rcx
	cmpq	%r9, %rcx
	jb	1b
	vmovdqu	%ymm5, (%r9)
	vmovdqu	%ymm6, 32(%r9)
	vmovdqu	%ymm7, 64(%r9)
	vmovdqu	%ymm8, 96(%r9)
	vmovdqu	%ymm4, (%rdi)
	vzeroupper
	ret

/* More than 128 bytes, AVX, dst above src and overlapping: back to front. */
.Lbackward_avx:
	cmpq	$256, %rdx
	jbe	.Lupto256_avx
	vmovdqu	(%rsi), %ymm4			/* head: 128 bytes */
	vmovdqu	32(%rsi), %ymm5
	vmovdqu	64(%rsi), %ymm6
	vmovdqu	96(%rsi), %ymm7
	vmovdqu	-32(%rsi,%rdx), %ymm8		/* tail: 32 bytes */
	leaq	128(%rdi), %r9			/* where the head ends */
	leaq	(%rdi,%rdx), %rcx
	andq	$-32, %rcx			/* end of the last aligned block */
	movq	%rsi, %r8
	subq	%rdi, %r8			/* src - dst */
	.p2align 4
1:
	vmovdqu	-32(%rcx,%r8), %ymm0
	vmovdqu	-64(%rcx,%r8), %ymm1
	vmovdqu	-96(%rcx,%r8), %ymm2
	vmovdqu	-128(%rcx,%r8), %ymm3
	vmovdqa	%ymm0, -32(%rcx)
	vmovdqa	%ymm1, -64(%rcx)
	vmovdqa	%ymm2, -96(%rcx)
	vmovdqa	%ymm3, -128(%rcx)
	addq	$-128, %rcx
	cmpq	%r9, %rcx
	ja	1b
	vmovdqu	%ymm8, -32(%rdi,%rdx)
	vmovdqu	%ymm4, (%rdi)
	vmovdqu	%ymm5, 32(%rdi)
	vmovdqu	%ymm6, 64(%rdi)
	vmovdqu	%ymm7, 96(%rdi)
	vzeroupper
	ret
	.size	memmove, . - memmove

/*
 * Decide uk_memops_mode from CPUID: rep movsb/stosb for large copies when
 * the CPU says they are fast (leaf 7, EBX bit 9: ERMS); AVX loops when the
 * CPU has AVX (leaf 1, ECX bit 28) and the system has turned on the saving
 * of its registers (ECX bit 27, OSXSAVE, and XCR0 bits 1-2: SSE and AVX
 * state), which is the rule for using them: Linux (linuxu) and the VM
 * platforms (plat/common/x86) save all of XCR0's state on interrupts.
 * Called from the routines above with their arguments live: preserves
 * every register.
 */
	.globl uk_memops_probe
	.hidden uk_memops_probe
	.type uk_memops_probe, @function
uk_memops_probe:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	movl	$UK_MEMOPS_PROBED, %esi
	xorl	%eax, %eax
	cpuid
	cmpl	$7, %eax
	jb	1f
	movl	$7, %eax
	xorl	%ecx, %ecx
	cpuid
	testl	$(1 << 9), %ebx
	jz	1f
	orl	$UK_MEMOPS_REP, %esi
1:
#if CONFIG_LIBUKMEMOPS_AVX
	movl	$1, %eax
	cpuid
	andl	$((1 << 27) | (1 << 28)), %ecx
	cmpl	$((1 << 27) | (1 << 28)), %ecx
	jne	2f
	xorl	%ecx, %ecx
	xgetbv
	andl	$6, %eax
	cmpl	$6, %eax
	jne	2f
	orl	$UK_MEMOPS_AVX, %esi
2:
#endif
	movl	%esi, uk_memops_mode(%rip)
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	ret
	.size	uk_memops_probe, . - uk_memops_probe

	.section .data.uk_memops_mode, "aw", @progbits
	.globl uk_memops_mode
	.type uk_memops_mode, @object
	.p2align 2
uk_memops_mode:
	.long	0
	.size	uk_memops_mode, 4

	.section .note.GNU-stack, "", @progbits
