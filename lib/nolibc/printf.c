/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the printf engine shared by the printf family.
 *
 * Floating-point conversions are exact: the binary value m * 2^e is turned
 * into a big decimal integer (base 10^9 limbs) and rounded half-to-even on
 * its exact digits, which is what glibc prints in the default rounding
 * mode. Doubles need at most 88 limbs (on the stack); long doubles with a
 * large exponent take a temporary heap buffer of up to ~5 KiB.
 * POSIX positional arguments (%n$, *m$) take a first pass over the
 * format (format_numbered()).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <uk/essentials.h>
#include "stdio_impl.h"

#define F_MINUS	0x01
#define F_PLUS	0x02
#define F_SPACE	0x04
#define F_HASH	0x08
#define F_ZERO	0x10

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T,
	       LEN_BIG_L };

struct spec {
	unsigned int flags;
	int width;
	int prec;		/* -1 when not given */
	enum len_mod len;
	char conv;
	int argpos;		/* n of %n$, 0 when not numbered */
	int wstar, pstar;	/* width / precision given by '*' */
	int wpos, ppos;		/* m of *m$, 0 when not numbered */
};

/* Output state: the sink plus the running count and error flag. */
struct fmt_state {
	struct nolibc_out *out;
	size_t count;
	int err;
};

static void emit(struct fmt_state *st, const char *s, size_t n)
{
	if (!n || st->err)
		return;
	if (st->out->write(st->out, s, n) < 0)
		st->err = 1;
	st->count += n;
}

static void emit_repeat(struct fmt_state *st, char c, size_t n)
{
	char buf[32];
	size_t chunk;

	if (!n)
		return;
	memset(buf, c, n < sizeof(buf) ? n : sizeof(buf));
	while (n) {
		chunk = n < sizeof(buf) ? n : sizeof(buf);
		emit(st, buf, chunk);
		n -= chunk;
	}
}

/* Pads on the left when right-justified and not zero-padding. */
static void pad_left(struct fmt_state *st, const struct spec *sp, size_t len)
{
	if (!(sp->flags & F_MINUS) && (size_t)sp->width > len)
		emit_repeat(st, ' ', sp->width - len);
}

static void pad_right(struct fmt_state *st, const struct spec *sp,
		      size_t len)
{
	if ((sp->flags & F_MINUS) && (size_t)sp->width > len)
		emit_repeat(st, ' ', sp->width - len);
}

/*
 * Emits "<prefix><zeros><body>" padded to the field width; @zero_ok allows
 * the 0 flag to pad with zeros between prefix and body.
 */
static void emit_field(struct fmt_state *st, const struct spec *sp,
		       const char *prefix, size_t plen, size_t zeros,
		       const char *body, size_t blen, int zero_ok)
{
	size_t len = plen + zeros + blen;

	if (zero_ok && (sp->flags & F_ZERO) && !(sp->flags & F_MINUS) &&
	    (size_t)sp->width > len) {
		zeros += sp->width - len;
		len = sp->width;
	}
	pad_left(st, sp, len);
	emit(st, prefix, plen);
	emit_repeat(st, '0', zeros);
	emit(st, body, blen);
	pad_right(st, sp, len);
}

static void emit_string(struct fmt_state *st, const struct spec *sp,
			const char *s, size_t len)
{
	emit_field(st, sp, NULL, 0, 0, s, len, 0);
}

/* ---- integers ---- */

static void fmt_integer(struct fmt_state *st, const struct spec *sp,
			uintmax_t v, int neg)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *digits = sp->conv == 'X' ? upper : lower;
	char buf[sizeof(uintmax_t) * 3 + 1];
	char *p = buf + sizeof(buf);
	char prefix[2];
	size_t plen = 0, ndig, zeros = 0;
	unsigned int base = 10;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;
	while (v) {
		*--p = digits[v % base];
		v /= base;
	}
	ndig = (size_t)(buf + sizeof(buf) - p);
	/* Precision 0 with value 0 prints no digits; the default is 1. */
	if (sp->prec < 0 && ndig == 0)
		zeros = 1;
	else if (sp->prec >= 0 && (size_t)sp->prec > ndig)
		zeros = sp->prec - ndig;
	if (sp->conv == 'o' && (sp->flags & F_HASH) && zeros == 0 &&
	    (ndig == 0 || *p != '0'))
		zeros = 1;
	if (neg)
		prefix[plen++] = '-';
	else if (sp->conv == 'd' || sp->conv == 'i') {
		if (sp->flags & F_PLUS)
			prefix[plen++] = '+';
		else if (sp->flags & F_SPACE)
			prefix[plen++] = ' ';
	}
	if ((sp->flags & F_HASH) && ndig && base == 16) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}
	emit_field(st, sp, prefix, plen, zeros, p, ndig, sp->prec < 0);
}

/* ---- floating point: decomposition ---- */

enum fp_class { FP_ZERO_, FP_FINITE_, FP_INF_, FP_NAN_ };

struct fp_value {
	int neg;
	enum fp_class cls;
	uint64_t m;		/* value = m * 2^e2 */
	int e2;
	int mant_bits;		/* 53 for double, 64 for x87 long double */
	int hex_exp;		/* %a: exponent of the leading hex digit */
};

static void decompose_double(double d, struct fp_value *fp)
{
	uint64_t bits;
	int exp;

	memcpy(&bits, &d, sizeof(bits));
	fp->neg = (int)(bits >> 63);
	exp = (int)((bits >> 52) & 0x7ff);
	fp->m = bits & ((1ULL << 52) - 1);
	fp->mant_bits = 53;
	if (exp == 0x7ff) {
		fp->cls = fp->m ? FP_NAN_ : FP_INF_;
		return;
	}
	if (exp == 0) {
		fp->cls = fp->m ? FP_FINITE_ : FP_ZERO_;
		fp->e2 = -1074;
		fp->hex_exp = -1022;
		return;
	}
	fp->cls = FP_FINITE_;
	fp->m |= 1ULL << 52;
	fp->e2 = exp - 1075;
	fp->hex_exp = exp - 1023;
}

static void decompose_long_double(long double ld, struct fp_value *fp)
{
#if __LDBL_MANT_DIG__ == 64
	/* x87 extended: 64-bit mantissa with explicit integer bit. */
	struct {
		uint64_t m;
		uint16_t se;
	} __attribute__((packed)) raw;
	int exp;

	memcpy(&raw, &ld, sizeof(raw));
	fp->neg = raw.se >> 15;
	exp = raw.se & 0x7fff;
	fp->m = raw.m;
	fp->mant_bits = 64;
	if (exp == 0x7fff) {
		fp->cls = (raw.m << 1) ? FP_NAN_ : FP_INF_;
		return;
	}
	fp->cls = raw.m ? FP_FINITE_ : FP_ZERO_;
	if (exp == 0)
		exp = 1;
	fp->e2 = exp - 16383 - 63;
	/* The leading hex digit holds the top 4 mantissa bits. */
	fp->hex_exp = exp - 16383 - 3;
#elif __LDBL_MANT_DIG__ == 53
	decompose_double((double)ld, fp);
#else
#error "nolibc: unsupported long double format"
#endif
}

/* ---- floating point: exact decimal digits ---- */

#define LIMB_BASE 1000000000U
#define LIMB_DIGITS 9
#define STACK_LIMBS 96

static const uint32_t pow10_u32[LIMB_DIGITS + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000
};

/*
 * The exact decimal value 0.d0 d1 d2 ... * 10^e10, with digits taken from
 * the big integer in @limbs (least significant limb first), then rounded
 * to @keep digits (see dec_round()).
 */
struct decimal {
	uint32_t *limbs;
	int nlimbs;
	int ndigits;		/* digits in the big integer */
	int e10;		/* position of the decimal point */
	int keep;		/* digits kept after rounding */
	int roundup;		/* rounding added one at digit carry_idx */
	int carry_idx;
	int carried_out;	/* rounding gave a new leading 1 */
};

static void limbs_mul(uint32_t *limbs, int *n, uint32_t mult)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < *n; i++) {
		uint64_t t = (uint64_t)limbs[i] * mult + carry;

		limbs[i] = (uint32_t)(t % LIMB_BASE);
		carry = t / LIMB_BASE;
	}
	while (carry) {
		limbs[(*n)++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* Number of limbs needed for m * 2^e2 (or m * 5^-e2 when e2 < 0). */
static int limbs_needed(int e2)
{
	/* log10(2) < 0.302, log10(5) < 0.699; 20 digits for m. */
	long digits = e2 >= 0 ? (long)e2 * 302 / 1000 + 21
			      : (long)-e2 * 699 / 1000 + 21;

	return (int)(digits / LIMB_DIGITS + 2);
}

static void dec_init(struct decimal *dc, uint32_t *limbs, uint64_t m, int e2)
{
	int n = 0, top;

	dc->limbs = limbs;
	dc->keep = INT_MAX;
	dc->roundup = 0;
	dc->carried_out = 0;
	if (!m) {
		dc->nlimbs = 0;
		dc->ndigits = 0;
		dc->e10 = 1;
		return;
	}
	while (!(m & 1) && e2 < 0) {
		m >>= 1;
		e2++;
	}
	do {
		limbs[n++] = (uint32_t)(m % LIMB_BASE);
		m /= LIMB_BASE;
	} while (m);
	if (e2 >= 0) {
		for (; e2 >= 29; e2 -= 29)
			limbs_mul(limbs, &n, 1U << 29);
		if (e2)
			limbs_mul(limbs, &n, 1U << e2);
		dc->e10 = 0;
	} else {
		/* m * 2^e2 = m * 5^-e2 / 10^-e2 */
		int k = -e2;

		for (; k >= 13; k -= 13)
			limbs_mul(limbs, &n, 1220703125U);	/* 5^13 */
		if (k) {
			uint32_t p5 = 1;

			while (k--)
				p5 *= 5;
			limbs_mul(limbs, &n, p5);
		}
		dc->e10 = e2;
	}
	dc->nlimbs = n;
	for (top = 1; top < LIMB_DIGITS && limbs[n - 1] >= pow10_u32[top];
	     top++)
		;
	dc->ndigits = (n - 1) * LIMB_DIGITS + top;
	dc->e10 += dc->ndigits;
}

/* Digit @i (0 = most significant) of the unrounded value. */
static int dec_raw(const struct decimal *dc, int i)
{
	int p;

	if (i < 0 || i >= dc->ndigits)
		return 0;
	p = dc->ndigits - 1 - i;
	return (int)(dc->limbs[p / LIMB_DIGITS] / pow10_u32[p % LIMB_DIGITS] %
		     10);
}

/* Digit @i of the rounded value. */
static int dec_digit(const struct decimal *dc, int i)
{
	if (dc->carried_out)
		return i == 0;
	if (i >= dc->keep)
		return 0;
	if (!dc->roundup || i < dc->carry_idx)
		return dec_raw(dc, i);
	return i == dc->carry_idx ? dec_raw(dc, i) + 1 : 0;
}

/* Rounds half-to-even so that only digits [0, keep) may be non-zero. */
static void dec_round(struct decimal *dc, int keep)
{
	int d, i, up;

	if (keep >= dc->ndigits)
		return;
	dc->keep = keep < 0 ? 0 : keep;
	if (keep < 0)
		return;
	d = dec_raw(dc, keep);
	up = d > 5;
	if (d == 5) {
		for (i = keep + 1; i < dc->ndigits && !up; i++)
			up = dec_raw(dc, i) != 0;
		if (!up)
			up = keep > 0 && (dec_raw(dc, keep - 1) & 1);
	}
	if (!up)
		return;
	dc->roundup = 1;
	for (i = keep - 1; i >= 0 && dec_raw(dc, i) == 9; i--)
		;
	dc->carry_idx = i;
	if (i < 0) {
		dc->carried_out = 1;
		dc->e10++;
		dc->keep = keep + 1;
	}
}

/* Index of the last non-zero rounded digit, -1 when all are zero. */
static int dec_last_nonzero(const struct decimal *dc)
{
	int i = dc->keep < dc->ndigits ? dc->keep : dc->ndigits;

	if (dc->carried_out)
		return 0;
	while (--i >= 0) {
		if (dec_digit(dc, i))
			return i;
	}
	return -1;
}

/* Batches digits into a small buffer before emitting them. */
struct digit_buf {
	char buf[64];
	size_t n;
};

static void dbuf_put(struct fmt_state *st, struct digit_buf *db, char c)
{
	db->buf[db->n++] = c;
	if (db->n == sizeof(db->buf)) {
		emit(st, db->buf, db->n);
		db->n = 0;
	}
}

static void dbuf_flush(struct fmt_state *st, struct digit_buf *db)
{
	emit(st, db->buf, db->n);
	db->n = 0;
}

static void emit_fixed(struct fmt_state *st, const struct decimal *dc,
		       int frac, int point)
{
	struct digit_buf db = { .n = 0 };
	int i;

	if (dc->e10 <= 0)
		dbuf_put(st, &db, '0');
	for (i = 0; i < dc->e10; i++)
		dbuf_put(st, &db, (char)('0' + dec_digit(dc, i)));
	if (point)
		dbuf_put(st, &db, '.');
	for (i = 0; i < frac; i++) {
		int idx = dc->e10 + i;

		dbuf_put(st, &db, (char)('0' + (idx < 0 ? 0 :
						 dec_digit(dc, idx))));
	}
	dbuf_flush(st, &db);
}

static void emit_exp(struct fmt_state *st, const struct decimal *dc,
		     int frac, int point, int x, char e)
{
	struct digit_buf db = { .n = 0 };
	char ebuf[8];
	int i, n = 0;
	unsigned int ux = x < 0 ? (unsigned int)-x : (unsigned int)x;

	dbuf_put(st, &db, (char)('0' + dec_digit(dc, 0)));
	if (point)
		dbuf_put(st, &db, '.');
	for (i = 1; i <= frac; i++)
		dbuf_put(st, &db, (char)('0' + dec_digit(dc, i)));
	dbuf_put(st, &db, e);
	dbuf_put(st, &db, x < 0 ? '-' : '+');
	do {
		ebuf[n++] = (char)('0' + ux % 10);
		ux /= 10;
	} while (ux);
	if (n < 2)
		ebuf[n++] = '0';
	while (n)
		dbuf_put(st, &db, ebuf[--n]);
	dbuf_flush(st, &db);
}

static int exp_digits(int x)
{
	int n = 0;
	unsigned int ux = x < 0 ? (unsigned int)-x : (unsigned int)x;

	do {
		n++;
		ux /= 10;
	} while (ux);
	return n < 2 ? 2 : n;
}

static size_t sign_prefix(const struct spec *sp, int neg, char *prefix)
{
	if (neg)
		prefix[0] = '-';
	else if (sp->flags & F_PLUS)
		prefix[0] = '+';
	else if (sp->flags & F_SPACE)
		prefix[0] = ' ';
	else
		return 0;
	return 1;
}

static void fmt_special(struct fmt_state *st, const struct spec *sp,
			const struct fp_value *fp)
{
	int upper = sp->conv >= 'A' && sp->conv <= 'Z';
	const char *s = fp->cls == FP_INF_ ? (upper ? "INF" : "inf")
					   : (upper ? "NAN" : "nan");
	char prefix[1];
	size_t plen = sign_prefix(sp, fp->neg, prefix);

	emit_field(st, sp, prefix, plen, 0, s, 3, 0);
}

/* %e %f %g: exact decimal conversion, rounded half-to-even, padded. */
static void fmt_decimal(struct fmt_state *st, const struct spec *sp,
			const struct fp_value *fp)
{
	uint32_t stack_limbs[STACK_LIMBS];
	uint32_t *limbs = stack_limbs;
	struct decimal dc;
	char prefix[1];
	size_t plen = sign_prefix(sp, fp->neg, prefix);
	size_t blen, len, zeros = 0;
	int prec = sp->prec < 0 ? 6 : sp->prec;
	int alt = (sp->flags & F_HASH) != 0;
	int conv = sp->conv | 0x20;
	int fixed = conv == 'f';
	int frac, x, need;

	need = limbs_needed(fp->e2);
	if (fp->cls == FP_FINITE_ && need > STACK_LIMBS) {
		limbs = malloc((size_t)need * sizeof(*limbs));
		if (!limbs) {
			st->err = 1;
			errno = ENOMEM;
			return;
		}
	}
	dec_init(&dc, limbs, fp->cls == FP_FINITE_ ? fp->m : 0, fp->e2);
	if (conv == 'f') {
		dec_round(&dc, dc.e10 + prec);
		frac = prec;
	} else if (conv == 'e') {
		dec_round(&dc, prec + 1);
		frac = prec;
	} else {
		int last;

		if (prec == 0)
			prec = 1;
		dec_round(&dc, prec);
		x = dc.e10 - 1;
		if (prec > x && x >= -4) {
			fixed = 1;
			frac = prec - 1 - x;
		} else {
			frac = prec - 1;
		}
		if (!alt) {
			last = dec_last_nonzero(&dc);
			if (fixed)
				need = last + 1 - dc.e10;
			else
				need = last;
			if (need < frac)
				frac = need < 0 ? 0 : need;
		}
	}
	x = dc.e10 - 1;
	if (fixed)
		blen = (size_t)(dc.e10 > 0 ? dc.e10 : 1);
	else
		blen = 1 + 2 + (size_t)exp_digits(x);
	if (frac || alt)
		blen += 1 + (size_t)frac;
	len = plen + blen;
	if ((sp->flags & F_ZERO) && !(sp->flags & F_MINUS) &&
	    (size_t)sp->width > len) {
		zeros = sp->width - len;
		len = sp->width;
	}
	pad_left(st, sp, len);
	emit(st, prefix, plen);
	emit_repeat(st, '0', zeros);
	if (fixed)
		emit_fixed(st, &dc, frac, frac || alt);
	else
		emit_exp(st, &dc, frac, frac || alt, x,
			 sp->conv >= 'a' ? 'e' : 'E');
	pad_right(st, sp, len);
	if (limbs != stack_limbs)
		free(limbs);
}

/* %a: hexadecimal floating point, as glibc prints it. */
static void fmt_hexfloat(struct fmt_state *st, const struct spec *sp,
			 const struct fp_value *fp)
{
	const char *digits = sp->conv == 'A' ? "0123456789ABCDEF"
					     : "0123456789abcdef";
	/* Hex digits after the point: 13 for double, 15 for x87. */
	int nfrac = fp->mant_bits == 64 ? 15 : 13;
	uint64_t v = fp->cls == FP_ZERO_ ? 0 : fp->m;
	int x = fp->cls == FP_ZERO_ ? 0 : fp->hex_exp;
	int prec = sp->prec, i, n = 0;
	uint64_t lead, frac;
	char prefix[3], mant[24], expo[8], tmp[8];
	size_t plen = sign_prefix(sp, fp->neg, prefix);
	size_t mlen = 0, elen = 0, tail = 0, len, zeros = 0;
	unsigned int ux;

	if (prec >= 0 && prec < nfrac) {
		/* Round the dropped bits half-to-even. */
		int bits = 4 * (nfrac - prec);
		uint64_t rem = v & ((1ULL << bits) - 1);
		uint64_t half = 1ULL << (bits - 1);

		v >>= bits;
		if (rem > half || (rem == half && (v & 1)))
			v++;
		nfrac = prec;
	} else if (prec > nfrac) {
		tail = (size_t)(prec - nfrac);
	}
	lead = nfrac ? v >> (4 * nfrac) : v;
	frac = nfrac ? v & ((1ULL << (4 * nfrac)) - 1) : 0;
	if (lead > 0xf) {
		/* x87 rounding overflowed the leading digit: glibc prints 1. */
		lead = 1;
		x += 4;
	}
	if (prec < 0) {
		/* Shortest exact form: drop trailing zero digits. */
		while (nfrac && !(frac & 0xf)) {
			frac >>= 4;
			nfrac--;
		}
	}
	prefix[plen++] = '0';
	prefix[plen++] = sp->conv == 'A' ? 'X' : 'x';
	/* The leading digit may exceed 1 after rounding. */
	do {
		tmp[n++] = digits[lead & 0xf];
		lead >>= 4;
	} while (lead);
	while (n)
		mant[mlen++] = tmp[--n];
	if (nfrac || tail || (sp->flags & F_HASH))
		mant[mlen++] = '.';
	for (i = nfrac - 1; i >= 0; i--)
		mant[mlen++] = digits[(frac >> (4 * i)) & 0xf];
	expo[elen++] = sp->conv == 'A' ? 'P' : 'p';
	expo[elen++] = x < 0 ? '-' : '+';
	ux = x < 0 ? (unsigned int)-x : (unsigned int)x;
	do {
		tmp[n++] = (char)('0' + ux % 10);
		ux /= 10;
	} while (ux);
	while (n)
		expo[elen++] = tmp[--n];
	len = plen + mlen + tail + elen;
	if ((sp->flags & F_ZERO) && !(sp->flags & F_MINUS) &&
	    (size_t)sp->width > len) {
		zeros = sp->width - len;
		len = sp->width;
	}
	pad_left(st, sp, len);
	emit(st, prefix, plen);
	emit_repeat(st, '0', zeros);
	emit(st, mant, mlen);
	emit_repeat(st, '0', tail);
	emit(st, expo, elen);
	pad_right(st, sp, len);
}

static void fmt_float(struct fmt_state *st, const struct spec *sp,
		      const struct fp_value *fp)
{
	if (fp->cls == FP_INF_ || fp->cls == FP_NAN_)
		fmt_special(st, sp, fp);
	else if ((sp->conv | 0x20) == 'a')
		fmt_hexfloat(st, sp, fp);
	else
		fmt_decimal(st, sp, fp);
}

/* ---- the format string ---- */

static int parse_int(const char **fmt)
{
	const char *p = *fmt;
	int v = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (v <= (INT_MAX - 9) / 10)
			v = v * 10 + (*p - '0');
		else
			v = INT_MAX;
	}
	*fmt = p;
	return v;
}

/* "n$" at @fmt: returns n and skips it; else 0, @fmt unchanged. */
static int parse_pos(const char **fmt)
{
	const char *p = *fmt;
	int n;

	if (*p < '1' || *p > '9')
		return 0;
	n = parse_int(&p);
	if (*p != '$')
		return 0;
	*fmt = p + 1;
	return n;
}

/* Parses one conversion after its '%'; '*' values are left to the caller. */
static const char *parse_spec(const char *p, struct spec *sp)
{
	sp->flags = 0;
	sp->width = 0;
	sp->prec = -1;
	sp->len = LEN_NONE;
	sp->wstar = sp->pstar = 0;
	sp->wpos = sp->ppos = 0;
	sp->argpos = parse_pos(&p);
	for (;; p++) {
		if (*p == '-')
			sp->flags |= F_MINUS;
		else if (*p == '+')
			sp->flags |= F_PLUS;
		else if (*p == ' ')
			sp->flags |= F_SPACE;
		else if (*p == '#')
			sp->flags |= F_HASH;
		else if (*p == '0')
			sp->flags |= F_ZERO;
		else if (*p != '\'')
			break;
	}
	if (*p == '*') {
		p++;
		sp->wstar = 1;
		sp->wpos = parse_pos(&p);
	} else {
		sp->width = parse_int(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			sp->pstar = 1;
			sp->ppos = parse_pos(&p);
		} else {
			sp->prec = parse_int(&p);
		}
	}
	switch (*p) {
	case 'h':
		sp->len = p[1] == 'h' ? LEN_HH : LEN_H;
		p += sp->len == LEN_HH ? 2 : 1;
		break;
	case 'l':
		sp->len = p[1] == 'l' ? LEN_LL : LEN_L;
		p += sp->len == LEN_LL ? 2 : 1;
		break;
	case 'q':
		sp->len = LEN_LL;
		p++;
		break;
	case 'j':
		sp->len = LEN_J;
		p++;
		break;
	case 'z':
		sp->len = LEN_Z;
		p++;
		break;
	case 't':
		sp->len = LEN_T;
		p++;
		break;
	case 'L':
		sp->len = LEN_BIG_L;
		p++;
		break;
	default:
		break;
	}
	sp->conv = *p;
	return p;
}

/* A negative '*' width means '-' and its absolute value. */
static void set_width(struct spec *sp, int w)
{
	if (w < 0) {
		sp->flags |= F_MINUS;
		w = w == INT_MIN ? INT_MAX : -w;
	}
	sp->width = w;
}

/* A negative '*' precision is taken as if none were given. */
static void set_prec(struct spec *sp, int p)
{
	sp->prec = p < 0 ? -1 : p;
}

/*
 * One argument, fetched with the type its conversion names. Integers are
 * kept as intmax_t and cut back to the conversion's type when used, so
 * that positional arguments can be fetched in a first pass.
 */
enum arg_type { A_NONE, A_INT, A_LONG, A_LLONG, A_INTMAX, A_SIZE, A_PTRDIFF,
		A_DOUBLE, A_LDOUBLE, A_PTR };

union arg {
	intmax_t i;
	double d;
	long double ld;
	void *p;
};

static enum arg_type arg_type(const struct spec *sp)
{
	switch (sp->conv) {
	case 'c':
		return A_INT;
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		switch (sp->len) {
		case LEN_L:
			return A_LONG;
		case LEN_LL:
		case LEN_BIG_L:
			return A_LLONG;
		case LEN_J:
			return A_INTMAX;
		case LEN_Z:
			return A_SIZE;
		case LEN_T:
			return A_PTRDIFF;
		default:
			return A_INT;
		}
	case 's':
	case 'p':
	case 'n':
		return A_PTR;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		return sp->len == LEN_BIG_L ? A_LDOUBLE : A_DOUBLE;
	default:
		/* %%, %m and unknown conversions take no argument. */
		return A_NONE;
	}
}

static void fetch_arg(enum arg_type t, va_list *ap, union arg *a)
{
	switch (t) {
	case A_NONE:
		break;
	case A_INT:
		a->i = va_arg(*ap, int);
		break;
	case A_LONG:
		a->i = va_arg(*ap, long);
		break;
	case A_LLONG:
		a->i = va_arg(*ap, long long);
		break;
	case A_INTMAX:
		a->i = va_arg(*ap, intmax_t);
		break;
	case A_SIZE:
		a->i = va_arg(*ap, ssize_t);
		break;
	case A_PTRDIFF:
		a->i = va_arg(*ap, ptrdiff_t);
		break;
	case A_DOUBLE:
		a->d = va_arg(*ap, double);
		break;
	case A_LDOUBLE:
		a->ld = va_arg(*ap, long double);
		break;
	case A_PTR:
		a->p = va_arg(*ap, void *);
		break;
	}
}

static intmax_t arg_signed(const struct spec *sp, const union arg *a)
{
	switch (sp->len) {
	case LEN_HH:
		return (signed char)a->i;
	case LEN_H:
		return (short)a->i;
	case LEN_L:
		return (long)a->i;
	case LEN_LL:
	case LEN_BIG_L:
		return (long long)a->i;
	case LEN_J:
		return a->i;
	case LEN_Z:
		return (ssize_t)a->i;
	case LEN_T:
		return (ptrdiff_t)a->i;
	default:
		return (int)a->i;
	}
}

static uintmax_t arg_unsigned(const struct spec *sp, const union arg *a)
{
	switch (sp->len) {
	case LEN_HH:
		return (unsigned char)a->i;
	case LEN_H:
		return (unsigned short)a->i;
	case LEN_L:
		return (unsigned long)a->i;
	case LEN_LL:
	case LEN_BIG_L:
		return (unsigned long long)a->i;
	case LEN_Z:
		return (size_t)a->i;
	case LEN_J:
	case LEN_T:
		return (uintmax_t)a->i;
	default:
		return (unsigned int)a->i;
	}
}

static void store_count(const struct spec *sp, void *p, size_t count)
{
	switch (sp->len) {
	case LEN_HH:
		*(signed char *)p = (signed char)count;
		break;
	case LEN_H:
		*(short *)p = (short)count;
		break;
	case LEN_L:
		*(long *)p = (long)count;
		break;
	case LEN_LL:
		*(long long *)p = (long long)count;
		break;
	case LEN_J:
		*(intmax_t *)p = (intmax_t)count;
		break;
	case LEN_Z:
		*(ssize_t *)p = (ssize_t)count;
		break;
	case LEN_T:
		*(ptrdiff_t *)p = (ptrdiff_t)count;
		break;
	default:
		*(int *)p = (int)count;
		break;
	}
}

static void fmt_one(struct fmt_state *st, struct spec *sp,
		    const union arg *a)
{
	struct fp_value fp;
	const char *s;
	char c;
	intmax_t iv;

	switch (sp->conv) {
	case 'd':
	case 'i':
		iv = arg_signed(sp, a);
		fmt_integer(st, sp, iv < 0 ? 0 - (uintmax_t)iv : (uintmax_t)iv,
			    iv < 0);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_integer(st, sp, arg_unsigned(sp, a), 0);
		break;
	case 'p':
		if (!a->p) {
			sp->prec = -1;
			emit_string(st, sp, "(nil)", 5);
			break;
		}
		sp->flags |= F_HASH;
		fmt_integer(st, sp, (uintptr_t)a->p, 0);
		break;
	case 'c':
		c = (char)a->i;
		emit_string(st, sp, &c, 1);
		break;
	case 's':
		s = a->p;
		if (!s)
			s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
		emit_string(st, sp, s, sp->prec < 0 ? strlen(s)
				: strnlen(s, (size_t)sp->prec));
		break;
	case 'n':
		store_count(sp, a->p, st->count);
		break;
	case 'm':
		s = strerror(errno);
		emit_string(st, sp, s, strlen(s));
		break;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (sp->len == LEN_BIG_L)
			decompose_long_double(a->ld, &fp);
		else
			decompose_double(a->d, &fp);
		fmt_float(st, sp, &fp);
		break;
	default:
		/* %% and unknown conversions print themselves. */
		emit(st, &sp->conv, 1);
		break;
	}
}

/*
 * Formats @fmt. Arguments come from @ap in order, or, when @args is
 * given, from there by position (%n$ and *m$, counted from 1).
 */
static void format(struct fmt_state *st, const char *fmt, va_list *ap,
		   const union arg *args)
{
	const union arg *a;
	union arg one;
	struct spec sp;
	const char *p;

	while (*fmt) {
		p = strchr(fmt, '%');
		if (!p) {
			emit(st, fmt, strlen(fmt));
			break;
		}
		emit(st, fmt, (size_t)(p - fmt));
		p = parse_spec(p + 1, &sp);
		if (!sp.conv)
			break;
		if (args) {
			if (sp.wstar)
				set_width(&sp, (int)args[sp.wpos - 1].i);
			if (sp.pstar)
				set_prec(&sp, (int)args[sp.ppos - 1].i);
			a = sp.argpos && arg_type(&sp) != A_NONE ?
				&args[sp.argpos - 1] : &one;
		} else {
			if (sp.wstar)
				set_width(&sp, va_arg(*ap, int));
			if (sp.pstar)
				set_prec(&sp, va_arg(*ap, int));
			fetch_arg(arg_type(&sp), ap, &one);
			a = &one;
		}
		fmt_one(st, &sp, a);
		fmt = p + 1;
	}
}

/*
 * Positional arguments (POSIX): when the conversions are numbered (%n$,
 * with *m$ for widths and precisions), a first pass learns every
 * argument's type, the arguments are fetched in order, and the second
 * pass formats from them. All argument-taking conversions must then be
 * numbered: mixing numbered and unnumbered ones, or a number above
 * NL_ARGMAX, fails with EINVAL before anything is written. An argument
 * that no conversion names (a gap) is taken to be an int, as glibc does.
 * Returns 1 when done, 0 when the conversions are not numbered, -1 on
 * such an error.
 */
static __attribute__((noinline)) int format_numbered(struct fmt_state *st,
						     const char *fmt,
						     va_list *ap)
{
	unsigned char types[NL_ARGMAX];
	union arg args[NL_ARGMAX];
	int numbered = 0, plain = 0, max = 0;
	struct spec sp;
	const char *p = fmt;

	memset(types, A_NONE, sizeof(types));
	while ((p = strchr(p, '%'))) {
		enum arg_type t;

		p = parse_spec(p + 1, &sp);
		if (!sp.conv)
			break;
		p++;
		t = arg_type(&sp);
		if (sp.argpos && t != A_NONE) {
			numbered++;
			if (sp.argpos > NL_ARGMAX)
				return -1;
			if (types[sp.argpos - 1] == A_NONE)
				types[sp.argpos - 1] = (unsigned char)t;
			max = UK_MAX(max, sp.argpos);
		} else if (t != A_NONE) {
			plain++;
		}
		if (sp.wstar && sp.wpos) {
			numbered++;
			if (sp.wpos > NL_ARGMAX)
				return -1;
			types[sp.wpos - 1] = A_INT;
			max = UK_MAX(max, sp.wpos);
		} else if (sp.wstar) {
			plain++;
		}
		if (sp.pstar && sp.ppos) {
			numbered++;
			if (sp.ppos > NL_ARGMAX)
				return -1;
			types[sp.ppos - 1] = A_INT;
			max = UK_MAX(max, sp.ppos);
		} else if (sp.pstar) {
			plain++;
		}
	}
	if (!numbered)
		return 0;
	if (plain)
		return -1;
	for (int i = 0; i < max; i++)
		fetch_arg(types[i] == A_NONE ? A_INT : (enum arg_type)types[i],
			  ap, &args[i]);
	format(st, fmt, ap, args);
	return 1;
}

int __nolibc_vformat(struct nolibc_out *out, const char *fmt, va_list ap)
{
	struct fmt_state st = { .out = out, .count = 0, .err = 0 };
	int numbered = 0;
	va_list aq;

	va_copy(aq, ap);
	/* Numbered conversions all have a '$': most formats skip the scan. */
	if (strchr(fmt, '$'))
		numbered = format_numbered(&st, fmt, &aq);
	if (!numbered)
		format(&st, fmt, &aq, NULL);
	va_end(aq);
	if (numbered < 0) {
		errno = EINVAL;
		return -1;
	}
	if (st.err)
		return -1;
	if (st.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)st.count;
}
