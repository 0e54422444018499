/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: streams on files (fopen, fdopen, fclose, fseek, ftell), over
 * vfscore's descriptors. Fully buffered in both directions; a write or
 * seek drops read-ahead, a read or seek flushes pending output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

static FILE *files;

/* Parses an fopen() mode: open(2) flags and stream permissions. */
static int parse_mode(const char *mode, int *flags, int *perm)
{
	const char *m;

	switch (mode[0]) {
	case 'r':
		*flags = O_RDONLY;
		*perm = NOLIBC_FILE_RD;
		break;
	case 'w':
		*flags = O_WRONLY | O_CREAT | O_TRUNC;
		*perm = NOLIBC_FILE_WR;
		break;
	case 'a':
		*flags = O_WRONLY | O_CREAT | O_APPEND;
		*perm = NOLIBC_FILE_WR;
		break;
	default:
		return -1;
	}
	for (m = mode + 1; *m; m++) {
		switch (*m) {
		case '+':
			*flags = (*flags & ~O_ACCMODE) | O_RDWR;
			*perm = NOLIBC_FILE_RD | NOLIBC_FILE_WR;
			break;
		case 'x':
			*flags |= O_EXCL;
			break;
		case 'e':
			*flags |= O_CLOEXEC;
			break;
		case 'b':
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static FILE *stream_new(int fd, int perm)
{
	FILE *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->wbuf = malloc(BUFSIZ);
	f->rbuf = malloc(BUFSIZ);
	if (!f->wbuf || !f->rbuf) {
		free(f->wbuf);
		free(f->rbuf);
		free(f);
		return NULL;
	}
	f->fd = fd;
	f->mode = _IOFBF;
	f->ungot = EOF;
	f->wsize = BUFSIZ;
	f->rsize = BUFSIZ;
	f->perm = perm;
	f->next = files;
	files = f;
	return f;
}

FILE *fopen(const char *__restrict path, const char *__restrict mode)
{
	int flags, perm, fd;
	FILE *f;

	if (parse_mode(mode, &flags, &perm)) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	f = stream_new(fd, perm);
	if (!f) {
		close(fd);
		errno = ENOMEM;
	}
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int flags, perm, fl;
	FILE *f;

	if (parse_mode(mode, &flags, &perm)) {
		errno = EINVAL;
		return NULL;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return NULL;
	if (((perm & NOLIBC_FILE_RD) && (fl & O_ACCMODE) == O_WRONLY) ||
	    ((perm & NOLIBC_FILE_WR) && (fl & O_ACCMODE) == O_RDONLY)) {
		errno = EINVAL;
		return NULL;
	}
	if (flags & O_APPEND)
		fcntl(fd, F_SETFL, fl | O_APPEND);
	f = stream_new(fd, perm);
	if (!f)
		errno = ENOMEM;
	return f;
}

int fclose(FILE *f)
{
	FILE **pp;
	int r;

	if (f == stdin || f == stdout || f == stderr) {
		fflush(f);
		return close(f->fd) ? EOF : 0;
	}
	r = fflush(f) ? EOF : 0;
	if (close(f->fd))
		r = EOF;
	for (pp = &files; *pp; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	free(f->wbuf);
	free(f->rbuf);
	free(f);
	return r;
}

void __nolibc_file_unread(FILE *f)
{
	if (f->rpos < f->rlen)
		lseek(f->fd, -(off_t)(f->rlen - f->rpos), SEEK_CUR);
	f->rpos = 0;
	f->rlen = 0;
}

int __nolibc_file_getc(FILE *f)
{
	ssize_t n;

	if (!(f->perm & NOLIBC_FILE_RD)) {
		f->flags |= NOLIBC_FILE_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->rpos == f->rlen) {
		if (f->wlen && fflush(f))
			return EOF;
		n = read(f->fd, f->rbuf, f->rsize);
		if (n <= 0) {
			f->flags |= n ? NOLIBC_FILE_ERR : NOLIBC_FILE_EOF;
			return EOF;
		}
		f->rpos = 0;
		f->rlen = (size_t)n;
	}
	return (unsigned char)f->rbuf[f->rpos++];
}

void __nolibc_file_flush_all(void)
{
	FILE *f;

	for (f = files; f; f = f->next)
		fflush(f);
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (fflush(f))
		return -1;
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);
	f->rpos = 0;
	f->rlen = 0;
	f->ungot = EOF;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~NOLIBC_FILE_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rlen - f->rpos) + (off_t)f->wlen -
	       (f->ungot != EOF);
}

long ftell(FILE *f)
{
	return (long)ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~NOLIBC_FILE_ERR;
}
