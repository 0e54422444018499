/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/uklibparam: "library.parameter=value" words. Input: words
 * separated by NUL bytes. Each word is parsed on its own and the result
 * compared with an independent reading of the documented syntax (built
 * on the host libc's strtoull); then all words together, and every
 * value printed back. The parameters are one of each type in library
 * "fz" plus a few long names in "other", so that the lists in the
 * "unknown parameter" messages overflow.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <uk/libparam.h>
#include "fuzz.h"

static _Bool v_bool;
static int v_int;
static unsigned int v_uint;
static long v_long;
static unsigned long v_ulong;
static int64_t v_s64;
static uint64_t v_u64;
static size_t v_size;
static char *v_charp;
static int v_other[8];

#define P(n, v, t) { .name = n, .addr = &v, .type = t, .size = sizeof(v) }
static const struct uk_libparam params[] __used __section("fzparam") = {
	P("fz.b", v_bool, UK_LIBPARAM_BOOL),
	P("fz.i", v_int, UK_LIBPARAM_INT),
	P("fz.u", v_uint, UK_LIBPARAM_UINT),
	P("fz.l", v_long, UK_LIBPARAM_LONG),
	P("fz.ul", v_ulong, UK_LIBPARAM_ULONG),
	P("fz.s64", v_s64, UK_LIBPARAM_S64),
	P("fz.u64", v_u64, UK_LIBPARAM_U64),
	P("fz.size", v_size, UK_LIBPARAM_SIZE),
	P("fz.s", v_charp, UK_LIBPARAM_CHARP),
	P("other.a_rather_long_parameter_name_0", v_other[0], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_1", v_other[1], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_2", v_other[2], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_3", v_other[3], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_4", v_other[4], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_5", v_other[5], UK_LIBPARAM_INT),
	P("other.a_rather_long_parameter_name_6", v_other[6], UK_LIBPARAM_INT),
};

static int nocase_in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(s, list[i]))
			return 1;
	return 0;
}

/* The documented syntax, read independently: 0, -EINVAL or -ERANGE and
 * the value (as the variable's bits, widened to 64). */
static int oracle(const struct uk_libparam *p, const char *s, uint64_t *out)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "on" };
	static const char *const no[] = { "0", "n", "no", "false", "off" };
	int is_signed = 0, neg = 0, base = 10, shift = 0;
	uint64_t max = 0, mag;
	int64_t min = 0;
	const char *d;
	char digits[128], *end;
	size_t nd;

	switch (p->type) {
	case UK_LIBPARAM_BOOL:
		if (nocase_in(s, yes, 5))
			return *out = 1, 0;
		if (nocase_in(s, no, 5))
			return *out = 0, 0;
		return -EINVAL;
	case UK_LIBPARAM_CHARP:
		*out = (uintptr_t)s;
		return 0;
	case UK_LIBPARAM_INT: is_signed = 1; min = INT_MIN; max = INT_MAX; break;
	case UK_LIBPARAM_LONG: is_signed = 1; min = LONG_MIN; max = LONG_MAX; break;
	case UK_LIBPARAM_S64: is_signed = 1; min = INT64_MIN; max = INT64_MAX; break;
	case UK_LIBPARAM_UINT: max = UINT_MAX; break;
	case UK_LIBPARAM_ULONG: max = ULONG_MAX; break;
	case UK_LIBPARAM_U64: max = UINT64_MAX; break;
	case UK_LIBPARAM_SIZE: max = SIZE_MAX; break;
	default: return -ENOTSUP;
	}
	if (*s == '+' || (is_signed && *s == '-'))
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (d = s; base == 16 ? isxdigit((unsigned char)*d) :
			 isdigit((unsigned char)*d); d++)
		;
	nd = (size_t)(d - s);
	if (!nd)
		return -EINVAL;
	if (p->type == UK_LIBPARAM_SIZE && *d && strchr("kKmMgGtT", *d)) {
		shift = 10 * (int)((strchr("kmgt", tolower(*d)) - "kmgt") + 1);
		d++;
	}
	if (*d)
		return -EINVAL;
	/* leading zeros do not change the value; keep strtoull's input
	 * short */
	while (nd > 1 && *s == '0') {
		s++;
		nd--;
	}
	if (nd >= sizeof(digits))
		return -ERANGE;
	memcpy(digits, s, nd);
	digits[nd] = '\0';
	errno = 0;
	mag = strtoull(digits, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (is_signed) {
		if (neg ? mag > (uint64_t)INT64_MAX + 1 ||
			  (mag && -(int64_t)(mag - 1) - 1 < min) : mag > max)
			return -ERANGE;
		*out = neg ? (uint64_t)(mag ? -(int64_t)(mag - 1) - 1 : 0) : mag;
		return 0;
	}
	if (mag > (max >> shift))
		return -ERANGE;
	*out = mag << shift;
	return 0;
}

static uint64_t value_of(const struct uk_libparam *p)
{
	switch (p->type) {
	case UK_LIBPARAM_BOOL: return *(_Bool *)p->addr;
	case UK_LIBPARAM_INT: return (uint64_t)(int64_t)*(int *)p->addr;
	case UK_LIBPARAM_UINT: return *(unsigned int *)p->addr;
	case UK_LIBPARAM_LONG: return (uint64_t)*(long *)p->addr;
	case UK_LIBPARAM_ULONG: return *(unsigned long *)p->addr;
	case UK_LIBPARAM_S64: return (uint64_t)*(int64_t *)p->addr;
	case UK_LIBPARAM_U64: return *(uint64_t *)p->addr;
	case UK_LIBPARAM_SIZE: return *(size_t *)p->addr;
	case UK_LIBPARAM_CHARP: return (uintptr_t)*(char **)p->addr;
	default: return 0;
	}
}

static void check_word(const char *w)
{
	char *copy = strdup(w), *eq = strchr(copy, '=');
	const struct uk_libparam *p = NULL;
	uint64_t want = 0, before;
	int r, ro = -EINVAL;

	if (eq) {
		*eq = '\0';
		p = uk_libparam_find(copy);
		*eq = '=';
	}
	if (p && memchr(copy, '.', (size_t)(eq - copy)))
		ro = oracle(p, eq + 1, &want);
	before = p ? value_of(p) : 0;
	r = uk_libparam_parse(1, &copy);
	FUZZ_ASSERT(r == (ro ? -EINVAL : 0), "'%s': %d, expected %d", w, r,
		    ro);
	if (p)
		FUZZ_ASSERT(value_of(p) == (ro ? before : want),
			    "'%s': value %#llx, expected %#llx", w,
			    (unsigned long long)value_of(p),
			    (unsigned long long)(ro ? before : want));
	/* charp points into the word: set it back before freeing it */
	v_charp = NULL;
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), **argv;
	int argc = 0;
	char buf[40];

	FUZZ_ASSERT(__start_fzparam == params, "parameter table");
	memcpy(text, data, size);
	text[size] = '\0';
	argv = malloc(sizeof(*argv) * (size + 2));
	for (size_t i = 0; i <= size; i += strlen(text + i) + 1)
		argv[argc++] = text + i;
	for (int i = 0; i < argc; i++)
		check_word(argv[i]);
	uk_libparam_parse(argc, argv);
	for (size_t i = 0; i < UK_ARRAY_SIZE(params); i++) {
		int n = uk_libparam_value_str(&params[i], buf,
					      1 + (size & 31));
		FUZZ_ASSERT(n >= 0, "value_str %d", n);
	}
	/* the listing formats every parameter: now and then */
	if (size % 8 == 7)
		uk_libparam_list();
	v_charp = NULL;
	free(argv);
	free(text);
	return 0;
}
