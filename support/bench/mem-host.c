/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * support/bench/mem.py's timing harness: nanoseconds per call of memcpy,
 * memmove and memset for a fixed list of sizes and alignments. It is built
 * several times from this one source with the same flags, each time
 * linked with another implementation (lib/ukmemops, musl's, newlib's;
 * none: glibc's); the functions are called through pointers, so the
 * compiler neither inlines nor specialises the calls.
 *
 * Output, one line per case: "mem OP SIZE ALIGN NS", ALIGN as
 * "s<src offset>d<dst offset>" from 64-byte aligned addresses (memmove:
 * "dst=src+D" or "dst=src-D"). NS is the best of BATCHES batches of at
 * least BATCH_NS each, warm caches.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCHES 5
#define BATCH_NS 4000000.0

static void *(*volatile cpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile mov)(void *, const void *, size_t) = memmove;
static void *(*volatile set)(void *, int, size_t) = memset;

static unsigned char *src_buf, *dst_buf;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

enum op { CPY, SET, MOV };

static void run(enum op op, unsigned char *d, const unsigned char *s,
		size_t n, long iters)
{
	long i;

	switch (op) {
	case CPY:
		for (i = 0; i < iters; i++)
			cpy(d, s, n);
		break;
	case SET:
		for (i = 0; i < iters; i++)
			set(d, (int)i, n);
		break;
	case MOV:
		for (i = 0; i < iters; i++)
			mov(d, s, n);
		break;
	}
}

/* Best nanoseconds per call over BATCHES batches. */
static double measure(enum op op, unsigned char *d, const unsigned char *s,
		      size_t n)
{
	double best = 1e30, t;
	long iters = 1;
	int b;

	/* Grow the batch until it lasts BATCH_NS (this also warms up). */
	for (;;) {
		t = now();
		run(op, d, s, n, iters);
		t = now() - t;
		if (t >= BATCH_NS)
			break;
		iters *= 2;
	}
	for (b = 0; b < BATCHES; b++) {
		t = now();
		run(op, d, s, n, iters);
		t = (now() - t) / iters;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	static const size_t sizes[] = { 16, 64, 256, 1024, 8192, 65536,
					1 << 20 };
	static const unsigned int align[][2] = { { 0, 0 }, { 1, 3 } };
	static const long dists[] = { 8, -8, 1, 200 };
	size_t i, j;

	src_buf = aligned_alloc(4096, (2 << 20) + 8192);
	dst_buf = aligned_alloc(4096, (2 << 20) + 8192);
	if (!src_buf || !dst_buf)
		return 1;
	memset(src_buf, 0x5a, (2 << 20) + 8192);
	memset(dst_buf, 0xa5, (2 << 20) + 8192);

	/* Backward (dst above src) and forward moves of 8,000 bytes within
	 * one buffer, as when a list grows at its head. */
	for (i = 0; i < sizeof(dists) / sizeof(dists[0]); i++) {
		unsigned char *s = dst_buf + 4096;

		printf("mem memmove 8000 dst=src%+ld %.2f\n", dists[i],
		       measure(MOV, s + dists[i], s, 8000));
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (j = 0; j < sizeof(align) / sizeof(align[0]); j++)
			printf("mem memcpy %zu s%ud%u %.2f\n", sizes[i],
			       align[j][0], align[j][1],
			       measure(CPY, dst_buf + 64 + align[j][1],
				       src_buf + 64 + align[j][0], sizes[i]));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (j = 0; j < sizeof(align) / sizeof(align[0]); j++)
			printf("mem memset %zu s0d%u %.2f\n", sizes[i],
			       align[j][1],
			       measure(SET, dst_buf + 64 + align[j][1], NULL,
				       sizes[i]));
	return 0;
}
