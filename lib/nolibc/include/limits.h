/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: sizes of integer types (C11 5.2.4.2.1) and POSIX limits. */
#ifndef __NOLIBC_LIMITS_H__
#define __NOLIBC_LIMITS_H__

#define CHAR_BIT	__CHAR_BIT__
#define MB_LEN_MAX	4

#define SCHAR_MAX	__SCHAR_MAX__
#define SCHAR_MIN	(-SCHAR_MAX - 1)
#define UCHAR_MAX	(SCHAR_MAX * 2 + 1)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN	0
#define CHAR_MAX	UCHAR_MAX
#else
#define CHAR_MIN	SCHAR_MIN
#define CHAR_MAX	SCHAR_MAX
#endif

#define SHRT_MAX	__SHRT_MAX__
#define SHRT_MIN	(-SHRT_MAX - 1)
#define USHRT_MAX	(SHRT_MAX * 2 + 1)

#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(INT_MAX * 2U + 1U)

#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(LONG_MAX * 2UL + 1UL)

#define LLONG_MAX	__LONG_LONG_MAX__
#define LLONG_MIN	(-LLONG_MAX - 1LL)
#define ULLONG_MAX	(LLONG_MAX * 2ULL + 1ULL)

#define SSIZE_MAX	__PTRDIFF_MAX__
#define LONG_BIT	(__SIZEOF_LONG__ * CHAR_BIT)
#define WORD_BIT	(__SIZEOF_INT__ * CHAR_BIT)

/* POSIX limits; values match Linux so that ported code behaves alike. */
#define PATH_MAX	4096
#define NAME_MAX	255
#define PIPE_BUF	4096
#define IOV_MAX		1024
#define LINE_MAX	2048
#define HOST_NAME_MAX	64
/* The highest n of printf's %n$ (glibc allows 4096; POSIX asks for 9). */
#define NL_ARGMAX	32

#endif /* __NOLIBC_LIMITS_H__ */
