/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the console streams. stdout is line-buffered, stderr unbuffered,
 * both write through ukplat_coutk(); stdin polls ukplat_cink(). With
 * vfscore they go through descriptors 0, 1 and 2 instead (so dup2() can
 * redirect them), and stdio_file.c adds streams on files.
 */
#include <errno.h>
#include <string.h>
#include <uk/plat/console.h>
#if CONFIG_LIBVFSCORE
#include <unistd.h>
#endif
#include "stdio_impl.h"

static char stdout_buf[NOLIBC_STDOUT_BUFSZ];

static struct __nolibc_file files[3] = {
	{ .fd = 0, .mode = _IONBF, .ungot = EOF },
	{ .fd = 1, .mode = _IOLBF, .ungot = EOF, .wbuf = stdout_buf,
	  .wsize = sizeof(stdout_buf) },
	{ .fd = 2, .mode = _IONBF, .ungot = EOF },
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

/* Hands @len bytes to the console. Returns 0 or EOF. */
static int console_write(FILE *f, const char *buf, size_t len)
{
	while (len) {
#if CONFIG_LIBVFSCORE
		ssize_t n = write(f->fd, buf, len);

		if (n < 0) {
			f->flags |= NOLIBC_FILE_ERR;
			return EOF;
		}
#else
		int n = ukplat_coutk(buf, len);
#endif

		if (n <= 0) {
			f->flags |= NOLIBC_FILE_ERR;
			errno = EIO;
			return EOF;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int flush_buf(FILE *f)
{
	size_t n = f->wlen;

	f->wlen = 0;
	return n ? console_write(f, f->wbuf, n) : 0;
}

int __nolibc_file_write(FILE *f, const char *buf, size_t len)
{
	const char *nl;

	if (f == stdin || (f->perm && !(f->perm & NOLIBC_FILE_WR))) {
		f->flags |= NOLIBC_FILE_ERR;
		errno = EBADF;
		return EOF;
	}
#if CONFIG_LIBVFSCORE
	if (f->rlen)
		__nolibc_file_unread(f);
#endif
	if (f->mode == _IONBF || !f->wbuf)
		return console_write(f, buf, len);
	/* Line-buffered: everything up to the last newline goes out now. */
	nl = f->mode == _IOLBF ? memrchr(buf, '\n', len) : NULL;
	if (nl) {
		size_t head = (size_t)(nl - buf) + 1;

		if (f->wlen + head <= f->wsize) {
			memcpy(f->wbuf + f->wlen, buf, head);
			f->wlen += head;
			if (flush_buf(f))
				return EOF;
		} else if (flush_buf(f) || console_write(f, buf, head)) {
			return EOF;
		}
		buf += head;
		len -= head;
	}
	if (f->wlen + len > f->wsize && flush_buf(f))
		return EOF;
	if (len > f->wsize)
		return console_write(f, buf, len);
	memcpy(f->wbuf + f->wlen, buf, len);
	f->wlen += len;
	return 0;
}

int fflush(FILE *f)
{
	if (!f) {
		__nolibc_stdio_flush_all();
		return 0;
	}
	return f->wbuf ? flush_buf(f) : 0;
}

void __nolibc_stdio_flush_all(void)
{
	fflush(stdout);
	fflush(stderr);
#if CONFIG_LIBVFSCORE
	__nolibc_file_flush_all();
#endif
}

int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size)
{
	/* Only the mode can change; the buffer is a fixed internal one. */
	(void)buf;
	(void)size;
	if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF)
		return -1;
	if (f->wbuf)
		flush_buf(f);
	f->mode = mode;
	return 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __nolibc_file_write(f, &ch, 1) ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *__restrict s, FILE *__restrict f)
{
	return __nolibc_file_write(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

size_t fwrite(const void *__restrict ptr, size_t size, size_t nmemb,
	      FILE *__restrict f)
{
	if (!size || !nmemb)
		return 0;
	if (__nolibc_file_write(f, ptr, size * nmemb))
		return 0;
	return nmemb;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s) {
		fputs(s, stderr);
		fputs(": ", stderr);
	}
	fputs(msg, stderr);
	fputc('\n', stderr);
}

static int file_out_write(struct nolibc_out *out, const char *s, size_t len)
{
	return __nolibc_file_write(out->priv, s, len) ? -1 : 0;
}

int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	struct nolibc_out out = { .write = file_out_write, .priv = f };

	return __nolibc_vformat(&out, fmt, ap);
}

int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(f, fmt, ap);
	va_end(ap);
	return ret;
}

int vprintf(const char *__restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *__restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return ret;
}

/* ---- input ---- */

int fgetc(FILE *f)
{
	char c;
	int n;

	if (f->ungot != EOF) {
		c = (char)f->ungot;
		f->ungot = EOF;
		return (unsigned char)c;
	}
#if CONFIG_LIBVFSCORE
	if (f->perm)
		return __nolibc_file_getc(f);
#endif
	if (f != stdin) {
		f->flags |= NOLIBC_FILE_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->flags & NOLIBC_FILE_EOF)
		return EOF;
	/* A prompt written without a newline should show before we wait. */
	fflush(stdout);
#if CONFIG_LIBVFSCORE
	/* Through descriptor 0, wherever dup2() pointed it. */
	n = (int)read(0, &c, 1);
	if (n < 0) {
		f->flags |= NOLIBC_FILE_ERR;
		return EOF;
	}
	if (n == 0)
		n = -1;
#else
	/* The console does not block: poll until a byte or end of input. */
	while ((n = ukplat_cink(&c, 1)) == 0)
		;
#endif
	if (n < 0) {
		f->flags |= NOLIBC_FILE_EOF;
		return EOF;
	}
	return (unsigned char)c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->ungot != EOF)
		return EOF;
	f->ungot = (unsigned char)c;
	f->flags &= ~NOLIBC_FILE_EOF;
	return (unsigned char)c;
}

char *fgets(char *__restrict s, int size, FILE *__restrict f)
{
	int i = 0, c;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && size > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

size_t fread(void *__restrict ptr, size_t size, size_t nmemb,
	     FILE *__restrict f)
{
	unsigned char *p = ptr;
	size_t total, i;
	int c;

	if (!size || !nmemb)
		return 0;
	total = size * nmemb;
	for (i = 0; i < total; i++) {
		c = fgetc(f);
		if (c == EOF)
			break;
		p[i] = (unsigned char)c;
	}
	return i / size;
}

int feof(FILE *f)
{
	return (f->flags & NOLIBC_FILE_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & NOLIBC_FILE_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(NOLIBC_FILE_EOF | NOLIBC_FILE_ERR);
}

int fileno(FILE *f)
{
	return f->fd;
}
