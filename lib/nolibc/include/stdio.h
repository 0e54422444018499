/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: console streams, the printf and scanf families (C11 7.21). */
#ifndef __NOLIBC_STDIO_H__
#define __NOLIBC_STDIO_H__

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF		(-1)
#define BUFSIZ		1024
#define FILENAME_MAX	4096
#define FOPEN_MAX	3

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define _IOFBF		0
#define _IOLBF		1
#define _IONBF		2

/* The layout of a stream is private to nolibc. */
typedef struct __nolibc_file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

#define __nolibc_printf(f, a) __attribute__((format(printf, f, a)))
#define __nolibc_scanf(f, a) __attribute__((format(scanf, f, a)))

int printf(const char *__restrict fmt, ...) __nolibc_printf(1, 2);
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
	__nolibc_printf(2, 3);
int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
	__nolibc_printf(2, 3);
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	     ...) __nolibc_printf(3, 4);
int asprintf(char **strp, const char *fmt, ...) __nolibc_printf(2, 3);
int vprintf(const char *__restrict fmt, va_list ap) __nolibc_printf(1, 0);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
	__nolibc_printf(2, 0);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap)
	__nolibc_printf(2, 0);
int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	      va_list ap) __nolibc_printf(3, 0);
int vasprintf(char **strp, const char *fmt, va_list ap) __nolibc_printf(2, 0);

int sscanf(const char *__restrict str, const char *__restrict fmt, ...)
	__nolibc_scanf(2, 3);
int vsscanf(const char *__restrict str, const char *__restrict fmt,
	    va_list ap) __nolibc_scanf(2, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
size_t fwrite(const void *__restrict ptr, size_t size, size_t nmemb,
	      FILE *__restrict f);
int fflush(FILE *f);
void perror(const char *s);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *__restrict s, int size, FILE *__restrict f);
size_t fread(void *__restrict ptr, size_t size, size_t nmemb,
	     FILE *__restrict f);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size);

/* Files (vfscore). */
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd,
	     const char *newpath);
int remove(const char *path);
FILE *fopen(const char *__restrict path, const char *__restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);

#endif /* __NOLIBC_STDIO_H__ */
