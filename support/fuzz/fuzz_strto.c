/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/nolibc's strto* against glibc's. Input: a byte choosing the
 * function, a byte for the base, then the string (to its first NUL).
 * Integers: the same value, end and errno (the end only for a valid
 * base: glibc leaves it unset for the others). Floating point: the same end,
 * sign and class (NaN, infinity), values at most one ulp apart (nolibc's
 * strtod documents that it is not correctly rounded; strtold, with
 * 19 digits and powers of ten rounded in long double, within 2^-52
 * relative, a double's precision), and
 * ERANGE on overflow.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include "fuzz.h"
#include "nolibc.h"

#define CMP_INT(fn)							\
	do {								\
		errno = 0;						\
		nl_errno = 0;						\
		e1 = e2 = s;						\
		a = (uintmax_t)fn(s, &e1, base);			\
		e1n = errno;						\
		b = (uintmax_t)nl_##fn(s, &e2, base);			\
		e2n = nl_errno;						\
		/* glibc leaves the end alone for a bad base */		\
		if (base < 0 || base == 1 || base > 36)			\
			e2 = e1;					\
		FUZZ_ASSERT(a == b && e1 == e2 && e1n == e2n,		\
			    #fn "(\"%s\", %d): glibc %#jx end %td errno %d, " \
			    "nolibc %#jx end %td errno %d", s, base, a,	\
			    e1 - s, e1n, b, e2 - s, e2n);		\
	} while (0)

#define CMP_FP(fn, T, next)							\
	do {								\
		T x, y;							\
		errno = 0;						\
		x = fn(s, &e1);						\
		e1n = errno;						\
		nl_errno = 0;						\
		y = nl_##fn(s, &e2);					\
		e2n = nl_errno;						\
		FUZZ_ASSERT(e1 == e2 && !!isnan(x) == !!isnan(y) &&	\
			    !!signbit(x) == !!signbit(y) &&		\
			    (isnan(x) || x == y ||			\
			     (isfinite(x) && isfinite(y) &&		\
			      (next(x, y) == y ||			\
			       close(x, y, tol))) ||			\
			     (isinf(y) && next(y, x) == x)),		\
			    #fn "(\"%s\"): glibc %La end %td, nolibc %La end %td", \
			    s, (long double)x, e1 - s, (long double)y,	\
			    e2 - s);					\
		if (isinf(x) && isinf(y) && e1n == ERANGE)		\
			FUZZ_ASSERT(e2n == ERANGE,			\
				    #fn "(\"%s\"): overflow without ERANGE", \
				    s);					\
	} while (0)

/* @x and @y (finite) differ by at most @tol relative to the larger;
 * 0: not at all. */
static int close(long double x, long double y, long double tol)
{
	long double d = fabsl(x - y), m = fmaxl(fabsl(x), fabsl(y));

	return tol > 0 && d <= m * tol;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *e1, *e2;
	uintmax_t a, b;
	int base, e1n, e2n;
	long double tol = 0;
	uint8_t fn;

	if (size < 2)
		return 0;
	fn = data[0];
	/* mostly the bases C defines (0, 2..36), now and then others */
	base = data[1] < 240 ? (data[1] % 36 == 1 ? 0 : data[1] % 37) :
			       (int8_t)data[1];
	s = malloc(size - 1);
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	switch (fn % 9) {
	case 0: CMP_INT(strtol); break;
	case 1: CMP_INT(strtoll); break;
	case 2: CMP_INT(strtoul); break;
	case 3: CMP_INT(strtoull); break;
	case 4: CMP_INT(strtoimax); break;
	case 5: CMP_INT(strtoumax); break;
	case 6: CMP_FP(strtod, double, nextafter); break;
	case 7: CMP_FP(strtof, float, nextafterf); break;
	default:
		/* nolibc's strtold keeps 19 digits and scales them by
		 * powers of ten rounded in long double: as precise as a
		 * double (2^-52), not as long double's 64 bits */
		tol = 0x1p-52L;
		CMP_FP(strtold, long double, nextafterl);
		break;
	}
	free(s);
	return 0;
}
