/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mallocbench: a fixed malloc/free workload for support/bench/run. The same
 * file builds as a Tessera image (default allocator) and as a host program
 * (the host libc's malloc), so both run identical operations:
 * OPS operations on SLOTS slots chosen by a fixed-seed xorshift generator;
 * an empty slot gets malloc(16 .. 4096 bytes, skewed to small sizes), a
 * full one is freed, so lifetimes are random. Every block is written once.
 *
 * usage: mallocbench [OPS]
 *   timed run; prints "mallocbench: N ops in T ns: R ops/s, checksum C".
 * usage: mallocbench mem [OPS]
 *   the same operations, untimed, measuring memory after every one; prints
 *   "mallocbench-mem: key value ..." with, at the peak of the live bytes:
 *   live (requested bytes), usable (malloc_usable_size sum), used (bytes
 *   the allocator took from its free memory, headers included: Tessera
 *   from uk_alloc_availmem(), glibc from mallinfo2().uordblks), span
 *   (highest block end minus lowest block start, the heap's footprint);
 *   fixed (bookkeeping outside the blocks: heap regions minus the free
 *   memory at start) and heap (bytes the platform gave the heap).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#ifdef __TESSERA__
#include <uk/alloc.h>
#include <uk/plat/memory.h>
#include <uk/plat/time.h>
static uint64_t now_ns(void)
{
	return ukplat_monotonic_clock();
}

static size_t heap_bytes(void)
{
	struct ukplat_memregion mr;
	size_t sum = 0;

	for (int i = 0; i < ukplat_memregion_count(); i++)
		if (ukplat_memregion_get(i, &mr) == 0 &&
		    (mr.flags & UKPLAT_MEMRF_FREE))
			sum += mr.len;
	return sum;
}

/* Bytes the default allocator handed out of its free memory. */
static long avail0;

static void used_start(void)
{
	avail0 = uk_alloc_availmem(uk_alloc_get_default());
}

static size_t used_now(void)
{
	return (size_t)(avail0 - uk_alloc_availmem(uk_alloc_get_default()));
}
#else
#include <time.h>
static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static size_t heap_bytes(void)
{
	return 0;
}

static size_t used0;

static void used_start(void)
{
	used0 = mallinfo2().uordblks;
}

static size_t used_now(void)
{
	return mallinfo2().uordblks - used0;
}
#endif

#define SLOTS	4096

static unsigned char *slot[SLOTS];

/* The workload's next operation: a slot, and the size if it is empty. */
static unsigned int next_op(uint64_t *x, size_t *size)
{
	unsigned int i;
	size_t n;

	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	i = (unsigned int)((*x * 0x2545f4914f6cdd1dULL) >> 52) % SLOTS;
	/* 16 B .. 4 KiB, each power-of-two range about equally. */
	n = (size_t)16 << ((*x >> 20) % 9);
	n = 16 + (size_t)((*x >> 32) % n);
	*size = n > 4096 ? 4096 : n;
	return i;
}

static size_t slot_size[SLOTS];

static int mem_mode(unsigned long ops)
{
	size_t live = 0, usable = 0, used, n;
	size_t pk_live = 0, pk_usable = 0, pk_used = 0, pk_span = 0;
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	long avail_main;
	unsigned long fails = 0;
	size_t heap = heap_bytes();

#ifdef __TESSERA__
	avail_main = uk_alloc_availmem(uk_alloc_get_default());
#else
	avail_main = 0;
#endif
	used_start();
	for (unsigned long op = 0; op < ops; op++) {
		unsigned int i = next_op(&x, &n);

		if (slot[i]) {
			live -= slot_size[i];
			usable -= malloc_usable_size(slot[i]);
			free(slot[i]);
			slot[i] = NULL;
			continue;
		}
		slot[i] = malloc(n);
		if (!slot[i]) {
			fails++;
			continue;
		}
		memset(slot[i], (int)op, n);
		slot_size[i] = n;
		live += n;
		usable += malloc_usable_size(slot[i]);
		if ((uintptr_t)slot[i] < lo)
			lo = (uintptr_t)slot[i];
		if ((uintptr_t)slot[i] + n > hi)
			hi = (uintptr_t)slot[i] + n;
		if (hi - lo > pk_span)
			pk_span = hi - lo;
		if (live > pk_live) {
			used = used_now();
			pk_live = live;
			pk_usable = usable;
			pk_used = used;
		}
	}
	for (unsigned int i = 0; i < SLOTS; i++) {
		free(slot[i]);
		slot[i] = NULL;
	}
	printf("mallocbench-mem: ops %lu live %zu usable %zu used %zu span %zu fixed %zu heap %zu leftover %zu failed %lu\n",
	       ops, pk_live, pk_usable, pk_used, pk_span,
	       heap && avail_main > 0 ? heap - (size_t)avail_main : 0, heap,
	       used_now(), fails);
	return fails ? 1 : 0;
}

int main(int argc, char *argv[])
{
	unsigned long ops;
	uint64_t x = 0x9e3779b97f4a7c15ULL, sum = 0, t0, t1;
	unsigned long fails = 0;

	if (argc > 1 && strcmp(argv[1], "mem") == 0)
		return mem_mode(argc > 2 ? strtoul(argv[2], NULL, 0) : 1000000);
	ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
	t0 = now_ns();
	for (unsigned long op = 0; op < ops; op++) {
		size_t n;
		unsigned int i = next_op(&x, &n);

		if (slot[i]) {
			sum += slot[i][0];
			free(slot[i]);
			slot[i] = NULL;
			continue;
		}
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
