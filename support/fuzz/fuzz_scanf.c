/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/nolibc's sscanf against glibc's. Input: the number of conversions
 * (1-4), each built from bytes into a valid format:
 *	conv flags width length [set bytes]
 * (flags: '*' suppression, literal text or a space before it), then the
 * string to scan (to the end of the input). Every destination starts
 * with the same bytes in both runs. Check: the same count, and the same
 * stored bytes; floating-point values may differ by one ulp (nolibc's
 * strtod is not correctly rounded), long double ones by 2^-52 relative
 * (see fuzz_strto.c). nolibc refuses numbers longer than 63 characters
 * (checked once at start); input with such a run is not compared, nor
 * input with an exponent mark without digits (see bare_exponent()).
 */
#include <ctype.h>
#include <math.h>
#include "fuzz.h"
#include "nolibc.h"

#define NCONV 4

static const char convs[] = "diouxXnfegaEscp[%";

/* kind of destination */
enum { K_INT, K_FLT, K_DBL, K_LDBL, K_BYTES, K_NONE };

static int fp_close(int kind, const void *a, const void *b)
{
	if (kind == K_FLT) {
		float x, y;

		memcpy(&x, a, sizeof(x));
		memcpy(&y, b, sizeof(y));
		return (isnan(x) && isnan(y)) || x == y ||
		       (signbit(x) == signbit(y) && nextafterf(x, y) == y);
	}
	if (kind == K_DBL) {
		double x, y;

		memcpy(&x, a, sizeof(x));
		memcpy(&y, b, sizeof(y));
		return (isnan(x) && isnan(y)) || x == y ||
		       (signbit(x) == signbit(y) && nextafter(x, y) == y);
	}
	{
		long double x, y;

		memcpy(&x, a, 10);
		memcpy(&y, b, 10);
		return (isnan(x) && isnan(y)) || x == y ||
		       (signbit(x) == signbit(y) &&
			(nextafterl(x, y) == y ||
			 (isfinite(x) && isfinite(y) &&
			  fabsl(x - y) <= fmaxl(fabsl(x), fabsl(y)) * 0x1p-52L)));
	}
}

/* nolibc reads numbers of at most 63 characters and refuses longer ones
 * (glibc has no limit): a run of 64 characters that may make a number
 * is not compared. */
static int long_run(const char *s)
{
	size_t run = 0;

	for (; *s; s++) {
		run = isalnum((unsigned char)*s) || strchr(".+-", *s) ?
			run + 1 : 0;
		if (run >= 64)
			return 1;
	}
	return 0;
}

/* An exponent mark without digits after a number ("1e+x"): glibc takes
 * the mark into the item and still converts the number before it;
 * nolibc leaves the mark. A "0x" without hex digits: glibc fails some
 * ("0x\2") and converts others ("0x."); nolibc converts the "0". Such
 * input is not compared. */
static int bare_exponent(const char *s)
{
	for (const char *x = s; *x; x++)
		if (x[0] == '0' && (x[1] | 0x20) == 'x' &&
		    !isxdigit((unsigned char)x[2]))
			return 1;
	for (; *s; s++) {
		const char *e = s + 1;

		if (!isxdigit((unsigned char)*s) && *s != '.')
			continue;
		if (!*e || !strchr("eEpP", *e))
			continue;
		e++;
		if (*e == '+' || *e == '-')
			e++;
		if (!isdigit((unsigned char)*e))
			return 1;
	}
	return 0;
}

/* Once: a longer number is refused, not read cut short. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char s[80];
	double d = 0;
	long l = 0;

	(void)argc;
	(void)argv;
	memset(s, '1', 70);
	s[70] = '\0';
	FUZZ_ASSERT(nl_sscanf(s, "%lf", &d) == 0 && d == 0,
		    "a 70-digit number read as %g", d);
	FUZZ_ASSERT(nl_sscanf(s, "%ld", &l) == 0 && l == 0,
		    "a 70-digit number read as %ld", l);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	_Alignas(16) uint8_t d1[NCONV][64], d2[NCONV][64];
	int kind[NCONV], nconv = 1 + fuzz_u8(&in) % NCONV, r1, r2;
	char fmt[160], *f = fmt, *str;
	size_t n;
	const uint8_t *t;

	for (int k = 0; k < nconv; k++) {
		uint8_t c = fuzz_u8(&in), fl = fuzz_u8(&in);
		uint8_t wb = fuzz_u8(&in), lb = fuzz_u8(&in);
		char conv = convs[c % (sizeof(convs) - 1)];
		int is_int = strchr("diouxXn", conv) != NULL;
		int is_fp = strchr("fegaE", conv) != NULL;
		int supp = (fl & 1) && conv != 'n' && conv != '%';
		int width = wb % 32;

		if (fl & 2)
			*f++ = ' ';
		if (fl & 4)
			*f++ = (char)"ab,:x0-+"[fl >> 5];
		*f++ = '%';
		kind[k] = K_NONE;
		if (conv == '%') {
			*f++ = '%';
			continue;
		}
		if (supp)
			*f++ = '*';
		/* strings always get a width that fits their 64 bytes; %c
		 * none: at the end of the input glibc stores a short %Nc
		 * and counts it, where C (and nolibc) fail it */
		if (strchr("s[", conv) && !width)
			width = 1 + wb % 63;
		if (conv == 'c')
			width = 0;
		/* a width that cuts a number after its exponent mark: the
		 * same glibc difference as bare_exponent() */
		if (is_fp)
			width = 0;
		if (width)
			f += sprintf(f, "%d", width);
		if (is_int) {
			f = stpcpy(f, (const char *[]){ "", "hh", "h", "l",
				"ll", "j", "z", "t" }[lb & 7]);
			kind[k] = K_INT;
		} else if (is_fp) {
			kind[k] = lb & 1 ? K_DBL : lb & 2 ? K_LDBL : K_FLT;
			if (kind[k] != K_FLT)
				*f++ = kind[k] == K_DBL ? 'l' : 'L';
		} else {
			kind[k] = conv == 'p' ? K_INT : K_BYTES;
		}
		*f++ = conv;
		if (conv == '[') {
			/* a set of up to 4 of a few characters; ']' first
			 * only, no '-' (its meaning in a set is the
			 * implementation's) */
			int m = lb >> 6;

			if (lb & 8)
				*f++ = '^';
			if (lb & 16)
				*f++ = ']';
			for (int i = 0; i <= m; i++)
				*f++ = "ab 0x9.+"[(fl >> (2 * i)) & 7];
			*f++ = ']';
		}
		if (supp)
			kind[k] = K_NONE;
	}
	*f = '\0';
	t = fuzz_bytes(&in, in.len, &n);
	str = malloc(n + 1);
	memcpy(str, t, n);
	str[n] = '\0';

	memset(d1, 0xa5, sizeof(d1));
	memset(d2, 0xa5, sizeof(d2));
	/* one destination per conversion that stores, in order */
	{
		void *p1[NCONV], *p2[NCONV];
		int m = 0;

		for (int k = 0; k < nconv; k++) {
			if (kind[k] == K_NONE)
				continue;
			p1[m] = d1[k];
			p2[m] = d2[k];
			m++;
		}
		for (; m < NCONV; m++)
			p1[m] = p2[m] = NULL;
		r1 = sscanf(str, fmt, p1[0], p1[1], p1[2], p1[3]);
		r2 = nl_sscanf(str, fmt, p2[0], p2[1], p2[2], p2[3]);
	}
	if (long_run(str) || bare_exponent(str)) {
		free(str);
		return 0;
	}
	FUZZ_ASSERT(r1 == r2, "sscanf(\"%s\", \"%s\"): glibc %d, nolibc %d",
		    str, fmt, r1, r2);
	for (int k = 0; k < nconv; k++) {
		if (kind[k] == K_NONE || !memcmp(d1[k], d2[k], 64))
			continue;
		FUZZ_ASSERT(kind[k] >= K_FLT && kind[k] <= K_LDBL &&
			    fp_close(kind[k], d1[k], d2[k]),
			    "sscanf(\"%s\", \"%s\"): conversion %d stored "
			    "differently", str, fmt, k + 1);
	}
	free(str);
	return 0;
}
