/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: memory and string functions (C11 7.24 and POSIX additions). */
#ifndef __NOLIBC_STRING_H__
#define __NOLIBC_STRING_H__

#include <stddef.h>
#include <strings.h>

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *s1, const void *s2, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *mempcpy(void *__restrict dst, const void *__restrict src, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
char *strcpy(char *__restrict dst, const char *__restrict src);
char *strncpy(char *__restrict dst, const char *__restrict src, size_t n);
char *stpcpy(char *__restrict dst, const char *__restrict src);
char *stpncpy(char *__restrict dst, const char *__restrict src, size_t n);
size_t strlcpy(char *__restrict dst, const char *__restrict src,
	       size_t size);
size_t strlcat(char *__restrict dst, const char *__restrict src,
	       size_t size);
char *strcat(char *__restrict dst, const char *__restrict src);
char *strncat(char *__restrict dst, const char *__restrict src, size_t n);
int strcmp(const char *s1, const char *s2);
int strncmp(const char *s1, const char *s2, size_t n);
int strcoll(const char *s1, const char *s2);
size_t strxfrm(char *__restrict dst, const char *__restrict src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *__restrict s, const char *__restrict delim);
char *strtok_r(char *__restrict s, const char *__restrict delim,
	       char **__restrict saveptr);
char *strsep(char **__restrict stringp, const char *__restrict delim);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

char *strerror(int errnum);
/* POSIX variant: returns 0, EINVAL (unknown number) or ERANGE. */
int strerror_r(int errnum, char *buf, size_t buflen);

#endif /* __NOLIBC_STRING_H__ */
