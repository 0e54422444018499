/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: string to floating-point conversions (strtod family, atof).
 *
 * Limits: decimal input keeps 19 significant digits and scales them by a
 * power of ten computed in long double. That is exact for most everyday
 * input (up to 19 digits with a small exponent) but may be off by one ulp
 * for long or extreme inputs; it is not a correctly rounded strtod.
 * Hexadecimal input ("0x1.8p3") keeps 16 hex digits. inf, infinity and
 * nan(...) are recognized, in any case.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

/* 10^e for e >= 0, by binary exponentiation in long double. */
static long double pow10_ld(int e)
{
	long double r = 1.0L, b = 10.0L;

	while (e) {
		if (e & 1)
			r *= b;
		b *= b;
		e >>= 1;
	}
	return r;
}

/* v * 2^e without libm. */
static long double scale2_ld(long double v, int e)
{
	while (e > 60) {
		v *= 0x1p60L;
		e -= 60;
	}
	while (e < -60) {
		v *= 0x1p-60L;
		e += 60;
	}
	return e >= 0 ? v * (long double)(1ULL << e)
		      : v / (long double)(1ULL << -e);
}

static const char *match_word(const char *s, const char *word)
{
	size_t n = 0;

	while (word[n]) {
		if ((s[n] | 0x20) != word[n])
			return NULL;
		n++;
	}
	return s + n;
}

/* Parses an optional exponent "e[+-]ddd" / "p[+-]ddd" at @s. */
static const char *parse_exp(const char *s, char mark, long *exp)
{
	const char *p = s;
	int neg = 0;
	long e = 0;

	if ((*p | 0x20) != mark)
		return s;
	p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return s;
	for (; isdigit((unsigned char)*p); p++) {
		if (e < 100000)
			e = e * 10 + (*p - '0');
	}
	*exp = neg ? -e : e;
	return p;
}

static int hex_value(int c)
{
	if (isdigit(c))
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

static long double parse_hex(const char *s, const char **end, int *nonzero)
{
	uint64_t m = 0;
	long bexp = 0, e = 0;
	int any = 0, dot = 0;

	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isxdigit((unsigned char)*s))
			break;
		any = 1;
		if (m >> 60) {
			/* Beyond 16 digits: keep a sticky bit, count scale. */
			m |= hex_value(*s) != 0;
			if (!dot)
				bexp += 4;
		} else {
			m = m << 4 | (uint64_t)hex_value(*s);
			if (dot)
				bexp -= 4;
		}
	}
	if (!any) {
		*end = NULL;
		return 0;
	}
	s = parse_exp(s, 'p', &e);
	*end = s;
	*nonzero = m != 0;
	return scale2_ld((long double)m, (int)(bexp + e));
}

static long double parse_dec(const char *s, const char **end, int *nonzero)
{
	uint64_t m = 0;
	int ndig = 0, any = 0, dot = 0;
	long dexp = 0, e = 0;
	long double v;

	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = 1;
		if (m == 0 && *s == '0') {
			if (dot)
				dexp--;
			continue;
		}
		if (ndig < 19) {
			m = m * 10 + (uint64_t)(*s - '0');
			ndig++;
			if (dot)
				dexp--;
		} else if (!dot) {
			dexp++;
		}
	}
	if (!any) {
		*end = NULL;
		return 0;
	}
	s = parse_exp(s, 'e', &e);
	*end = s;
	*nonzero = m != 0;
	if (!m)
		return 0;
	dexp += e;
	if (dexp > 5000)
		return (long double)m * LDBL_MAX * 2;
	if (dexp < -5000)
		return 0;
	v = (long double)m;
	if (dexp >= 0)
		return v * pow10_ld((int)dexp);
	if (dexp < -4900) {
		v /= pow10_ld(4000);
		dexp += 4000;
	}
	return v / pow10_ld((int)-dexp);
}

/* Parses the subject sequence; *nonzero tells whether it was not zero. */
static long double parse_ld(const char *nptr, char **endptr, int *nonzero)
{
	const char *s = nptr, *end;
	long double v;
	int neg = 0;

	*nonzero = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if ((end = match_word(s, "inf"))) {
		const char *more = match_word(end, "inity");

		v = __builtin_infl();
		end = more ? more : end;
	} else if ((end = match_word(s, "nan"))) {
		v = __builtin_nanl("");
		if (*end == '(') {
			const char *p = end + 1;

			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (*p == ')')
				end = p + 1;
		}
	} else if (s[0] == '0' && (s[1] | 0x20) == 'x' &&
		   (isxdigit((unsigned char)s[2]) ||
		    (s[2] == '.' && isxdigit((unsigned char)s[3])))) {
		v = parse_hex(s + 2, &end, nonzero);
	} else {
		v = parse_dec(s, &end, nonzero);
	}
	if (!end) {
		if (endptr)
			*endptr = (char *)nptr;
		return 0;
	}
	if (endptr)
		*endptr = (char *)end;
	return neg ? -v : v;
}

long double strtold(const char *__restrict nptr, char **__restrict endptr)
{
	int nonzero;
	long double v = parse_ld(nptr, endptr, &nonzero);

	if ((nonzero && v == 0) ||
	    (nonzero && __builtin_isinf(v)))
		errno = ERANGE;
	return v;
}

double strtod(const char *__restrict nptr, char **__restrict endptr)
{
	int nonzero;
	double v = (double)parse_ld(nptr, endptr, &nonzero);

	if (nonzero && (v == 0 || __builtin_isinf(v)))
		errno = ERANGE;
	return v;
}

float strtof(const char *__restrict nptr, char **__restrict endptr)
{
	int nonzero;
	float v = (float)parse_ld(nptr, endptr, &nonzero);

	if (nonzero && (v == 0 || __builtin_isinf(v)))
		errno = ERANGE;
	return v;
}

double atof(const char *nptr)
{
	return strtod(nptr, NULL);
}
