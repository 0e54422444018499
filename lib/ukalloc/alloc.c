/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: allocator registry and the operations derived for backends that
 * implement only malloc/free (+memalign) or only palloc/pfree.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>

static struct uk_alloc *alloc_head;

struct uk_alloc *uk_alloc_get_default(void)
{
	return alloc_head;
}

void uk_alloc_set_default(struct uk_alloc *a)
{
	struct uk_alloc **pp;

	/* The default is the head of the list: move @a there. */
	for (pp = &alloc_head; *pp; pp = &(*pp)->next) {
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	}
	a->next = alloc_head;
	alloc_head = a;
}

struct uk_alloc *uk_alloc_find(const char *name)
{
	for (struct uk_alloc *a = alloc_head; a; a = a->next)
		if (a->name && strcmp(a->name, name) == 0)
			return a;
	return NULL;
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
	p = a->malloc(a, nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

static void *realloc_from_malloc(struct uk_alloc *a, void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!ptr)
		return a->malloc(a, size);
	if (size == 0) {
		a->free(a, ptr);
		return NULL;
	}
	old = a->usable_size(a, ptr);
	if (old >= size)
		return ptr;
	p = a->malloc(a, size);
	if (!p)
		return NULL;
	memcpy(p, ptr, old);
	a->free(a, ptr);
	return p;
}

static void *palloc_from_memalign(struct uk_alloc *a, unsigned long n)
{
	void *p;

	if (n == 0 || n > (size_t)-1 / UK_PAGE_SIZE)
		return NULL;
	return a->memalign(a, &p, UK_PAGE_SIZE, n * UK_PAGE_SIZE) == 0 ?
		p : NULL;
}

static void pfree_from_free(struct uk_alloc *a, void *ptr,
			    unsigned long n __unused)
{
	a->free(a, ptr);
}

/*
 * Page-only backends: a block is whole pages, the first 16 bytes (or a
 * whole page, for page-aligned requests) hold its page count and start.
 */
struct page_hdr {
	unsigned long pages;
	void *base;
};

static void *memalign_pages(struct uk_alloc *a, size_t align, size_t size)
{
	size_t off = UK_MAX(sizeof(struct page_hdr), align);
	unsigned long pages;
	struct page_hdr *h;
	char *base;

	if (size > (size_t)-1 - off - UK_PAGE_SIZE)
		return NULL;
	pages = (off + size + UK_PAGE_SIZE - 1) / UK_PAGE_SIZE;
	base = a->palloc(a, pages);
	if (!base)
		return NULL;
	h = (struct page_hdr *)(base + off) - 1;
	h->pages = pages;
	h->base = base;
	return base + off;
}

static int memalign_from_palloc(struct uk_alloc *a, void **memptr,
				size_t align, size_t size)
{
	void *p;

	if (align == 0 || (align & (align - 1)) || align > UK_PAGE_SIZE)
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

	a->pfree(a, h->base, h->pages);
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

	/* Append: the first registered stays the default. */
	struct uk_alloc **pp = &alloc_head;

	while (*pp)
		pp = &(*pp)->next;
	a->next = NULL;
	*pp = a;
	return 0;
}
