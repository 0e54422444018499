/* SPDX-License-Identifier: BSD-3-Clause */
/* x86 platforms: privileged instructions and CPUID bits the platform uses. */
#ifndef __PLAT_X86_CPU_H__
#define __PLAT_X86_CPU_H__

#include <stdint.h>
#include <uk/asm/portio.h>

#define X86_CR0_PE		(1UL << 0)
#define X86_CR0_MP		(1UL << 1)
#define X86_CR0_EM		(1UL << 2)
#define X86_CR0_TS		(1UL << 3)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR0_WP		(1UL << 16)
#define X86_CR0_PG		(1UL << 31)

#define X86_CR4_PAE		(1UL << 5)
#define X86_CR4_PGE		(1UL << 7)
#define X86_CR4_OSFXSR		(1UL << 9)
#define X86_CR4_OSXMMEXCPT	(1UL << 10)
#define X86_CR4_FSGSBASE	(1UL << 16)
#define X86_CR4_OSXSAVE		(1UL << 18)

#define X86_MSR_EFER		0xc0000080
#define X86_EFER_LME		(1UL << 8)
#define X86_EFER_NXE		(1UL << 11)
#define X86_MSR_FS_BASE		0xc0000100

/* CPUID leaf 1 */
#define X86_CPUID1_ECX_XSAVE	(1U << 26)
#define X86_CPUID1_ECX_AVX	(1U << 28)
#define X86_CPUID1_ECX_RDRAND	(1U << 30)
/* CPUID leaf 0x80000001 */
#define X86_CPUIDX1_EDX_NX	(1U << 20)
#define X86_CPUIDX1_EDX_PDPE1GB	(1U << 26)

#define X86_XCR0_X87		(1UL << 0)
#define X86_XCR0_SSE		(1UL << 1)
#define X86_XCR0_AVX		(1UL << 2)

/* Bytes XSAVE needs for the state XCR0 enables; 0 without XSAVE (FXSAVE's
 * 512 then). Set by x86_cpu_init, used by x86/fpu_save.h. */
extern unsigned long x86_xsave_size;

struct x86_cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct x86_cpuid x86_cpuid(uint32_t leaf, uint32_t sub)
{
	struct x86_cpuid r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(sub));
	return r;
}

/*
 * A boot-time random number (stack canary, image base): RDRAND, retried
 * as Intel advises; without it the TSC at entry and now, stirred (weak,
 * but different on every boot). Inline: the relocation code calls it
 * before the image is where it was linked.
 */
static inline uint64_t x86_boot_random(uint64_t boot_tsc)
{
	uint64_t v, tsc;
	uint32_t lo, hi;
	unsigned char ok;

	if (x86_cpuid(1, 0).ecx & X86_CPUID1_ECX_RDRAND) {
		for (int i = 0; i < 10; i++) {
			__asm__ __volatile__("rdrand %0; setc %1"
					     : "=r"(v), "=qm"(ok));
			if (ok)
				return v;
		}
	}
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	tsc = ((uint64_t)hi << 32) | lo;
	return (tsc ^ (boot_tsc << 29)) * 0x9e3779b97f4a7c15UL;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr"
			     :: "c"(msr), "a"((uint32_t)v),
				"d"((uint32_t)(v >> 32)) : "memory");
}

#define X86_CR_ACCESSORS(n)						\
static inline unsigned long x86_read_cr##n(void)			\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void x86_write_cr##n(unsigned long v)			\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n :: "r"(v) : "memory");	\
}
X86_CR_ACCESSORS(0)
X86_CR_ACCESSORS(2)
X86_CR_ACCESSORS(3)
X86_CR_ACCESSORS(4)

static inline void x86_xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ __volatile__("xsetbv"
			     :: "c"(reg), "a"((uint32_t)v),
				"d"((uint32_t)(v >> 32)));
}

#endif /* __PLAT_X86_CPU_H__ */
