/* SPDX-License-Identifier: BSD-3-Clause */
/* ukallocregion tests, on a private region so results are exact. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/allocregion.h>
#include <uk/test.h>

static char area[64 * 1024] __aligned(16);
static char extra[16 * 1024] __aligned(16);

UK_TESTCASE(ukallocregion, bump_free_last_realloc)
{
	struct uk_alloc *a = uk_allocregion_init(area, sizeof(area));
	char *p, *q, *r;
	long avail;

	UK_TEST_EXPECT_NOT_NULL(a);
	if (!a)
		return;
	avail = uk_alloc_availmem(a);
	UK_TEST_EXPECT(avail > 60 * 1024 && avail < 64 * 1024);

	p = uk_malloc(a, 10);
	q = uk_malloc(a, 10);
	UK_TEST_EXPECT(p && q && q > p);
	UK_TEST_EXPECT_EQ((uintptr_t)p % 16, 0);
	UK_TEST_EXPECT_EQ(uk_alloc_usable_size(a, p), 10);

	/* Freeing the newest block gives its memory back... */
	uk_free(a, q);
	r = uk_malloc(a, 10);
	UK_TEST_EXPECT(r == q);
	/* ...growing it happens in place... */
	UK_TEST_EXPECT(uk_realloc(a, r, 1000) == r);
	/* ...an older block moves, keeping its bytes. */
	memcpy(p, "region", 7);
	q = uk_realloc(a, p, 100);
	UK_TEST_EXPECT(q != p);
	UK_TEST_EXPECT_STREQ(q, "region");

	void *m;

	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &m, 4096, 1), 0);
	UK_TEST_EXPECT_EQ((uintptr_t)m % 4096, 0);
	UK_TEST_EXPECT_EQ(uk_posix_memalign(a, &m, 24, 1), -EINVAL);

	/* Exhaustion fails cleanly, and a second region adds room. */
	UK_TEST_EXPECT_NULL(uk_malloc(a, sizeof(area)));
	UK_TEST_EXPECT(uk_alloc_maxalloc(a) < (long)sizeof(area));
	/* Use up the first region exactly. */
	UK_TEST_EXPECT_NOT_NULL(uk_malloc(a, (size_t)uk_alloc_maxalloc(a)));
	UK_TEST_EXPECT_NULL(uk_malloc(a, 12 * 1024));
	UK_TEST_EXPECT_EQ(uk_alloc_addmem(a, extra, sizeof(extra)), 0);
	p = uk_malloc(a, 12 * 1024);
	UK_TEST_EXPECT(p >= extra && p < extra + sizeof(extra));
}

UK_TESTCASE(ukallocregion, too_small_region_is_refused)
{
	static char tiny[64] __aligned(16);

	UK_TEST_EXPECT_NULL(uk_allocregion_init(tiny, sizeof(tiny)));
}
