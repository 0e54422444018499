/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklibparam: library parameters, set on the kernel command line as
 * "library.parameter=value" (before the "--" that starts the application's
 * arguments).
 *
 * A library declares a parameter next to the variable that holds it:
 *
 *	static unsigned long heap_mb = 64;
 *	UK_LIBPARAM_PARAM(heap_mb, ulong);
 *
 * In a file of library "linuxu" this registers "linuxu.heap_mb"; the
 * library name comes from UK_LIBNAME, which the build system defines for
 * every source file (-DUK_LIBNAME=<component>). The variable keeps its
 * initial value unless the command line sets it; the boot code calls
 * uk_libparam_parse() on the kernel arguments before the init tables run.
 *
 * Types and the C type the variable must have (checked at build time):
 *	bool	_Bool (bool)	1/0, y/n, yes/no, true/false, on/off
 *	int	int		decimal or 0x hexadecimal, with optional sign
 *	uint	unsigned int	as int, no minus sign
 *	long	long
 *	ulong	unsigned long
 *	s64	int64_t
 *	u64	uint64_t
 *	size	size_t		as uint, with an optional K, M, G or T suffix
 *				(binary: 64M = 64 MiB)
 *	charp	char * or const char *	the text after '=', in place in the
 *				command line (may be empty)
 * Letters in bool values and suffixes may be upper or lower case. A number
 * with a leading 0 is still decimal (010 = 10).
 */
#ifndef __UK_LIBPARAM_H__
#define __UK_LIBPARAM_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>

enum uk_libparam_type {
	UK_LIBPARAM_BOOL,
	UK_LIBPARAM_INT,
	UK_LIBPARAM_UINT,
	UK_LIBPARAM_LONG,
	UK_LIBPARAM_ULONG,
	UK_LIBPARAM_S64,
	UK_LIBPARAM_U64,
	UK_LIBPARAM_SIZE,
	UK_LIBPARAM_CHARP,
};

/*
 * One parameter, placed in the ".uk_libparam" linker section by the
 * UK_LIBPARAM_PARAM* macros. The descriptors form an array from
 * __uk_libparam_start to __uk_libparam_end (provided by the linker
 * script); their alignment makes sizeof a multiple of 8, so there are no
 * holes between them.
 */
struct uk_libparam {
	const char *name;		/* "library.parameter" */
	const char *desc;		/* one line for listings, or NULL */
	void *addr;			/* the variable */
	enum uk_libparam_type type;
	unsigned int size;		/* sizeof the variable */
} __aligned(8);

extern const struct uk_libparam __uk_libparam_start[];
extern const struct uk_libparam __uk_libparam_end[];

#define uk_libparam_foreach(p)						\
	for ((p) = __uk_libparam_start; (p) < __uk_libparam_end; (p)++)

/* Internal: C type(s) accepted and enum value, by type token. */
#define __UK_LIBPARAM_CT_bool		_Bool
#define __UK_LIBPARAM_CT_int		int
#define __UK_LIBPARAM_CT_uint		unsigned int
#define __UK_LIBPARAM_CT_long		long
#define __UK_LIBPARAM_CT_ulong		unsigned long
#define __UK_LIBPARAM_CT_s64		int64_t
#define __UK_LIBPARAM_CT_u64		uint64_t
#define __UK_LIBPARAM_CT_size		size_t
#define __UK_LIBPARAM_CT_charp		char *
#define __UK_LIBPARAM_CT2_bool		_Bool
#define __UK_LIBPARAM_CT2_int		int
#define __UK_LIBPARAM_CT2_uint		unsigned int
#define __UK_LIBPARAM_CT2_long		long
#define __UK_LIBPARAM_CT2_ulong		unsigned long
#define __UK_LIBPARAM_CT2_s64		int64_t
#define __UK_LIBPARAM_CT2_u64		uint64_t
#define __UK_LIBPARAM_CT2_size		size_t
#define __UK_LIBPARAM_CT2_charp		const char *
#define __UK_LIBPARAM_ID_bool		UK_LIBPARAM_BOOL
#define __UK_LIBPARAM_ID_int		UK_LIBPARAM_INT
#define __UK_LIBPARAM_ID_uint		UK_LIBPARAM_UINT
#define __UK_LIBPARAM_ID_long		UK_LIBPARAM_LONG
#define __UK_LIBPARAM_ID_ulong		UK_LIBPARAM_ULONG
#define __UK_LIBPARAM_ID_s64		UK_LIBPARAM_S64
#define __UK_LIBPARAM_ID_u64		UK_LIBPARAM_U64
#define __UK_LIBPARAM_ID_size		UK_LIBPARAM_SIZE
#define __UK_LIBPARAM_ID_charp		UK_LIBPARAM_CHARP

/*
 * Without UK_LIBNAME the prefix is an undeclared identifier, so using a
 * registration macro fails to build with this name in the message.
 */
#ifdef UK_LIBNAME
#define __UK_LIBPARAM_PREFIX	UK_STRINGIFY(UK_LIBNAME) "."
#else
#define __UK_LIBPARAM_PREFIX	__uk_libparam_needs_UK_LIBNAME_defined
#endif

/*
 * The type tokens are pasted at the outermost macro level, where a "bool"
 * from <stdbool.h> has not been expanded to _Bool yet. The check compares
 * pointer types because __builtin_types_compatible_p() ignores top-level
 * qualifiers: this way a const variable is refused too.
 */
#define __UK_LIBPARAM_REGISTER(var, pname, tname, ct, ct2, id, desc_)	\
	_Static_assert(__builtin_types_compatible_p(__typeof__(&(var)),	\
						    ct *) ||		\
		       __builtin_types_compatible_p(__typeof__(&(var)),	\
						    ct2 *),		\
		       "library parameter " #var " is not a writable " tname); \
	static const struct uk_libparam UK_UNIQUE(__uk_libparam_)	\
	__used __section(".uk_libparam") __aligned(8) = {		\
		.name = __UK_LIBPARAM_PREFIX pname,			\
		.desc = desc_,						\
		.addr = &(var),						\
		.type = id,						\
		.size = sizeof(var),					\
	}

/* Register @var as "<UK_LIBNAME>.<var>", described by @desc (or NULL). */
#define UK_LIBPARAM_PARAM_DESC(var, type, desc)				\
	__UK_LIBPARAM_REGISTER(var, #var, #type, __UK_LIBPARAM_CT_##type, \
			       __UK_LIBPARAM_CT2_##type,		\
			       __UK_LIBPARAM_ID_##type, desc)

/* Register @var as "<UK_LIBNAME>.<var>". */
#define UK_LIBPARAM_PARAM(var, type)					\
	__UK_LIBPARAM_REGISTER(var, #var, #type, __UK_LIBPARAM_CT_##type, \
			       __UK_LIBPARAM_CT2_##type,		\
			       __UK_LIBPARAM_ID_##type, NULL)

/* Register @var as "<UK_LIBNAME>.<name>"; @name is a string literal. */
#define UK_LIBPARAM_PARAM_ALIAS(var, type, name)			\
	__UK_LIBPARAM_REGISTER(var, name, #type, __UK_LIBPARAM_CT_##type, \
			       __UK_LIBPARAM_CT2_##type,		\
			       __UK_LIBPARAM_ID_##type, NULL)

#define UK_LIBPARAM_PARAM_ALIAS_DESC(var, type, name, desc)		\
	__UK_LIBPARAM_REGISTER(var, name, #type, __UK_LIBPARAM_CT_##type, \
			       __UK_LIBPARAM_CT2_##type,		\
			       __UK_LIBPARAM_ID_##type, desc)

/*
 * Set the parameters named by @argc words "library.parameter=value" of
 * @argv (the kernel arguments, see uk_argparse_split()). Every word is
 * checked and every problem reported with uk_pr_err: a word that is not of
 * the form library.parameter=value, a parameter no library declares, a
 * value that is not valid for the parameter's type or out of its range. A
 * variable is set only from a fully valid value; the other words still
 * take effect. charp variables point into the words, which must stay
 * alive. If a parameter is given twice, the last valid value wins.
 *
 * Returns 0, or -EINVAL if any word was rejected.
 */
int uk_libparam_parse(int argc, char *argv[]);

/* The parameter called exactly @name ("library.parameter"), or NULL. */
const struct uk_libparam *uk_libparam_find(const char *name);

/* "bool", "int", ... as written in UK_LIBPARAM_PARAM, or "?". */
const char *uk_libparam_type_name(enum uk_libparam_type type);

/*
 * Write the current value of @p into @buf (at most @len bytes with the
 * terminating '\0', like snprintf). Returns the length the full text
 * needs, like snprintf, or a negative errno.
 */
int uk_libparam_value_str(const struct uk_libparam *p, char *buf,
			  size_t len);

/*
 * Print one line per parameter: name, type, current value, description.
 * Printed at info level whatever the configured message level, since it
 * is asked for explicitly (e.g. for a "help" word on the command line).
 */
void uk_libparam_list(void);

#endif /* __UK_LIBPARAM_H__ */
