/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: qsort as an introsort: median-of-three quicksort that switches
 * to heapsort when recursion gets too deep (so never quadratic), and to
 * insertion sort for short ranges.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

#define INSERTION_MAX 12

static void swap_bytes(char *a, char *b, size_t size)
{
	char t;

	if (a == b)
		return;
	if (((uintptr_t)a | (uintptr_t)b | size) % sizeof(long) == 0) {
		long *la = (long *)a, *lb = (long *)b, lt;

		for (; size; size -= sizeof(long)) {
			lt = *la;
			*la++ = *lb;
			*lb++ = lt;
		}
		return;
	}
	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0; j--) {
			char *cur = base + j * size;

			if (cmp(cur - size, cur) <= 0)
				break;
			swap_bytes(cur - size, cur, size);
		}
	}
}

static void sift_down(char *base, size_t root, size_t n, size_t size,
		      cmp_fn cmp)
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (i = n; i-- > 1;) {
		swap_bytes(base, base + i * size, size);
		sift_down(base, 0, i, size, cmp);
	}
}

/* Moves the median of first, middle and last to the first slot. */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *a = base + size, *b = base + (n / 2) * size;
	char *c = base + (n - 1) * size;

	if (cmp(a, b) > 0)
		swap_bytes(a, b, size);
	if (cmp(b, c) > 0)
		swap_bytes(b, c, size);
	if (cmp(a, b) > 0)
		swap_bytes(a, b, size);
	/* Now a <= b <= c: b is the pivot; a and c act as sentinels. */
	swap_bytes(base, b, size);
}

static void intro_sort(char *base, size_t n, size_t size, cmp_fn cmp,
		       unsigned int depth)
{
	while (n > INSERTION_MAX) {
		char *lo, *hi;
		size_t left;

		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		median_to_front(base, n, size, cmp);
		/*
		 * Hoare partition around the pivot in base[0]. Elements equal
		 * to the pivot are swapped too, which keeps all-equal input
		 * balanced.
		 */
		lo = base;
		hi = base + n * size;
		for (;;) {
			do
				lo += size;
			while (cmp(lo, base) < 0);
			do
				hi -= size;
			while (cmp(hi, base) > 0);
			if (lo >= hi)
				break;
			swap_bytes(lo, hi, size);
		}
		swap_bytes(base, hi, size);
		/* base[0..hi) <= pivot <= (hi..n). Recurse on the smaller. */
		left = (size_t)(hi - base) / size;
		if (left < n - left - 1) {
			intro_sort(base, left, size, cmp, depth);
			base = hi + size;
			n = n - left - 1;
		} else {
			intro_sort(hi + size, n - left - 1, size, cmp, depth);
			n = left;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *))
{
	unsigned int depth = 0;
	size_t n;

	if (nmemb < 2 || size == 0)
		return;
	for (n = nmemb; n; n >>= 1)
		depth += 2;
	intro_sort(base, nmemb, size, compar, depth);
}
