/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocpool: pools of fixed-size objects (network buffers, descriptors):
 * take and return in constant time, no per-object header. A pool is also
 * a struct uk_alloc (named "pool") whose malloc serves requests up to the
 * object size.
 */
#ifndef __UK_ALLOCPOOL_H__
#define __UK_ALLOCPOOL_H__

#include <stddef.h>
#include <uk/alloc.h>

struct uk_allocpool;

/*
 * A pool of @count objects of @obj_size bytes aligned to @align (a power
 * of two; 0 means 16), in one block taken from @parent. Returns NULL on a
 * bad argument or when @parent has no memory.
 */
struct uk_allocpool *uk_allocpool_create(struct uk_alloc *parent,
					 size_t obj_size, size_t align,
					 size_t count);

/* A pool over the region [@base, @base + @len): as many objects as fit. */
struct uk_allocpool *uk_allocpool_init(void *base, size_t len,
				       size_t obj_size, size_t align);

/* Unregister @pool and give its memory back to its parent, if any. */
void uk_allocpool_destroy(struct uk_allocpool *pool);

/* An object, or NULL when the pool is empty. */
void *uk_allocpool_take(struct uk_allocpool *pool);
/* Give back an object taken from @pool. */
void uk_allocpool_return(struct uk_allocpool *pool, void *obj);

size_t uk_allocpool_available(struct uk_allocpool *pool);
size_t uk_allocpool_obj_size(struct uk_allocpool *pool);
struct uk_alloc *uk_allocpool_to_alloc(struct uk_allocpool *pool);

#endif /* __UK_ALLOCPOOL_H__ */
