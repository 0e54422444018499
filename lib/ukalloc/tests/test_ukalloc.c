/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc tests: the derived operations, on a toy page-only backend and a
 * toy malloc-only backend, and the registry.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/test.h>

/* Page-only backend: hands out pages from a static pool, never reuses. */
static char pool[64 * UK_PAGE_SIZE] __aligned(UK_PAGE_SIZE);
static unsigned long pool_used, pool_freed;

static void *pages_palloc(struct uk_alloc *a __unused, unsigned long n)
{
	void *p;

	if (pool_used + n > sizeof(pool) / UK_PAGE_SIZE)
		return NULL;
	p = pool + pool_used * UK_PAGE_SIZE;
	pool_used += n;
	return p;
}

static void pages_pfree(struct uk_alloc *a __unused, void *p __unused,
			unsigned long n)
{
	pool_freed += n;
}

static struct uk_alloc pages_alloc = {
	.name = "test-pages",
	.palloc = pages_palloc,
	.pfree = pages_pfree,
};

UK_TESTCASE(ukalloc, register_rejects_empty_backend)
{
	struct uk_alloc empty = { .name = "empty" };

	UK_TEST_EXPECT_EQ(uk_alloc_register(&empty), -EINVAL);
}

UK_TESTCASE(ukalloc, page_backend_gets_malloc)
{
	struct uk_alloc *a = &pages_alloc;
	char *p, *q;
	void *m;

	UK_TEST_EXPECT_EQ(uk_alloc_register(a), 0);
	UK_TEST_EXPECT(uk_alloc_find("test-pages") == a);
	UK_TEST_EXPECT(uk_alloc_get_default() != a);	/* not the first */

	p = uk_malloc(a, 100);
	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	UK_TEST_EXPECT(uk_alloc_usable_size(a, p) >= 100);
	memset(p, 0xab, 100);
	q = uk_calloc(a, 10, 10);
	UK_TEST_EXPECT_NOT_NULL(q);
	if (!q)
		return;
	for (int i = 0; i < 100; i++)
		UK_TEST_EXPECT_EQ(q[i], 0);
	UK_TEST_EXPECT_NULL(uk_calloc(a, SIZE_MAX / 2, 4));	/* overflow */

	p = uk_realloc(a, p, 5000);
	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	UK_TEST_EXPECT_EQ((unsigned char)p[99], 0xab);

	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &m, 256, 10), 0);
	UK_TEST_EXPECT_EQ((uintptr_t)m % 256, 0);
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &m, 3, 10), -EINVAL);

	unsigned long freed = pool_freed;

	uk_free(a, q);
	UK_TEST_EXPECT_EQ(pool_freed, freed + 1);
	UK_TEST_EXPECT_EQ(uk_alloc_availmem(a), -ENOTSUP);
	UK_TEST_EXPECT_NULL(uk_malloc(a, sizeof(pool)));	/* too big */
}

UK_TESTCASE(ukalloc, default_serves_pages)
{
	struct uk_alloc *a = uk_alloc_get_default();
	void *p;

	UK_TEST_EXPECT_NOT_NULL(a);
	p = uk_palloc(a, 3);
	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	UK_TEST_EXPECT_EQ((uintptr_t)p % UK_PAGE_SIZE, 0);
	memset(p, 1, 3 * UK_PAGE_SIZE);
	uk_pfree(a, p, 3);
	UK_TEST_EXPECT_NULL(uk_malloc(NULL, 1));
}
