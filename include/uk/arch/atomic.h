/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Architecture API: atomics. GCC's __atomic builtins generate the right
 * instructions for each architecture, so this header is portable.
 */
#ifndef __UK_ARCH_ATOMIC_H__
#define __UK_ARCH_ATOMIC_H__

#define ukarch_load_n(p)	__atomic_load_n(p, __ATOMIC_SEQ_CST)
#define ukarch_store_n(p, v)	__atomic_store_n(p, v, __ATOMIC_SEQ_CST)
#define ukarch_exchange_n(p, v)	__atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define ukarch_inc(p)		__atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST)
#define ukarch_dec(p)		__atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST)
#define ukarch_fetch_add(p, v)	__atomic_fetch_add(p, v, __ATOMIC_SEQ_CST)
#define ukarch_fetch_sub(p, v)	__atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST)
#define ukarch_fetch_or(p, v)	__atomic_fetch_or(p, v, __ATOMIC_SEQ_CST)
#define ukarch_fetch_and(p, v)	__atomic_fetch_and(p, v, __ATOMIC_SEQ_CST)

/* Returns non-zero when *p was @exp and is now @des. */
#define ukarch_compare_exchange_n(p, exp, des)				\
	({								\
		__typeof__(*(p)) uk_exp_ = (exp);			\
		__atomic_compare_exchange_n(p, &uk_exp_, des, 0,	\
					    __ATOMIC_SEQ_CST,		\
					    __ATOMIC_SEQ_CST);		\
	})

#endif /* __UK_ARCH_ATOMIC_H__ */
