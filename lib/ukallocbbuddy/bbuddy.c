/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocbbuddy: binary buddy system over pages (D. E. Knuth, The Art of
 * Computer Programming, vol. 1, 2.5, "buddy system"), plus an object layer
 * (one-page slabs per size class) for blocks up to 1 KiB.
 *
 * Pages: a free block of 2^k pages starts at a page number (counted from
 * its zone's first page) that is a multiple of 2^k; its buddy is the block
 * whose page number differs in bit k. A bitmap with one bit per page marks
 * the first page of every free block; the block's order is in a header in
 * its first page. The bitmap is zeroed lazily, 256 bytes (8 MiB of pages)
 * at a time, the first time a part of it is used (a bit per chunk says
 * which are), so creating the allocator is cheap for any
 * amount of memory.
 *
 * Blocks from malloc: small ones come from a slab (one page, header at its
 * start, objects after it); larger ones are whole pages with a header in
 * the page before the payload. Either way the header sits at the start of
 * the page holding ptr - 1.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/allocbbuddy.h>
#include <uk/assert.h>

#define PAGE		UK_PAGE_SIZE
#define NORDERS		36		/* blocks up to 2^35 pages */
#define CHUNK_BYTES	256UL		/* bitmap bytes zeroed at a time */

#define SLAB_MAGIC	0x51ab51abU
#define LARGE_MAGIC	0x1a26e1a2U
#define HDR_SIZE	64UL		/* slab and large headers */

struct zone;

/* Header in the first page of a free block. */
struct fblock {
	struct fblock *next, *prev;
	struct zone *zone;
	unsigned int order;
};

struct zone {
	uintptr_t base;			/* first page */
	unsigned long npages;
	unsigned long bm_bytes;
	uint8_t *bitmap;		/* bit set: first page of a free block */
	uint8_t *ready;			/* bit per bitmap chunk: zeroed yet? */
	struct zone *next;
};

struct slab {
	uint32_t magic;
	uint16_t cls;
	uint16_t nfree;
	uint16_t ninit;			/* objects ever handed out (bump) */
	uint16_t cap;
	uint16_t first;			/* offset of the first object */
	void *free;			/* freed objects, linked through them */
	struct slab *next, *prev;	/* partial list of the class */
};

struct large {
	uint32_t magic;
	unsigned long npages;
	uintptr_t base;
};

UK_CTASSERT(sizeof(struct slab) <= HDR_SIZE);
UK_CTASSERT(sizeof(struct large) <= HDR_SIZE);

static const uint16_t class_size[] = {
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024
};
#define NCLASSES	UK_ARRAY_SIZE(class_size)
#define SMALL_MAX	1024

struct sclass {
	struct slab *partial;		/* slabs with free objects */
	struct slab *spare;		/* one wholly free slab, kept */
};

struct bbuddy {
	struct uk_alloc a;
	struct fblock *free[NORDERS];
	struct zone *zones;
	unsigned long free_pages;
	struct sclass cls[NCLASSES];
	uint8_t size_class[SMALL_MAX / 16 + 1];
};

static struct bbuddy *to_bb(struct uk_alloc *a)
{
	return uk_container_of(a, struct bbuddy, a);
}

/* ---- bitmap ---------------------------------------------------------- */

static uint8_t *bm_byte(struct zone *z, unsigned long pfn)
{
	unsigned long byte = pfn >> 3, chunk = byte / CHUNK_BYTES;

	if (unlikely(!(z->ready[chunk >> 3] & (1U << (chunk & 7))))) {
		unsigned long off = chunk * CHUNK_BYTES;

		memset(z->bitmap + off, 0, UK_MIN(CHUNK_BYTES,
						  z->bm_bytes - off));
		z->ready[chunk >> 3] |= (uint8_t)(1U << (chunk & 7));
	}
	return &z->bitmap[byte];
}

static int bm_test(struct zone *z, unsigned long pfn)
{
	return (*bm_byte(z, pfn) >> (pfn & 7)) & 1;
}

static void bm_set(struct zone *z, unsigned long pfn)
{
	*bm_byte(z, pfn) |= (uint8_t)(1U << (pfn & 7));
}

static void bm_clear(struct zone *z, unsigned long pfn)
{
	*bm_byte(z, pfn) &= (uint8_t)~(1U << (pfn & 7));
}

/* ---- buddy pages ----------------------------------------------------- */

static struct fblock *page_at(struct zone *z, unsigned long pfn)
{
	return (struct fblock *)(z->base + pfn * PAGE);
}

static void push(struct bbuddy *b, struct zone *z, unsigned long pfn,
		 unsigned int order)
{
	struct fblock *f = page_at(z, pfn);

	f->order = order;
	f->zone = z;
	f->prev = NULL;
	f->next = b->free[order];
	if (f->next)
		f->next->prev = f;
	b->free[order] = f;
	bm_set(z, pfn);
	b->free_pages += 1UL << order;
}

static void unlink_block(struct bbuddy *b, struct fblock *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else
		b->free[f->order] = f->next;
	if (f->next)
		f->next->prev = f->prev;
	bm_clear(f->zone, ((uintptr_t)f - f->zone->base) / PAGE);
	b->free_pages -= 1UL << f->order;
}

/* Free the block of 2^@order pages at @pfn, merging it with its buddies. */
static void free_block(struct bbuddy *b, struct zone *z, unsigned long pfn,
		       unsigned int order)
{
	while (order < NORDERS - 1) {
		unsigned long buddy = pfn ^ (1UL << order);
		struct fblock *f;

		if (buddy + (1UL << order) > z->npages || !bm_test(z, buddy))
			break;
		f = page_at(z, buddy);
		if (f->order != order)
			break;
		unlink_block(b, f);
		pfn &= ~(1UL << order);
		order++;
	}
	push(b, z, pfn, order);
}

/* Free @count pages from @pfn: as the largest aligned blocks that fit. */
static void free_range(struct bbuddy *b, struct zone *z, unsigned long pfn,
		       unsigned long count)
{
	while (count) {
		unsigned int order = pfn ? (unsigned int)__builtin_ctzl(pfn) :
			NORDERS - 1;
		unsigned int fit = 63 - (unsigned int)__builtin_clzl(count);

		order = UK_MIN(order, UK_MIN(fit, (unsigned int)NORDERS - 1));
		free_block(b, z, pfn, order);
		pfn += 1UL << order;
		count -= 1UL << order;
	}
}

static struct zone *zone_of(struct bbuddy *b, uintptr_t p)
{
	for (struct zone *z = b->zones; z; z = z->next)
		if (p >= z->base && p < z->base + z->npages * PAGE)
			return z;
	return NULL;
}

static unsigned int order_for(unsigned long n)
{
	return n <= 1 ? 0 : 64 - (unsigned int)__builtin_clzl(n - 1);
}

static void release_spares(struct bbuddy *b);

static void *get_pages(struct bbuddy *b, unsigned long n)
{
	unsigned int want, k;
	struct fblock *f;
	unsigned long pfn;
	struct zone *z;

	if (n == 0 || n > (1UL << (NORDERS - 1)))
		return NULL;
	want = order_for(n);
	for (k = want; k < NORDERS && !b->free[k]; k++)
		;
	if (k == NORDERS) {
		/* Out of pages: give back the slabs kept for speed. */
		release_spares(b);
		for (k = want; k < NORDERS && !b->free[k]; k++)
			;
		if (k == NORDERS)
			return NULL;
	}
	f = b->free[k];
	z = f->zone;
	unlink_block(b, f);
	pfn = ((uintptr_t)f - z->base) / PAGE;
	/* Split: the upper halves go back to their lists. */
	while (k > want) {
		k--;
		push(b, z, pfn + (1UL << k), k);
	}
	/* Give back the pages beyond @n. */
	if ((1UL << want) > n)
		free_range(b, z, pfn + n, (1UL << want) - n);
	return (void *)(z->base + pfn * PAGE);
}

static void put_pages(struct bbuddy *b, void *p, unsigned long n)
{
	struct zone *z = zone_of(b, (uintptr_t)p);

	UK_ASSERT(z && UK_IS_ALIGNED((uintptr_t)p, PAGE));
	free_range(b, z, ((uintptr_t)p - z->base) / PAGE, n);
}

static void *bb_palloc(struct uk_alloc *a, unsigned long n)
{
	return get_pages(to_bb(a), n);
}

static void bb_pfree(struct uk_alloc *a, void *p, unsigned long n)
{
	put_pages(to_bb(a), p, n);
}

/* ---- object layer ---------------------------------------------------- */

static void partial_add(struct sclass *c, struct slab *s)
{
	s->prev = NULL;
	s->next = c->partial;
	if (s->next)
		s->next->prev = s;
	c->partial = s;
}

static void partial_del(struct sclass *c, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

static void release_spares(struct bbuddy *b)
{
	for (unsigned int i = 0; i < NCLASSES; i++) {
		if (b->cls[i].spare) {
			put_pages(b, b->cls[i].spare, 1);
			b->cls[i].spare = NULL;
		}
	}
}

static struct slab *new_slab(struct bbuddy *b, unsigned int ci)
{
	unsigned int size = class_size[ci];
	struct slab *s = get_pages(b, 1);

	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)ci;
	/* Objects aligned to the largest power of two dividing the size:
	 * power-of-two classes serve memalign. */
	s->first = (uint16_t)UK_ALIGN_UP(HDR_SIZE, size & -size);
	s->cap = (uint16_t)((PAGE - s->first) / size);
	s->nfree = s->cap;
	s->ninit = 0;
	s->free = NULL;
	return s;
}

static void *slab_alloc(struct bbuddy *b, unsigned int ci)
{
	struct sclass *c = &b->cls[ci];
	struct slab *s = c->partial;
	void *obj;

	if (!s) {
		s = c->spare ? c->spare : new_slab(b, ci);
		if (!s)
			return NULL;
		c->spare = NULL;
		partial_add(c, s);
	}
	if (s->free) {
		obj = s->free;
		s->free = *(void **)obj;
	} else {
		obj = (char *)s + s->first + (size_t)s->ninit * class_size[ci];
		s->ninit++;
	}
	if (--s->nfree == 0)
		partial_del(c, s);
	return obj;
}

static void slab_free(struct bbuddy *b, struct slab *s, void *obj)
{
	struct sclass *c = &b->cls[s->cls];

	*(void **)obj = s->free;
	s->free = obj;
	if (s->nfree++ == 0)
		partial_add(c, s);
	if (s->nfree == s->cap) {
		partial_del(c, s);
		if (c->spare)
			put_pages(b, s, 1);
		else
			c->spare = s;
	}
}

/* ---- malloc family --------------------------------------------------- */

static void *large_alloc(struct bbuddy *b, size_t align, size_t size)
{
	size_t slack = UK_MAX(HDR_SIZE, align);
	unsigned long n;
	struct large *h;
	uintptr_t base, p;

	if (size > (size_t)-1 / 2 - slack)
		return NULL;
	n = (size + slack + PAGE - 1) / PAGE;
	base = (uintptr_t)get_pages(b, n);
	if (!base)
		return NULL;
	p = UK_ALIGN_UP(base + HDR_SIZE, UK_MAX(align, (size_t)16));
	h = (struct large *)UK_ALIGN_DOWN(p - 1, PAGE);
	h->magic = LARGE_MAGIC;
	h->npages = n;
	h->base = base;
	return (void *)p;
}

static void *bb_malloc(struct uk_alloc *a, size_t size)
{
	struct bbuddy *b = to_bb(a);

	if (size <= SMALL_MAX)
		return slab_alloc(b, b->size_class[(size + 15) / 16]);
	return large_alloc(b, 16, size);
}

static int bb_memalign(struct uk_alloc *a, void **memptr, size_t align,
		       size_t size)
{
	struct bbuddy *b = to_bb(a);
	void *p;

	if (align == 0 || (align & (align - 1)))
		return -EINVAL;
	if (align <= 16) {
		p = bb_malloc(a, size);
	} else if (size <= SMALL_MAX && align <= SMALL_MAX) {
		/* A power-of-two class is aligned to its size. */
		size_t s = UK_MAX(size, align);

		s = 1UL << order_for(s);
		p = slab_alloc(b, b->size_class[s / 16]);
	} else {
		p = large_alloc(b, align, size);
	}
	if (!p)
		return -ENOMEM;
	*memptr = p;
	return 0;
}

static void *header_of(const void *ptr)
{
	return (void *)UK_ALIGN_DOWN((uintptr_t)ptr - 1, PAGE);
}

static void bb_free(struct uk_alloc *a, void *ptr)
{
	struct bbuddy *b = to_bb(a);
	struct slab *s = header_of(ptr);

	if (s->magic == SLAB_MAGIC) {
		slab_free(b, s, ptr);
	} else {
		struct large *h = (struct large *)s;

		UK_ASSERT(h->magic == LARGE_MAGIC);
		put_pages(b, (void *)h->base, h->npages);
	}
}

static size_t bb_usable_size(struct uk_alloc *a __unused, const void *ptr)
{
	const struct slab *s = header_of(ptr);
	const struct large *h = (const struct large *)s;

	if (s->magic == SLAB_MAGIC)
		return class_size[s->cls];
	return h->base + h->npages * PAGE - (uintptr_t)ptr;
}

static long bb_availmem(struct uk_alloc *a)
{
	struct bbuddy *b = to_bb(a);
	unsigned long pages = b->free_pages;

	for (unsigned int i = 0; i < NCLASSES; i++)
		pages += b->cls[i].spare ? 1 : 0;
	return (long)(pages * PAGE);
}

static long bb_maxalloc(struct uk_alloc *a)
{
	struct bbuddy *b = to_bb(a);

	for (int k = NORDERS - 1; k >= 0; k--)
		if (b->free[k])
			return (long)((PAGE << k) - HDR_SIZE);
	return 0;
}

/* ---- regions --------------------------------------------------------- */

size_t uk_allocbbuddy_metadata_size(size_t len)
{
	unsigned long pages = len / PAGE;
	unsigned long bm = (pages + 7) / 8;

	unsigned long chunks = (bm + CHUNK_BYTES - 1) / CHUNK_BYTES;

	return sizeof(struct zone) + bm + (chunks + 7) / 8;
}

static int bb_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct bbuddy *b = to_bb(a);
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, (uintptr_t)16);
	uintptr_t end = (uintptr_t)base + len;
	unsigned long pages, bm, chunks;
	struct zone *z;

	if (end < (uintptr_t)base || end < start)
		return -EINVAL;
	/* Metadata for every page of the region bounds it from above. */
	pages = (end - start) / PAGE;
	bm = (pages + 7) / 8;
	chunks = (bm + CHUNK_BYTES - 1) / CHUNK_BYTES;
	z = (struct zone *)start;
	z->bitmap = (uint8_t *)(z + 1);
	z->ready = z->bitmap + bm;
	chunks = (chunks + 7) / 8;	/* bytes of the ready map */
	z->base = UK_ALIGN_UP((uintptr_t)(z->ready + chunks), PAGE);
	if (z->base >= end || (end - z->base) / PAGE == 0)
		return -EINVAL;
	z->npages = (end - z->base) / PAGE;
	z->bm_bytes = (z->npages + 7) / 8;
	memset(z->ready, 0, chunks);
	z->next = b->zones;
	b->zones = z;
	free_range(b, z, 0, z->npages);
	return 0;
}

struct uk_alloc *uk_allocbbuddy_init(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, (uintptr_t)64);
	uintptr_t end = (uintptr_t)base + len;
	struct bbuddy *b = (struct bbuddy *)start;
	unsigned int ci = 0;

	if (end < start || end - start < sizeof(*b) + 4 * PAGE)
		return NULL;
	memset(b, 0, sizeof(*b));
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(b->size_class); i++) {
		while (class_size[ci] < i * 16)
			ci++;
		b->size_class[i] = (uint8_t)ci;
	}
	b->a.name = "bbuddy";
	b->a.malloc = bb_malloc;
	b->a.memalign = bb_memalign;
	b->a.free = bb_free;
	b->a.usable_size = bb_usable_size;
	b->a.palloc = bb_palloc;
	b->a.pfree = bb_pfree;
	b->a.availmem = bb_availmem;
	b->a.maxalloc = bb_maxalloc;
	b->a.addmem = bb_addmem;
	if (bb_addmem(&b->a, b + 1, end - (uintptr_t)(b + 1)) < 0)
		return NULL;
	if (uk_alloc_register(&b->a) < 0)
		return NULL;
	return &b->a;
}
