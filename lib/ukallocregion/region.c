/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocregion: bump allocation. Each block is preceded by a 16-byte
 * header holding its size and where the bump pointer stood before it, so
 * the most recent block can be freed or grown in place.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/allocregion.h>

#define MIN_ALIGN 16

struct block_hdr {
	uintptr_t prev_cur;	/* bump pointer before this block */
	size_t size;		/* requested size */
};

struct span {
	uintptr_t start, cur, end;
};

struct region_alloc {
	struct uk_alloc a;
	struct span spans[UK_ALLOCREGION_MAX_REGIONS];
	unsigned int nspans;
	void *last;		/* most recent block, or NULL */
};

static struct region_alloc *to_region(struct uk_alloc *a)
{
	return uk_container_of(a, struct region_alloc, a);
}

static void *bump(struct region_alloc *r, struct span *s, size_t align,
		  size_t size)
{
	uintptr_t p;

	if (s->end - s->cur < sizeof(struct block_hdr) + align)
		return NULL;
	p = UK_ALIGN_UP(s->cur + sizeof(struct block_hdr), align);
	if (size > s->end - p)
		return NULL;
	((struct block_hdr *)p)[-1] = (struct block_hdr){ s->cur, size };
	s->cur = p + size;
	r->last = (void *)p;
	return (void *)p;
}

static int region_memalign(struct uk_alloc *a, void **memptr, size_t align,
			   size_t size)
{
	struct region_alloc *r = to_region(a);
	void *p;

	if (align == 0 || (align & (align - 1)))
		return -EINVAL;
	align = UK_MAX(align, (size_t)MIN_ALIGN);
	/* Earlier spans keep what they have left: later requests that are
	 * smaller may still fit there. */
	for (unsigned int i = 0; i < r->nspans; i++) {
		p = bump(r, &r->spans[i], align, size);
		if (p) {
			*memptr = p;
			return 0;
		}
	}
	return -ENOMEM;
}

static void *region_malloc(struct uk_alloc *a, size_t size)
{
	void *p;

	return region_memalign(a, &p, MIN_ALIGN, size) == 0 ? p : NULL;
}

static struct span *span_of(struct region_alloc *r, void *ptr)
{
	for (unsigned int i = 0; i < r->nspans; i++)
		if ((uintptr_t)ptr > r->spans[i].start &&
		    (uintptr_t)ptr <= r->spans[i].cur)
			return &r->spans[i];
	return NULL;
}

static void region_free(struct uk_alloc *a, void *ptr)
{
	struct region_alloc *r = to_region(a);
	struct span *s;

	if (ptr != r->last)
		return;
	s = span_of(r, ptr);
	if (s)
		s->cur = ((struct block_hdr *)ptr)[-1].prev_cur;
	r->last = NULL;
}

static size_t region_usable_size(struct uk_alloc *a __unused, const void *ptr)
{
	return ((const struct block_hdr *)ptr)[-1].size;
}

static void *region_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct region_alloc *r = to_region(a);
	struct block_hdr *h;
	struct span *s;
	void *p;

	if (!ptr)
		return region_malloc(a, size);
	h = (struct block_hdr *)ptr - 1;
	if (size <= h->size) {
		if (ptr == r->last && (s = span_of(r, ptr)))
			s->cur = (uintptr_t)ptr + size;
		h->size = size;
		return ptr;
	}
	/* The newest block grows in place when its span has room. */
	if (ptr == r->last && (s = span_of(r, ptr)) &&
	    size - h->size <= s->end - s->cur) {
		s->cur = (uintptr_t)ptr + size;
		h->size = size;
		return ptr;
	}
	p = region_malloc(a, size);
	if (p)
		memcpy(p, ptr, h->size);
	return p;
}

static long region_availmem(struct uk_alloc *a)
{
	struct region_alloc *r = to_region(a);
	long sum = 0;

	for (unsigned int i = 0; i < r->nspans; i++)
		sum += (long)(r->spans[i].end - r->spans[i].cur);
	return sum;
}

static long region_maxalloc(struct uk_alloc *a)
{
	struct region_alloc *r = to_region(a);
	long best = 0;

	for (unsigned int i = 0; i < r->nspans; i++) {
		long room = (long)(r->spans[i].end - r->spans[i].cur) -
			(long)sizeof(struct block_hdr) - MIN_ALIGN;

		best = UK_MAX(best, room);
	}
	return best;
}

static int region_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct region_alloc *r = to_region(a);

	if (r->nspans == UK_ALLOCREGION_MAX_REGIONS)
		return -ENOSPC;
	if ((uintptr_t)base + len < (uintptr_t)base)
		return -EINVAL;
	r->spans[r->nspans++] = (struct span){ (uintptr_t)base,
		(uintptr_t)base, (uintptr_t)base + len };
	return 0;
}

struct uk_alloc *uk_allocregion_init(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, (uintptr_t)MIN_ALIGN);
	struct region_alloc *r = (struct region_alloc *)start;
	uintptr_t end = (uintptr_t)base + len;

	if (end < start || end - start < sizeof(*r) + 4 * MIN_ALIGN)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->a.name = "region";
	r->a.malloc = region_malloc;
	r->a.memalign = region_memalign;
	r->a.free = region_free;
	r->a.realloc = region_realloc;
	r->a.usable_size = region_usable_size;
	r->a.availmem = region_availmem;
	r->a.maxalloc = region_maxalloc;
	r->a.addmem = region_addmem;
	r->spans[0] = (struct span){ start + sizeof(*r), start + sizeof(*r),
				     end };
	r->nspans = 1;
	if (uk_alloc_register(&r->a) < 0)
		return NULL;
	return &r->a;
}
