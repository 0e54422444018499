/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: the printf family writing to memory (snprintf, asprintf, ...). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stdio_impl.h"

/* A memory sink: keeps what fits, the formatter counts the rest. */
struct buf_sink {
	char *buf;
	size_t room;	/* bytes that still fit, not counting the NUL */
};

static int buf_write(struct nolibc_out *out, const char *s, size_t len)
{
	struct buf_sink *b = out->priv;
	size_t n = len < b->room ? len : b->room;

	memcpy(b->buf, s, n);
	b->buf += n;
	b->room -= n;
	return 0;
}

int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	      va_list ap)
{
	char dummy;
	struct buf_sink b;
	struct nolibc_out out = { .write = buf_write, .priv = &b };
	int ret;

	if (size == 0) {
		buf = &dummy;
		size = 1;
	}
	b.buf = buf;
	b.room = size - 1;
	ret = __nolibc_vformat(&out, fmt, ap);
	*b.buf = '\0';
	return ret;
}

int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt,
	     ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}

int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap)
{
	/* No bound is known: allow up to the end of the address space. */
	return vsnprintf(buf, SIZE_MAX - (uintptr_t)buf, fmt, ap);
}

int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsprintf(buf, fmt, ap);
	va_end(ap);
	return ret;
}

int vasprintf(char **strp, const char *fmt, va_list ap)
{
	va_list aq;
	int len;
	char *s;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return -1;
	s = malloc((size_t)len + 1);
	if (!s)
		return -1;
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	*strp = s;
	return len;
}

int asprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(strp, fmt, ap);
	va_end(ap);
	return ret;
}
