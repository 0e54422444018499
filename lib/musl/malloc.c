/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc and friends on the default ukalloc allocator, in place of musl's
 * mallocng: the image has one heap, the one the allocator libraries
 * manage. musl's internal __libc_* names are the same functions.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <uk/alloc.h>

void *malloc(size_t size)
{
	void *p = uk_malloc(uk_alloc_get_default(), size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = uk_calloc(uk_alloc_get_default(), nmemb, size);
	if (!p)
		errno = ENOMEM;
	return p;
}

void *realloc(void *ptr, size_t size)
{
	void *p = uk_realloc(uk_alloc_get_default(), ptr, size);

	if (!p && size)
		errno = ENOMEM;
	return p;
}

void free(void *ptr)
{
	uk_free(uk_alloc_get_default(), ptr);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	return -uk_posix_memalign(uk_alloc_get_default(), memptr, align,
				  size);
}

void *aligned_alloc(size_t align, size_t size)
{
	void *p;
	int ret;

	if (align == 0 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	ret = posix_memalign(&p, align, size);
	if (ret) {
		errno = ret;
		return NULL;
	}
	return p;
}

void *memalign(size_t align, size_t size)
{
	return aligned_alloc(align, size);
}

size_t malloc_usable_size(void *ptr)
{
	return uk_alloc_usable_size(uk_alloc_get_default(), ptr);
}

/* musl calls these internally (atexit, locale, time zones). */
__attribute__((visibility("hidden"))) void *__libc_malloc(size_t size)
{
	return malloc(size);
}

__attribute__((visibility("hidden")))
void *__libc_calloc(size_t nmemb, size_t size)
{
	return calloc(nmemb, size);
}

__attribute__((visibility("hidden")))
void *__libc_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

__attribute__((visibility("hidden"))) void __libc_free(void *ptr)
{
	free(ptr);
}
