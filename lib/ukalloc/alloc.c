/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: allocator registry and the operations derived for backends that
 * implement only malloc/free (+memalign) or only palloc/pfree.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include "alloc_internal.h"

struct uk_alloc *_uk_alloc_head;

void uk_alloc_set_default(struct uk_alloc *a)
{
	struct uk_alloc **pp;

	/* The default is the head of the list: move @a there. */
	for (pp = &_uk_alloc_head; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	}
	a->next = _uk_alloc_head;
	_uk_alloc_head = a;
}

struct uk_alloc *uk_alloc_find(const char *name)
{
	for (struct uk_alloc *a = _uk_alloc_head; a; a = a->next)
		if (a->name && name && strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

struct uk_alloc *uk_alloc_next(struct uk_alloc *a)
{
	return a ? a->next : _uk_alloc_head;
}

int uk_alloc_unregister(struct uk_alloc *a)
{
	for (struct uk_alloc **pp = &_uk_alloc_head; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			a->next = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

static int overflows(size_t nmemb, size_t size)
{
	return size && nmemb > (size_t)-1 / size;
}

static void *calloc_from_malloc(struct uk_alloc *a, size_t nmemb, size_t size)
{
	void *p;

	if (overflows(nmemb, size))
		return NULL;
	p = RAW(a)->malloc(a, nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

static void *realloc_from_malloc(struct uk_alloc *a, void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!ptr)
		return RAW(a)->malloc(a, size);
	if (size == 0) {
		RAW(a)->free(a, ptr);
		return NULL;
	}
	old = RAW(a)->usable_size(a, ptr);
	if (old >= size)
		return ptr;
	p = RAW(a)->malloc(a, size);
	if (!p)
		return NULL;
	memcpy(p, ptr, old);
	RAW(a)->free(a, ptr);
	return p;
}

static void *palloc_from_memalign(struct uk_alloc *a, unsigned long n)
{
	void *p;

	if (n == 0 || n > ((size_t)-1 >> 1) / UK_PAGE_SIZE)
		return NULL;
	return RAW(a)->memalign(a, &p, UK_PAGE_SIZE, n * UK_PAGE_SIZE) == 0 ?
		p : NULL;
}

static void pfree_from_free(struct uk_alloc *a, void *ptr,
			    unsigned long n __unused)
{
	RAW(a)->free(a, ptr);
}

/*
 * Page-only backends: a block is whole pages; the 16 bytes before the
 * pointer hold the block's page count and first page. Alignments above a
 * page are met by taking enough extra pages to find an aligned address.
 */
struct page_hdr {
	unsigned long pages;
	void *base;
};

static void *memalign_pages(struct uk_alloc *a, size_t align, size_t size)
{
	size_t hdr = sizeof(struct page_hdr);
	size_t slack = align > UK_PAGE_SIZE ? align : UK_MAX(hdr, align);
	unsigned long pages;
	struct page_hdr *h;
	uintptr_t base, p;

	if (size > (size_t)-1 - slack - UK_PAGE_SIZE)
		return NULL;
	pages = (slack + size + UK_PAGE_SIZE - 1) / UK_PAGE_SIZE;
	base = (uintptr_t)RAW(a)->palloc(a, pages);
	if (!base)
		return NULL;
	p = UK_ALIGN_UP(base + hdr, (uintptr_t)UK_MAX(align, (size_t)16));
	h = (struct page_hdr *)p - 1;
	h->pages = pages;
	h->base = (void *)base;
	return (void *)p;
}

static int memalign_from_palloc(struct uk_alloc *a, void **memptr,
				size_t align, size_t size)
{
	void *p;

	if (align == 0 || (align & (align - 1)))
		return -EINVAL;
	p = memalign_pages(a, align, size);
	if (!p)
		return -ENOMEM;
	*memptr = p;
	return 0;
}

static void *malloc_from_palloc(struct uk_alloc *a, size_t size)
{
	return memalign_pages(a, 16, size);
}

static void free_from_pfree(struct uk_alloc *a, void *ptr)
{
	struct page_hdr *h = (struct page_hdr *)ptr - 1;

	RAW(a)->pfree(a, h->base, h->pages);
}

static size_t usable_size_from_palloc(struct uk_alloc *a __unused,
				      const void *ptr)
{
	const struct page_hdr *h = (const struct page_hdr *)ptr - 1;

	return h->pages * UK_PAGE_SIZE - (size_t)((const char *)ptr -
						  (const char *)h->base);
}

static long not_supported(struct uk_alloc *a __unused)
{
	return -ENOTSUP;
}

static int addmem_not_supported(struct uk_alloc *a __unused,
				void *base __unused, size_t len __unused)
{
	return -ENOTSUP;
}

static size_t usable_size_unknown(struct uk_alloc *a __unused,
				  const void *ptr __unused)
{
	return 0;
}

int uk_alloc_register(struct uk_alloc *a)
{
	int has_malloc = a->malloc && a->free && a->memalign;
	int has_pages = a->palloc && a->pfree;

	if (!has_malloc && !has_pages)
		return -EINVAL;
	if (!has_malloc) {
		a->malloc = malloc_from_palloc;
		a->free = free_from_pfree;
		a->memalign = memalign_from_palloc;
		a->usable_size = usable_size_from_palloc;
	}
	if (!has_pages) {
		a->palloc = palloc_from_memalign;
		a->pfree = pfree_from_free;
	}
	if (!a->usable_size)
		a->usable_size = usable_size_unknown;
	if (!a->calloc)
		a->calloc = calloc_from_malloc;
	if (!a->realloc)
		a->realloc = realloc_from_malloc;
	if (!a->availmem)
		a->availmem = not_supported;
	if (!a->maxalloc)
		a->maxalloc = not_supported;
	if (!a->addmem)
		a->addmem = addmem_not_supported;

#if UK_ALLOC_WRAPPED
	uk_alloc_wrap(a);
#endif

	/* Append: the first registered stays the default. */
	struct uk_alloc **pp = &_uk_alloc_head;

	while (*pp)
		pp = &(*pp)->next;
	a->next = NULL;
	*pp = a;
	return 0;
}
