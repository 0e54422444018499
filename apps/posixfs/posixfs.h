/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixfs: the harness shared by the conformance cases (cases.c) and the
 * driver (main.c). Every case prints one line, "case N NAME: OUTCOME", where
 * OUTCOME is a return value, "ok", "-1 ENAME" or a value the case computed;
 * nothing in it depends on the host (no inode numbers, times or paths).
 */
#ifndef POSIXFS_H
#define POSIXFS_H

#include <errno.h>
#include <stddef.h>

/* Parameters from the command line (see main.c). */
extern long pfs_big_mib;	/* size of the big file in MiB */
extern long pfs_nfiles;		/* files in the big directory */

/* Prints "case N NAME: -1 ENAME" when @r < 0, else the value of @r. */
void pfs_rc(const char *name, long r);
/* Prints "case N NAME: -1 ENAME" when @r < 0, else "ok". */
void pfs_ok(const char *name, long r);
/* Prints "case N NAME: " and the formatted text. */
void pfs_val(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The symbolic name of an errno value ("EEXIST"), or "E<number>". */
const char *pfs_errname(int e);

/* Removes @path and everything below it; ignores errors. */
void pfs_rmtree(const char *path);
/* Writes a sorted "name:type ..." listing of @dir into @buf. */
void pfs_listing(const char *dir, char *buf, size_t len);
/* Creates a regular file @path holding the string @text. */
int pfs_mkfile(const char *path, const char *text);

/* Errno is cleared before each case so stale values never show. */
#define PFS_RC(name, expr)					\
	do {							\
		errno = 0;					\
		pfs_rc(name, (long)(expr));			\
	} while (0)
#define PFS_OK(name, expr)					\
	do {							\
		errno = 0;					\
		pfs_ok(name, (long)(expr));			\
	} while (0)

/* The groups of cases, in the order main() runs them. */
void pfs_cases_paths(void);
void pfs_cases_fds(void);
void pfs_cases_io(void);
void pfs_cases_dirs(void);
void pfs_cases_pipes(void);
void pfs_cases_limits(void);
void pfs_cases_big(void);

#endif /* POSIXFS_H */
