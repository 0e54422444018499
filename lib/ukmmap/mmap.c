/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmmap: anonymous mmap/munmap/mremap/mprotect/madvise. A mapping takes
 * whole pages from the default allocator (uk_palloc) and is zero-filled.
 * Mappings are kept in an address-ordered list; partial munmap/mprotect
 * split them. Pages of a palloc'd block go back to the allocator when the
 * last mapping using them is gone (before that, unmapped pages are made
 * inaccessible where the platform can, so stray uses fault).
 * Rights are recorded and applied with ukplat_page_set_prot() where the
 * platform supports it. Not thread-safe yet: callers serialise.
 */
/* MREMAP_MAYMOVE is a GNU extension in a full libc's <sys/mman.h>. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <uk/alloc.h>
#include <uk/mmap.h>
#include <uk/plat/paging.h>

#define PAGE		UK_PAGE_SIZE
#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)
/* Hints accepted and ignored: memory is never swapped nor grown down. */
#define FLAGS_IGNORED	(MAP_NORESERVE | MAP_POPULATE | MAP_STACK | \
			 MAP_GROWSDOWN)
#define FLAGS_KNOWN	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
			 MAP_ANONYMOUS | FLAGS_IGNORED)

struct backing {
	void *base;
	unsigned long npages;
	unsigned long live;	/* pages still in some mapping */
};

struct mapping {
	uintptr_t start, end;
	int prot;
	struct backing *bk;
	struct mapping *next;
};

static struct mapping *maps;

static struct uk_alloc *heap(void)
{
	return uk_alloc_get_default();
}

static int set_prot(uintptr_t start, uintptr_t end, int prot)
{
	int rc = ukplat_page_set_prot((void *)start, end - start, prot);

	return rc == -ENOTSUP ? 0 : rc;
}

/* Split @m at @at (inside it); the new part follows @m in the list. */
static int split(struct mapping *m, uintptr_t at)
{
	struct mapping *n;

	if (at <= m->start || at >= m->end)
		return 0;
	n = uk_malloc(heap(), sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = *m;
	n->start = at;
	m->end = at;
	m->next = n;
	return 0;
}

static void insert(struct mapping *n)
{
	struct mapping **pp = &maps;

	while (*pp && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
}

/* Is [start, end) covered by mappings, with no gap? */
static int covered(uintptr_t start, uintptr_t end)
{
	for (struct mapping *m = maps; m && start < end; m = m->next) {
		if (m->end <= start)
			continue;
		if (m->start > start)
			return 0;
		start = m->end;
	}
	return start >= end;
}

/* Split mappings so that none straddles @start or @end. */
static int isolate(uintptr_t start, uintptr_t end)
{
	for (struct mapping *m = maps; m; m = m->next) {
		if (split(m, start) < 0 || split(m, end) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int check_range(void *addr, size_t len, uintptr_t *start,
		       uintptr_t *end)
{
	if (!len || ((uintptr_t)addr & (PAGE - 1)) ||
	    len > UINTPTR_MAX - (uintptr_t)addr - PAGE)
		return -EINVAL;
	*start = (uintptr_t)addr;
	*end = UK_ALIGN_UP(*start + len, PAGE);
	return 0;
}

int uk_mmap(void **out, void *addr, size_t len, int prot, int flags, int fd,
	    long off)
{
	int type = flags & (MAP_SHARED | MAP_PRIVATE);
	struct mapping *m = NULL;
	struct backing *bk = NULL;
	unsigned long npages;
	uintptr_t start, end;
	void *p;
	int rc;

	(void)fd;
	if (!len || (prot & ~PROT_ALL) || (flags & ~FLAGS_KNOWN) ||
	    (type != MAP_SHARED && type != MAP_PRIVATE) || (off & (PAGE - 1)))
		return -EINVAL;
	/* No files: shared anonymous memory equals private in one address
	 * space without fork. */
	if (!(flags & MAP_ANONYMOUS))
		return -ENOTSUP;
	if (len > ((size_t)-1 >> 1))
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		/* Only over pages we mapped: they are zeroed and get @prot. */
		rc = check_range(addr, len, &start, &end);
		if (rc < 0)
			return rc;
		if (!covered(start, end))
			return -EINVAL;
		rc = uk_mprotect(addr, end - start, PROT_READ | PROT_WRITE);
		if (rc < 0)
			return rc;
		memset(addr, 0, end - start);
		rc = uk_mprotect(addr, end - start, prot);
		if (rc < 0)
			return rc;
		*out = addr;
		return 0;
	}
	npages = (len + PAGE - 1) / PAGE;
	m = uk_malloc(heap(), sizeof(*m));
	bk = uk_malloc(heap(), sizeof(*bk));
	p = (m && bk) ? uk_palloc(heap(), npages) : NULL;
	if (!p) {
		uk_free(heap(), m);
		uk_free(heap(), bk);
		return -ENOMEM;
	}
	memset(p, 0, npages * PAGE);
	*bk = (struct backing){ p, npages, npages };
	*m = (struct mapping){ (uintptr_t)p, (uintptr_t)p + npages * PAGE,
			       prot, bk, NULL };
	if (prot != (PROT_READ | PROT_WRITE)) {
		rc = set_prot(m->start, m->end, prot);
		if (rc < 0) {
			uk_pfree(heap(), p, npages);
			uk_free(heap(), m);
			uk_free(heap(), bk);
			return rc;
		}
	}
	insert(m);
	*out = p;
	return 0;
}

static void drop(struct mapping *m)
{
	struct backing *bk = m->bk;

	bk->live -= (m->end - m->start) / PAGE;
	if (bk->live) {
		set_prot(m->start, m->end, PROT_NONE);
	} else {
		/* The allocator expects its pages readable and writable. */
		set_prot((uintptr_t)bk->base,
			 (uintptr_t)bk->base + bk->npages * PAGE,
			 PROT_READ | PROT_WRITE);
		uk_pfree(heap(), bk->base, bk->npages);
		uk_free(heap(), bk);
	}
	uk_free(heap(), m);
}

int uk_munmap(void *addr, size_t len)
{
	uintptr_t start, end;
	struct mapping **pp;
	int rc;

	rc = check_range(addr, len, &start, &end);
	if (rc < 0)
		return rc;
	rc = isolate(start, end);
	if (rc < 0)
		return rc;
	pp = &maps;
	while (*pp) {
		struct mapping *m = *pp;

		if (m->start >= start && m->end <= end) {
			*pp = m->next;
			drop(m);
		} else {
			pp = &m->next;
		}
	}
	return 0;
}

int uk_mprotect(void *addr, size_t len, int prot)
{
	uintptr_t start, end;
	int rc;

	rc = check_range(addr, len, &start, &end);
	if (rc < 0)
		return rc;
	if (prot & ~PROT_ALL)
		return -EINVAL;
	if (!covered(start, end))
		return -ENOMEM;
	rc = isolate(start, end);
	if (rc < 0)
		return rc;
	rc = set_prot(start, end, prot);
	if (rc < 0)
		return rc;
	for (struct mapping *m = maps; m; m = m->next)
		if (m->start >= start && m->end <= end)
			m->prot = prot;
	return 0;
}

static struct mapping *find(uintptr_t p)
{
	for (struct mapping *m = maps; m; m = m->next)
		if (p >= m->start && p < m->end)
			return m;
	return NULL;
}

int uk_mremap(void **out, void *old, size_t old_len, size_t new_len,
	      int flags)
{
	uintptr_t start, end, new_end;
	struct mapping *m;
	void *p;
	int rc;

	if ((flags & ~MREMAP_MAYMOVE) || !new_len || !old_len)
		return -EINVAL;	/* MREMAP_FIXED is not supported */
	rc = check_range(old, old_len, &start, &end);
	if (rc < 0)
		return rc;
	if (new_len > ((size_t)-1 >> 1))
		return -ENOMEM;
	new_end = UK_ALIGN_UP(start + new_len, PAGE);
	/* The old range must lie in one mapping's pages, contiguously. */
	if (!covered(start, end))
		return -EFAULT;
	m = find(start);
	if (new_end <= end) {
		if (new_end < end) {
			rc = uk_munmap((void *)new_end, end - new_end);
			if (rc < 0)
				return rc;
		}
		*out = old;
		return 0;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	rc = uk_mmap(&p, NULL, new_end - start, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rc < 0)
		return rc;
	/* Readable for the copy, whatever the old rights were. */
	set_prot(start, end, PROT_READ | PROT_WRITE);
	memcpy(p, old, end - start);
	if (m->prot != (PROT_READ | PROT_WRITE))
		uk_mprotect(p, new_end - start, m->prot);
	uk_munmap(old, end - start);
	*out = p;
	return 0;
}

int uk_madvise(void *addr, size_t len, int advice)
{
	uintptr_t start, end;
	int rc;

	rc = check_range(addr, len, &start, &end);
	if (rc < 0)
		return rc;
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_FREE:
		return covered(start, end) ? 0 : -ENOMEM;
	case MADV_DONTNEED:
		/* Private anonymous pages read as zero afterwards. */
		if (!covered(start, end))
			return -ENOMEM;
		for (struct mapping *m = maps; m; m = m->next) {
			uintptr_t s = UK_MAX(m->start, start);
			uintptr_t e = UK_MIN(m->end, end);

			if (s >= e)
				continue;
			if (!(m->prot & PROT_WRITE))
				set_prot(s, e, PROT_READ | PROT_WRITE);
			memset((void *)s, 0, e - s);
			if (!(m->prot & PROT_WRITE))
				set_prot(s, e, m->prot);
		}
		return 0;
	default:
		return -EINVAL;
	}
}

size_t uk_mmap_count(size_t *bytes)
{
	size_t n = 0, b = 0;

	for (struct mapping *m = maps; m; m = m->next) {
		n++;
		b += m->end - m->start;
	}
	if (bytes)
		*bytes = b;
	return n;
}
