/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: assert(); may be included several times with NDEBUG changing. */

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr)							\
	((expr) ? (void)0 :						\
	 __nolibc_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef __NOLIBC_ASSERT_H__
#define __NOLIBC_ASSERT_H__

#if !defined(__cplusplus) && __STDC_VERSION__ >= 201112L
#define static_assert _Static_assert
#endif

__attribute__((noreturn)) void __nolibc_assert_fail(const char *expr,
						     const char *file,
						     int line,
						     const char *func);

#endif /* __NOLIBC_ASSERT_H__ */
