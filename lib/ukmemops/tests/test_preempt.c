/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: the AVX loops are only safe if a thread's YMM registers
 * survive another thread running them in between, which on the VM
 * platforms rests on their interrupt entry saving the whole XSAVE state
 * (plat/common/x86/fpu_save.h). The main thread holds a pattern in
 * ymm0-ymm7 through spins that a preemptive scheduler interrupts, while
 * a second thread runs AVX memmoves that overwrite those registers.
 */
#include <string.h>
#include <uk/memops.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/test.h>

#define MS	1000000ULL

static void *(*volatile mov)(void *, const void *, size_t) = memmove;
static volatile int stop;
static volatile unsigned long moves;

static void mover(void *arg __unused)
{
	static unsigned char buf[8192];

	while (!stop) {
		mov(buf + 8, buf, 8000);
		moves++;
	}
}

/* Hold @in in ymm0-ymm7 for @spins turns of a loop, then store them. */
static void hold_ymm(const unsigned char in[32], unsigned char out[8][32],
		     unsigned long spins)
{
	__asm__ __volatile__(
		"vmovdqu (%1), %%ymm0\n\t"
		"vmovdqu (%1), %%ymm1\n\t"
		"vmovdqu (%1), %%ymm2\n\t"
		"vmovdqu (%1), %%ymm3\n\t"
		"vmovdqu (%1), %%ymm4\n\t"
		"vmovdqu (%1), %%ymm5\n\t"
		"vmovdqu (%1), %%ymm6\n\t"
		"vmovdqu (%1), %%ymm7\n\t"
		"1: pause\n\t"
		"dec %0\n\t"
		"jnz 1b\n\t"
		"vmovdqu %%ymm0, 0(%2)\n\t"
		"vmovdqu %%ymm1, 32(%2)\n\t"
		"vmovdqu %%ymm2, 64(%2)\n\t"
		"vmovdqu %%ymm3, 96(%2)\n\t"
		"vmovdqu %%ymm4, 128(%2)\n\t"
		"vmovdqu %%ymm5, 160(%2)\n\t"
		"vmovdqu %%ymm6, 192(%2)\n\t"
		"vmovdqu %%ymm7, 224(%2)\n\t"
		"vzeroupper"
		: "+r"(spins)
		: "r"(in), "r"(out)
		: "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
		  "xmm5", "xmm6", "xmm7");
}

UK_TESTCASE(ukmemops, ymm_registers_survive_preemption)
{
	unsigned char in[32], out[8][32] = { { 0 } };
	unsigned long preempted = 0, bad = 0, before;
	struct uk_thread *t;
	uint64_t t0;
	int i;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	if (uk_thread_current()->sched->name[0] != 'p')
		UK_TEST_SKIP("needs the preemptive scheduler, runs on %s",
			     uk_thread_current()->sched->name);
	/* Let the library probe, as in test_memops.c. */
	mov(out[1], out[0], 200);
	if (!(uk_memops_mode & UK_MEMOPS_AVX))
		UK_TEST_SKIP("no AVX (CPU, XCR0 or configuration)");
	for (i = 0; i < 32; i++)
		in[i] = (unsigned char)(0x91 + 37 * i);
	stop = 0;
	moves = 0;
	t = uk_thread_create(NULL, "mover", NULL, mover, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	t0 = ukplat_monotonic_clock();
	while (ukplat_monotonic_clock() - t0 < 300 * MS) {
		before = moves;
		hold_ymm(in, out, 1UL << 20);
		if (moves != before)
			preempted++;
		for (i = 0; i < 8; i++)
			if (memcmp(out[i], in, 32))
				bad++;
	}
	stop = 1;
	uk_thread_join(t, NULL);
	/* Both matter: the registers kept, and the mover ran in between. */
	UK_TEST_EXPECT_EQ(bad, 0);
	UK_TEST_EXPECT(preempted > 0);
}
