/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: extraction of cpio "newc" archives (the initrd format). Every
 * length is checked against the end of the buffer before it is used; a
 * malformed archive stops extraction with a message naming the offset
 * and the problem. Entries are created as Linux unpacks an initramfs: a
 * later entry replaces an earlier one of another type, hard links are
 * linked, and an entry that cannot be created is reported and skipped
 * (see uk_vfs_cpio_extract() in uk/vfs.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/print.h>
#include "vfs_impl.h"

#define HDR_LEN		110
#define NFIELDS		13
#define F_INO		0
#define F_MODE		1
#define F_NLINK		4
#define F_MTIME		5
#define F_FILESIZE	6
#define F_DEVMAJOR	7
#define F_DEVMINOR	8
#define F_NAMESIZE	11
#define LINK_BUCKETS	64

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

/* Parses the 8 hex digits at @p; -1 when one is not a hex digit. */
static long hex8(const char *p)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else
			return -1;
	}
	return (long)v;
}

static const char *const field_names[NFIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check"
};

static int bad(size_t off, const char *what)
{
	uk_pr_err("initrd: malformed cpio archive at offset %zu: %s\n", off,
		  what);
	return -EINVAL;
}

/*
 * The first name of each hard-linked regular file (nlink >= 2), by inode
 * and device: the later names are linked to it.
 */
struct link_rec {
	struct link_rec *next;
	unsigned long ino, major, minor;
	char name[];
};

struct links {
	struct link_rec *bucket[LINK_BUCKETS];
};

static struct link_rec **link_slot(struct links *l, const long *f)
{
	unsigned long h = (unsigned long)f[F_INO] * 31 +
			  (unsigned long)f[F_DEVMINOR];

	return &l->bucket[h % LINK_BUCKETS];
}

static const char *link_find(struct links *l, const long *f)
{
	struct link_rec *e;

	for (e = *link_slot(l, f); e; e = e->next)
		if (e->ino == (unsigned long)f[F_INO] &&
		    e->major == (unsigned long)f[F_DEVMAJOR] &&
		    e->minor == (unsigned long)f[F_DEVMINOR])
			return e->name;
	return NULL;
}

static int link_add(struct links *l, const long *f, const char *name)
{
	struct link_rec **slot = link_slot(l, f);
	size_t len = strlen(name);
	struct link_rec *e = malloc(sizeof(*e) + len + 1);

	if (!e)
		return -ENOMEM;
	e->ino = (unsigned long)f[F_INO];
	e->major = (unsigned long)f[F_DEVMAJOR];
	e->minor = (unsigned long)f[F_DEVMINOR];
	memcpy(e->name, name, len + 1);
	e->next = *slot;
	*slot = e;
	return 0;
}

static void links_free(struct links *l)
{
	for (int i = 0; i < LINK_BUCKETS; i++) {
		while (l->bucket[i]) {
			struct link_rec *e = l->bucket[i];

			l->bucket[i] = e->next;
			free(e);
		}
	}
}

/*
 * Clears @path for an entry of type @type (S_IFMT bits; 0 for "always"):
 * what an earlier entry left there is removed when its type differs. A
 * directory can only go when it is empty.
 */
static int clear_path(const char *path, mode_t type)
{
	struct stat st;
	int r = uk_vfs_lstat(path, &st);

	if (r == -ENOENT)
		return 0;
	if (r)
		return r;
	if (type && (st.st_mode & S_IFMT) == type)
		return 0;
	return S_ISDIR(st.st_mode) ? uk_vfs_rmdir(path) : uk_vfs_unlink(path);
}

/* Writes @size bytes of @data to the regular file @path, created if
 * needed, emptied first. */
static int write_file(const char *path, const char *data, size_t size)
{
	int fd, r = 0;

	fd = uk_vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
			 0600);
	if (fd < 0)
		return fd;
	while (size) {
		ssize_t n = uk_vfs_write(fd, data, size);

		if (n <= 0) {
			r = n ? (int)n : -EIO;
			break;
		}
		data += n;
		size -= (size_t)n;
	}
	uk_vfs_close(fd);
	return r;
}

static int make_symlink(const char *path, const char *data, size_t size)
{
	char *target;
	int r;

	if (size == 0 || size >= UK_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	target = malloc(size + 1);
	if (!target)
		return -ENOMEM;
	memcpy(target, data, size);
	target[size] = '\0';
	r = clear_path(path, 0);
	if (!r)
		r = uk_vfs_symlink(target, path);
	free(target);
	return r;
}

/* A regular file, or one more name of a hard-linked one. */
static int make_file(const char *path, const long *f, const char *data,
		     size_t size, struct links *links)
{
	const char *first = NULL;
	int r;

	if (f[F_NLINK] >= 2)
		first = link_find(links, f);
	if (first && !strcmp(first, path))
		return write_file(path, data, size);
	if (first) {
		r = clear_path(path, 0);
		if (!r)
			r = uk_vfs_link(first, path);
		/* The entry with the data fills the shared file. */
		if (!r && size)
			r = write_file(path, data, size);
		return r;
	}
	r = clear_path(path, S_IFREG);
	if (!r)
		r = write_file(path, data, size);
	if (!r && f[F_NLINK] >= 2)
		r = link_add(links, f, path);
	return r;
}

static int extract_one(const char *path, const long *f, const char *data,
		       size_t size, struct links *links)
{
	struct timespec ts = { .tv_sec = f[F_MTIME], .tv_nsec = 0 };
	mode_t mode = (mode_t)f[F_MODE];
	int r;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		r = clear_path(path, S_IFDIR);
		if (!r)
			r = uk_vfs_mkdir(path, 0700);
		if (r == -EEXIST)
			r = 0;
		break;
	case S_IFREG:
		r = make_file(path, f, data, size, links);
		break;
	case S_IFLNK:
		r = make_symlink(path, data, size);
		if (!r)
			uk_vfs_utimes(path, &ts);
		return r;
	default:
		uk_pr_warn("initrd: %s: skipping special file (mode %o)\n",
			   path, (unsigned int)mode);
		return 0;
	}
	if (r)
		return r;
	r = uk_vfs_chmod(path, mode & 07777);
	if (!r)
		r = uk_vfs_utimes(path, &ts);
	return r;
}

int uk_vfs_cpio_extract(const void *buf, size_t len, const char *dest)
{
	const char *a = buf;
	size_t off = 0, dlen = strlen(dest);
	struct links links = { 0 };
	char *path;
	int r = 0, nfiles = 0, first_err = 0, nfailed = 0;

	path = malloc(UK_VFS_PATH_MAX);
	if (!path)
		return -ENOMEM;
	for (;;) {
		long f[NFIELDS];
		const char *name;
		size_t namesize, filesize, data_off;
		int i;

		/* Zero padding may follow a trailer (concatenated archives). */
		if (off < len && nfiles < 0) {
			while (off < len && !a[off])
				off++;
			if (off >= len) {
				r = 0;
				break;
			}
			nfiles = 0;
		}
		if (off >= len) {
			r = bad(off, "archive ends without a TRAILER!!! entry");
			break;
		}
		if (len - off < HDR_LEN) {
			r = bad(off, "truncated header");
			break;
		}
		if (memcmp(a + off, "070701", 6) &&
		    memcmp(a + off, "070702", 6)) {
			r = bad(off, "bad magic (not a cpio newc archive; "
				"expected 070701 or 070702)");
			break;
		}
		for (i = 0; i < NFIELDS; i++) {
			f[i] = hex8(a + off + 6 + 8 * i);
			if (f[i] < 0)
				break;
		}
		if (i < NFIELDS) {
			uk_pr_err("initrd: malformed cpio archive at offset %zu: field %s is not hexadecimal\n",
				  off + 6 + 8 * (size_t)i, field_names[i]);
			r = -EINVAL;
			break;
		}
		namesize = (size_t)f[F_NAMESIZE];
		filesize = (size_t)f[F_FILESIZE];
		if (namesize == 0 || namesize > UK_VFS_PATH_MAX - dlen - 2) {
			r = bad(off, "name size out of range");
			break;
		}
		if (namesize > len - off - HDR_LEN) {
			r = bad(off, "name runs past the end of the archive");
			break;
		}
		name = a + off + HDR_LEN;
		if (name[namesize - 1] != '\0' ||
		    strlen(name) != namesize - 1) {
			r = bad(off, "name is not NUL-terminated at its size");
			break;
		}
		data_off = align4(off + HDR_LEN + namesize);
		if (data_off > len || filesize > len - data_off) {
			r = bad(off, "file data runs past the end of the archive");
			break;
		}
		if (!strcmp(name, "TRAILER!!!")) {
			/* Inode numbers start over in a following archive. */
			links_free(&links);
			off = align4(data_off + filesize);
			nfiles = -1;
			if (off >= len) {
				r = 0;
				break;
			}
			continue;
		}
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		while (name[0] == '/')
			name++;
		if (name[0] && strcmp(name, ".")) {
			memcpy(path, dest, dlen);
			path[dlen] = '/';
			strcpy(path + dlen + (dest[dlen - 1] != '/'), name);
			r = extract_one(path, f, a + data_off, filesize,
					&links);
			if (r) {
				uk_pr_err("initrd: cannot create %s (entry at offset %zu): error %d; skipped\n",
					  path, off, -r);
				if (!first_err)
					first_err = r;
				nfailed++;
				r = 0;
			}
		}
		nfiles++;
		off = align4(data_off + filesize);
	}
	free(path);
	links_free(&links);
	if (nfailed)
		uk_pr_err("initrd: %d entries could not be created\n",
			  nfailed);
	return r ? r : first_err;
}
