/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memset for x86_64 (System V: s %rdi, c %esi, length %rdx; s
 * returned in %rax). The byte is spread over a word and a vector; up to
 * 128 bytes, straight-line stores of the first and last words or vectors
 * (overlapping in the middle); beyond, a loop of four aligned 16-byte
 * stores (32-byte with AVX) between an unaligned head and tail, or rep
 * stosb from REP_MIN bytes, as uk_memops_mode says (see memcpy.S).
 */
#include <uk/memops.h>

/* Smallest fills that rep stosb does at least as fast as the SSE2 and
 * the AVX loop (as in memcpy.S). */
#define REP_MIN		2048
#define REP_MIN_AVX	(1 << 20)

	.section .text.memset, "ax", @progbits

	.globl memset
	.type memset, @function
	.p2align 4
memset:
	movq	%rdi, %rax
	movzbl	%sil, %ecx
	movabsq	$0x0101010101010101, %r8
	imulq	%r8, %rcx			/* the byte in every byte */
	cmpq	$16, %rdx
	jb	.Lbelow16
	movq	%rcx, %xmm0
	punpcklqdq %xmm0, %xmm0
	cmpq	$32, %rdx
	ja	.Labove32
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm0, -16(%rdi,%rdx)
	ret
.Labove32:
	cmpq	$64, %rdx
	ja	.Labove64
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm0, 16(%rdi)
	movdqu	%xmm0, -32(%rdi,%rdx)
	movdqu	%xmm0, -16(%rdi,%rdx)
	ret
.Labove64:
	cmpq	$128, %rdx
	ja	.Llarge
	movdqu	%xmm0, (%rdi)
	movdqu	%xmm0, 16(%rdi)
	movdqu	%xmm0, 32(%rdi)
	movdqu	%xmm0, 48(%rdi)
	movdqu	%xmm0, -64(%rdi,%rdx)
	movdqu	%xmm0, -48(%rdi,%rdx)
	movdqu	%xmm0, -32(%rdi,%rdx)
	movdqu	%xmm0, -16(%rdi,%rdx)
	ret
.Lbelow16:
	cmpl	$8, %edx
	jb	.Lbelow8
	movq	%rcx, (%rdi)
	movq	%rcx, -8(%rdi,%rdx)
	ret
.Lbelow8:
	cmpl	$4, %edx
	jb	.Lbelow4
	movl	%ecx, (%rdi)
	movl	%ecx, -4(%rdi,%rdx)
	ret
.Lbelow4:
	testl	%edx, %edx
	jz	.Lret
	/* 1..3 bytes: the first, the middle and the last one. */
	movl	%edx, %r9d
	shrl	%r9d
	movb	%cl, (%rdi)
	movb	%cl, (%rdi,%r9)
	movb	%cl, -1(%rdi,%rdx)
.Lret:
	ret

.Llarge:				/* more than 128 bytes */
	movl	uk_memops_mode(%rip), %r9d
	testl	%r9d, %r9d
	jz	.Lprobe
	testl	$UK_MEMOPS_REP, %r9d
	jz	.Lloop_any
	cmpq	$REP_MIN, %rdx
	jb	.Lloop_any
	testl	$UK_MEMOPS_AVX, %r9d
	jz	1f
	cmpq	$REP_MIN_AVX, %rdx
	jb	.Lavx
1:
	movq	%rdi, %r9
	movq	%rdx, %rcx
	movl	%esi, %eax
	rep stosb
	movq	%r9, %rax
	ret
.Lprobe:
	call	uk_memops_probe
	jmp	.Llarge
.Lloop_any:
	testl	$UK_MEMOPS_AVX, %r9d
	jnz	.Lavx
	movdqu	%xmm0, (%rdi)			/* head: 16 bytes */
	leaq	-64(%rdi,%rdx), %r9		/* where the tail goes */
	leaq	16(%rdi), %rcx
	andq	$-16, %rcx			/* first aligned block past s */
	.p2align 4
1:
	movdqa	%xmm0, (%rcx)
	movdqa	%xmm0, 16(%rcx)
	movdqa	%xmm0, 32(%rcx)
	movdqa	%xmm0, 48(%rcx)
	addq	$64, %rcx
	cmpq	%r9, %rcx
	jb	1b
	movdqu	%xmm0, (%r9)			/* tail: 64 bytes */
	movdqu	%xmm0, 16(%r9)
	movdqu	%xmm0, 32(%r9)
	movdqu	%xmm0, 48(%r9)
	ret

/* More than 128 bytes, AVX: the same with 32-byte vectors, then vzeroupper. */
.Lavx:
	vinsertf128 $1, %xmm0, %ymm0, %ymm0
	cmpq	$256, %rdx
	ja	.Lloop_avx
	vmovdqu	%ymm0, (%rdi)
	vmovdqu	%ymm0, 32(%rdi)
	vmovdqu	%ymm0, 64(%rdi)
	vmovdqu	%ymm0, 96(%rdi)
	vmovdqu	%ymm0, -128(%rdi,%rdx)
	vmovdqu	%ymm0, -96(%rdi,%rdx)
	vmovdqu	%ymm0, -64(%rdi,%rdx)
	vmovdqu	%ymm0, -32(%rdi,%rdx)
	vzeroupper
	ret
.Lloop_avx:
	vmovdqu	%ymm0, (%rdi)			/* head: 32 bytes */
	leaq	-128(%rdi,%rdx), %r9		/* where the tail goes */
	leaq	32(%rdi), %rcx
	andq	$-32, %rcx			/* first aligned block past s */
	.p2align 4
1:
	vmovdqa	%ymm0, (%rcx)
	vmovdqa	%ymm0, 32(%rcx)
	vmovdqa	%ymm0, 64(%rcx)
	vmovdqa	%ymm0, 96(%rcx)
	subq	$-128, %rcx
	cmpq	%r9, %rcx
	jb	1b
	vmovdqu	%ymm0, (%r9)			/* tail: 128 bytes */
	vmovdqu	%ymm0, 32(%r9)
	vmovdqu	%ymm0, 64(%r9)
	vmovdqu	%ymm0, 96(%r9)
	vzeroupper
	ret
	.size	memset, . - memset

	.section .note.GNU-stack, "", @progbits
