/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocbbuddy: binary buddy page allocator (Knuth, TAOCP vol. 1, 2.5)
 * with an object layer of size classes for small blocks.
 */
#ifndef __UK_ALLOCBBUDDY_H__
#define __UK_ALLOCBBUDDY_H__

#include <stddef.h>
#include <uk/alloc.h>

/*
 * Create and register a buddy allocator over [@base, @base + @len). Its
 * bookkeeping (the allocator, one bit per page, touched lazily) lives at
 * the start of the region; creation costs O(log pages), not O(pages).
 * More regions can be added with uk_alloc_addmem(). Returns NULL when
 * @len is too small.
 */
struct uk_alloc *uk_allocbbuddy_init(void *base, size_t len);

/* Bytes of bookkeeping for a region of @len bytes (allocator excluded). */
size_t uk_allocbbuddy_metadata_size(size_t len);

#endif /* __UK_ALLOCBBUDDY_H__ */
