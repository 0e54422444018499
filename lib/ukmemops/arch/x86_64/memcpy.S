/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memcpy and memmove for x86_64 (System V: dst %rdi, src %rsi,
 * length %rdx; dst returned in %rax). SSE2 only, plus rep movsb on ERMS
 * CPUs; no direction flag.
 *
 * Up to 128 bytes: straight-line code that loads the first and the last
 * words or vectors of the range (overlapping in the middle) and only then
 * stores them. Loading everything before the first store makes it right
 * for overlapping ranges too, so memmove shares it.
 *
 * Beyond: a loop moving 64 bytes per turn, four unaligned loads then four
 * aligned stores. The unaligned ends of the range are loaded before the
 * loop and stored after it. Since each block is loaded before it is
 * stored and the ends are stored last, the forward loop is right when dst
 * is below src and the backward loop when it is above, whatever the
 * distance. Disjoint copies of REP_MIN bytes or more use rep movsb when
 * uk_memops_mode says so (set from CPUID on first use), but for some
 * relative alignments.
 */

#include <uk/memops.h>

/* Smallest copy that rep movsb does faster than the loop on ERMS CPUs
 * (support/bench/mem.py measures both). */
#define REP_MIN 2048

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
	cmpq	$REP_MIN, %rdx
	jb	.Lforward
	/* rep movsb crawls (60x slower on AMD Zen 3) when dst is 1 to 63
	 * bytes above src modulo 4 KiB: the loop then. */
	movl	%edi, %ecx
	subl	%esi, %ecx
	andl	$4095, %ecx
	decl	%ecx
	cmpl	$63, %ecx
	jb	.Lforward
	movl	uk_memops_mode(%rip), %ecx
	cmpl	$UK_MEMOPS_REP, %ecx
	je	.Lrep
	cmpl	$UK_MEMOPS_PROBE, %ecx
	jne	.Lforward
	call	uk_memops_probe
	jmp	.Lcpy_large
.Lrep:
	movq	%rdx, %rcx
	rep movsb
	ret

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
	movq	%rdi, %rcx
	subq	%rsi, %rcx			/* dst - src */
	cmpq	%rdx, %rcx
	jb	.Lbackward			/* src <= dst < src + n */
	negq	%rcx
	cmpq	%rdx, %rcx
	jb	.Lforward			/* dst < src < dst + n */
	jmp	.Lcpy_large			/* disjoint */
	.size	memmove, . - memmove

/*
 * Decide uk_memops_mode from CPUID: rep movsb/stosb for large copies when
 * the CPU says they are fast (leaf 7, EBX bit 9: ERMS). Called from the
 * routines above with their arguments live: preserves every register.
 */
	.globl uk_memops_probe
	.hidden uk_memops_probe
	.type uk_memops_probe, @function
uk_memops_probe:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	xorl	%eax, %eax
	cpuid
	movl	$UK_MEMOPS_SSE, %edx
	cmpl	$7, %eax
	jb	1f
	pushq	%rdx
	movl	$7, %eax
	xorl	%ecx, %ecx
	cpuid
	popq	%rdx
	testl	$(1 << 9), %ebx
	jz	1f
	movl	$UK_MEMOPS_REP, %edx
1:
	movl	%edx, uk_memops_mode(%rip)
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
	.long	UK_MEMOPS_PROBE
	.size	uk_memops_mode, 4

	.section .note.GNU-stack, "", @progbits
