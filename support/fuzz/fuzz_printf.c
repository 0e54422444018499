/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/nolibc's snprintf against glibc's. Input: up to four conversions,
 * each built from bytes (so that the format is always valid C):
 *	conv flags width prec length size  value[8 or 16] | text
 * with literal text between them, the buffer size, and the value of the
 * argument. Combinations C leaves undefined ('#' on d, '0' on s,
 * precision on c or p, ...) are not made. Check: the same output, cut
 * at the same place, and the same return value.
 */
#include <math.h>
#include "fuzz.h"
#include "nolibc.h"

static const char convs[] = "diouxXcsfFeEgGaAp%";

#define CALL(...)							\
	do {								\
		r1 = snprintf(b1, bsize, fmt, __VA_ARGS__);		\
		r2 = nl_snprintf(b2, bsize, fmt, __VA_ARGS__);		\
	} while (0)
/* the same call with the '*' arguments in front of @v */
#define CALL_STAR(v)							\
	do {								\
		if (sw && sp)						\
			CALL(w, p, v);					\
		else if (sw)						\
			CALL(w, v);					\
		else if (sp)						\
			CALL(p, v);					\
		else							\
			CALL(v);					\
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };

	for (int k = 0; k < 4 && fuzz_left(&in); k++) {
		char fmt[64], b1[128], b2[128], str[24], *f = fmt;
		uint8_t c = fuzz_u8(&in), fl = fuzz_u8(&in);
		uint8_t wb = fuzz_u8(&in), pb = fuzz_u8(&in);
		uint8_t lb = fuzz_u8(&in);
		size_t bsize = fuzz_u8(&in) % sizeof(b1), n;
		char conv = convs[c % (sizeof(convs) - 1)];
		int is_int = strchr("diouxX", conv) != NULL;
		int is_fp = strchr("fFeEgGaA", conv) != NULL;
		int sw = (wb & 0x80) && conv != '%';
		int sp = !(pb & 0x80) && (pb & 0x40) && !strchr("cp%", conv);
		int w = (int8_t)(wb << 1) / 2, p = (int8_t)(pb << 2) / 4;
		uint64_t v = fuzz_int(&in, 8), v2 = fuzz_int(&in, 8);
		const uint8_t *t;
		int r1 = 0, r2 = 0;

		/* literal text (no '%') before the conversion */
		t = fuzz_bytes(&in, fuzz_u8(&in) % 8, &n);
		for (size_t i = 0; i < n; i++)
			*f++ = t[i] && t[i] != '%' ? (char)t[i] : '.';
		*f++ = '%';
		if (conv != '%') {
			if (fl & 1)
				*f++ = '-';
			if ((fl & 2) && (is_int || is_fp))
				*f++ = '+';
			if ((fl & 4) && (is_int || is_fp))
				*f++ = ' ';
			if ((fl & 8) && (strchr("oxX", conv) || is_fp))
				*f++ = '#';
			if ((fl & 16) && (is_int || is_fp))
				*f++ = '0';
			if (sw)
				*f++ = '*';
			else if (wb & 0x40)
				f += sprintf(f, "%d", wb & 0x3f);
			if (sp)
				*f++ = '.', *f++ = '*';
			else if (!(pb & 0x80) && conv != 'c' && conv != 'p')
				f += sprintf(f, ".%d", pb & 0x3f);
			if (is_int)
				f = stpcpy(f, (const char *[]){ "", "hh", "h",
					"l", "ll", "j", "z", "t" }[lb & 7]);
			if (is_fp && (lb & 8))
				*f++ = 'L';
		}
		*f++ = conv;
		*f = '\0';

		if (is_int) {
			CALL_STAR((long long)v);
		} else if (conv == 'c') {
			CALL_STAR((int)(v & 0xff ? v & 0xff : 'x'));
		} else if (conv == 's') {
			/* a string of the value's bytes, cut at a NUL */
			memcpy(str, &v, 8);
			memcpy(str + 8, &v2, 8);
			str[v2 >> 60] = '\0';
			CALL_STAR(str);
		} else if (conv == 'p') {
			CALL_STAR((void *)(uintptr_t)v);
		} else if (conv == '%') {
			r1 = snprintf(b1, bsize, fmt, 0);
			r2 = nl_snprintf(b2, bsize, fmt, 0);
		} else if (lb & 8) {
			long double ld;

			/* 80-bit: 64-bit mantissa, 16 bits of sign and
			 * exponent (no invalid encodings: the top bit of
			 * the mantissa set unless the exponent is 0) */
			memset(&ld, 0, sizeof(ld));
			/* exact decimal digits of extreme exponents cost
			 * milliseconds: keep 7 of 8 within 2^+-2047 */
			if ((v2 & 0x7000) != 0x7000)
				v2 = (v2 & 0x8000) | (16383 + (((v2 & 0xfff) ^
					0x800) - 0x800));
			if (v2 & 0x7fff)
				v |= 1ULL << 63;
			else
				v &= ~(1ULL << 63);
			memcpy(&ld, &v, 8);
			memcpy((char *)&ld + 8, &v2, 2);
			CALL_STAR(ld);
		} else {
			double d;

			memcpy(&d, &v, 8);
			CALL_STAR(d);
		}
		FUZZ_ASSERT(r1 == r2, "\"%s\" (%#llx) size %zu: glibc %d, nolibc %d",
			    fmt, (unsigned long long)v, bsize, r1, r2);
		if (bsize)
			FUZZ_ASSERT(!strcmp(b1, b2),
				    "\"%s\" (%#llx) size %zu: glibc \"%s\", nolibc \"%s\"",
				    fmt, (unsigned long long)v, bsize, b1, b2);
	}
	return 0;
}
