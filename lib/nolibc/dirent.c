/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: directory streams (opendir, readdir, scandir...) over the
 * getdents64 call of vfscore. Built only when vfscore is selected.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DIR_BUFSZ 4096

struct __nolibc_dir {
	int fd;
	size_t pos;	/* next record in buf */
	size_t len;	/* bytes of records in buf */
	char buf[DIR_BUFSZ];
};

DIR *fdopendir(int fd)
{
	DIR *d;

	if (fcntl(fd, F_GETFD) < 0)
		return NULL;
	d = malloc(sizeof(*d));
	if (!d) {
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	d->pos = 0;
	d->len = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *de;

	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;	/* errno set on error, kept at end */
		d->len = (size_t)n;
		d->pos = 0;
	}
	de = (struct dirent *)(d->buf + d->pos);
	d->pos += de->d_reclen;
	return de;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = 0;
	d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **))
{
	struct dirent **v = NULL, *de;
	size_t n = 0, cap = 0;
	DIR *d = opendir(path);

	if (!d)
		return -1;
	errno = 0;
	while ((de = readdir(d))) {
		struct dirent *copy;

		if (filter && !filter(de))
			continue;
		if (n == cap) {
			struct dirent **nv;

			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				goto fail;
			v = nv;
		}
		copy = malloc(sizeof(*copy));
		if (!copy)
			goto fail;
		memcpy(copy, de, de->d_reclen < sizeof(*copy) ?
		       de->d_reclen : sizeof(*copy));
		v[n++] = copy;
	}
	closedir(d);
	if (compar)
		qsort(v, n, sizeof(*v),
		      (int (*)(const void *, const void *))compar);
	*list = v;
	return (int)n;
fail:
	while (n)
		free(v[--n]);
	free(v);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
