/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: memcpy, memmove and memset in C, for builds without ukmemops
 * (which provides faster ones; built with -fno-builtin).
 */
#include <stdint.h>
#include <string.h>

/* A machine word that may alias any object. */
typedef unsigned long __attribute__((__may_alias__)) word_t;
#define WSIZE sizeof(word_t)
#define WMASK (WSIZE - 1)
/* 0x0101...01 for the word size. */
#define ONES ((word_t)-1 / 0xff)

/* Size from which `rep movsb/stosb` beats a simple loop. */
#define REP_THRESHOLD 64

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

#if defined(__x86_64__)
	if (n >= REP_THRESHOLD) {
		__asm__ volatile("rep movsb"
				 : "+D"(d), "+S"(s), "+c"(n)
				 :
				 : "memory");
		return dst;
	}
#endif
	if ((((uintptr_t)d | (uintptr_t)s) & WMASK) == 0) {
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	/* No overlap, or copying downwards: a forward copy is safe. */
	if (d < s || d >= s + n) {
		if (d + n <= s || d >= s + n)
			return memcpy(dst, src, n);
		if ((((uintptr_t)d | (uintptr_t)s) & WMASK) == 0) {
			for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
				*(word_t *)d = *(const word_t *)s;
		}
		while (n--)
			*d++ = *s++;
		return dst;
	}
	/* Overlap with d above s: copy backwards. */
	d += n;
	s += n;
	if ((((uintptr_t)d | (uintptr_t)s) & WMASK) == 0) {
		for (; n >= WSIZE; n -= WSIZE) {
			d -= WSIZE;
			s -= WSIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	unsigned char b = (unsigned char)c;
	word_t w;

#if defined(__x86_64__)
	if (n >= REP_THRESHOLD) {
		__asm__ volatile("rep stosb"
				 : "+D"(p), "+c"(n)
				 : "a"(b)
				 : "memory");
		return s;
	}
#endif
	while (n && ((uintptr_t)p & WMASK)) {
		*p++ = b;
		n--;
	}
	w = ONES * b;
	for (; n >= WSIZE; n -= WSIZE, p += WSIZE)
		*(word_t *)p = w;
	while (n--)
		*p++ = b;
	return s;
}
