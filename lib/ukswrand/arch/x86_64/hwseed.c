/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukswrand: seed words from the CPU's random number instructions, used
 * only when CPUID says they exist (QEMU's default CPU model has neither).
 */
#include <stddef.h>
#include <stdint.h>
#include "../../swrand_impl.h"

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ __volatile__("cpuid"
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "a"(leaf), "c"(sub));
}

static int rdseed(uint64_t *v)
{
	unsigned char ok;

	__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static int rdrand(uint64_t *v)
{
	unsigned char ok;

	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

/* Both instructions may fail transiently: retry a few times. */
static int fill(int (*insn)(uint64_t *), uint64_t *out, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		int tries = 16;

		while (!insn(&out[i]))
			if (--tries == 0)
				return 0;
	}
	return 1;
}

const char *swrand_hw_seed(uint64_t *out, unsigned int n)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] >= 7) {
		cpuid(7, 0, r);
		if ((r[1] & (1u << 18)) && fill(rdseed, out, n))
			return "rdseed";
	}
	cpuid(1, 0, r);
	if ((r[2] & (1u << 30)) && fill(rdrand, out, n))
		return "rdrand";
	return NULL;
}
