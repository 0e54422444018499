/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: the allocator API. Backends (ukallocregion, ...) fill in a
 * struct uk_alloc; callers use the uk_* wrappers below on a chosen allocator
 * or on the default one. A backend may implement only malloc/free or only
 * pages: uk_alloc_register() completes the rest from what it has.
 *
 * With statistics or a debug aid configured (LIBUKALLOC_STATS, _POISON,
 * _CHECKFREE, _LEAKS), uk_alloc_register() saves the backend's operations
 * in @be and puts ukalloc's wrappers in their place, so every backend gets
 * them without code of its own.
 */
#ifndef __UK_ALLOC_H__
#define __UK_ALLOC_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>

struct uk_alloc;

typedef void *(*uk_alloc_malloc_fn)(struct uk_alloc *a, size_t size);
typedef void *(*uk_alloc_calloc_fn)(struct uk_alloc *a, size_t nmemb,
				    size_t size);
typedef void *(*uk_alloc_realloc_fn)(struct uk_alloc *a, void *ptr,
				     size_t size);
typedef int (*uk_alloc_memalign_fn)(struct uk_alloc *a, void **memptr,
				    size_t align, size_t size);
typedef void (*uk_alloc_free_fn)(struct uk_alloc *a, void *ptr);
typedef void *(*uk_alloc_palloc_fn)(struct uk_alloc *a,
				    unsigned long num_pages);
typedef void (*uk_alloc_pfree_fn)(struct uk_alloc *a, void *ptr,
				  unsigned long num_pages);
/* Usable size of a block returned by malloc/memalign; 0 when unknown. */
typedef size_t (*uk_alloc_usable_size_fn)(struct uk_alloc *a, const void *ptr);
typedef long (*uk_alloc_avail_fn)(struct uk_alloc *a);
typedef int (*uk_alloc_addmem_fn)(struct uk_alloc *a, void *base, size_t len);

/* The allocation operations, as a backend implements them. */
struct uk_alloc_backend {
	uk_alloc_malloc_fn malloc;
	uk_alloc_calloc_fn calloc;
	uk_alloc_realloc_fn realloc;
	uk_alloc_memalign_fn memalign;
	uk_alloc_free_fn free;
	uk_alloc_palloc_fn palloc;
	uk_alloc_pfree_fn pfree;
	uk_alloc_usable_size_fn usable_size;
};

/* Counters kept per allocator when LIBUKALLOC_STATS is on. */
struct uk_alloc_stats {
	size_t cur_bytes;	/* bytes in live blocks (usable sizes) */
	size_t peak_bytes;	/* highest cur_bytes seen */
	size_t cur_count;	/* live blocks (malloc family and pages) */
	uint64_t nallocs;	/* successful allocations, pages included */
	uint64_t nfrees;	/* frees of a block, pages included */
	uint64_t nfailures;	/* allocations that found no memory */
};

#if CONFIG_LIBUKALLOC_STATS || CONFIG_LIBUKALLOC_POISON || \
	CONFIG_LIBUKALLOC_CHECKFREE
#define UK_ALLOC_WRAPPED 1
#else
#define UK_ALLOC_WRAPPED 0
#endif

struct uk_alloc {
	const char *name;
	uk_alloc_malloc_fn malloc;
	uk_alloc_calloc_fn calloc;
	uk_alloc_realloc_fn realloc;
	uk_alloc_memalign_fn memalign;
	uk_alloc_free_fn free;
	uk_alloc_palloc_fn palloc;
	uk_alloc_pfree_fn pfree;
	uk_alloc_usable_size_fn usable_size;
	uk_alloc_avail_fn availmem;	/* bytes still free, or -ENOTSUP */
	uk_alloc_avail_fn maxalloc;	/* largest single block, or -ENOTSUP */
	uk_alloc_addmem_fn addmem;	/* hand another free region over */
	struct uk_alloc *next;		/* list of registered allocators */
#if UK_ALLOC_WRAPPED
	struct uk_alloc_backend be;	/* the backend's own operations */
	struct uk_alloc_stats stats;
	void *live;			/* LIBUKALLOC_CHECKFREE: live blocks */
#endif
};

#define UK_PAGE_SIZE 4096UL

/*
 * Fill in the operations a backend left NULL from those it has, then
 * register @a. The first registered allocator becomes the default.
 * Returns 0 or -EINVAL when @a has neither malloc+free nor palloc+pfree.
 */
int uk_alloc_register(struct uk_alloc *a);

/* Remove @a from the list (a pool being destroyed, ...); 0 or -ENOENT. */
int uk_alloc_unregister(struct uk_alloc *a);

/* Head of the list of registered allocators: the default one. */
extern struct uk_alloc *_uk_alloc_head;

/* Inline: malloc() asks for it on every call. */
static inline struct uk_alloc *uk_alloc_get_default(void)
{
	return _uk_alloc_head;
}

void uk_alloc_set_default(struct uk_alloc *a);
/* The first registered allocator called @name, or NULL. */
struct uk_alloc *uk_alloc_find(const char *name);
/* Iterate: uk_alloc_next(NULL) is the first (default) allocator. */
struct uk_alloc *uk_alloc_next(struct uk_alloc *a);

/*
 * Copy @a's counters to @stats. Returns 0, or -ENOTSUP when the image is
 * built without LIBUKALLOC_STATS (then @stats is zeroed).
 */
int uk_alloc_stats_get(struct uk_alloc *a, struct uk_alloc_stats *stats);

/*
 * Print, for every registered allocator, the number and bytes of blocks
 * still live (needs LIBUKALLOC_STATS). LIBUKALLOC_LEAKS calls it at exit.
 */
void uk_alloc_leak_summary(void);

/*
 * Allocators are not reentrant. With LIBUKALLOC_IRQSAFE (on whenever a
 * preemptive scheduler is), every call below masks interrupts around the
 * backend, so neither a preempting thread nor an interrupt handler can
 * enter an allocator that is half-way through an operation. On one CPU
 * that is all the locking needed; masking nests.
 */
#if CONFIG_LIBUKALLOC_IRQSAFE
#include <uk/plat/lcpu.h>
#define UK_ALLOC_CALL(expr)						\
	({								\
		unsigned long uk_alloc_fl_ = ukplat_lcpu_save_irqf();	\
		__typeof__(expr) uk_alloc_r_ = (expr);			\
		ukplat_lcpu_restore_irqf(uk_alloc_fl_);			\
		uk_alloc_r_;						\
	})
#define UK_ALLOC_CALL_VOID(stmt)					\
	do {								\
		unsigned long uk_alloc_fl_ = ukplat_lcpu_save_irqf();	\
		stmt;							\
		ukplat_lcpu_restore_irqf(uk_alloc_fl_);			\
	} while (0)
#else
#define UK_ALLOC_CALL(expr)		(expr)
#define UK_ALLOC_CALL_VOID(stmt)	stmt
#endif

static inline void *uk_malloc(struct uk_alloc *a, size_t size)
{
	return a ? UK_ALLOC_CALL(a->malloc(a, size)) : NULL;
}

static inline void *uk_calloc(struct uk_alloc *a, size_t nmemb, size_t size)
{
	return a ? UK_ALLOC_CALL(a->calloc(a, nmemb, size)) : NULL;
}

static inline void *uk_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	return a ? UK_ALLOC_CALL(a->realloc(a, ptr, size)) : NULL;
}

/* Returns 0, -EINVAL (bad alignment) or -ENOMEM; *memptr set on success. */
static inline int uk_posix_memalign(struct uk_alloc *a, void **memptr,
				    size_t align, size_t size)
{
	return a ? UK_ALLOC_CALL(a->memalign(a, memptr, align, size)) :
		-12 /* ENOMEM */;
}

static inline void *uk_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	void *p;

	return uk_posix_memalign(a, &p, align, size) == 0 ? p : NULL;
}

static inline void uk_free(struct uk_alloc *a, void *ptr)
{
	if (a && ptr)
		UK_ALLOC_CALL_VOID(a->free(a, ptr));
}

static inline void *uk_palloc(struct uk_alloc *a, unsigned long num_pages)
{
	return a ? UK_ALLOC_CALL(a->palloc(a, num_pages)) : NULL;
}

static inline void uk_pfree(struct uk_alloc *a, void *ptr,
			    unsigned long num_pages)
{
	if (a && ptr)
		UK_ALLOC_CALL_VOID(a->pfree(a, ptr, num_pages));
}

static inline size_t uk_alloc_usable_size(struct uk_alloc *a, const void *ptr)
{
	return (a && ptr) ? UK_ALLOC_CALL(a->usable_size(a, ptr)) : 0;
}

static inline long uk_alloc_availmem(struct uk_alloc *a)
{
	return a ? UK_ALLOC_CALL(a->availmem(a)) : -22 /* EINVAL */;
}

static inline long uk_alloc_maxalloc(struct uk_alloc *a)
{
	return a ? UK_ALLOC_CALL(a->maxalloc(a)) : -22 /* EINVAL */;
}

static inline int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len)
{
	return a ? UK_ALLOC_CALL(a->addmem(a, base, len)) : -22 /* EINVAL */;
}

#endif /* __UK_ALLOC_H__ */
