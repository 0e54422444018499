/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc and friends on the default ukalloc allocator, in place of
 * newlib's mallocr.c: the image has one heap, the one the allocator
 * libraries manage. newlib's own sources call the reentrant forms
 * (_malloc_r, ...), which report ENOMEM in the caller's struct _reent.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>
#include <stdlib.h>
#include <uk/alloc.h>

void *_malloc_r(struct _reent *r, size_t size)
{
	void *p = uk_malloc(uk_alloc_get_default(), size);

	if (!p)
		r->_errno = ENOMEM;
	return p;
}

void *_calloc_r(struct _reent *r, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		r->_errno = ENOMEM;
		return NULL;
	}
	p = uk_calloc(uk_alloc_get_default(), nmemb, size);
	if (!p)
		r->_errno = ENOMEM;
	return p;
}

void *_realloc_r(struct _reent *r, void *ptr, size_t size)
{
	void *p = uk_realloc(uk_alloc_get_default(), ptr, size);

	if (!p && size)
		r->_errno = ENOMEM;
	return p;
}

void _free_r(struct _reent *r, void *ptr)
{
	(void)r;
	uk_free(uk_alloc_get_default(), ptr);
}

void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	void *p;
	int ret;

	if (align == 0 || (align & (align - 1))) {
		r->_errno = EINVAL;
		return NULL;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	ret = uk_posix_memalign(uk_alloc_get_default(), &p, align, size);
	if (ret) {
		r->_errno = -ret;
		return NULL;
	}
	return p;
}

size_t _malloc_usable_size_r(struct _reent *r, void *ptr)
{
	(void)r;
	return uk_alloc_usable_size(uk_alloc_get_default(), ptr);
}

void *malloc(size_t size)
{
	return _malloc_r(_REENT, size);
}

void *calloc(size_t nmemb, size_t size)
{
	return _calloc_r(_REENT, nmemb, size);
}

void *realloc(void *ptr, size_t size)
{
	return _realloc_r(_REENT, ptr, size);
}

void free(void *ptr)
{
	_free_r(_REENT, ptr);
}

void *memalign(size_t align, size_t size)
{
	return _memalign_r(_REENT, align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return _memalign_r(_REENT, align, size);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	return -uk_posix_memalign(uk_alloc_get_default(), memptr, align,
				  size);
}

size_t malloc_usable_size(void *ptr)
{
	return _malloc_usable_size_r(_REENT, ptr);
}
