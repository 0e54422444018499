/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: string to integer conversions (strtol family, atoi). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (islower(c))
		return c - 'a' + 10;
	if (isupper(c))
		return c - 'A' + 10;
	return 99;
}

/*
 * Parses the magnitude of an integer. *neg tells the sign; *ovf is set when
 * the magnitude does not fit in uintmax_t (the result is then UINTMAX_MAX).
 * *endptr follows C11 7.22.1.4: it is @nptr when there are no digits.
 */
static uintmax_t parse_magnitude(const char *nptr, char **endptr, int base,
				 int *neg, int *ovf)
{
	const char *s = nptr;
	uintmax_t v = 0;
	int any = 0;
	int d;

	*neg = 0;
	*ovf = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (endptr)
			*endptr = (char *)nptr;
		return 0;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		*neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] | 0x20) == 'x' && isxdigit((unsigned char)s[2])) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (; (d = digit_value((unsigned char)*s)) < base; s++) {
		any = 1;
		if (*ovf)
			continue;
		if (v > (UINTMAX_MAX - (uintmax_t)d) / (uintmax_t)base) {
			*ovf = 1;
			v = UINTMAX_MAX;
			continue;
		}
		v = v * (uintmax_t)base + (uintmax_t)d;
	}
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	return v;
}

/* Signed conversion clamped to [min, max]. */
static intmax_t to_signed(const char *nptr, char **endptr, int base,
			  intmax_t min, intmax_t max)
{
	int neg, ovf;
	uintmax_t v = parse_magnitude(nptr, endptr, base, &neg, &ovf);
	uintmax_t lim = neg ? (uintmax_t)-(min + 1) + 1 : (uintmax_t)max;

	if (ovf || v > lim) {
		errno = ERANGE;
		return neg ? min : max;
	}
	return neg ? (intmax_t)(0 - v) : (intmax_t)v;
}

/* Unsigned conversion: a '-' negates in the unsigned type (C11 7.22.1.4). */
static uintmax_t to_unsigned(const char *nptr, char **endptr, int base,
			     uintmax_t max)
{
	int neg, ovf;
	uintmax_t v = parse_magnitude(nptr, endptr, base, &neg, &ovf);

	if (ovf || v > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (0 - v) & max : v;
}

long strtol(const char *__restrict nptr, char **__restrict endptr, int base)
{
	return (long)to_signed(nptr, endptr, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *__restrict nptr, char **__restrict endptr,
		  int base)
{
	return (long long)to_signed(nptr, endptr, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *__restrict nptr, char **__restrict endptr,
		   int base)
{
	return to_signed(nptr, endptr, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *__restrict nptr, char **__restrict endptr,
		      int base)
{
	return (unsigned long)to_unsigned(nptr, endptr, base, ULONG_MAX);
}

unsigned long long strtoull(const char *__restrict nptr,
			    char **__restrict endptr, int base)
{
	return (unsigned long long)to_unsigned(nptr, endptr, base,
					       ULLONG_MAX);
}

uintmax_t strtoumax(const char *__restrict nptr, char **__restrict endptr,
		    int base)
{
	return to_unsigned(nptr, endptr, base, UINTMAX_MAX);
}

int atoi(const char *nptr)
{
	return (int)strtol(nptr, NULL, 10);
}

long atol(const char *nptr)
{
	return strtol(nptr, NULL, 10);
}

long long atoll(const char *nptr)
{
	return strtoll(nptr, NULL, 10);
}
