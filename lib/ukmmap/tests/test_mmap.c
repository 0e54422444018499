/* SPDX-License-Identifier: BSD-3-Clause */
/* ukmmap tests: mapping, partial unmapping, rights, mremap, MAP_FIXED,
 * madvise and the error codes of the POSIX calls. */
#define _GNU_SOURCE	/* mremap() is Linux's (musl declares it only so) */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <uk/alloc.h>
#include <uk/mmap.h>
#include <uk/test.h>

#define PG 4096UL

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

UK_TESTCASE(ukmmap, errors)
{
	int rw = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	char buf[16];

#define EXPECT_FAIL(call, err)						\
	do {								\
		errno = 0;						\
		UK_TEST_EXPECT((call) == MAP_FAILED);			\
		UK_TEST_EXPECT_EQ(errno, err);				\
	} while (0)
	EXPECT_FAIL(mmap(NULL, 0, rw, anon, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, 0x100, anon, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, rw, MAP_ANONYMOUS, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, rw, anon | MAP_SHARED, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, rw, anon | 0x40000000, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, rw, anon, -1, 100), EINVAL);
	EXPECT_FAIL(mmap(NULL, PG, rw, MAP_SHARED, 3, 0), ENOTSUP);
	EXPECT_FAIL(mmap(NULL, PG, rw, MAP_PRIVATE, 3, 0), ENOTSUP);
	EXPECT_FAIL(mmap(NULL, (size_t)-1 / 2, rw, anon, -1, 0), ENOMEM);
	/* MAP_FIXED only over our own pages. */
	EXPECT_FAIL(mmap(buf, PG, rw, anon | MAP_FIXED, -1, 0), EINVAL);
	EXPECT_FAIL(mmap((void *)0x10000000, PG, rw, anon | MAP_FIXED, -1, 0),
		    EINVAL);
	errno = 0;
	UK_TEST_EXPECT_EQ(munmap(buf + 1, PG), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(munmap((void *)0x10000000, 0), -1);
	UK_TEST_EXPECT_EQ(mprotect((void *)0x10000000, PG, PROT_READ), -1);
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	/* Unmapping what is not mapped is no error (as on Linux). */
	UK_TEST_EXPECT_EQ(munmap((void *)0x10000000, PG), 0);
#undef EXPECT_FAIL
}

UK_TESTCASE(ukmmap, map_write_unmap)
{
	size_t n0 = uk_mmap_count(NULL), bytes;
	long avail = uk_alloc_availmem(uk_alloc_get_default());
	unsigned char *p = mmap(NULL, 3 * PG + 1, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	UK_TEST_EXPECT(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	UK_TEST_EXPECT_EQ((uintptr_t)p % PG, 0);
	UK_TEST_EXPECT_EQ(uk_mmap_count(&bytes), n0 + 1);
	UK_TEST_EXPECT(all_zero(p, 4 * PG));
	memset(p, 0xaa, 4 * PG);
	/* Punch a hole: two mappings remain. */
	UK_TEST_EXPECT_EQ(munmap(p + PG, PG), 0);
	UK_TEST_EXPECT_EQ(uk_mmap_count(NULL), n0 + 2);
	UK_TEST_EXPECT_EQ(p[0], 0xaa);
	UK_TEST_EXPECT_EQ(p[2 * PG], 0xaa);
	UK_TEST_EXPECT_EQ(mprotect(p, 2 * PG, PROT_READ), -1);	/* hole */
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	/* One call over the hole unmaps the rest. */
	UK_TEST_EXPECT_EQ(munmap(p, 4 * PG), 0);
	UK_TEST_EXPECT_EQ(uk_mmap_count(NULL), n0);
#if !CONFIG_LIBUKALLOC_CHECKFREE
	/* The pages went back (the region allocator never takes back). */
	if (avail >= 0 && strcmp(uk_alloc_get_default()->name, "region"))
		UK_TEST_EXPECT_EQ(uk_alloc_availmem(uk_alloc_get_default()),
				  avail);
#else
	(void)avail;
#endif
	/* Shared anonymous memory behaves like private memory here. */
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	UK_TEST_EXPECT(p != MAP_FAILED);
	if (p != MAP_FAILED)
		UK_TEST_EXPECT_EQ(munmap(p, PG), 0);
}

UK_TESTCASE(ukmmap, protect_fixed_madvise)
{
	unsigned char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	UK_TEST_EXPECT(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	memset(p, 1, 4 * PG);
	UK_TEST_EXPECT_EQ(mprotect(p + PG, PG, PROT_READ), 0);
	UK_TEST_EXPECT_EQ(p[PG], 1);			/* still readable */
	UK_TEST_EXPECT_EQ(mprotect(p + PG, PG, 0x80), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(mprotect(p, 4 * PG, PROT_READ | PROT_WRITE), 0);
	p[PG] = 2;
	/* MAP_FIXED over our own pages: new zeroed pages in place. */
	q = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	UK_TEST_EXPECT(q == p + 2 * PG);
	UK_TEST_EXPECT(all_zero(q, PG));
	UK_TEST_EXPECT_EQ(p[3 * PG], 1);
	/* MADV_DONTNEED: the pages read as zero. */
	UK_TEST_EXPECT_EQ(madvise(p, PG, MADV_DONTNEED), 0);
	UK_TEST_EXPECT(all_zero(p, PG));
	UK_TEST_EXPECT_EQ(madvise(p, PG, MADV_WILLNEED), 0);
	UK_TEST_EXPECT_EQ(madvise(p, PG, 12345), -1);
	UK_TEST_EXPECT_EQ(posix_madvise(p, PG, POSIX_MADV_NORMAL), 0);
	UK_TEST_EXPECT_EQ(munmap(p, 4 * PG), 0);
}

UK_TESTCASE(ukmmap, mremap)
{
	unsigned char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	UK_TEST_EXPECT(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	for (unsigned int i = 0; i < 2 * PG; i++)
		p[i] = (unsigned char)i;
	errno = 0;
	UK_TEST_EXPECT(mremap(p, 2 * PG, 8 * PG, 0) == MAP_FAILED);
	UK_TEST_EXPECT_EQ(errno, ENOMEM);		/* may not move */
	UK_TEST_EXPECT(mremap(p, 2 * PG, 8 * PG, MREMAP_FIXED, NULL) ==
		       MAP_FAILED);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT(mremap((void *)0x10000000, PG, 2 * PG,
			      MREMAP_MAYMOVE) == MAP_FAILED);
	UK_TEST_EXPECT_EQ(errno, EFAULT);
	q = mremap(p, 2 * PG, 8 * PG, MREMAP_MAYMOVE);
	UK_TEST_EXPECT(q != MAP_FAILED);
	if (q == MAP_FAILED)
		return;
	for (unsigned int i = 0; i < 2 * PG; i++)
		if (q[i] != (unsigned char)i) {
			UK_TEST_EXPECT_EQ(q[i], (unsigned char)i);
			break;
		}
	UK_TEST_EXPECT(all_zero(q + 2 * PG, 6 * PG));
	/* Shrinking stays in place. */
	UK_TEST_EXPECT(mremap(q, 8 * PG, PG, 0) == q);
	UK_TEST_EXPECT_EQ(q[PG - 1], (unsigned char)(PG - 1));
	UK_TEST_EXPECT_EQ(munmap(q, PG), 0);
}
