/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: qsort, bsearch, allocation, abs/div, rand, getenv. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uk/test.h>

#define N 1000

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int is_sorted(const int *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (v[i - 1] > v[i])
			return 0;
	}
	return 1;
}

static long long sum(const int *v, size_t n)
{
	long long s = 0;

	while (n--)
		s += v[n];
	return s;
}

static int arr[N];

/* Not a constant, so the compiler does not reject the huge requests. */
static volatile size_t half_max = SIZE_MAX / 2;

UK_TESTCASE(nolibc, qsort_random)
{
	unsigned int seed = 12345;
	long long before;
	int i;

	for (i = 0; i < N; i++)
		arr[i] = rand_r(&seed) % 500 - 250;
	before = sum(arr, N);
	qsort(arr, N, sizeof(int), cmp_int);
	UK_TEST_EXPECT(is_sorted(arr, N));
	UK_TEST_EXPECT_EQ(sum(arr, N), before);
}

/* Counts comparisons to show that sorted input is not quadratic. */
static unsigned long ncmp;

static int cmp_int_counted(const void *a, const void *b)
{
	ncmp++;
	return cmp_int(a, b);
}

UK_TESTCASE(nolibc, qsort_sorted_reversed_equal)
{
	int i;

	for (i = 0; i < N; i++)
		arr[i] = i;
	ncmp = 0;
	qsort(arr, N, sizeof(int), cmp_int_counted);
	UK_TEST_EXPECT(is_sorted(arr, N));
	UK_TEST_EXPECT(ncmp < 40UL * N);
	for (i = 0; i < N; i++)
		arr[i] = N - i;
	ncmp = 0;
	qsort(arr, N, sizeof(int), cmp_int_counted);
	UK_TEST_EXPECT(is_sorted(arr, N));
	UK_TEST_EXPECT_EQ(arr[0], 1);
	UK_TEST_EXPECT(ncmp < 40UL * N);
	for (i = 0; i < N; i++)
		arr[i] = 7;
	ncmp = 0;
	qsort(arr, N, sizeof(int), cmp_int_counted);
	UK_TEST_EXPECT(ncmp < 40UL * N);
	UK_TEST_EXPECT_EQ(sum(arr, N), 7 * N);
}

UK_TESTCASE(nolibc, qsort_zero_and_one_element)
{
	int one = 5;

	qsort(NULL, 0, sizeof(int), cmp_int);
	qsort(&one, 1, sizeof(int), cmp_int);
	UK_TEST_EXPECT_EQ(one, 5);
}

struct rec {
	char name[7];
	unsigned char key;
};

static int cmp_rec(const void *a, const void *b)
{
	return ((const struct rec *)a)->key - ((const struct rec *)b)->key;
}

UK_TESTCASE(nolibc, qsort_odd_element_size)
{
	struct rec r[20];
	int i, ok = 1;

	for (i = 0; i < 20; i++) {
		r[i].key = (unsigned char)((i * 7) % 20);
		memset(r[i].name, 'a' + r[i].key, sizeof(r[i].name));
	}
	qsort(r, 20, sizeof(r[0]), cmp_rec);
	for (i = 0; i < 20; i++)
		ok &= r[i].key == i && r[i].name[6] == 'a' + i;
	UK_TEST_EXPECT(ok);
}

UK_TESTCASE(nolibc, bsearch_hits_and_misses)
{
	int v[] = { 1, 3, 5, 7, 9, 11 };
	int key, i, ok = 1;

	for (i = 0; i < 6; i++) {
		key = v[i];
		ok &= bsearch(&key, v, 6, sizeof(int), cmp_int) == &v[i];
		key = v[i] + 1;
		ok &= bsearch(&key, v, 6, sizeof(int), cmp_int) == NULL;
	}
	UK_TEST_EXPECT(ok);
	key = 0;
	UK_TEST_EXPECT_NULL(bsearch(&key, v, 6, sizeof(int), cmp_int));
	UK_TEST_EXPECT_NULL(bsearch(&key, v, 0, sizeof(int), cmp_int));
}

UK_TESTCASE(nolibc, malloc_free_basics)
{
	char *p = malloc(100);

	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	memset(p, 'x', 100);
	UK_TEST_EXPECT_EQ(p[99], 'x');
	UK_TEST_EXPECT_EQ((uintptr_t)p % sizeof(void *), 0);
	free(p);
	free(NULL);
}

UK_TESTCASE(nolibc, calloc_zeroes_and_checks_overflow)
{
	unsigned char *p = calloc(64, 4);
	int i, zero = 1;

	UK_TEST_EXPECT_NOT_NULL(p);
	for (i = 0; p && i < 256; i++)
		zero &= p[i] == 0;
	UK_TEST_EXPECT(zero);
	free(p);
	errno = 0;
	UK_TEST_EXPECT_NULL(calloc(half_max, 3));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
	errno = 0;
	UK_TEST_EXPECT_NULL(calloc(3, half_max));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
}

UK_TESTCASE(nolibc, realloc_keeps_contents)
{
	char *p = realloc(NULL, 10);
	char *q;

	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p)
		return;
	memcpy(p, "012345678", 10);
	q = realloc(p, 5000);
	UK_TEST_EXPECT_NOT_NULL(q);
	if (!q)
		return;
	UK_TEST_EXPECT_STREQ(q, "012345678");
	p = realloc(q, 4);
	UK_TEST_EXPECT_NOT_NULL(p);
	if (!p) {
		free(q);
		return;
	}
	UK_TEST_EXPECT_MEMEQ(p, "0123", 4);
	free(p);
}

UK_TESTCASE(nolibc, malloc_huge_fails_with_enomem)
{
	errno = 0;
	UK_TEST_EXPECT_NULL(malloc(half_max + 4096));
	UK_TEST_EXPECT_EQ(errno, ENOMEM);
}

UK_TESTCASE(nolibc, aligned_allocation)
{
	void *p = NULL;

	UK_TEST_EXPECT_EQ(posix_memalign(&p, 256, 100), 0);
	UK_TEST_EXPECT_EQ((uintptr_t)p % 256, 0);
	free(p);
	UK_TEST_EXPECT_EQ(posix_memalign(&p, 24, 100), EINVAL);
	UK_TEST_EXPECT_EQ(posix_memalign(&p, 2, 100), EINVAL);
	p = aligned_alloc(64, 128);
	UK_TEST_EXPECT_NOT_NULL(p);
	UK_TEST_EXPECT_EQ((uintptr_t)p % 64, 0);
	free(p);
	p = memalign(4096, 10);
	UK_TEST_EXPECT_EQ((uintptr_t)p % 4096, 0);
	free(p);
	/* Not an alignment: no memory, EINVAL. */
	errno = 0;
	UK_TEST_EXPECT_NULL(aligned_alloc(0, 16));
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	errno = 0;
	UK_TEST_EXPECT_NULL(aligned_alloc(48, 96));
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	/* Small powers of two are fine. */
	p = aligned_alloc(2, 10);
	UK_TEST_EXPECT_NOT_NULL(p);
	free(p);
}

UK_TESTCASE(nolibc, abs_and_div)
{
	div_t d = div(-7, 2);
	ldiv_t ld = ldiv(7L, -2L);
	lldiv_t lld = lldiv(-9LL, -4LL);

	UK_TEST_EXPECT_EQ(abs(-5), 5);
	UK_TEST_EXPECT_EQ(abs(INT_MAX), INT_MAX);
	UK_TEST_EXPECT_EQ(labs(-5L), 5);
	UK_TEST_EXPECT(llabs(LLONG_MIN + 1) == LLONG_MAX);
	UK_TEST_EXPECT_EQ(d.quot, -3);
	UK_TEST_EXPECT_EQ(d.rem, -1);
	UK_TEST_EXPECT_EQ(ld.quot, -3);
	UK_TEST_EXPECT_EQ(ld.rem, 1);
	UK_TEST_EXPECT_EQ(lld.quot, 2);
	UK_TEST_EXPECT_EQ(lld.rem, -1);
}

UK_TESTCASE(nolibc, rand_is_deterministic_and_in_range)
{
	int a[5], i, ok = 1;
	unsigned int s1 = 7, s2 = 7;

	srand(42);
	for (i = 0; i < 5; i++)
		a[i] = rand();
	srand(42);
	for (i = 0; i < 5; i++)
		ok &= rand() == a[i];
	UK_TEST_EXPECT(ok);
	for (i = 0; i < 1000; i++) {
		int r = rand();

		ok &= r >= 0 && r <= RAND_MAX;
	}
	UK_TEST_EXPECT(ok);
	UK_TEST_EXPECT(a[0] != a[1] || a[1] != a[2]);
	UK_TEST_EXPECT_EQ(rand_r(&s1), rand_r(&s2));
	UK_TEST_EXPECT_EQ(s1, s2);
}

UK_TESTCASE(nolibc, getenv_has_no_environment)
{
	UK_TEST_EXPECT_NULL(getenv("PATH"));
	UK_TEST_EXPECT_NULL(getenv(""));
}

UK_TESTCASE(nolibc, exit_status_macros)
{
	UK_TEST_EXPECT_EQ(EXIT_SUCCESS, 0);
	UK_TEST_EXPECT_EQ(EXIT_FAILURE, 1);
}
