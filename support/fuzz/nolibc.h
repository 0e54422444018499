/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/nolibc's functions as the harnesses see them beside glibc's: the
 * same functions with a nl_ prefix (see the Makefile). Same ABI on the
 * host (x86_64: intmax_t is long, size_t unsigned long).
 */
#ifndef __FUZZ_NOLIBC_H__
#define __FUZZ_NOLIBC_H__

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

int nl_snprintf(char *buf, size_t size, const char *fmt, ...);
int nl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int nl_sscanf(const char *str, const char *fmt, ...);
long nl_strtol(const char *s, char **end, int base);
long long nl_strtoll(const char *s, char **end, int base);
unsigned long nl_strtoul(const char *s, char **end, int base);
unsigned long long nl_strtoull(const char *s, char **end, int base);
intmax_t nl_strtoimax(const char *s, char **end, int base);
uintmax_t nl_strtoumax(const char *s, char **end, int base);
double nl_strtod(const char *s, char **end);
float nl_strtof(const char *s, char **end);
long double nl_strtold(const char *s, char **end);
int *nl___uk_errno_location(void);

#define nl_errno (*nl___uk_errno_location())

#endif
