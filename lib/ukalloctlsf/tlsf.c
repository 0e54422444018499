/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloctlsf: Two-Level Segregated Fit, after M. Masmano, I. Ripoll,
 * A. Crespo, J. Real, "TLSF: a new dynamic memory allocator for real-time
 * systems" (ECRTS 2004).
 *
 * Free blocks sit in segregated lists indexed by two levels: the first by
 * the position of the size's top bit, the second splits each power-of-two
 * range into SL_COUNT equal parts. Two bitmaps say which lists are
 * non-empty, so finding a fitting list is a couple of bit scans.
 *
 * Block layout (every header address is 8 mod 16, so payloads are
 * 16-aligned):
 *
 *	header:  size of the whole block | F_FREE | F_PREV_FREE   (8 bytes)
 *	payload: used block: the caller's bytes
 *		 free block: next_free, prev_free, ..., footer
 *
 * A free block's last word (footer) points at its header, so the block
 * after it can find and merge it. Each region ends with a zero-size used
 * sentinel header, so merging never leaves a region.
 *
 * Quick lists (LIBUKALLOCTLSF_QUICK > 0): a freed block of up to QUICK_MAX
 * bytes is kept, still marked used, in a LIFO list of blocks of exactly its
 * size, at most LIBUKALLOCTLSF_QUICK deep; malloc of that size takes it
 * back without splitting or merging anything. Both stay O(1); when memory
 * runs out the quick lists (a bounded number of blocks) are released and
 * the search retried.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloctlsf.h>
#include <uk/assert.h>

#define ALIGN_LOG2	4
#define ALIGN		(1UL << ALIGN_LOG2)
#define SL_LOG2		5
#define SL_COUNT	(1U << SL_LOG2)
/* Sizes below this are mapped linearly (first level 0). */
#define SMALL_LIMIT	((size_t)SL_COUNT << ALIGN_LOG2)
#define FL_SHIFT	(SL_LOG2 + ALIGN_LOG2)
/* Blocks are smaller than 2^MAX_LOG2; larger regions become several. */
#define MAX_LOG2	40
#define FL_COUNT	(MAX_LOG2 - FL_SHIFT + 1)
#define CHUNK_MAX	((1UL << MAX_LOG2) - 2 * ALIGN)

#define F_FREE		1UL
#define F_PREV_FREE	2UL
#define F_QUICK		4UL	/* used, but parked in a quick list */
#define F_MASK		7UL
#define HDR		sizeof(size_t)
/* Header, two list pointers and the footer. */
#define MIN_BLOCK	(4 * sizeof(void *))

UK_CTASSERT(FL_COUNT <= 32);

#define QUICK_DEPTH	CONFIG_LIBUKALLOCTLSF_QUICK
#define QUICK_MAX	1024UL		/* largest block size kept */
#define QUICK_BINS	(QUICK_DEPTH ? QUICK_MAX / ALIGN + 1 : 1)

struct quick {
	struct block *head;	/* linked through next_free */
	unsigned int count;
};

struct block {
	size_t size;
	struct block *next_free;	/* valid in free blocks only */
	struct block *prev_free;
};

/*
 * heads[fl][sl] is only valid while bit sl of sl_map[fl] is set, so
 * creating an allocator clears the bitmaps, not the 8 KiB of heads.
 */
struct tlsf {
	struct uk_alloc a;
	size_t free_bytes;	/* sum of free blocks' sizes */
	size_t quick_bytes;	/* sum of the quick lists' block sizes */
	uint32_t fl_map;
	uint32_t sl_map[FL_COUNT];
	struct quick quick[QUICK_BINS];
	struct block *heads[FL_COUNT][SL_COUNT];
};

static __always_inline struct tlsf *to_tlsf(struct uk_alloc *a)
{
	return uk_container_of(a, struct tlsf, a);
}

static __always_inline size_t bsize(const struct block *b)
{
	return b->size & ~F_MASK;
}

static __always_inline struct block *next_phys(struct block *b)
{
	return (struct block *)((char *)b + bsize(b));
}

static __always_inline struct block *prev_phys(struct block *b)
{
	return ((struct block **)b)[-1];
}

static __always_inline void *payload(struct block *b)
{
	return (char *)b + HDR;
}

static __always_inline struct block *from_payload(const void *p)
{
	return (struct block *)((char *)p - HDR);
}

static __always_inline unsigned int msb(size_t v)
{
	return (unsigned int)(63 - __builtin_clzl(v));
}

static __always_inline void mapping(size_t size, unsigned int *fl, unsigned int *sl)
{
	if (size < SMALL_LIMIT) {
		*fl = 0;
		*sl = (unsigned int)(size >> ALIGN_LOG2);
	} else {
		unsigned int m = msb(size);

		*fl = m - FL_SHIFT + 1;
		*sl = (unsigned int)(size >> (m - SL_LOG2)) & (SL_COUNT - 1);
	}
}

static __always_inline void list_insert(struct tlsf *t, struct block *b)
{
	unsigned int fl, sl;
	struct block *h;

	mapping(bsize(b), &fl, &sl);
	h = (t->sl_map[fl] & (1U << sl)) ? t->heads[fl][sl] : NULL;
	b->next_free = h;
	b->prev_free = NULL;
	if (h)
		h->prev_free = b;
	t->heads[fl][sl] = b;
	t->fl_map |= 1U << fl;
	t->sl_map[fl] |= 1U << sl;
	t->free_bytes += bsize(b);
	/* Footer, and tell the next block its predecessor is free. */
	((struct block **)next_phys(b))[-1] = b;
	next_phys(b)->size |= F_PREV_FREE;
}

static __always_inline void list_remove(struct tlsf *t, struct block *b)
{
	unsigned int fl, sl;

	mapping(bsize(b), &fl, &sl);
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		t->heads[fl][sl] = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (!t->heads[fl][sl]) {
		t->sl_map[fl] &= ~(1U << sl);
		if (!t->sl_map[fl])
			t->fl_map &= ~(1U << fl);
	}
	t->free_bytes -= bsize(b);
}

/* Make @b (in no list) free, merging it with free neighbours. */
static __always_inline void release(struct tlsf *t, struct block *b)
{
	size_t size = bsize(b), prev_flag = b->size & F_PREV_FREE;
	struct block *n = next_phys(b);

	if (prev_flag) {
		struct block *p = prev_phys(b);

		list_remove(t, p);
		size += bsize(p);
		prev_flag = p->size & F_PREV_FREE;
		b = p;
	}
	if (n->size & F_FREE) {
		list_remove(t, n);
		size += bsize(n);
	}
	b->size = size | F_FREE | prev_flag;
	list_insert(t, b);
}

/* @b is used and larger than @want: give the tail back if it is useful. */
static void trim(struct tlsf *t, struct block *b, size_t want)
{
	struct block *rest;

	if (bsize(b) < want + MIN_BLOCK)
		return;
	rest = (struct block *)((char *)b + want);
	rest->size = bsize(b) - want;
	b->size = want | (b->size & F_PREV_FREE);
	release(t, rest);
}

static __always_inline void mark_used(struct block *b)
{
	b->size &= ~F_FREE;
	next_phys(b)->size &= ~F_PREV_FREE;
}

/* Block size for a request of @size bytes; 0 when it cannot be served. */
static __always_inline size_t adjust(size_t size)
{
	if (size > CHUNK_MAX - HDR)
		return 0;
	return UK_MAX(MIN_BLOCK, UK_ALIGN_UP(size + HDR, ALIGN));
}

/* Take the head @b of list (@fl, @sl) out of it. */
static __always_inline void list_pop(struct tlsf *t, struct block *b,
				     unsigned int fl, unsigned int sl)
{
	struct block *n = b->next_free;

	t->heads[fl][sl] = n;
	if (n) {
		n->prev_free = NULL;
	} else {
		t->sl_map[fl] &= ~(1U << sl);
		if (!t->sl_map[fl])
			t->fl_map &= ~(1U << fl);
	}
	t->free_bytes -= bsize(b);
}

/*
 * A free block of at least @want bytes, taken out of its list. The
 * good-fit search rounds @want up to the next list boundary, so the head
 * of the list found fits; when that finds nothing, the list @want itself
 * falls in is searched, so the last fitting block is still found when
 * memory runs out.
 */
static __always_inline struct block *take(struct tlsf *t, size_t want)
{
	unsigned int fl, sl;
	size_t up = want;
	uint32_t m;

	if (want >= SMALL_LIMIT)
		up += (1UL << (msb(want) - SL_LOG2)) - 1;
	mapping(up, &fl, &sl);
	if (fl < FL_COUNT) {
		m = t->sl_map[fl] & (~0U << sl);
		if (!m) {
			uint32_t f = fl + 1 < FL_COUNT ?
				t->fl_map & (~0U << (fl + 1)) : 0;

			if (f) {
				fl = (unsigned int)__builtin_ctz(f);
				m = t->sl_map[fl];
			}
		}
		if (likely(m)) {
			struct block *b;

			sl = (unsigned int)__builtin_ctz(m);
			b = t->heads[fl][sl];
			list_pop(t, b, fl, sl);
			return b;
		}
	}
	mapping(want, &fl, &sl);
	if (fl >= FL_COUNT || !(t->sl_map[fl] & (1U << sl)))
		return NULL;
	for (struct block *b = t->heads[fl][sl]; b; b = b->next_free) {
		if (bsize(b) >= want) {
			list_remove(t, b);
			return b;
		}
	}
	return NULL;
}

#if QUICK_DEPTH
/* Put every block of the quick lists back into the free lists. */
static void quick_flush(struct tlsf *t)
{
	for (unsigned int i = 0; i < QUICK_BINS; i++) {
		struct quick *q = &t->quick[i];

		while (q->head) {
			struct block *b = q->head;

			q->head = b->next_free;
			b->size &= ~F_QUICK;
			release(t, b);
		}
		q->count = 0;
	}
	t->quick_bytes = 0;
}

/* Take @b out of its quick list (at most QUICK_DEPTH long) and free it. */
static void quick_release(struct tlsf *t, struct block *b)
{
	struct quick *q = &t->quick[bsize(b) >> ALIGN_LOG2];
	struct block **pp = &q->head;

	while (*pp != b)
		pp = &(*pp)->next_free;
	*pp = b->next_free;
	q->count--;
	t->quick_bytes -= bsize(b);
	b->size &= ~F_QUICK;
	release(t, b);
}
#endif

/* A block of at least @want bytes, out of any list; NULL when none. */
static __always_inline struct block *get_block(struct tlsf *t, size_t want)
{
	struct block *b = take(t, want);

#if QUICK_DEPTH
	if (unlikely(!b) && t->quick_bytes) {
		quick_flush(t);
		b = take(t, want);
	}
#endif
	return b;
}

static void *tlsf_malloc(struct uk_alloc *a, size_t size)
{
	struct tlsf *t = to_tlsf(a);
	size_t want = adjust(size), bs;
	struct block *b;

	if (unlikely(!want))
		return NULL;
#if QUICK_DEPTH
	if (want <= QUICK_MAX) {
		struct quick *q = &t->quick[want >> ALIGN_LOG2];

		b = q->head;
		if (b) {
			q->head = b->next_free;
			q->count--;
			t->quick_bytes -= want;
			b->size &= ~F_QUICK;
			return payload(b);
		}
	}
#endif
	b = get_block(t, want);
	if (unlikely(!b))
		return NULL;
	bs = bsize(b);
	if (bs >= want + MIN_BLOCK) {
		/*
		 * Split: free blocks never touch (they merge at once), so the
		 * tail's successor is used and only the list needs the tail.
		 */
		struct block *rest = (struct block *)((char *)b + want);

		rest->size = (bs - want) | F_FREE;
		b->size = want | (b->size & F_PREV_FREE);
		list_insert(t, rest);
	} else {
		mark_used(b);
	}
	return payload(b);
}

static void tlsf_free(struct uk_alloc *a, void *ptr)
{
	struct tlsf *t = to_tlsf(a);
	struct block *b = from_payload(ptr);

	UK_ASSERT(!(b->size & (F_FREE | F_QUICK)));
#if QUICK_DEPTH
	size_t bs = bsize(b);

	if (bs <= QUICK_MAX) {
		struct quick *q = &t->quick[bs >> ALIGN_LOG2];

		if (q->count < QUICK_DEPTH) {
			b->size |= F_QUICK;
			b->next_free = q->head;
			q->head = b;
			q->count++;
			t->quick_bytes += bs;
			return;
		}
	}
#endif
	release(t, b);
}

static int tlsf_memalign(struct uk_alloc *a, void **memptr, size_t align,
			 size_t size)
{
	struct tlsf *t = to_tlsf(a);
	struct block *b, *nb;
	uintptr_t pay, gap;
	size_t want;

	if (align == 0 || (align & (align - 1)))
		return -EINVAL;
	if (align <= ALIGN) {
		*memptr = tlsf_malloc(a, size);
		return *memptr ? 0 : -ENOMEM;
	}
	want = adjust(size);
	if (!want || align > CHUNK_MAX - want - MIN_BLOCK)
		return -ENOMEM;
	b = get_block(t, want + align + MIN_BLOCK);
	if (!b)
		return -ENOMEM;
	pay = UK_ALIGN_UP((uintptr_t)payload(b), (uintptr_t)align);
	gap = pay - (uintptr_t)payload(b);
	if (gap && gap < MIN_BLOCK) {
		pay += align;
		gap += align;
	}
	if (gap) {
		/* The front part becomes a free block of its own. */
		nb = from_payload((void *)pay);
		nb->size = bsize(b) - gap;
		b->size = gap | (b->size & F_PREV_FREE);
		release(t, b);
		b = nb;
	}
	mark_used(b);
	trim(t, b, want);
	*memptr = payload(b);
	return 0;
}

static void *tlsf_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	struct tlsf *t = to_tlsf(a);
	struct block *b, *n;
	size_t want;
	void *q;

	if (!ptr)
		return tlsf_malloc(a, size);
	if (size == 0) {
		tlsf_free(a, ptr);
		return NULL;
	}
	want = adjust(size);
	if (!want)
		return NULL;
	b = from_payload(ptr);
	if (want <= bsize(b)) {
		trim(t, b, want);
		return ptr;
	}
	/* Grow in place into a free successor (or a parked one). */
	n = next_phys(b);
#if QUICK_DEPTH
	if (n->size & F_QUICK)
		quick_release(t, n);
#endif
	if ((n->size & F_FREE) && bsize(b) + bsize(n) >= want) {
		list_remove(t, n);
		b->size += bsize(n);
		next_phys(b)->size &= ~F_PREV_FREE;
		trim(t, b, want);
		return ptr;
	}
	q = tlsf_malloc(a, size);
	if (!q)
		return NULL;
	memcpy(q, ptr, bsize(b) - HDR);
	tlsf_free(a, ptr);
	return q;
}

static size_t tlsf_usable_size(struct uk_alloc *a __unused, const void *ptr)
{
	return bsize(from_payload(ptr)) - HDR;
}

static long tlsf_availmem(struct uk_alloc *a)
{
	struct tlsf *t = to_tlsf(a);

	return (long)(t->free_bytes + t->quick_bytes);
}

static long tlsf_maxalloc(struct uk_alloc *a)
{
	struct tlsf *t = to_tlsf(a);
	unsigned int fl, sl;
	size_t best = 0;

#if QUICK_DEPTH
	quick_flush(t);
#endif
	if (!t->fl_map)
		return 0;
	fl = msb(t->fl_map);
	sl = msb(t->sl_map[fl]);
	for (struct block *b = t->heads[fl][sl]; b; b = b->next_free)
		best = UK_MAX(best, bsize(b));
	return (long)(best - HDR);
}

static int tlsf_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct tlsf *t = to_tlsf(a);
	uintptr_t start, end, cend;
	struct block *b, *sentinel;

	if ((uintptr_t)base + len < (uintptr_t)base)
		return -EINVAL;
	/* Headers at 8 mod 16; the last 8 bytes hold the sentinel. */
	start = UK_ALIGN_UP((uintptr_t)base, ALIGN) + HDR;
	end = UK_ALIGN_DOWN((uintptr_t)base + len, ALIGN) - HDR;
	if ((uintptr_t)base + len < 2 * ALIGN || end < start ||
	    end - start < MIN_BLOCK)
		return -EINVAL;
	while (end > start && end - start >= MIN_BLOCK) {
		cend = start + UK_MIN(end - start, CHUNK_MAX);
		b = (struct block *)start;
		sentinel = (struct block *)cend;
		sentinel->size = 0;
		b->size = (cend - start) | F_FREE;
		list_insert(t, b);
		start = cend + 2 * HDR;
	}
	return 0;
}

size_t uk_alloctlsf_metadata_size(void)
{
	return sizeof(struct tlsf);
}

struct uk_alloc *uk_alloctlsf_init(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, (uintptr_t)64);
	uintptr_t end = (uintptr_t)base + len;
	struct tlsf *t = (struct tlsf *)start;

	if (end < start || end - start < sizeof(*t) + 4 * MIN_BLOCK)
		return NULL;
	memset(t, 0, offsetof(struct tlsf, heads));
	t->a.name = "tlsf";
	t->a.malloc = tlsf_malloc;
	t->a.memalign = tlsf_memalign;
	t->a.free = tlsf_free;
	t->a.realloc = tlsf_realloc;
	t->a.usable_size = tlsf_usable_size;
	t->a.availmem = tlsf_availmem;
	t->a.maxalloc = tlsf_maxalloc;
	t->a.addmem = tlsf_addmem;
	if (tlsf_addmem(&t->a, t + 1, end - (uintptr_t)(t + 1)) < 0)
		return NULL;
	if (uk_alloc_register(&t->a) < 0)
		return NULL;
	return &t->a;
}
