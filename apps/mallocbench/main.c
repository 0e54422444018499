/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mallocbench: a fixed malloc/free workload for support/bench/run. The same
 * file builds as a Tessera image (default allocator) and as a host program
 * (the host libc's malloc), so both run identical operations:
 * OPS operations on SLOTS slots chosen by a fixed-seed xorshift generator;
 * an empty slot gets malloc(16 .. 4096 bytes, skewed to small sizes), a
 * full one is freed, so lifetimes are random. Every block is written once.
 * Prints "mallocbench: N ops in T ns: R ops/s, checksum C".
 * usage: mallocbench [OPS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __TESSERA__
#include <uk/plat/time.h>
static uint64_t now_ns(void)
{
	return ukplat_monotonic_clock();
}
#else
#include <time.h>
static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}
#endif

#define SLOTS	4096

static unsigned char *slot[SLOTS];

int main(int argc, char *argv[])
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
	uint64_t x = 0x9e3779b97f4a7c15ULL, sum = 0, t0, t1;
	unsigned long fails = 0;

	t0 = now_ns();
	for (unsigned long op = 0; op < ops; op++) {
		unsigned int i;
		size_t n;

		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		i = (unsigned int)((x * 0x2545f4914f6cdd1dULL) >> 52) % SLOTS;
		if (slot[i]) {
			sum += slot[i][0];
			free(slot[i]);
			slot[i] = NULL;
			continue;
		}
		/* 16 B .. 4 KiB, each power-of-two range about equally. */
		n = (size_t)16 << ((x >> 20) % 9);
		n = 16 + (size_t)((x >> 32) % n);
		if (n > 4096)
			n = 4096;
		slot[i] = malloc(n);
		if (!slot[i]) {
			fails++;
			continue;
		}
		slot[i][0] = (unsigned char)op;
		slot[i][n - 1] = 1;
	}
	t1 = now_ns();
	for (unsigned int i = 0; i < SLOTS; i++)
		free(slot[i]);
	printf("mallocbench: %lu ops in %llu ns: %.0f ops/s, checksum %llu, %lu failed\n",
	       ops, (unsigned long long)(t1 - t0),
	       (double)ops * 1e9 / (double)(t1 - t0),
	       (unsigned long long)sum, fails);
	return fails ? 1 : 0;
}
