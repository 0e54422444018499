/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: small stdlib helpers: abs, div, rand, bsearch, getenv. */
#include <inttypes.h>
#include <stdlib.h>

int abs(int j)
{
	return j < 0 ? -j : j;
}

long labs(long j)
{
	return j < 0 ? -j : j;
}

long long llabs(long long j)
{
	return j < 0 ? -j : j;
}

intmax_t imaxabs(intmax_t j)
{
	return j < 0 ? -j : j;
}

div_t div(int numer, int denom)
{
	div_t r = { numer / denom, numer % denom };

	return r;
}

ldiv_t ldiv(long numer, long denom)
{
	ldiv_t r = { numer / denom, numer % denom };

	return r;
}

lldiv_t lldiv(long long numer, long long denom)
{
	lldiv_t r = { numer / denom, numer % denom };

	return r;
}

imaxdiv_t imaxdiv(intmax_t numer, intmax_t denom)
{
	imaxdiv_t r = { numer / denom, numer % denom };

	return r;
}

/*
 * Linear congruential generator (Knuth's MMIX constants) on 64 bits; the
 * high bits, which are the most random ones, make the result.
 */
static uint64_t rand_state = 1;

static int lcg_next(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(*state >> 33);
}

/* Weak: ukswrand may provide a ChaCha20-based pair. */
__attribute__((weak)) int rand(void)
{
	return lcg_next(&rand_state);
}

__attribute__((weak)) void srand(unsigned int seed)
{
	rand_state = seed;
}

int rand_r(unsigned int *seedp)
{
	uint64_t state = *seedp;
	int r = lcg_next(&state);

	*seedp = (unsigned int)state;
	return r;
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *lo = base;

	while (nmemb) {
		const char *mid = lo + (nmemb / 2) * size;
		int c = compar(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			nmemb -= nmemb / 2 + 1;
		} else {
			nmemb /= 2;
		}
	}
	return NULL;
}

char *getenv(const char *name __attribute__((unused)))
{
	return NULL;
}
