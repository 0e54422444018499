/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc internals shared by alloc.c (registry, derived operations) and
 * wrap.c (statistics and debug wrappers around a backend's operations).
 */
#ifndef __UKALLOC_INTERNAL_H__
#define __UKALLOC_INTERNAL_H__

#include <uk/alloc.h>

/*
 * The backend's own operations: derived operations call these so that a
 * wrapped allocator counts each request once, in the wrapper.
 */
#if UK_ALLOC_WRAPPED
#define RAW(a)	(&(a)->be)
/* Save @a's operations in a->be and install the wrappers. */
void uk_alloc_wrap(struct uk_alloc *a);
#else
#define RAW(a)	(a)
#endif

#endif /* __UKALLOC_INTERNAL_H__ */
