/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocpool: fixed-size object pools. Returned objects form a LIFO list
 * linked through their first word; objects never handed out are taken
 * from a bump pointer per span, so creating a pool touches no object.
 * addmem adds spans (up to SPANS).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/allocpool.h>
#include <uk/assert.h>

#define SPANS	8

struct span {
	uintptr_t cur, end;
};

struct uk_allocpool {
	struct uk_alloc a;
	struct uk_alloc *parent;	/* memory came from here, or NULL */
	void *mem;
	void *free;			/* returned objects */
	size_t obj_size;		/* rounded up to the alignment */
	size_t align;
	size_t available;
	struct span spans[SPANS];
	unsigned int nspans;
};

static struct uk_allocpool *to_pool(struct uk_alloc *a)
{
	return uk_container_of(a, struct uk_allocpool, a);
}

void *uk_allocpool_take(struct uk_allocpool *p)
{
	void *obj = p->free;

	if (obj) {
		p->free = *(void **)obj;
	} else {
		struct span *s = p->spans;
		unsigned int i = 0;

		while (i < p->nspans && s->end - s->cur < p->obj_size) {
			i++;
			s++;
		}
		if (i == p->nspans)
			return NULL;
		obj = (void *)s->cur;
		s->cur += p->obj_size;
	}
	p->available--;
	return obj;
}

void uk_allocpool_return(struct uk_allocpool *p, void *obj)
{
	*(void **)obj = p->free;
	p->free = obj;
	p->available++;
}

size_t uk_allocpool_available(struct uk_allocpool *p)
{
	return p->available;
}

size_t uk_allocpool_obj_size(struct uk_allocpool *p)
{
	return p->obj_size;
}

struct uk_alloc *uk_allocpool_to_alloc(struct uk_allocpool *p)
{
	return &p->a;
}

static void *pool_malloc(struct uk_alloc *a, size_t size)
{
	struct uk_allocpool *p = to_pool(a);

	return size <= p->obj_size ? uk_allocpool_take(p) : NULL;
}

static int pool_memalign(struct uk_alloc *a, void **memptr, size_t align,
			 size_t size)
{
	struct uk_allocpool *p = to_pool(a);

	if (align == 0 || (align & (align - 1)))
		return -EINVAL;
	if (align > p->align || size > p->obj_size)
		return -ENOMEM;
	*memptr = uk_allocpool_take(p);
	return *memptr ? 0 : -ENOMEM;
}

static void pool_free(struct uk_alloc *a, void *ptr)
{
	uk_allocpool_return(to_pool(a), ptr);
}

static size_t pool_usable_size(struct uk_alloc *a, const void *ptr __unused)
{
	return to_pool(a)->obj_size;
}

static long pool_availmem(struct uk_alloc *a)
{
	struct uk_allocpool *p = to_pool(a);

	return (long)(p->available * p->obj_size);
}

static long pool_maxalloc(struct uk_alloc *a)
{
	struct uk_allocpool *p = to_pool(a);

	return p->available ? (long)p->obj_size : 0;
}

static int pool_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct uk_allocpool *p = to_pool(a);
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, p->align);
	uintptr_t end = (uintptr_t)base + len;
	size_t n;

	if (end < (uintptr_t)base || end < start)
		return -EINVAL;
	if (p->nspans == SPANS)
		return -ENOSPC;
	n = (end - start) / p->obj_size;
	if (!n)
		return -EINVAL;
	p->spans[p->nspans++] = (struct span){ start,
					       start + n * p->obj_size };
	p->available += n;
	return 0;
}

static int pool_setup(struct uk_allocpool *p, size_t obj_size, size_t align)
{
	if (!align)
		align = 16;
	if ((align & (align - 1)) || obj_size == 0 ||
	    obj_size > ((size_t)-1 >> 1))
		return -EINVAL;
	align = UK_MAX(align, sizeof(void *));
	memset(p, 0, sizeof(*p));
	p->obj_size = UK_ALIGN_UP(obj_size, align);
	p->align = align;
	p->a.name = "pool";
	p->a.malloc = pool_malloc;
	p->a.memalign = pool_memalign;
	p->a.free = pool_free;
	p->a.usable_size = pool_usable_size;
	p->a.availmem = pool_availmem;
	p->a.maxalloc = pool_maxalloc;
	p->a.addmem = pool_addmem;
	return 0;
}

struct uk_allocpool *uk_allocpool_init(void *base, size_t len,
				       size_t obj_size, size_t align)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, (uintptr_t)16);
	uintptr_t end = (uintptr_t)base + len;
	struct uk_allocpool *p = (struct uk_allocpool *)start;

	if (end < start || end - start < sizeof(*p))
		return NULL;
	if (pool_setup(p, obj_size, align) < 0 ||
	    pool_addmem(&p->a, p + 1, end - (uintptr_t)(p + 1)) < 0 ||
	    uk_alloc_register(&p->a) < 0)
		return NULL;
	return p;
}

struct uk_allocpool *uk_allocpool_create(struct uk_alloc *parent,
					 size_t obj_size, size_t align,
					 size_t count)
{
	struct uk_allocpool *p;
	size_t bytes, a = align ? align : 16;
	void *mem;

	if (!parent || !count || (a & (a - 1)) || obj_size == 0 ||
	    obj_size > ((size_t)-1 >> 2))
		return NULL;
	a = UK_MAX(a, sizeof(void *));
	obj_size = UK_ALIGN_UP(obj_size, a);
	if (count > ((size_t)-1 >> 2) / obj_size)
		return NULL;
	bytes = count * obj_size;
	p = uk_malloc(parent, sizeof(*p));
	if (!p)
		return NULL;
	mem = uk_memalign(parent, a, bytes);
	if (!mem || pool_setup(p, obj_size, a) < 0 ||
	    pool_addmem(&p->a, mem, bytes) < 0 ||
	    uk_alloc_register(&p->a) < 0) {
		uk_free(parent, mem);
		uk_free(parent, p);
		return NULL;
	}
	p->parent = parent;
	p->mem = mem;
	return p;
}

void uk_allocpool_destroy(struct uk_allocpool *p)
{
	uk_alloc_unregister(&p->a);
	if (p->parent) {
		uk_free(p->parent, p->mem);
		uk_free(p->parent, p);
	}
}
