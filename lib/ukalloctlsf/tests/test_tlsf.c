/* SPDX-License-Identifier: BSD-3-Clause */
/* ukalloctlsf tests: the conformance checks on a private region, plus
 * what is particular to TLSF (in-place realloc, addmem, constant size of
 * the bookkeeping). */
#include <stdint.h>
#include <string.h>
#include <uk/alloc_check.h>
#include <uk/alloctlsf.h>
#include <uk/test.h>

static char area[8 << 20] __aligned(4096);
static char extra[1 << 20] __aligned(4096);
static struct uk_alloc *tlsf;

static struct uk_alloc *get(void)
{
	if (!tlsf)
		tlsf = uk_alloctlsf_init(area, sizeof(area));
	UK_TEST_EXPECT_NOT_NULL(tlsf);
	return tlsf;
}

/*
 * The test cases may run in any order (LTO reorders them): those that
 * need a fresh allocator get their own region instead of the shared one.
 */
static char basic_area[256 << 10] __aligned(4096);
static char exhaust_area[8 << 20] __aligned(4096);

UK_TESTCASE(ukalloctlsf, basic)
{
	struct uk_alloc *a = uk_alloctlsf_init(basic_area, sizeof(basic_area));

	UK_TEST_EXPECT_NOT_NULL(a);
	if (!a)
		return;
	UK_TEST_EXPECT(uk_alloc_find("tlsf") != NULL);
	UK_TEST_EXPECT(uk_alloc_availmem(a) > (long)sizeof(basic_area) - 16384);
	uk_alloc_check_basic(a);
}

UK_TESTCASE(ukalloctlsf, alignment)
{
	if (get())
		uk_alloc_check_align(tlsf, 65536);
}

UK_TESTCASE(ukalloctlsf, realloc)
{
	if (get())
		uk_alloc_check_realloc(tlsf);
}

static char small_area[1 << 20] __aligned(4096);

/* On a fresh allocator, so that consecutive blocks are neighbours. */
UK_TESTCASE(ukalloctlsf, realloc_grows_in_place)
{
	struct uk_alloc *a = uk_alloctlsf_init(small_area, sizeof(small_area));
	char *p, *q, *r;

	UK_TEST_EXPECT_NOT_NULL(a);
	if (!a)
		return;
	/*
	 * With LIBUKALLOC_CHECKFREE the first malloc also allocates the
	 * table of live blocks (page-aligned, after the block): let that
	 * happen now, leaving at least 5000 free bytes in front of it.
	 */
	uk_free(a, uk_malloc(a, 5000));
	p = uk_malloc(a, 1100);
	q = uk_malloc(a, 2000);
	r = uk_malloc(a, 1100);		/* keeps q's space from the rest */
	UK_TEST_EXPECT(p && q && r);
	if (!p || !q || !r)
		return;
	uk_free(a, q);
	memset(p, 7, 1100);
	/* The free block after p absorbs the growth. */
	UK_TEST_EXPECT(uk_realloc(a, p, 2900) == p);
	UK_TEST_EXPECT_EQ(p[1099], 7);
	/* Shrinking stays in place too, and the tail is reusable. */
	UK_TEST_EXPECT(uk_realloc(a, p, 1100) == p);
	q = uk_malloc(a, 1500);
	UK_TEST_EXPECT(q > p && q < r);
	uk_free(a, q);
	uk_free(a, p);
	uk_free(a, r);

	/* A small freed block is parked in a quick list, still used: the
	 * same size gets it back, and realloc grows into it. */
	p = uk_malloc(a, 100);
	q = uk_malloc(a, 200);
	r = uk_malloc(a, 100);
	UK_TEST_EXPECT(p && q && r);
	if (!p || !q || !r)
		return;
	uk_free(a, q);
	UK_TEST_EXPECT(uk_malloc(a, 200) == q);
	uk_free(a, q);
	memset(p, 9, 100);
	UK_TEST_EXPECT(uk_realloc(a, p, 290) == p);
	UK_TEST_EXPECT_EQ(p[99], 9);
	uk_free(a, p);
	uk_free(a, r);
	/* Everything merges back: the whole region is one block again. */
	UK_TEST_EXPECT(uk_alloc_maxalloc(a) > (long)sizeof(small_area) - 65536);
	UK_TEST_EXPECT_EQ(uk_alloc_unregister(a), 0);
}

UK_TESTCASE(ukalloctlsf, pages)
{
	if (get())
		uk_alloc_check_pages(tlsf);
}

UK_TESTCASE(ukalloctlsf, fragmentation)
{
	if (get())
		uk_alloc_check_fragmentation(tlsf);
}

UK_TESTCASE(ukalloctlsf, stress_1m_ops)
{
	if (get())
		uk_alloc_check_stress(tlsf, 1000000, 4096, 42);
}

UK_TESTCASE(ukalloctlsf, exhaustion_and_addmem)
{
	struct uk_alloc *a = uk_alloctlsf_init(exhaust_area,
					       sizeof(exhaust_area));
	void *p, *hold;
	long before;

	UK_TEST_EXPECT_NOT_NULL(a);
	if (!a)
		return;
	uk_alloc_check_exhaust(a);
	/* With the first region taken, memory comes from an added one. */
	hold = uk_malloc(a, (size_t)uk_alloc_maxalloc(a));
	UK_TEST_EXPECT_NOT_NULL(hold);
	UK_TEST_EXPECT_NULL(uk_malloc(a, 4096));
	before = uk_alloc_availmem(a);
	UK_TEST_EXPECT_EQ(uk_alloc_addmem(a, extra, sizeof(extra)), 0);
	UK_TEST_EXPECT(uk_alloc_availmem(a) > before + (long)sizeof(extra) / 2);
	p = uk_malloc(a, sizeof(extra) / 2);
	UK_TEST_EXPECT((char *)p >= extra && (char *)p < extra + sizeof(extra));
	uk_free(a, p);
	uk_free(a, hold);
	UK_TEST_EXPECT(uk_alloc_addmem(a, extra, 8) < 0);	/* too small */
}

UK_TESTCASE(ukalloctlsf, tiny_region_is_refused)
{
	static char tiny[256] __aligned(16);

	UK_TEST_EXPECT_NULL(uk_alloctlsf_init(tiny, sizeof(tiny)));
	UK_TEST_EXPECT(uk_alloctlsf_metadata_size() < 10000);
}
