/* SPDX-License-Identifier: BSD-3-Clause */
/* ukallocregion: a bump allocator over one or more memory regions. */
#ifndef __UK_ALLOCREGION_H__
#define __UK_ALLOCREGION_H__

#include <stddef.h>
#include <uk/alloc.h>

/* Maximum number of regions one allocator spans (first + addmem). */
#define UK_ALLOCREGION_MAX_REGIONS 8

/*
 * Create and register a region allocator over [@base, @base + @len); its
 * bookkeeping lives at the start of the region. Returns NULL when @len is
 * too small.
 */
struct uk_alloc *uk_allocregion_init(void *base, size_t len);

#endif /* __UK_ALLOCREGION_H__ */
