/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: memory and string functions (built with -fno-builtin). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A machine word that may alias any object. */
typedef unsigned long __attribute__((__may_alias__)) word_t;
#define WSIZE sizeof(word_t)
#define WMASK (WSIZE - 1)
/* 0x0101...01 and 0x8080...80 for the word size. */
#define ONES ((word_t)-1 / 0xff)
#define HIGHS (ONES * 0x80)
/* Non-zero when some byte of @w is zero. */
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)

void *mempcpy(void *__restrict dst, const void *__restrict src, size_t n)
{
	return (char *)memcpy(dst, src, n) + n;
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

int memcmp(const void *s1, const void *s2, size_t n)
{
	const unsigned char *a = s1, *b = s2;

	if ((((uintptr_t)a | (uintptr_t)b) & WMASK) == 0) {
		while (n >= WSIZE &&
		       *(const word_t *)a == *(const word_t *)b) {
			a += WSIZE;
			b += WSIZE;
			n -= WSIZE;
		}
	}
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a - *b;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char b = (unsigned char)c;

	for (; n; n--, p++) {
		if (*p == b)
			return (void *)p;
	}
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + n;
	unsigned char b = (unsigned char)c;

	while (n--) {
		if (*--p == b)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;
	const word_t *w;

	for (; (uintptr_t)p & WMASK; p++) {
		if (!*p)
			return p - s;
	}
	/* Aligned word reads never cross a page boundary. */
	for (w = (const word_t *)p; !HAS_ZERO(*w); w++)
		;
	for (p = (const char *)w; *p; p++)
		;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	const char *p = memchr(s, 0, maxlen);

	return p ? (size_t)(p - s) : maxlen;
}

char *stpcpy(char *__restrict dst, const char *__restrict src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

char *strcpy(char *__restrict dst, const char *__restrict src)
{
	stpcpy(dst, src);
	return dst;
}

char *stpncpy(char *__restrict dst, const char *__restrict src, size_t n)
{
	size_t len = strnlen(src, n);

	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst + len;
}

char *strncpy(char *__restrict dst, const char *__restrict src, size_t n)
{
	stpncpy(dst, src, n);
	return dst;
}

size_t strlcpy(char *__restrict dst, const char *__restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *__restrict dst, const char *__restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *strcat(char *__restrict dst, const char *__restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *__restrict dst, const char *__restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t len = strnlen(src, n);

	memcpy(d, src, len);
	d[len] = '\0';
	return dst;
}

int strcmp(const char *s1, const char *s2)
{
	const unsigned char *a = (const unsigned char *)s1;
	const unsigned char *b = (const unsigned char *)s2;

	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a - *b;
}

int strncmp(const char *s1, const char *s2, size_t n)
{
	const unsigned char *a = (const unsigned char *)s1;
	const unsigned char *b = (const unsigned char *)s2;

	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a - *b;
		if (!*a)
			break;
	}
	return 0;
}

/* Only the C locale exists: collation is byte order. */
int strcoll(const char *s1, const char *s2)
{
	return strcmp(s1, s2);
}

size_t strxfrm(char *__restrict dst, const char *__restrict src, size_t n)
{
	size_t len = strlen(src);

	if (len < n)
		memcpy(dst, src, len + 1);
	return len;
}

static int lower(int c)
{
	return (unsigned int)c - 'A' < 26 ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *s1, const char *s2)
{
	const unsigned char *a = (const unsigned char *)s1;
	const unsigned char *b = (const unsigned char *)s2;

	while (*a && lower(*a) == lower(*b)) {
		a++;
		b++;
	}
	return lower(*a) - lower(*b);
}

int strncasecmp(const char *s1, const char *s2, size_t n)
{
	const unsigned char *a = (const unsigned char *)s1;
	const unsigned char *b = (const unsigned char *)s2;

	for (; n; n--, a++, b++) {
		if (lower(*a) != lower(*b))
			return lower(*a) - lower(*b);
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	char ch = (char)c;
	const char *last = NULL;

	for (;; s++) {
		if (*s == ch)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, *needle)); haystack++) {
		if (!strncmp(haystack, needle, nlen))
			return (char *)haystack;
	}
	return NULL;
}

/* A 256-bit membership set of the bytes in @chars. */
struct byteset {
	unsigned long bits[256 / (8 * sizeof(unsigned long))];
};

#define BS_WORD(c) ((c) / (8 * sizeof(unsigned long)))
#define BS_BIT(c) (1UL << ((c) % (8 * sizeof(unsigned long))))

static void byteset_init(struct byteset *set, const char *chars)
{
	const unsigned char *p = (const unsigned char *)chars;

	memset(set, 0, sizeof(*set));
	for (; *p; p++)
		set->bits[BS_WORD(*p)] |= BS_BIT(*p);
}

static int byteset_has(const struct byteset *set, unsigned char c)
{
	return (set->bits[BS_WORD(c)] & BS_BIT(c)) != 0;
}

size_t strspn(const char *s, const char *accept)
{
	struct byteset set;
	size_t i;

	byteset_init(&set, accept);
	for (i = 0; s[i] && byteset_has(&set, (unsigned char)s[i]); i++)
		;
	return i;
}

size_t strcspn(const char *s, const char *reject)
{
	struct byteset set;
	size_t i;

	byteset_init(&set, reject);
	for (i = 0; s[i] && !byteset_has(&set, (unsigned char)s[i]); i++)
		;
	return i;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *__restrict s, const char *__restrict delim,
	       char **__restrict saveptr)
{
	char *tok;

	if (!s)
		s = *saveptr;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*saveptr = NULL;
		return NULL;
	}
	tok = s;
	s += strcspn(s, delim);
	if (*s) {
		*s = '\0';
		*saveptr = s + 1;
	} else {
		*saveptr = NULL;
	}
	return tok;
}

char *strtok(char *__restrict s, const char *__restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **__restrict stringp, const char *__restrict delim)
{
	char *tok = *stringp;
	char *end;

	if (!tok)
		return NULL;
	end = tok + strcspn(tok, delim);
	if (*end) {
		*end = '\0';
		*stringp = end + 1;
	} else {
		*stringp = NULL;
	}
	return tok;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *strdup(const char *s)
{
	return strndup(s, SIZE_MAX);
}

int ffs(int i)
{
	return __builtin_ffs(i);
}

int ffsl(long i)
{
	return __builtin_ffsl(i);
}

int ffsll(long long i)
{
	return __builtin_ffsll(i);
}
