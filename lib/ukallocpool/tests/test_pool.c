/* SPDX-License-Identifier: BSD-3-Clause */
/* ukallocpool tests: take/return, alignment, exhaustion, the uk_alloc view,
 * addmem and a pool over a region. */
#include <stdint.h>
#include <string.h>
#include <uk/allocpool.h>
#include <uk/test.h>

UK_TESTCASE(ukallocpool, take_return_exhaust)
{
	struct uk_alloc *parent = uk_alloc_get_default();
	struct uk_allocpool *p = uk_allocpool_create(parent, 1500, 64, 100);
	void *obj[101];
	unsigned int n = 0;

	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	UK_TEST_EXPECT_EQ(uk_allocpool_obj_size(p), 1536);
	UK_TEST_EXPECT_EQ(uk_allocpool_available(p), 100);
	while (n < 101 && (obj[n] = uk_allocpool_take(p))) {
		UK_TEST_EXPECT_EQ((uintptr_t)obj[n] % 64, 0);
		memset(obj[n], (int)n, 1500);
		n++;
	}
	UK_TEST_EXPECT_EQ(n, 100);			/* then empty */
	UK_TEST_EXPECT_EQ(uk_allocpool_available(p), 0);
	for (unsigned int i = 1; i < n; i++)
		UK_TEST_EXPECT((char *)obj[i] >= (char *)obj[i - 1] + 1536 ||
			       (char *)obj[i] + 1536 <= (char *)obj[i - 1]);
	for (unsigned int i = 0; i < n; i++)
		UK_TEST_EXPECT_EQ(((unsigned char *)obj[i])[1499], i);
	uk_allocpool_return(p, obj[7]);
	UK_TEST_EXPECT(uk_allocpool_take(p) == obj[7]);	/* LIFO reuse */
	for (unsigned int i = 0; i < n; i++)
		uk_allocpool_return(p, obj[i]);
	UK_TEST_EXPECT_EQ(uk_allocpool_available(p), 100);
	uk_allocpool_destroy(p);
	UK_TEST_EXPECT_NULL(uk_allocpool_create(parent, 64, 24, 10));
	UK_TEST_EXPECT_NULL(uk_allocpool_create(parent, 0, 16, 10));
	UK_TEST_EXPECT_NULL(uk_allocpool_create(parent, 64, 16, SIZE_MAX / 8));
}

UK_TESTCASE(ukallocpool, as_an_allocator)
{
	static char area[16384] __aligned(16);
	static char more[4096] __aligned(16);
	struct uk_allocpool *p = uk_allocpool_init(area, sizeof(area), 100, 0);
	struct uk_alloc *a;
	void *x, *y;
	size_t avail;

	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	a = uk_allocpool_to_alloc(p);
	UK_TEST_EXPECT(uk_alloc_find("pool") != NULL);
	x = uk_malloc(a, 100);
	UK_TEST_EXPECT_NOT_NULL(x);
	UK_TEST_EXPECT_EQ(uk_alloc_usable_size(a, x), 112);
	UK_TEST_EXPECT_NULL(uk_malloc(a, 113));		/* too big */
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &y, 4096, 8), -12);
	y = uk_calloc(a, 10, 10);
	UK_TEST_EXPECT(y && ((char *)y)[99] == 0);
	uk_free(a, x);
	uk_free(a, y);
	avail = uk_allocpool_available(p);
	UK_TEST_EXPECT_EQ(uk_alloc_addmem(a, more, sizeof(more)), 0);
	UK_TEST_EXPECT_EQ(uk_allocpool_available(p), avail + 4096 / 112);
	uk_allocpool_destroy(p);
	UK_TEST_EXPECT(uk_alloc_find("pool") == NULL);
}
