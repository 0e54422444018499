/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: sscanf/vsscanf. Conversions: d i u o x X p n c s [set] % and
 * e f g a (E F G A), with '*', widths and the hh h l ll j z t L modifiers,
 * and POSIX positional arguments (%n$: all or none numbered).
 * Numbers are read with the strto* functions on at most 63 characters;
 * a longer one is a matching failure.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "stdio_impl.h"

enum scan_len { SL_NONE, SL_HH, SL_H, SL_L, SL_LL, SL_J, SL_Z, SL_T, SL_BIG_L };

#define NUM_MAX 63

static const char *parse_len(const char *p, enum scan_len *len)
{
	*len = SL_NONE;
	switch (*p) {
	case 'h':
		if (p[1] == 'h') {
			*len = SL_HH;
			return p + 2;
		}
		*len = SL_H;
		return p + 1;
	case 'l':
		if (p[1] == 'l') {
			*len = SL_LL;
			return p + 2;
		}
		*len = SL_L;
		return p + 1;
	case 'q':
		*len = SL_LL;
		return p + 1;
	case 'j':
		*len = SL_J;
		return p + 1;
	case 'z':
		*len = SL_Z;
		return p + 1;
	case 't':
		*len = SL_T;
		return p + 1;
	case 'L':
		*len = SL_BIG_L;
		return p + 1;
	default:
		return p;
	}
}

static void store_int(void *dst, enum scan_len len, uintmax_t v)
{
	switch (len) {
	case SL_HH:
		*(unsigned char *)dst = (unsigned char)v;
		break;
	case SL_H:
		*(unsigned short *)dst = (unsigned short)v;
		break;
	case SL_L:
		*(unsigned long *)dst = (unsigned long)v;
		break;
	case SL_LL:
	case SL_BIG_L:
		*(unsigned long long *)dst = (unsigned long long)v;
		break;
	case SL_J:
		*(uintmax_t *)dst = v;
		break;
	case SL_Z:
		*(size_t *)dst = (size_t)v;
		break;
	case SL_T:
		*(ptrdiff_t *)dst = (ptrdiff_t)v;
		break;
	default:
		*(unsigned int *)dst = (unsigned int)v;
		break;
	}
}

/* Copies at most @width (and NUM_MAX) bytes of @s into @buf. */
static void take(char *buf, const char *s, int width)
{
	size_t n = strnlen(s, NUM_MAX);

	if (width > 0 && (size_t)width < n)
		n = (size_t)width;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Parses "[...]" after '%'; fills @set and returns the char after ']'. */
static const char *parse_set(const char *p, unsigned char set[256])
{
	int invert = 0, i;

	memset(set, 0, 256);
	if (*p == '^') {
		invert = 1;
		p++;
	}
	if (*p == ']') {
		set[']'] = 1;
		p++;
	}
	for (; *p && *p != ']'; p++) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			for (i = (unsigned char)p[0]; i <= (unsigned char)p[2];
			     i++)
				set[i] = 1;
			p += 2;
		} else {
			set[(unsigned char)*p] = 1;
		}
	}
	if (invert) {
		for (i = 0; i < 256; i++)
			set[i] = !set[i];
	}
	return *p ? p + 1 : p;
}

/*
 * A "0x" without hex digits after it: C and glibc take the "x" into the
 * item (and convert it as 0), strto* stops before it. @num..@end is what
 * strto* took.
 */
static int bare_0x(const char *num, const char *end)
{
	if (*num == '+' || *num == '-')
		num++;
	return end == num + 1 && *num == '0' && (*end | 0x20) == 'x';
}

/*
 * A number longer than the NUM_MAX bytes take() copies (with no width or
 * a larger one): strto* took all of them and the input goes on with
 * what may continue the number. It
 * is refused (a matching failure) rather than read cut short.
 */
static int too_long(const char *num, const char *end, const char *s,
		    int width)
{
	char c;

	if ((width > 0 && width <= NUM_MAX) || end != num + NUM_MAX)
		return 0;
	c = s[NUM_MAX];
	return isalnum((unsigned char)c) || c == '.' || c == '+' || c == '-';
}

/* "n$" at @fmt: returns n and skips it; else 0, @fmt unchanged. */
static int parse_pos(const char **fmt)
{
	const char *p = *fmt;
	int n = 0;

	if (*p < '1' || *p > '9')
		return 0;
	while (isdigit((unsigned char)*p) && n <= NL_ARGMAX)
		n = n * 10 + (*p++ - '0');
	if (*p != '$')
		return 0;
	*fmt = p + 1;
	return n;
}

/*
 * Positional arguments: every argument of scanf is a pointer, so they can
 * all be fetched before the input is read. Returns the highest n of the
 * conversions' %n$, 0 when none is numbered, -1 when numbered and
 * unnumbered assigning conversions are mixed or an n exceeds NL_ARGMAX.
 */
static int scan_positions(const char *p)
{
	int numbered = 0, plain = 0, max = 0, n;

	while ((p = strchr(p, '%'))) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		n = parse_pos(&p);
		if (n > NL_ARGMAX)
			return -1;
		if (n) {
			numbered++;
			max = n > max ? n : max;
		} else if (*p != '*') {
			plain++;
		}
		/* A scan set may hold '%': skip it ("[]...]", "[^]...]"). */
		p += strspn(p, "*0123456789hljztqL");
		if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
		}
	}
	if (numbered && plain)
		return -1;
	return max;
}

int vsscanf(const char *__restrict str, const char *__restrict fmt,
	    va_list ap)
{
	const char *s = str, *p = fmt;
	unsigned char set[256];
	char num[NUM_MAX + 1];
	void *pos_args[NL_ARGMAX];
	char *end;
	int assigned = 0, npos = 0;
	va_list aq;

	va_copy(aq, ap);
	if (strchr(fmt, '$'))
		npos = scan_positions(fmt);
	if (npos < 0) {
		va_end(aq);
		errno = EINVAL;
		return EOF;
	}
	for (int i = 0; i < npos; i++)
		pos_args[i] = va_arg(aq, void *);
	while (*p) {
		int suppress = 0, width = 0, base, pos = 0;
		enum scan_len len;
		void *dst = NULL;
		uintmax_t uv;
		char conv;

		if (isspace((unsigned char)*p)) {
			while (isspace((unsigned char)*p))
				p++;
			while (isspace((unsigned char)*s))
				s++;
			continue;
		}
		if (*p != '%' || p[1] == '%') {
			if (*p == '%') {
				p++;
				while (isspace((unsigned char)*s))
					s++;
			}
			if (*s != *p)
				goto input_or_match_failure;
			s++;
			p++;
			continue;
		}
		p++;
		if (npos)
			pos = parse_pos(&p);
		if (*p == '*') {
			suppress = 1;
			p++;
		}
		while (isdigit((unsigned char)*p))
			width = width * 10 + (*p++ - '0');
		p = parse_len(p, &len);
		conv = *p++;
		if (!suppress && conv != 'n' && conv)
			dst = pos ? pos_args[pos - 1] : va_arg(aq, void *);
		if (conv != 'c' && conv != '[' && conv != 'n') {
			while (isspace((unsigned char)*s))
				s++;
		}
		if (!*s && conv != 'n')
			goto input_or_match_failure;

		switch (conv) {
		case 'n':
			if (!suppress)
				store_int(pos ? pos_args[pos - 1] :
					  va_arg(aq, void *), len,
					  (uintmax_t)(s - str));
			continue;
		case 'd':
		case 'u':
			base = 10;
			goto integer;
		case 'i':
			base = 0;
			goto integer;
		case 'o':
			base = 8;
			goto integer;
		case 'x':
		case 'X':
		case 'p':
			base = 16;
			if (conv == 'p')
				len = SL_L;
integer:
			take(num, s, width);
			if (conv == 'd' || conv == 'i')
				uv = (uintmax_t)strtoimax(num, &end, base);
			else
				uv = strtoumax(num, &end, base);
			if (end == num || too_long(num, end, s, width))
				goto match_failure;
			if ((base == 16 || base == 0) && bare_0x(num, end))
				end++;
			s += end - num;
			if (dst) {
				if (conv == 'p')
					*(void **)dst = (void *)(uintptr_t)uv;
				else
					store_int(dst, len, uv);
			}
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A': {
			long double v;

			take(num, s, width);
			v = strtold(num, &end);
			if (end == num || too_long(num, end, s, width))
				goto match_failure;
			s += end - num;
			if (dst) {
				if (len == SL_BIG_L)
					*(long double *)dst = v;
				else if (len == SL_L)
					*(double *)dst = (double)v;
				else
					*(float *)dst = (float)v;
			}
			break;
		}
		case 'c': {
			char *d = dst;

			if (!width)
				width = 1;
			if (strnlen(s, (size_t)width) < (size_t)width)
				goto input_or_match_failure;
			if (d)
				memcpy(d, s, (size_t)width);
			s += width;
			break;
		}
		case 's': {
			char *d = dst;
			int n = 0;

			while (s[n] && !isspace((unsigned char)s[n]) &&
			       (!width || n < width))
				n++;
			if (d) {
				memcpy(d, s, (size_t)n);
				d[n] = '\0';
			}
			s += n;
			break;
		}
		case '[': {
			char *d = dst;
			int n = 0;

			p = parse_set(p, set);
			while (s[n] && set[(unsigned char)s[n]] &&
			       (!width || n < width))
				n++;
			if (!n)
				goto match_failure;
			if (d) {
				memcpy(d, s, (size_t)n);
				d[n] = '\0';
			}
			s += n;
			break;
		}
		default:
			goto match_failure;
		}
		if (dst)
			assigned++;
	}
	va_end(aq);
	return assigned;

input_or_match_failure:
	/* EOF when the input ends before anything was assigned (as glibc
	 * and musl count, suppressed conversions do not count) */
	if (!*s && !assigned) {
		va_end(aq);
		return EOF;
	}
match_failure:
	va_end(aq);
	return assigned;
}

int sscanf(const char *__restrict str, const char *__restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsscanf(str, fmt, ap);
	va_end(ap);
	return ret;
}
