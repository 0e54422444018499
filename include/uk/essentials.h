/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compiler attributes and small helpers used by every part of the tree.
 * Depends on nothing but the compiler, so it is safe in any layer.
 */
#ifndef __UK_ESSENTIALS_H__
#define __UK_ESSENTIALS_H__

#ifndef __ASSEMBLY__

/* A C library's <sys/cdefs.h> (newlib's) may have defined the same. */
#ifndef __unused
#define __unused		__attribute__((unused))
#endif
#ifndef __used
#define __used			__attribute__((used))
#endif
#define __noreturn		__attribute__((noreturn))
#ifndef __packed
#define __packed		__attribute__((packed))
#endif
#define __weak			__attribute__((weak))
#ifndef __aligned
#define __aligned(x)		__attribute__((aligned(x)))
#endif
#ifndef __section
#define __section(s)		__attribute__((section(s)))
#endif
#define __printf_like(f, a)	__attribute__((format(printf, f, a)))
#ifndef __always_inline
#define __always_inline		inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline		__attribute__((noinline))
#endif
#define __maybe_unused		__attribute__((unused))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define UK_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define UK_MIN(a, b)		((a) < (b) ? (a) : (b))
#define UK_MAX(a, b)		((a) > (b) ? (a) : (b))

/* Alignment helpers; @align must be a power of two. */
#define UK_ALIGN_DOWN(v, align)	((v) & ~((__typeof__(v))(align) - 1))
#define UK_ALIGN_UP(v, align)	UK_ALIGN_DOWN((v) + (align) - 1, align)
#define UK_IS_ALIGNED(v, align)	(((v) & ((__typeof__(v))(align) - 1)) == 0)

#define UK_CTASSERT(cond)	_Static_assert(cond, #cond)

#define uk_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define UK_STRINGIFY_(x)	#x
#define UK_STRINGIFY(x)		UK_STRINGIFY_(x)
#define UK_CONCAT_(a, b)	a##b
#define UK_CONCAT(a, b)		UK_CONCAT_(a, b)
/* A name unique within one translation unit, for registration macros. */
#define UK_UNIQUE(prefix)	UK_CONCAT(prefix, __COUNTER__)

#endif /* !__ASSEMBLY__ */
#endif /* __UK_ESSENTIALS_H__ */
