/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: assertions and crashes. A crash prints file:line, the message,
 * registers and a backtrace, then ends the guest with UKPLAT_CRASH_STATUS.
 */
#ifndef __UK_ASSERT_H__
#define __UK_ASSERT_H__

#include <uk/essentials.h>

__noreturn void uk_crash(const char *file, int line, const char *fmt, ...)
	__printf_like(3, 4);

#define UK_CRASH(...)	uk_crash(__FILE__, __LINE__, __VA_ARGS__)
#define UK_BUG()	uk_crash(__FILE__, __LINE__, "BUG")

#if CONFIG_LIBUKDEBUG_ENABLE_ASSERT
#define UK_ASSERT(x)							\
	do {								\
		if (unlikely(!(x)))					\
			uk_crash(__FILE__, __LINE__,			\
				 "Assertion failed: %s", #x);		\
	} while (0)
#else
#define UK_ASSERT(x)	do { (void)sizeof(x); } while (0)
#endif

#define UK_BUGON(x)	do { if (unlikely(x)) UK_BUG(); } while (0)

#endif /* __UK_ASSERT_H__ */
