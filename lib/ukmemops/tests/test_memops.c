/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memcpy, memmove and memset against byte loops, in every way
 * copies can run: SSE2 or AVX loops (AVX where the CPU has it), with and
 * without rep movsb/stosb (which works on any x86_64 CPU, only its speed
 * differs). Each case is one matrix of sizes, alignments and overlaps: it
 * lists the first differing cases and counts once. Besides the copied bytes, the bytes around the destination (GUARD
 * on each side) must be left as they were, and the return value must be
 * the destination.
 *
 * Built with -fno-builtin -fno-tree-loop-distribute-patterns: the calls
 * reach the functions under test and the reference loops stay loops.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uk/memops.h>
#include <uk/test.h>

#define GUARD 64
#define SMALL_MAX 512
#define LARGE_MAX (1UL << 20)
/* Failures printed in full per case; the rest are only counted. */
#define REPORT_MAX 8

/* Called through pointers the compiler cannot see through. */
static void *(*volatile cpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile mov)(void *, const void *, size_t) = memmove;
static void *(*volatile set)(void *, int, size_t) = memset;

static const size_t large_sizes[] = { 513, 1000, 2047, 2048, 2049, 4095,
				      4096, 8000, 65537, LARGE_MAX };
/* Sampled (src, dst) misalignments for the large sizes. */
static const unsigned int large_align[][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 },
					       { 15, 3 }, { 7, 9 }, { 8, 8 } };

/* Distinct bytes along a buffer, so a misplaced block shows. */
static unsigned char pat(size_t p)
{
	return (unsigned char)((p * 2654435761U) >> 13) ^ 0x3c;
}

/* What the destination buffer holds where nothing was written. */
static unsigned char guard(size_t p)
{
	return (unsigned char)((p * 40503U) >> 7) ^ 0xa5;
}

/* Unaligned words for the checks, which must stay quick under emulation. */
typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) uword;

/* Each LARGE_MAX + 16 + 2 * GUARD bytes: src holds pat(), dst is written
 * and checked, grd holds guard() (what dst holds between checks), fil
 * holds the byte fil_c (what memset should have written). */
struct bufs {
	unsigned char *src, *dst, *grd, *fil;
	int fil_c;
	size_t len;
	unsigned long bad;
};

/* One call under test, for the failure messages. */
struct call {
	const char *fn;
	int mode;
	size_t n, a, b;		/* memcpy: src+a dst+b, memset: c, dst+b,
				 * memmove: src, dst offsets */
};

static void bufs_free(struct bufs *b)
{
	free(b->src);
	free(b->dst);
	free(b->grd);
	free(b->fil);
}

static int bufs_init(struct bufs *b)
{
	size_t i;

	b->len = LARGE_MAX + 16 + 2 * GUARD;
	b->src = malloc(b->len);
	b->dst = malloc(b->len);
	b->grd = malloc(b->len);
	b->fil = malloc(b->len);
	b->fil_c = -1;
	b->bad = 0;
	if (!b->src || !b->dst || !b->grd || !b->fil) {
		bufs_free(b);
		return -1;
	}
	for (i = 0; i < b->len; i++) {
		b->src[i] = pat(i);
		b->dst[i] = b->grd[i] = guard(i);
	}
	return 0;
}

/* Index of the first byte where @x and @y differ, or @n. */
static size_t diff_at(const unsigned char *x, const unsigned char *y,
		      size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		if (*(const uword *)(x + i) != *(const uword *)(y + i))
			break;
	for (; i < n; i++)
		if (x[i] != y[i])
			break;
	return i;
}

/* Copy @n bytes (the test's own loop, not the function under test). */
static void put(unsigned char *d, const unsigned char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		*(uword *)(d + i) = *(const uword *)(s + i);
	for (; i < n; i++)
		d[i] = s[i];
}

static void fail(struct bufs *b, const struct call *c, const char *msg,
		 long at, unsigned int got, unsigned int want)
{
	if (b->bad++ < REPORT_MAX)
		uk_test_fail(__FILE__, __LINE__,
			     "%s mode %d n %lu (%lu, %lu): %s %ld is %#x, want %#x",
			     c->fn, c->mode, (unsigned long)c->n,
			     (unsigned long)c->a, (unsigned long)c->b, msg, at,
			     got, want);
}

/* @n bytes at @got (@at bytes from the destination's start) are @want's. */
static void expect(struct bufs *b, const struct call *c, long at,
		   const unsigned char *got, const unsigned char *want,
		   size_t n)
{
	size_t i = diff_at(got, want, n);

	if (i < n)
		fail(b, c, "byte", at + (long)i, got[i], want[i]);
}

static void expect_ret(struct bufs *b, const struct call *c, void *r,
		       void *d)
{
	if (r != d)
		fail(b, c, "returned dst +", (long)((char *)r - (char *)d), 0,
		     0);
}

/*
 * memcpy of @n bytes from src + GUARD + @sa to dst + GUARD + @da: the copy
 * and its GUARD bytes on each side are checked, then dst is put back.
 */
static void one_cpy(struct bufs *b, int mode, size_t n, unsigned int sa,
		    unsigned int da)
{
	struct call c = { "memcpy", mode, n, sa, da };
	unsigned char *d = b->dst + GUARD + da;
	const unsigned char *s = b->src + GUARD + sa;

	expect_ret(b, &c, cpy(d, s, n), d);
	expect(b, &c, -GUARD, d - GUARD, b->grd + da, GUARD);
	expect(b, &c, 0, d, s, n);
	expect(b, &c, (long)n, d + n, b->grd + GUARD + da + n, GUARD);
	put(d - GUARD, b->grd + da, n + 2 * GUARD);
}

/* memset of @n bytes at dst + GUARD + @da to @v, checked as one_cpy. */
static void one_set(struct bufs *b, int mode, size_t n, unsigned int da,
		    int v)
{
	struct call c = { "memset", mode, n, (size_t)v, da };
	unsigned char *d = b->dst + GUARD + da;

	size_t i;

	if (b->fil_c != (unsigned char)v) {
		for (i = 0; i < b->len; i++)
			b->fil[i] = (unsigned char)v;
		b->fil_c = (unsigned char)v;
	}
	expect_ret(b, &c, set(d, v, n), d);
	expect(b, &c, -GUARD, d - GUARD, b->grd + da, GUARD);
	expect(b, &c, 0, d, b->fil, n);
	expect(b, &c, (long)n, d + n, b->grd + GUARD + da + n, GUARD);
	put(d - GUARD, b->grd + da, n + 2 * GUARD);
}

/*
 * memmove within dst of @n bytes from offset GUARD + @so to GUARD + @dof
 * (overlapping when they are less than @n apart), dst holding src's pattern
 * from GUARD below the lower one to GUARD above the higher end: all of
 * that is checked, then dst is put back.
 */
static void one_mov(struct bufs *b, int mode, size_t n, size_t so, size_t dof)
{
	struct call c = { "memmove", mode, n, so, dof };
	size_t lo = so < dof ? so : dof;
	size_t hi = (so > dof ? so : dof) + n + 2 * GUARD;
	unsigned char *d = b->dst + GUARD + dof;

	put(b->dst + lo, b->src + lo, hi - lo);
	expect_ret(b, &c, mov(d, b->dst + GUARD + so, n), d);
	expect(b, &c, (long)lo - GUARD - (long)dof, b->dst + lo, b->src + lo,
	       GUARD + dof - lo);
	expect(b, &c, 0, d, b->src + GUARD + so, n);
	expect(b, &c, (long)n, d + n, b->src + GUARD + dof + n,
	       hi - (GUARD + dof + n));
	put(b->dst + lo, b->grd + lo, hi - lo);
}

/* The mode the library chose from CPUID (after a large call, that is). */
static int probed_mode(void)
{
	static char a[4096], b[4096];

	if (!(uk_memops_mode & UK_MEMOPS_PROBED))
		cpy(a, b, sizeof(a));
	return uk_memops_mode;
}

/*
 * Run @fn with SSE2 or AVX loops (@avx), each with and without rep
 * movsb/stosb (@rep: sizes below REP_MIN run the same code either way).
 * The library's own mode is put back afterwards.
 */
static unsigned long run(void (*fn)(struct bufs *, int), int avx, int rep)
{
	int saved = probed_mode(), m, last;
	struct bufs b;

	if (bufs_init(&b))
		return ~0UL;
	m = UK_MEMOPS_PROBED | (avx ? UK_MEMOPS_AVX : 0);
	last = m | (rep ? UK_MEMOPS_REP : 0);
	for (;; m |= UK_MEMOPS_REP) {
		uk_memops_mode = m;
		fn(&b, m);
		if (m == last)
			break;
	}
	uk_memops_mode = saved;
	bufs_free(&b);
	return b.bad;
}

static void cpy_small(struct bufs *b, int mode)
{
	unsigned int sa, da;
	size_t n;

	for (n = 0; n <= SMALL_MAX; n++)
		for (sa = 0; sa < 16; sa++)
			for (da = 0; da < 16; da++)
				one_cpy(b, mode, n, sa, da);
}

static void cpy_large(struct bufs *b, int mode)
{
	size_t i, j;

	for (i = 0; i < sizeof(large_sizes) / sizeof(large_sizes[0]); i++)
		for (j = 0; j < sizeof(large_align) / sizeof(large_align[0]); j++)
			one_cpy(b, mode, large_sizes[i], large_align[j][0],
				large_align[j][1]);
}

static void set_small(struct bufs *b, int mode)
{
	static const int bytes[] = { 0, 0xff, 0x5a, 0x1c3, -2 };
	unsigned int da, c;
	size_t n;

	for (c = 0; c < sizeof(bytes) / sizeof(bytes[0]); c++)
		for (n = 0; n <= SMALL_MAX; n++)
			for (da = 0; da < 16; da++)
				one_set(b, mode, n, da, bytes[c]);
}

static void set_large(struct bufs *b, int mode)
{
	unsigned int da;
	size_t i;

	for (i = 0; i < sizeof(large_sizes) / sizeof(large_sizes[0]); i++)
		for (da = 0; da < 16; da += 5)
			one_set(b, mode, large_sizes[i], da, 0x7e);
}

/* Distances of the overlaps beyond 1..64. */
static const size_t far[] = { 65, 100, 127, 128, 129, 255, 256, 1000,
			      4095, 4096, 4097, 8000, 65536 };
#define NDIST (64 + sizeof(far) / sizeof(far[0]))

static size_t dist(size_t i)
{
	return i < 64 ? i + 1 : far[i - 64];
}

/*
 * Overlaps at every distance 1..64 and the far ones, forward (dst below
 * src) and backward, each size up to 300, both ends' alignments varying
 * with the size; dst == src; disjoint moves.
 */
static void mov_small(struct bufs *b, int mode)
{
	size_t n, i, d;

	for (i = 0; i < NDIST; i++) {
		d = dist(i);
		for (n = 0; n <= 300; n++) {
			one_mov(b, mode, n, n % 16, n % 16 + d);
			one_mov(b, mode, n, n % 13 + d, n % 13);
		}
	}
	for (n = 0; n <= 300; n += 7)
		one_mov(b, mode, n, n % 16, n % 16);
	for (n = 0; n <= 300; n += 11) {
		one_mov(b, mode, n, 1, n + 5);
		one_mov(b, mode, n, n + 7, 2);
	}
}

/* The same with the large sizes (1 MiB at a few distances only). */
static void mov_large(struct bufs *b, int mode)
{
	size_t n, i, j, d;

	for (i = 0; i < NDIST; i++) {
		d = dist(i);
		for (j = 0; j < sizeof(large_sizes) / sizeof(large_sizes[0]); j++) {
			n = large_sizes[j];
			if (n == LARGE_MAX && d % 32 && d < 1000)
				continue;
			if (n + d + 16 > LARGE_MAX)
				n = LARGE_MAX - d - 16;
			one_mov(b, mode, n, j % 16, 15 - j % 16 + d);
			one_mov(b, mode, n, j % 16 + d, 15 - j % 16);
		}
	}
	one_mov(b, mode, 8000, 5, 5);
	one_mov(b, mode, 100000, 3, 100000 + 300);
	one_mov(b, mode, 100000, 100000 + 301, 9);
}

/* Every matrix with SSE2 loops, then with AVX ones where the CPU has
 * them: cases of their own, so that a CPU without AVX shows as a SKIP. */
#define MEMOPS_CASES(vec, avx)						\
UK_TESTCASE(ukmemops, memcpy_every_size_to_512_every_alignment_##vec)	\
{									\
	if (avx && !(probed_mode() & UK_MEMOPS_AVX))			\
		UK_TEST_SKIP("no AVX (CPU, XCR0 or configuration)");	\
	UK_TEST_EXPECT_EQ(run(cpy_small, avx, 0), 0);			\
}									\
									\
UK_TESTCASE(ukmemops, memcpy_large_sizes_sampled_alignments_##vec)	\
{									\
	if (avx && !(probed_mode() & UK_MEMOPS_AVX))			\
		UK_TEST_SKIP("no AVX (CPU, XCR0 or configuration)");	\
	UK_TEST_EXPECT_EQ(run(cpy_large, avx, 1), 0);			\
}									\
									\
UK_TESTCASE(ukmemops, memmove_overlaps_both_directions_##vec)		\
{									\
	if (avx && !(probed_mode() & UK_MEMOPS_AVX))			\
		UK_TEST_SKIP("no AVX (CPU, XCR0 or configuration)");	\
	UK_TEST_EXPECT_EQ(run(mov_small, avx, 0) +			\
			  run(mov_large, avx, 1), 0);			\
}									\
									\
UK_TESTCASE(ukmemops, memset_sizes_alignments_and_bytes_##vec)		\
{									\
	if (avx && !(probed_mode() & UK_MEMOPS_AVX))			\
		UK_TEST_SKIP("no AVX (CPU, XCR0 or configuration)");	\
	UK_TEST_EXPECT_EQ(run(set_small, avx, 0) +			\
			  run(set_large, avx, 1), 0);			\
}

MEMOPS_CASES(sse2, 0)
MEMOPS_CASES(avx, 1)
