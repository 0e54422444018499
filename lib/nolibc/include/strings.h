/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: BSD/POSIX string helpers (case-insensitive compare, ffs). */
#ifndef __NOLIBC_STRINGS_H__
#define __NOLIBC_STRINGS_H__

#include <stddef.h>

int strcasecmp(const char *s1, const char *s2);
int strncasecmp(const char *s1, const char *s2, size_t n);
int ffs(int i);
int ffsl(long i);
int ffsll(long long i);
void bzero(void *s, size_t n);

#endif /* __NOLIBC_STRINGS_H__ */
