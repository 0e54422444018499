/* SPDX-License-Identifier: BSD-3-Clause */
/* ukallocbbuddy tests: the conformance checks on a private region, plus
 * buddy merging, exact page counts and the size classes. */
#include <stdint.h>
#include <string.h>
#include <uk/alloc_check.h>
#include <uk/allocbbuddy.h>
#include <uk/test.h>

static char area[8 << 20] __aligned(4096);
static char extra[1 << 20] __aligned(4096);
static struct uk_alloc *bb;

static struct uk_alloc *get(void)
{
	if (!bb)
		bb = uk_allocbbuddy_init(area, sizeof(area));
	UK_TEST_EXPECT_NOT_NULL(bb);
	return bb;
}

UK_TESTCASE(ukallocbbuddy, basic)
{
	struct uk_alloc *a = get();

	if (!a)
		return;
	UK_TEST_EXPECT(uk_alloc_find("bbuddy") != NULL);
	UK_TEST_EXPECT(uk_alloc_availmem(a) > (long)sizeof(area) - 16384);
	uk_alloc_check_basic(a);
}

UK_TESTCASE(ukallocbbuddy, alignment)
{
	if (get())
		uk_alloc_check_align(bb, 65536);
}

UK_TESTCASE(ukallocbbuddy, realloc)
{
	if (get())
		uk_alloc_check_realloc(bb);
}

UK_TESTCASE(ukallocbbuddy, pages)
{
	if (get())
		uk_alloc_check_pages(bb);
}

UK_TESTCASE(ukallocbbuddy, buddies_merge)
{
	struct uk_alloc *a = get();
	long avail, max;
	char *p[5];

	if (!a)
		return;
	avail = uk_alloc_availmem(a);
	max = uk_alloc_maxalloc(a);
	/* 3 pages take 3, not 4: the fourth stays free. */
	p[0] = uk_palloc(a, 3);
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), avail - 3 * 4096);
	for (unsigned int i = 1; i < 5; i++)
		p[i] = uk_palloc(a, i * 5);
	for (unsigned int i = 0; i < 5; i++) {
		UK_TEST_EXPECT_NOT_NULL(p[i]);
		uk_pfree(a, p[i], i ? i * 5 : 3);
	}
	/* Everything merged back into the blocks it came from. */
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), avail);
	UK_TEST_EXPECT_EQ(uk_alloc_maxalloc(a), max);
}

UK_TESTCASE(ukallocbbuddy, size_classes)
{
	struct uk_alloc *a = get();
	void *p, *q;

	if (!a)
		return;
	/* Small blocks share a page and have their class's usable size. */
	p = uk_malloc(a, 40);
	q = uk_malloc(a, 40);
	UK_TEST_EXPECT_EQ(uk_alloc_usable_size(a, p), 48);
	UK_TEST_EXPECT_EQ((uintptr_t)p / 4096, (uintptr_t)q / 4096);
	uk_free(a, p);
	/* The freed object is reused first. */
	UK_TEST_EXPECT(uk_malloc(a, 33) == p);
	uk_free(a, p);
	uk_free(a, q);
	p = uk_malloc(a, 2000);
	UK_TEST_EXPECT(uk_alloc_usable_size(a, p) >= 2000);
	uk_free(a, p);
}

UK_TESTCASE(ukallocbbuddy, fragmentation)
{
	if (get())
		uk_alloc_check_fragmentation(bb);
}

UK_TESTCASE(ukallocbbuddy, stress_1m_ops)
{
	if (get())
		uk_alloc_check_stress(bb, 1000000, 4096, 4242);
}

UK_TESTCASE(ukallocbbuddy, exhaustion_and_addmem)
{
	struct uk_alloc *a = get();
	unsigned long npages[64];
	void *p, *hold[64];
	unsigned int n = 0;

	if (!a)
		return;
	uk_alloc_check_exhaust(a);
	/* Take every page, largest blocks first. */
	while (n < UK_ARRAY_SIZE(hold) && uk_alloc_maxalloc(a) > 0) {
		npages[n] = ((unsigned long)uk_alloc_maxalloc(a) + 64) / 4096;
		hold[n] = uk_palloc(a, npages[n]);
		UK_TEST_EXPECT_NOT_NULL(hold[n]);
		if (!hold[n++])
			break;
	}
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), 0);
	UK_TEST_EXPECT_NULL(uk_malloc(a, 8192));
	UK_TEST_EXPECT_EQ(uk_alloc_addmem(a, extra, sizeof(extra)), 0);
	p = uk_malloc(a, sizeof(extra) / 4);
	UK_TEST_EXPECT((char *)p >= extra && (char *)p < extra + sizeof(extra));
	uk_free(a, p);
	while (n > 0) {
		n--;
		uk_pfree(a, hold[n], npages[n]);
	}
}

UK_TESTCASE(ukallocbbuddy, cheap_metadata)
{
	/* One bit per page: 32 bytes per MiB, plus a bit per 8 MiB. */
	UK_TEST_EXPECT(uk_allocbbuddy_metadata_size(1UL << 30) < 40000);
}
