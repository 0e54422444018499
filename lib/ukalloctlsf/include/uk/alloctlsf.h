/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloctlsf: Two-Level Segregated Fit allocator (Masmano et al., 2004):
 * malloc and free in constant time, good-fit placement, immediate
 * coalescing of neighbours, realloc in place when the next block is free.
 */
#ifndef __UK_ALLOCTLSF_H__
#define __UK_ALLOCTLSF_H__

#include <stddef.h>
#include <uk/alloc.h>

/*
 * Create and register a TLSF allocator over [@base, @base + @len). Its
 * control structure (about 8.5 KiB) lives at the start of the region; the
 * rest becomes one free block, so creation costs the same for any size.
 * More regions can be added with uk_alloc_addmem(). Returns NULL when
 * @len is too small.
 */
struct uk_alloc *uk_alloctlsf_init(void *base, size_t len);

/* Bytes of bookkeeping the allocator keeps outside the blocks. */
size_t uk_alloctlsf_metadata_size(void);

#endif /* __UK_ALLOCTLSF_H__ */
