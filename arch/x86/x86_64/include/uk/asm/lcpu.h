/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 CPU helpers that any layer may use (no privileged instructions). */
#ifndef __UK_ASM_LCPU_H__
#define __UK_ASM_LCPU_H__

#include <stdint.h>

static inline void ukarch_spinwait(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline unsigned long ukarch_read_fp(void)
{
	unsigned long fp;

	__asm__ __volatile__("movq %%rbp, %0" : "=r"(fp));
	return fp;
}

static inline unsigned long ukarch_read_sp(void)
{
	unsigned long sp;

	__asm__ __volatile__("movq %%rsp, %0" : "=r"(sp));
	return sp;
}

static inline uint64_t ukarch_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define ukarch_mb()	__asm__ __volatile__("mfence" ::: "memory")
#define ukarch_rmb()	__asm__ __volatile__("lfence" ::: "memory")
#define ukarch_wmb()	__asm__ __volatile__("sfence" ::: "memory")

#endif /* __UK_ASM_LCPU_H__ */
