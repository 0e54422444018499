/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc conformance checks shared by the backends' unit tests: see
 * <uk/alloc_check.h>.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc_check.h>
#include <uk/test.h>

static uint64_t rnd_next(uint64_t *s)
{
	/* xorshift64* (Marsaglia, Vigna) */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static void fill(void *p, size_t n, unsigned int tag)
{
	unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		c[i] = (unsigned char)(tag + i * 7);
}

/* Index of the first wrong byte, or -1. */
static long verify(const void *p, size_t n, unsigned int tag)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != (unsigned char)(tag + i * 7))
			return (long)i;
	return -1;
}

void uk_alloc_check_basic(struct uk_alloc *a)
{
	static const size_t sizes[] = { 1, 8, 15, 16, 17, 24, 32, 48, 63, 64,
		96, 100, 128, 200, 256, 384, 500, 512, 768, 1000, 1024, 1500,
		2048, 3000, 4000, 4096, 5000, 8192, 10000, 65536 };
	void *p[UK_ARRAY_SIZE(sizes)];
	unsigned char *z;

	for (unsigned int i = 0; i < UK_ARRAY_SIZE(sizes); i++) {
		p[i] = uk_malloc(a, sizes[i]);
		UK_TEST_EXPECT_NOT_NULL(p[i]);
		if (!p[i])
			continue;
		UK_TEST_EXPECT_EQ((uintptr_t)p[i] % 16, 0);
		UK_TEST_EXPECT(uk_alloc_usable_size(a, p[i]) >= sizes[i]);
		fill(p[i], sizes[i], i);
	}
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(sizes); i++) {
		if (!p[i])
			continue;
		UK_TEST_EXPECT_EQ(verify(p[i], sizes[i], i), -1);
		uk_free(a, p[i]);
	}
	uk_free(a, NULL);
	p[0] = uk_malloc(a, 0);
	uk_free(a, p[0]);

	/* calloc zeroes, even reused memory. */
	z = uk_malloc(a, 300);
	UK_TEST_EXPECT_NOT_NULL(z);
	if (z) {
		memset(z, 0xff, 300);
		uk_free(a, z);
	}
	z = uk_calloc(a, 30, 10);
	UK_TEST_EXPECT_NOT_NULL(z);
	for (int i = 0; z && i < 300; i++)
		if (z[i]) {
			UK_TEST_EXPECT_EQ(z[i], 0);
			break;
		}
	uk_free(a, z);
	UK_TEST_EXPECT_NULL(uk_calloc(a, SIZE_MAX / 2, 3));
	UK_TEST_EXPECT_NULL(uk_malloc(a, SIZE_MAX - 64));
}

void uk_alloc_check_align(struct uk_alloc *a, size_t max_align)
{
	static const size_t sizes[] = { 1, 16, 100, 1000, 5000 };
	void *p;

	for (size_t al = 8; al <= max_align; al <<= 1) {
		for (unsigned int i = 0; i < UK_ARRAY_SIZE(sizes); i++) {
			p = NULL;
			UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &p, al,
							    sizes[i]), 0);
			UK_TEST_EXPECT_NOT_NULL(p);
			if (!p)
				continue;
			UK_TEST_EXPECT_EQ((uintptr_t)p % al, 0);
			UK_TEST_EXPECT(uk_alloc_usable_size(a, p) >=
				       sizes[i]);
			memset(p, 0x5a, sizes[i]);
			uk_free(a, p);
		}
	}
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &p, 0, 8), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &p, 24, 8), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &p, 64, SIZE_MAX - 128),
			  -ENOMEM);
	p = uk_memalign(a, 256, 10);
	UK_TEST_EXPECT_EQ((uintptr_t)p % 256, 0);
	uk_free(a, p);
}

void uk_alloc_check_realloc(struct uk_alloc *a)
{
	unsigned char *p, *q;
	size_t n = 10;

	p = uk_realloc(a, NULL, n);		/* realloc(NULL) is malloc */
	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	fill(p, n, 3);
	/* Grow in steps up to 64 KiB, with a neighbour in the way now and
	 * then so that some steps move the block. */
	for (size_t m = 17; m <= 65536; m = m * 3 / 2) {
		void *blocker = (m & 1) ? uk_malloc(a, 32) : NULL;

		q = uk_realloc(a, p, m);
		UK_TEST_EXPECT_NOT_NULL(q);
		uk_free(a, blocker);
		if (!q)
			break;
		UK_TEST_EXPECT_EQ(verify(q, n, 3), -1);
		UK_TEST_EXPECT(uk_alloc_usable_size(a, q) >= m);
		p = q;
		fill(p, m, 3);
		n = m;
	}
	/* Shrink: the prefix stays. */
	for (size_t m = n; m >= 8; m /= 3) {
		q = uk_realloc(a, p, m);
		UK_TEST_EXPECT_NOT_NULL(q);
		if (!q)
			break;
		UK_TEST_EXPECT_EQ(verify(q, m, 3), -1);
		p = q;
	}
	/* A failed realloc leaves the block alone. */
	q = uk_realloc(a, p, SIZE_MAX - 4096);
	UK_TEST_EXPECT_NULL(q);
	UK_TEST_EXPECT_EQ(verify(p, 8, 3), -1);
	uk_free(a, p);
}

#define MAX_LIVE 4096

void uk_alloc_check_exhaust(struct uk_alloc *a)
{
	static void *blk[MAX_LIVE];
	long avail0 = uk_alloc_availmem(a), avail1;
	unsigned int n = 0;
	size_t size = 64 * 1024;
	void *p;

	/* Take everything, halving the size whenever it no longer fits. */
	while (n < MAX_LIVE && size >= 16) {
		p = uk_malloc(a, size);
		if (!p) {
			size /= 2;
			continue;
		}
		blk[n++] = p;
	}
	UK_TEST_EXPECT(n > 0 && n < MAX_LIVE);
	UK_TEST_EXPECT_NULL(uk_malloc(a, 64 * 1024));
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &p, 4096, 64 * 1024), -ENOMEM);
	UK_TEST_EXPECT_NULL(uk_palloc(a, 16));
	while (n > 0)
		uk_free(a, blk[--n]);
	/* Everything is back: the allocator works and has what it had. */
	p = uk_malloc(a, 64 * 1024);
	UK_TEST_EXPECT_NOT_NULL(p);
	uk_free(a, p);
	avail1 = uk_alloc_availmem(a);
	/* (The free checker keeps its table in the allocator's pages.) */
#if !CONFIG_LIBUKALLOC_CHECKFREE
	if (avail0 >= 0)
		UK_TEST_EXPECT_EQ(avail1, avail0);
#else
	(void)avail0;
	(void)avail1;
#endif
	if (uk_alloc_maxalloc(a) > 0) {
		p = uk_malloc(a, (size_t)uk_alloc_maxalloc(a));
		UK_TEST_EXPECT_NOT_NULL(p);
		uk_free(a, p);
	}
}

void uk_alloc_check_fragmentation(struct uk_alloc *a)
{
	static void *blk[1024];
	unsigned int n;
	void *big;

	for (n = 0; n < UK_ARRAY_SIZE(blk); n++) {
		blk[n] = uk_malloc(a, 200);
		UK_TEST_EXPECT_NOT_NULL(blk[n]);
		if (!blk[n])
			break;
	}
	/* Holes of about 200 bytes each. */
	for (unsigned int i = 0; i < n; i += 2)
		uk_free(a, blk[i]);
	for (unsigned int i = 0; i < n; i += 2) {
		blk[i] = uk_malloc(a, 150);	/* the holes are reused */
		UK_TEST_EXPECT_NOT_NULL(blk[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		uk_free(a, blk[i]);
	/* All merged again: a block as large as all of them fits. */
	big = uk_malloc(a, 1024 * 200);
	UK_TEST_EXPECT_NOT_NULL(big);
	uk_free(a, big);
}

void uk_alloc_check_stress(struct uk_alloc *a, unsigned long nops,
			   size_t max_size, uint64_t seed)
{
	static struct {
		unsigned char *p;
		size_t n;
	} s[1024];
	unsigned long nalloc = 0, nfree = 0, nfail = 0, bad = 0;
	struct uk_alloc_stats st0, st1;
	uint64_t r = seed | 1;
	int have_stats = uk_alloc_stats_get(a, &st0) == 0;

	memset(s, 0, sizeof(s));
	for (unsigned long op = 0; op < nops; op++) {
		uint64_t x = rnd_next(&r);
		unsigned int i = (unsigned int)(x % UK_ARRAY_SIZE(s));
		/* Sizes skewed towards small ones, as in real programs. */
		size_t n = (((x >> 16) % max_size) >> ((x >> 40) % 6)) + 1;
		unsigned int kind = (unsigned int)((x >> 48) % 8);

		if (s[i].p) {
			if (verify(s[i].p, s[i].n, i) != -1)
				bad++;
			if (kind == 0) {	/* realloc */
				unsigned char *q = uk_realloc(a, s[i].p, n);

				if (!q) {
					nfail++;
					continue;
				}
				if (verify(q, UK_MIN(n, s[i].n), i) != -1)
					bad++;
				s[i].p = q;
				s[i].n = n;
				fill(q, n, i);
				continue;
			}
			uk_free(a, s[i].p);
			s[i].p = NULL;
			nfree++;
			continue;
		}
		if (kind == 1)
			s[i].p = uk_calloc(a, 1, n);
		else if (kind == 2)
			s[i].p = uk_memalign(a, 64, n);
		else
			s[i].p = uk_malloc(a, n);
		if (!s[i].p) {
			nfail++;
			continue;
		}
		if (kind == 1 && s[i].p[n - 1] != 0)
			bad++;
		s[i].n = n;
		fill(s[i].p, n, i);
		nalloc++;
	}
	UK_TEST_EXPECT_EQ(bad, 0);
	UK_TEST_EXPECT(nalloc > nops / 4);
	if (have_stats) {
		UK_TEST_EXPECT_EQ(uk_alloc_stats_get(a, &st1), 0);
		UK_TEST_EXPECT_EQ(st1.nallocs - st0.nallocs, nalloc);
		UK_TEST_EXPECT_EQ(st1.nfrees - st0.nfrees, nfree);
		UK_TEST_EXPECT_EQ(st1.nfailures - st0.nfailures, nfail);
	}
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(s); i++) {
		if (s[i].p && verify(s[i].p, s[i].n, i) != -1)
			bad++;
		uk_free(a, s[i].p);
	}
	UK_TEST_EXPECT_EQ(bad, 0);
	if (have_stats) {
		UK_TEST_EXPECT_EQ(uk_alloc_stats_get(a, &st1), 0);
		UK_TEST_EXPECT_EQ(st1.cur_count, st0.cur_count);
		UK_TEST_EXPECT_EQ(st1.cur_bytes, st0.cur_bytes);
	}
}

void uk_alloc_check_pages(struct uk_alloc *a)
{
	unsigned char *p[8];

	for (unsigned int i = 0; i < UK_ARRAY_SIZE(p); i++) {
		p[i] = uk_palloc(a, i + 1);
		UK_TEST_EXPECT_NOT_NULL(p[i]);
		if (!p[i])
			return;
		UK_TEST_EXPECT_EQ((uintptr_t)p[i] % UK_PAGE_SIZE, 0);
		memset(p[i], (int)i, (i + 1) * UK_PAGE_SIZE);
	}
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(p); i++) {
		UK_TEST_EXPECT_EQ(p[i][0], i);
		UK_TEST_EXPECT_EQ(p[i][(i + 1) * UK_PAGE_SIZE - 1], i);
	}
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(p); i++)
		uk_pfree(a, p[i], i + 1);
	UK_TEST_EXPECT_NULL(uk_palloc(a, 0));
	UK_TEST_EXPECT_NULL(uk_palloc(a, ~0UL / 2));
}
