/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: malloc and friends on top of the default ukalloc allocator. */
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

	/* realloc(p, 0) may free and return NULL: that is no failure. */
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
	/* POSIX: a power of two and a multiple of sizeof(void *). */
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	return -uk_posix_memalign(uk_alloc_get_default(), memptr, align,
				  size);
}

void *memalign(size_t align, size_t size)
{
	void *p;
	int ret;

	/* Only powers of two are alignments (C11 aligned_alloc too). */
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

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

size_t malloc_usable_size(void *ptr)
{
	return uk_alloc_usable_size(uk_alloc_get_default(), ptr);
}
