/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: kernel messages with a level, filtered at build time by
 * CONFIG_LIBUKDEBUG_PRINT_LEVEL (0 none ... 5 debug). Each line names the
 * library that printed it: "[warn] uklibparam: ...".
 */
#ifndef __UK_PRINT_H__
#define __UK_PRINT_H__

#include <stdarg.h>
#include <stddef.h>
#include <uk/essentials.h>

#define UK_PRINT_CRIT	1
#define UK_PRINT_ERR	2
#define UK_PRINT_WARN	3
#define UK_PRINT_INFO	4
#define UK_PRINT_DEBUG	5

#ifndef CONFIG_LIBUKDEBUG_PRINT_LEVEL
#define CONFIG_LIBUKDEBUG_PRINT_LEVEL UK_PRINT_WARN
#endif

#ifdef UK_LIBNAME
#define UK_LIBNAME_STR UK_STRINGIFY(UK_LIBNAME)
#else
#define UK_LIBNAME_STR "?"
#endif

void uk_vprintk(int level, const char *libname, const char *file, int line,
		const char *fmt, va_list ap);
void uk_printk(int level, const char *libname, const char *file, int line,
	       const char *fmt, ...) __printf_like(5, 6);

/* Level is a constant: disabled levels compile to nothing. */
#define uk_pr_level(level, ...)						\
	do {								\
		if ((level) <= CONFIG_LIBUKDEBUG_PRINT_LEVEL)		\
			uk_printk(level, UK_LIBNAME_STR, __FILE__,	\
				  __LINE__, __VA_ARGS__);		\
	} while (0)

#define uk_pr_crit(...)		uk_pr_level(UK_PRINT_CRIT, __VA_ARGS__)
#define uk_pr_err(...)		uk_pr_level(UK_PRINT_ERR, __VA_ARGS__)
#define uk_pr_warn(...)		uk_pr_level(UK_PRINT_WARN, __VA_ARGS__)
#define uk_pr_info(...)		uk_pr_level(UK_PRINT_INFO, __VA_ARGS__)
#define uk_pr_debug(...)	uk_pr_level(UK_PRINT_DEBUG, __VA_ARGS__)

/* Print @len bytes at @data as offset, hex and ASCII, 16 bytes a line. */
void uk_hexdump(const void *data, size_t len);

#endif /* __UK_PRINT_H__ */
