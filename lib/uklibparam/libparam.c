/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklibparam: find the parameters that libraries registered in the
 * .uk_libparam section and set them from "library.parameter=value" words,
 * checking each value against the parameter's type and range.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/libparam.h>
#include <uk/print.h>

/* Longest list of known parameters put into an "unknown parameter" line. */
#define KNOWN_LIST_LEN	160

static const char *const type_names[] = {
	[UK_LIBPARAM_BOOL] = "bool",
	[UK_LIBPARAM_INT] = "int",
	[UK_LIBPARAM_UINT] = "uint",
	[UK_LIBPARAM_LONG] = "long",
	[UK_LIBPARAM_ULONG] = "ulong",
	[UK_LIBPARAM_S64] = "s64",
	[UK_LIBPARAM_U64] = "u64",
	[UK_LIBPARAM_SIZE] = "size",
	[UK_LIBPARAM_CHARP] = "charp",
};

const char *uk_libparam_type_name(enum uk_libparam_type type)
{
	if ((unsigned int)type >= UK_ARRAY_SIZE(type_names))
		return "?";
	return type_names[type];
}

/* The parameter whose name is the @len bytes at @name, or NULL. */
static const struct uk_libparam *find_n(const char *name, size_t len)
{
	const struct uk_libparam *p;

	uk_libparam_foreach(p) {
		if (strncmp(p->name, name, len) == 0 && p->name[len] == '\0')
			return p;
	}
	return NULL;
}

const struct uk_libparam *uk_libparam_find(const char *name)
{
	if (!name)
		return NULL;
	return find_n(name, strlen(name));
}

/* ASCII lower case, independent of any locale. */
static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int equals_nocase(const char *s, const char *lower_word)
{
	while (*s && lower(*s) == *lower_word) {
		s++;
		lower_word++;
	}
	return *s == '\0' && *lower_word == '\0';
}

static int parse_bool(const char *s, _Bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "on" };
	static const char *const no[] = { "0", "n", "no", "false", "off" };
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(yes); i++) {
		if (equals_nocase(s, yes[i])) {
			*out = 1;
			return 0;
		}
		if (equals_nocase(s, no[i])) {
			*out = 0;
			return 0;
		}
	}
	return -EINVAL;
}

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

/*
 * Read the digits of an unsigned number at @s: decimal, or hexadecimal
 * after 0x. Sets *@end after the digits and *@overflow if the number does
 * not fit 64 bits. Returns -EINVAL if there are no digits.
 */
static int parse_digits(const char *s, const char **end, uint64_t *out,
			int *overflow)
{
	unsigned int base = 10, d;
	const char *start;
	uint64_t v = 0;

	*overflow = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (start = s; (d = digit_value(*s)) < base; s++) {
		if (v > (UINT64_MAX - d) / base)
			*overflow = 1;
		else
			v = v * base + d;
	}
	if (s == start)
		return -EINVAL;
	*end = s;
	*out = v;
	return 0;
}

/* An optionally signed number in [@min, @max]: 0, -EINVAL or -ERANGE. */
static int parse_signed(const char *s, int64_t min, int64_t max,
			int64_t *out)
{
	const char *end;
	uint64_t mag;
	int neg = 0, overflow;

	if (*s == '-' || *s == '+')
		neg = (*s++ == '-');
	if (parse_digits(s, &end, &mag, &overflow) < 0 || *end != '\0')
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	if (neg) {
		/* -(min + 1) + 1 is |min| without overflowing */
		if (mag > (uint64_t)-(min + 1) + 1)
			return -ERANGE;
		*out = mag ? -(int64_t)(mag - 1) - 1 : 0;
	} else {
		if (mag > (uint64_t)max)
			return -ERANGE;
		*out = (int64_t)mag;
	}
	return 0;
}

/*
 * A number in [0, @max], optionally with a '+'; with @suffixes also
 * followed by one of K, M, G, T (powers of 1024). 0, -EINVAL or -ERANGE.
 */
static int parse_unsigned(const char *s, uint64_t max, int suffixes,
			  uint64_t *out)
{
	static const char units[] = "kmgt";
	const char *end, *unit;
	unsigned int shift = 0;
	uint64_t v;
	int overflow;

	if (*s == '+')
		s++;
	if (parse_digits(s, &end, &v, &overflow) < 0)
		return -EINVAL;
	if (suffixes && *end != '\0') {
		unit = strchr(units, lower(*end));
		if (!unit)
			return -EINVAL;
		shift = 10 * (unsigned int)(unit - units + 1);
		end++;
	}
	if (*end != '\0')
		return -EINVAL;
	if (overflow || v > (max >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

/* Limits of a numeric parameter type; signed types set *@is_signed. */
static void type_limits(enum uk_libparam_type type, int *is_signed,
			int64_t *min, uint64_t *max)
{
	*is_signed = 1;
	*min = 0;
	switch (type) {
	case UK_LIBPARAM_INT:
		*min = INT_MIN;
		*max = INT_MAX;
		break;
	case UK_LIBPARAM_LONG:
		*min = LONG_MIN;
		*max = LONG_MAX;
		break;
	case UK_LIBPARAM_S64:
		*min = INT64_MIN;
		*max = INT64_MAX;
		break;
	case UK_LIBPARAM_UINT:
		*is_signed = 0;
		*max = UINT_MAX;
		break;
	case UK_LIBPARAM_ULONG:
		*is_signed = 0;
		*max = ULONG_MAX;
		break;
	case UK_LIBPARAM_SIZE:
		*is_signed = 0;
		*max = SIZE_MAX;
		break;
	default: /* UK_LIBPARAM_U64 */
		*is_signed = 0;
		*max = UINT64_MAX;
		break;
	}
}

/* What a valid value of @p looks like, for error messages. */
static void describe_expected(const struct uk_libparam *p, char *buf,
			      size_t len)
{
	int is_signed;
	int64_t min;
	uint64_t max;

	if (p->type == UK_LIBPARAM_BOOL) {
		snprintf(buf, len, "1/0, y/n, yes/no, true/false or on/off");
		return;
	}
	type_limits(p->type, &is_signed, &min, &max);
	if (is_signed)
		snprintf(buf, len, "a decimal or 0x number from %lld to %lld",
			 (long long)min, (long long)max);
	else if (p->type == UK_LIBPARAM_SIZE)
		snprintf(buf, len,
			 "a number of bytes up to %llu, optionally with a K, M, G or T suffix",
			 (unsigned long long)max);
	else
		snprintf(buf, len, "a decimal or 0x number from 0 to %llu",
			 (unsigned long long)max);
}

/* Store @v in the numeric variable of @p (already range checked). */
static void store_number(const struct uk_libparam *p, uint64_t v)
{
	switch (p->type) {
	case UK_LIBPARAM_INT:
		*(int *)p->addr = (int)(int64_t)v;
		break;
	case UK_LIBPARAM_UINT:
		*(unsigned int *)p->addr = (unsigned int)v;
		break;
	case UK_LIBPARAM_LONG:
		*(long *)p->addr = (long)(int64_t)v;
		break;
	case UK_LIBPARAM_ULONG:
		*(unsigned long *)p->addr = (unsigned long)v;
		break;
	case UK_LIBPARAM_S64:
		*(int64_t *)p->addr = (int64_t)v;
		break;
	case UK_LIBPARAM_U64:
		*(uint64_t *)p->addr = v;
		break;
	case UK_LIBPARAM_SIZE:
		*(size_t *)p->addr = (size_t)v;
		break;
	default:
		break;
	}
}

/* Parse @value for @p and set the variable. 0, -EINVAL or -ERANGE. */
static int set_value(const struct uk_libparam *p, char *value)
{
	int is_signed, ret;
	int64_t min, sv;
	uint64_t max, uv;
	_Bool b;

	switch (p->type) {
	case UK_LIBPARAM_BOOL:
		ret = parse_bool(value, &b);
		if (ret == 0)
			*(_Bool *)p->addr = b;
		return ret;
	case UK_LIBPARAM_CHARP:
		*(char **)p->addr = value;
		return 0;
	case UK_LIBPARAM_INT:
	case UK_LIBPARAM_UINT:
	case UK_LIBPARAM_LONG:
	case UK_LIBPARAM_ULONG:
	case UK_LIBPARAM_S64:
	case UK_LIBPARAM_U64:
	case UK_LIBPARAM_SIZE:
		break;
	default:
		return -ENOTSUP;
	}

	type_limits(p->type, &is_signed, &min, &max);
	if (is_signed) {
		ret = parse_signed(value, min, (int64_t)max, &sv);
		uv = (uint64_t)sv;
	} else {
		ret = parse_unsigned(value, max, p->type == UK_LIBPARAM_SIZE,
				     &uv);
	}
	if (ret == 0)
		store_number(p, uv);
	return ret;
}

/* Append @s to the list in @buf (holding @used bytes); 0 if it fit. */
static int list_append(char *buf, size_t *used, const char *s)
{
	size_t n = strlen(s), sep = *used ? 2 : 0;

	if (*used + sep + n >= KNOWN_LIST_LEN - 5) /* room for ", ..." */
		return -1;
	if (sep)
		memcpy(buf + *used, ", ", sep);
	memcpy(buf + *used + sep, s, n + 1);
	*used += sep + n;
	return 0;
}

/*
 * Report the unknown parameter @name (@len bytes, containing a '.'),
 * listing the parameters of the same library or, if it has none, all.
 */
static void report_unknown(const char *name, size_t len)
{
	const struct uk_libparam *p;
	char list[KNOWN_LIST_LEN];
	size_t lib_len = (size_t)(strchr(name, '.') - name) + 1;
	size_t used = 0;
	int same_lib = 0, full = 0;

	uk_libparam_foreach(p) {
		if (strncmp(p->name, name, lib_len) == 0) {
			same_lib = 1;
			break;
		}
	}
	list[0] = '\0';
	uk_libparam_foreach(p) {
		if (same_lib && strncmp(p->name, name, lib_len) != 0)
			continue;
		if (list_append(list, &used, p->name) < 0) {
			full = 1;
			break;
		}
	}
	if (full)
		memcpy(list + used, ", ...", 6);

	if (same_lib)
		uk_pr_err("unknown parameter '%.*s' (%.*s declares: %s)",
			  (int)len, name, (int)(lib_len - 1), name, list);
	else if (used)
		uk_pr_err("unknown parameter '%.*s' (no library declares it; known: %s)",
			  (int)len, name, list);
	else
		uk_pr_err("unknown parameter '%.*s' (no library declares any parameter)",
			  (int)len, name);
}

/* Handle one word; returns 0 or a negative errno after reporting it. */
static int parse_word(char *word)
{
	const struct uk_libparam *p;
	char expected[96];
	char *eq, *dot;
	size_t len;
	int ret;

	eq = strchr(word, '=');
	if (!eq && find_n(word, strlen(word))) {
		uk_pr_err("'%s' has no value (expected %s=value)", word, word);
		return -EINVAL;
	}
	len = eq ? (size_t)(eq - word) : 0;
	dot = len ? memchr(word, '.', len) : NULL;
	if (!dot || dot == word || dot == eq - 1) {
		uk_pr_err("'%s' is not a library parameter (expected library.parameter=value)",
			  word);
		return -EINVAL;
	}

	p = find_n(word, len);
	if (!p) {
		report_unknown(word, len);
		return -EINVAL;
	}

	ret = set_value(p, eq + 1);
	if (ret == 0)
		return 0;
	describe_expected(p, expected, sizeof(expected));
	if (ret == -ERANGE)
		uk_pr_err("'%s': out of range for %s %s (expected %s)", word,
			  uk_libparam_type_name(p->type), p->name, expected);
	else
		uk_pr_err("'%s': not a valid %s for %s (expected %s)", word,
			  uk_libparam_type_name(p->type), p->name, expected);
	return -EINVAL;
}

int uk_libparam_parse(int argc, char *argv[])
{
	int i, failed = 0;

	if (argc < 0 || (argc > 0 && !argv))
		return -EINVAL;

	for (i = 0; i < argc; i++) {
		if (argv[i] && parse_word(argv[i]) < 0)
			failed++;
	}
	return failed ? -EINVAL : 0;
}

int uk_libparam_value_str(const struct uk_libparam *p, char *buf,
			  size_t len)
{
	const char *s;

	if (!p)
		return -EINVAL;
	switch (p->type) {
	case UK_LIBPARAM_BOOL:
		return snprintf(buf, len, "%s",
				*(const _Bool *)p->addr ? "true" : "false");
	case UK_LIBPARAM_INT:
		return snprintf(buf, len, "%d", *(const int *)p->addr);
	case UK_LIBPARAM_UINT:
		return snprintf(buf, len, "%u", *(const unsigned int *)p->addr);
	case UK_LIBPARAM_LONG:
		return snprintf(buf, len, "%ld", *(const long *)p->addr);
	case UK_LIBPARAM_ULONG:
		return snprintf(buf, len, "%lu",
				*(const unsigned long *)p->addr);
	case UK_LIBPARAM_S64:
		return snprintf(buf, len, "%lld",
				(long long)*(const int64_t *)p->addr);
	case UK_LIBPARAM_U64:
		return snprintf(buf, len, "%llu",
				(unsigned long long)*(const uint64_t *)p->addr);
	case UK_LIBPARAM_SIZE:
		return snprintf(buf, len, "%zu", *(const size_t *)p->addr);
	case UK_LIBPARAM_CHARP:
		s = *(const char *const *)p->addr;
		if (!s)
			return snprintf(buf, len, "(unset)");
		return snprintf(buf, len, "\"%s\"", s);
	default:
		return -ENOTSUP;
	}
}

/* Listing is asked for explicitly: print whatever the message level. */
#define print_always(...)						\
	uk_printk(UK_PRINT_INFO, UK_LIBNAME_STR, __FILE__, __LINE__,	\
		  __VA_ARGS__)

void uk_libparam_list(void)
{
	const struct uk_libparam *p;
	char value[64];
	int n = 0;

	uk_libparam_foreach(p) {
		if (uk_libparam_value_str(p, value, sizeof(value)) < 0)
			value[0] = '\0';
		print_always("%s (%s) = %s%s%s", p->name,
			     uk_libparam_type_name(p->type), value,
			     p->desc ? ": " : "", p->desc ? p->desc : "");
		n++;
	}
	if (!n)
		print_always("no library parameters");
}
