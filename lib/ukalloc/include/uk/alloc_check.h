/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc conformance checks for backends' unit tests (built with
 * LIBUKALLOC_TEST). Each check exercises one property of an allocator
 * through the public API and records failures in the running uktest case.
 * Give them an allocator over a private region: the exhaustion checks use
 * all of it.
 */
#ifndef __UK_ALLOC_CHECK_H__
#define __UK_ALLOC_CHECK_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/alloc.h>

/* malloc/calloc/free(NULL)/malloc(0), alignment of every size class. */
void uk_alloc_check_basic(struct uk_alloc *a);
/* posix_memalign/memalign for alignments 8 .. @max_align, bad ones. */
void uk_alloc_check_align(struct uk_alloc *a, size_t max_align);
/* realloc growing and shrinking keeps the contents. */
void uk_alloc_check_realloc(struct uk_alloc *a);
/* Exhaustion returns NULL; after freeing everything the allocator works
 * and has as much memory as before (when it reports availmem). */
void uk_alloc_check_exhaust(struct uk_alloc *a);
/* Fill with small blocks, free every other, then everything: a block
 * larger than any hole must fit only once neighbours are merged. */
void uk_alloc_check_fragmentation(struct uk_alloc *a);
/* @nops random malloc/calloc/realloc/free of 1 B .. @max_size, every
 * block filled and checked before it is freed; with LIBUKALLOC_STATS,
 * the counters must match the operations done. */
void uk_alloc_check_stress(struct uk_alloc *a, unsigned long nops,
			   size_t max_size, uint64_t seed);
/* palloc/pfree: alignment, distinct pages, reuse. */
void uk_alloc_check_pages(struct uk_alloc *a);

#endif /* __UK_ALLOC_CHECK_H__ */
