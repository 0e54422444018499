/* SPDX-License-Identifier: BSD-3-Clause */
/* Architecture API: bit scans and counts (compiler builtins, portable). */
#ifndef __UK_ARCH_BITOPS_H__
#define __UK_ARCH_BITOPS_H__

/* Index of the least significant set bit; @x must not be 0. */
static inline unsigned int ukarch_ffsl(unsigned long x)
{
	return (unsigned int)__builtin_ctzl(x);
}

/* Index of the most significant set bit; @x must not be 0. */
static inline unsigned int ukarch_flsl(unsigned long x)
{
	return (unsigned int)(sizeof(x) * 8 - 1 - __builtin_clzl(x));
}

static inline unsigned int ukarch_popcountl(unsigned long x)
{
	return (unsigned int)__builtin_popcountl(x);
}

#endif /* __UK_ARCH_BITOPS_H__ */
