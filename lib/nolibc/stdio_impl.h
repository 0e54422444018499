/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: private stream layout and the formatter's output interface. */
#ifndef __NOLIBC_STDIO_IMPL_H__
#define __NOLIBC_STDIO_IMPL_H__

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define NOLIBC_FILE_EOF	0x1
#define NOLIBC_FILE_ERR	0x2

/* Size of the stdout line buffer. */
#define NOLIBC_STDOUT_BUFSZ 256

struct __nolibc_file {
	int fd;		/* 0 stdin, 1 stdout, 2 stderr */
	int mode;	/* _IONBF, _IOLBF or _IOFBF */
	int flags;	/* NOLIBC_FILE_* */
	int ungot;	/* pushed-back byte, or EOF */
	size_t wlen;	/* bytes waiting in wbuf */
	char *wbuf;
	size_t wsize;
	/* Streams on files (fopen, fdopen; only with vfscore). */
	int perm;	/* NOLIBC_FILE_RD | NOLIBC_FILE_WR, 0 = console */
	char *rbuf;	/* read buffer */
	size_t rsize, rpos, rlen;
	struct __nolibc_file *next;	/* list of open file streams */
};

#define NOLIBC_FILE_RD	0x1
#define NOLIBC_FILE_WR	0x2

#if CONFIG_LIBVFSCORE
/* Reads the next byte of a file stream: the byte, or EOF. */
int __nolibc_file_getc(FILE *f);
/* Drops read-ahead before a write or seek (seeks back over it). */
void __nolibc_file_unread(FILE *f);
/* Flushes every file stream. */
void __nolibc_file_flush_all(void);
#endif

/* Writes @len bytes to @f through its buffer. Returns 0 or EOF. */
int __nolibc_file_write(FILE *f, const char *buf, size_t len);

/* Flushes every output stream (used by exit()). */
void __nolibc_stdio_flush_all(void);

/*
 * Where the formatter sends its output. @write is called with pieces of
 * the result in order; it returns 0, or -1 to stop formatting with an error.
 */
struct nolibc_out {
	int (*write)(struct nolibc_out *out, const char *buf, size_t len);
	void *priv;
};

/*
 * The printf engine: formats @fmt with @ap to @out. Returns the number of
 * bytes produced, or -1 with errno set (EOVERFLOW, ENOMEM, or a write
 * error).
 */
int __nolibc_vformat(struct nolibc_out *out, const char *fmt, va_list ap);

#endif /* __NOLIBC_STDIO_IMPL_H__ */
