/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixfs: the conformance cases. Each group runs in its own subfolder of
 * the scratch folder (the current directory) and removes it afterwards.
 * A case prints only what POSIX and Linux define: return values, errno
 * names, sizes, contents, checksums and sorted listings.
 */
#define _GNU_SOURCE /* dup3, pipe2, getdents64 in glibc */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "posixfs.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The low flags F_GETFL reports everywhere (Linux adds O_LARGEFILE). */
#define FL_MASK (O_ACCMODE | O_APPEND | O_NONBLOCK)

static char longname[300];	/* 256 characters: one too many */

/* --- Path operations on a fixed set of names, each on a fresh fixture. */

/*
 * The fixture "m": f (file "hello"), d (empty dir), ne (dir holding x),
 * lf -> f, ld -> d, dang -> missing, loop -> loop.
 */
static void fixture(void)
{
	pfs_rmtree("m");
	mkdir("m", 0755);
	pfs_mkfile("m/f", "hello");
	mkdir("m/d", 0755);
	mkdir("m/ne", 0755);
	pfs_mkfile("m/ne/x", "x");
	symlink("f", "m/lf");
	symlink("d", "m/ld");
	symlink("missing", "m/dang");
	symlink("loop", "m/loop");
}

static const char *paths[] = {
	"f", "d", "ne", "lf", "ld", "dang", "loop", "missing", "f/x",
	"missing/x", "d/", "f/", "lf/", longname, "", ".", "ne/x", "ld/y",
};

enum path_op {
	OP_STAT, OP_LSTAT, OP_OPEN_RD, OP_OPEN_WR, OP_OPEN_CREAT,
	OP_OPEN_EXCL, OP_OPEN_TRUNC, OP_OPEN_DIR, OP_OPEN_NOFOLLOW, OP_MKDIR,
	OP_RMDIR, OP_UNLINK, OP_ACCESS, OP_CHDIR, OP_TRUNCATE, OP_READLINK,
	OP_OPENDIR, OP_RENAME_FROM, OP_RENAME_FILE_TO, OP_RENAME_DIR_TO,
	OP_LINK_FROM, OP_LINK_TO, OP_SYMLINK, OP_CHMOD, OP_UNLINKAT_DIR,
	OP_FSTATAT_NOFOLLOW, OP_COUNT
};

static const char *op_names[OP_COUNT] = {
	"stat", "lstat", "open-rdonly", "open-wronly", "open-creat",
	"open-creat-excl", "open-rdwr-trunc", "open-directory",
	"open-nofollow", "mkdir", "rmdir", "unlink", "access", "chdir",
	"truncate", "readlink", "opendir", "rename-from", "rename-file-to",
	"rename-dir-to", "link-from", "link-to", "symlink", "chmod",
	"unlinkat-removedir", "fstatat-nofollow",
};

static void describe_stat(const struct stat *st, char *extra, size_t len)
{
	if (S_ISREG(st->st_mode))
		snprintf(extra, len, " reg %lld %04o", (long long)st->st_size,
			 (unsigned int)(st->st_mode & 07777));
	else if (S_ISDIR(st->st_mode))
		snprintf(extra, len, " dir %04o",
			 (unsigned int)(st->st_mode & 07777));
	else if (S_ISLNK(st->st_mode))
		snprintf(extra, len, " lnk %lld", (long long)st->st_size);
	else
		snprintf(extra, len, " other");
}

/* Runs @op on @p inside the fixture; fills @extra with what it saw. */
static long path_op(int op, const char *p, char *extra, size_t len)
{
	struct stat st;
	char buf[64];
	struct dirent *e;
	DIR *dir;
	long r;
	int fd, here, n;

	extra[0] = '\0';
	switch (op) {
	case OP_STAT:
		r = stat(p, &st);
		if (!r)
			describe_stat(&st, extra, len);
		return r;
	case OP_LSTAT:
		r = lstat(p, &st);
		if (!r)
			describe_stat(&st, extra, len);
		return r;
	case OP_FSTATAT_NOFOLLOW:
		r = fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW);
		if (!r)
			describe_stat(&st, extra, len);
		return r;
	case OP_OPEN_RD:
	case OP_OPEN_WR:
	case OP_OPEN_CREAT:
	case OP_OPEN_EXCL:
	case OP_OPEN_TRUNC:
	case OP_OPEN_DIR:
	case OP_OPEN_NOFOLLOW: {
		static const int flags[] = {
			[OP_OPEN_RD] = O_RDONLY,
			[OP_OPEN_WR] = O_WRONLY,
			[OP_OPEN_CREAT] = O_WRONLY | O_CREAT,
			[OP_OPEN_EXCL] = O_WRONLY | O_CREAT | O_EXCL,
			[OP_OPEN_TRUNC] = O_RDWR | O_TRUNC,
			[OP_OPEN_DIR] = O_RDONLY | O_DIRECTORY,
			[OP_OPEN_NOFOLLOW] = O_RDONLY | O_NOFOLLOW,
		};

		fd = open(p, flags[op], 0644);
		if (fd < 0)
			return fd;
		errno = 0;
		r = read(fd, buf, sizeof(buf));
		if (r < 0)
			snprintf(extra, len, " read -1 %s", pfs_errname(errno));
		else
			snprintf(extra, len, " read %ld", r);
		close(fd);
		return 0;
	}
	case OP_MKDIR:
		return mkdir(p, 0755);
	case OP_RMDIR:
		return rmdir(p);
	case OP_UNLINK:
		return unlink(p);
	case OP_UNLINKAT_DIR:
		return unlinkat(AT_FDCWD, p, AT_REMOVEDIR);
	case OP_ACCESS:
		return access(p, F_OK);
	case OP_CHDIR:
		here = open(".", O_RDONLY | O_DIRECTORY);
		r = chdir(p);
		if (!r) {
			n = open("f", O_RDONLY);
			snprintf(extra, len, " has-f %d", n >= 0);
			if (n >= 0)
				close(n);
		}
		if (fchdir(here))
			snprintf(extra, len, " fchdir failed");
		close(here);
		return r;
	case OP_TRUNCATE:
		return truncate(p, 2);
	case OP_READLINK:
		r = readlink(p, buf, sizeof(buf) - 1);
		if (r >= 0) {
			buf[r] = '\0';
			snprintf(extra, len, " %s", buf);
		}
		return r;
	case OP_OPENDIR:
		dir = opendir(p);
		if (!dir)
			return -1;
		n = 0;
		while ((e = readdir(dir)))
			n++;
		closedir(dir);
		snprintf(extra, len, " entries %d", n);
		return 0;
	case OP_RENAME_FROM:
		return rename(p, "new");
	case OP_RENAME_FILE_TO:
		return rename("f", p);
	case OP_RENAME_DIR_TO:
		return rename("d", p);
	case OP_LINK_FROM:
		return link(p, "new");
	case OP_LINK_TO:
		return link("f", p);
	case OP_SYMLINK:
		return symlink("t", p);
	case OP_CHMOD:
		return chmod(p, 0600);
	}
	return 0;
}

void pfs_cases_paths(void)
{
	char name[128], extra[128], list[1024];
	const char *shown;
	size_t i;
	long r;
	int op, err;

	memset(longname, 'a', 256);
	longname[256] = '\0';
	for (op = 0; op < OP_COUNT; op++) {
		for (i = 0; i < ARRAY_SIZE(paths); i++) {
			fixture();
			if (chdir("m"))
				return;
			errno = 0;
			r = path_op(op, paths[i], extra, sizeof(extra));
			err = errno;
			if (chdir(".."))
				return;
			pfs_listing("m", list, sizeof(list));
			shown = paths[i] == longname ? "<256 chars>" :
				!*paths[i] ? "<empty>" : paths[i];
			snprintf(name, sizeof(name), "%s %s", op_names[op],
				 shown);
			if (r < 0)
				pfs_val(name, "-1 %s | %s", pfs_errname(err),
					list);
			else
				pfs_val(name, "%ld%s | %s", r, extra, list);
		}
	}
	pfs_rmtree("m");
}

/* --- Descriptors: dup, dup2, dup3, fcntl. */

static int getfl(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? fl : (fl & FL_MASK);
}

void pfs_cases_fds(void)
{
	struct stat st;
	char buf[16];
	int fd, fd2, a, b, c, r;

	mkdir("fds", 0755);
	if (chdir("fds"))
		return;
	pfs_mkfile("f", "0123456789");
	fd = open("f", O_RDWR);
	PFS_OK("fd open rdwr", fd);

	fd2 = dup(fd);
	PFS_OK("dup", fd2);
	PFS_RC("dup shares offset: lseek dup", lseek(fd2, 4, SEEK_SET));
	PFS_RC("dup shares offset: lseek orig cur", lseek(fd, 0, SEEK_CUR));
	PFS_RC("dup shares offset: read orig", read(fd, buf, 2));
	PFS_RC("dup shares offset: dup cur", lseek(fd2, 0, SEEK_CUR));
	PFS_RC("F_SETFL O_APPEND on orig", fcntl(fd, F_SETFL, O_APPEND));
	pfs_val("dup shares status flags", "%o", getfl(fd2));
	PFS_RC("F_SETFD FD_CLOEXEC on orig", fcntl(fd, F_SETFD, FD_CLOEXEC));
	PFS_RC("dup has own FD_CLOEXEC", fcntl(fd2, F_GETFD));
	PFS_RC("orig F_GETFD", fcntl(fd, F_GETFD));
	PFS_RC("dup of cloexec fd clears it", fcntl(a = dup(fd), F_GETFD));
	close(a);
	PFS_RC("F_SETFL 0", fcntl(fd, F_SETFL, 0));
	pfs_val("F_GETFL after clearing", "%o", getfl(fd));
	PFS_RC("F_SETFL O_NONBLOCK", fcntl(fd, F_SETFL, O_NONBLOCK));
	pfs_val("F_GETFL O_NONBLOCK round trip", "%o", getfl(fd));
	PFS_RC("F_SETFL O_APPEND|O_NONBLOCK",
	       fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
	pfs_val("F_GETFL both round trip", "%o", getfl(fd));
	PFS_RC("F_SETFL cannot change access mode",
	       fcntl(fd, F_SETFL, O_WRONLY));
	pfs_val("F_GETFL still rdwr", "%o", getfl(fd));
	close(fd2);

	PFS_RC("dup2 same fd returns it", dup2(fd, fd) == fd);
	PFS_RC("dup2 bad old", dup2(-1, 50));
	PFS_RC("dup2 closed old", dup2(900, 50));
	PFS_RC("dup2 negative new", dup2(fd, -1));
	PFS_RC("dup2 to 1023", dup2(fd, 1023));
	PFS_RC("dup2 to 1024", dup2(fd, 1024));
	PFS_RC("dup2 new fd shares offset", lseek(1023, 0, SEEK_CUR) ==
	       lseek(fd, 0, SEEK_CUR));
	PFS_RC("dup2 clears cloexec on new", fcntl(1023, F_GETFD));
	PFS_RC("close 1023", close(1023));
	a = open("f", O_RDONLY);
	b = open("f", O_RDONLY);
	PFS_RC("dup2 over open fd", dup2(a, b) == b);
	PFS_RC("dup2 over open fd: now same offset",
	       lseek(a, 3, SEEK_SET) == lseek(b, 0, SEEK_CUR));
	close(b);
	PFS_RC("dup3 same fd", dup3(a, a, 0));
	PFS_RC("dup3 bad flags", dup3(a, 60, O_APPEND));
	PFS_RC("dup3 O_CLOEXEC", dup3(a, 60, O_CLOEXEC));
	PFS_RC("dup3 O_CLOEXEC: F_GETFD", fcntl(60, F_GETFD));
	PFS_RC("dup3 0", dup3(a, 60, 0));
	PFS_RC("dup3 0: F_GETFD", fcntl(60, F_GETFD));
	close(60);
	PFS_RC("F_DUPFD 100", fcntl(a, F_DUPFD, 100));
	PFS_RC("F_DUPFD 100 again gives next", fcntl(a, F_DUPFD, 100));
	PFS_RC("F_DUPFD_CLOEXEC 100", fcntl(a, F_DUPFD_CLOEXEC, 100));
	PFS_RC("F_DUPFD_CLOEXEC: F_GETFD", fcntl(102, F_GETFD));
	PFS_RC("F_DUPFD: F_GETFD", fcntl(100, F_GETFD));
	close(100);
	close(101);
	close(102);
	PFS_RC("F_DUPFD 1024", fcntl(a, F_DUPFD, 1024));
	PFS_RC("F_DUPFD -1", fcntl(a, F_DUPFD, -1));
	PFS_RC("F_SETFD bad fd", fcntl(-1, F_SETFD, 0));
	PFS_RC("F_GETFL closed fd", fcntl(900, F_GETFL));
	PFS_RC("fcntl bad command", fcntl(a, 9999));
	pfs_val("F_GETFL rdonly", "%o", getfl(a));

	c = open("f", O_WRONLY | O_CLOEXEC);
	PFS_RC("O_CLOEXEC: F_GETFD", fcntl(c, F_GETFD));
	pfs_val("F_GETFL wronly", "%o", getfl(c));
	PFS_RC("read on wronly fd", read(c, buf, 1));
	PFS_RC("write on rdonly fd", write(a, "x", 1));
	PFS_RC("ftruncate on rdonly fd", ftruncate(a, 0));
	PFS_RC("isatty on a file", isatty(a));
	close(c);
	c = open("f", O_RDONLY | O_NONBLOCK | O_APPEND);
	pfs_val("F_GETFL open flags kept", "%o", getfl(c));
	close(c);

	/* The lowest free descriptor is always used. */
	b = open("f", O_RDONLY);
	c = open("f", O_RDONLY);
	close(b);
	r = open("f", O_RDONLY);
	PFS_RC("open reuses the lowest free fd", r == b);
	close(r);
	close(c);
	PFS_RC("dup reuses the lowest free fd", (r = dup(a)) == b);
	close(r);

	PFS_RC("close", close(a));
	PFS_RC("close twice", close(a));
	PFS_RC("close -1", close(-1));
	PFS_RC("read closed fd", read(a, buf, 1));
	PFS_RC("write closed fd", write(a, buf, 1));
	PFS_RC("lseek closed fd", lseek(a, 0, SEEK_SET));
	PFS_RC("dup closed fd", dup(a));
	PFS_RC("fstat closed fd", fstat(a, &st));
	PFS_RC("fsync closed fd", fsync(a));
	PFS_RC("ftruncate closed fd", ftruncate(a, 0));
	PFS_RC("fchdir closed fd", fchdir(a));
	close(fd);
	if (chdir(".."))
		return;
	pfs_rmtree("fds");
}

/* --- Reading and writing: lseek, pread/pwrite, O_APPEND, truncation. */

static void show_file(const char *name, const char *path)
{
	char buf[128];
	ssize_t n;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		pfs_val(name, "-1 %s", pfs_errname(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		pfs_val(name, "read -1 %s", pfs_errname(errno));
		return;
	}
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = '.';
	buf[n] = '\0';
	pfs_val(name, "%zd \"%s\"", n, buf);
}

static long zero_count(int fd, off_t off, size_t len)
{
	static unsigned char buf[65536];
	ssize_t n;
	long zeros = 0, i;

	if (len > sizeof(buf))
		len = sizeof(buf);
	n = pread(fd, buf, len, off);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		zeros += !buf[i];
	return zeros;
}

void pfs_cases_io(void)
{
	volatile int bad_count = -1;	/* not a constant to gcc */
	DIR *dir;
	struct iovec iov[3];
	struct stat st;
	char buf[64], a1[8], a2[8], a3[8];
	struct dirent *de;
	int fd, fd2, i;

	mkdir("io", 0755);
	if (chdir("io"))
		return;
	fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0666);
	PFS_OK("create 0666 under umask 022", fd);
	fstat(fd, &st);
	pfs_val("created mode", "%04o", (unsigned int)(st.st_mode & 07777));
	PFS_RC("write hello", write(fd, "hello", 5));
	PFS_RC("write 0 bytes", write(fd, "", 0));
	PFS_RC("lseek cur", lseek(fd, 0, SEEK_CUR));
	PFS_RC("lseek end -2", lseek(fd, -2, SEEK_END));
	PFS_RC("read after seek", read(fd, buf, sizeof(buf)));
	PFS_RC("read at eof", read(fd, buf, sizeof(buf)));
	PFS_RC("lseek set -1", lseek(fd, -1, SEEK_SET));
	PFS_RC("lseek cur after failed seek", lseek(fd, 0, SEEK_CUR));
	PFS_RC("lseek bad whence", lseek(fd, 0, 7));
	PFS_RC("lseek past end", lseek(fd, 100, SEEK_SET));
	PFS_RC("read past end", read(fd, buf, sizeof(buf)));
	PFS_RC("write past end", write(fd, "Z", 1));
	fstat(fd, &st);
	pfs_val("size after write past end", "%lld", (long long)st.st_size);
	pfs_val("hole reads as zeros", "%ld", zero_count(fd, 5, 95));
	memset(buf, 0, sizeof(buf));
	PFS_RC("pread 1..4", pread(fd, buf, 3, 1));
	pfs_val("pread data", "%s", buf);
	PFS_RC("pread keeps offset", lseek(fd, 0, SEEK_CUR));
	PFS_RC("pwrite at 2", pwrite(fd, "XY", 2, 2));
	PFS_RC("pwrite keeps offset", lseek(fd, 0, SEEK_CUR));
	PFS_RC("pread negative offset", pread(fd, buf, 1, -1));
	PFS_RC("pwrite negative offset", pwrite(fd, buf, 1, -1));
	PFS_RC("pread at eof", pread(fd, buf, 4, 101));
	PFS_RC("pread past eof", pread(fd, buf, 4, 5000));
	PFS_RC("fsync", fsync(fd));
	PFS_RC("fdatasync", fdatasync(fd));
	close(fd);
	show_file("content after pwrite", "f");

	/* O_APPEND: every write goes to the end, whatever the offset. */
	pfs_mkfile("a", "abc");
	fd = open("a", O_RDWR | O_APPEND);
	PFS_RC("append: offset after open", lseek(fd, 0, SEEK_CUR));
	PFS_RC("append: write", write(fd, "de", 2));
	PFS_RC("append: offset after write", lseek(fd, 0, SEEK_CUR));
	PFS_RC("append: seek to 0", lseek(fd, 0, SEEK_SET));
	PFS_RC("append: write after seek", write(fd, "f", 1));
	PFS_RC("append: offset is the end", lseek(fd, 0, SEEK_CUR));
	PFS_RC("append: read at 0 after seek", pread(fd, buf, 2, 0));
	fd2 = open("a", O_WRONLY | O_APPEND);
	PFS_RC("append: second fd write", write(fd2, "gh", 2));
	PFS_RC("append: first fd write", write(fd, "i", 1));
	close(fd2);
	close(fd);
	show_file("append: content", "a");
	fd = open("a", O_WRONLY);
	PFS_RC("no append: write at 0", write(fd, "AB", 2));
	PFS_RC("F_SETFL O_APPEND then write", fcntl(fd, F_SETFL, O_APPEND));
	PFS_RC("write after F_SETFL O_APPEND", write(fd, "J", 1));
	PFS_RC("offset after F_SETFL O_APPEND write", lseek(fd, 0, SEEK_CUR));
	close(fd);
	show_file("append via F_SETFL: content", "a");
	fd = open("a", O_RDWR | O_TRUNC);
	PFS_OK("O_TRUNC open", fd);
	fstat(fd, &st);
	pfs_val("O_TRUNC size", "%lld", (long long)st.st_size);
	close(fd);

	pfs_mkfile("a2", "xyz");
	fd = open("a2", O_RDWR | O_APPEND);
	PFS_RC("pwrite on an O_APPEND fd (Linux appends)",
	       pwrite(fd, "P", 1, 0));
	close(fd);
	show_file("after pwrite on O_APPEND", "a2");

	/* Devices every system has. */
	fd = open("/dev/null", O_RDWR);
	PFS_OK("open /dev/null", fd);
	PFS_RC("write /dev/null", write(fd, "abc", 3));
	PFS_RC("read /dev/null", read(fd, buf, sizeof(buf)));
	PFS_RC("lseek /dev/null", lseek(fd, 10, SEEK_SET));
	PFS_RC("lseek /dev/null from the end", lseek(fd, 5, SEEK_END));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	PFS_RC("read /dev/zero", read(fd, buf, sizeof(buf)));
	PFS_RC("lseek /dev/zero after a read", lseek(fd, 0, SEEK_CUR));
	pfs_val("/dev/zero gives zeros", "%ld", (long)!memcmp(buf,
		"\0\0\0\0\0\0\0\0", 8));
	close(fd);
	PFS_OK("openat ignores dirfd for an absolute path",
	       fd = openat(-5, "/dev/null", O_RDONLY));
	close(fd);

	/* readv/writev. */
	fd = open("v", O_RDWR | O_CREAT, 0644);
	iov[0].iov_base = "one-";
	iov[0].iov_len = 4;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "three";
	iov[2].iov_len = 5;
	PFS_RC("writev", writev(fd, iov, 3));
	lseek(fd, 0, SEEK_SET);
	memset(a1, 0, sizeof(a1));
	memset(a2, 0, sizeof(a2));
	memset(a3, 0, sizeof(a3));
	iov[0].iov_base = a1;
	iov[0].iov_len = 3;
	iov[1].iov_base = a2;
	iov[1].iov_len = 3;
	iov[2].iov_base = a3;
	iov[2].iov_len = 7;
	PFS_RC("readv", readv(fd, iov, 3));
	pfs_val("readv data", "%s|%s|%s", a1, a2, a3);
	PFS_RC("readv bad count", readv(fd, iov, bad_count));
	close(fd);

	/* Truncation: holes read as zeros, shrinking drops data. */
	fd = open("t", O_RDWR | O_CREAT, 0644);
	write(fd, "0123456789", 10);
	PFS_RC("ftruncate grow to 1 MiB", ftruncate(fd, 1 << 20));
	fstat(fd, &st);
	pfs_val("size after grow", "%lld", (long long)st.st_size);
	pfs_val("zeros at 512 KiB", "%ld", zero_count(fd, 512 << 10, 4096));
	pfs_val("zeros at the end", "%ld", zero_count(fd, (1 << 20) - 100,
						      4096));
	PFS_RC("data kept at 0", pread(fd, buf, 10, 0));
	PFS_RC("ftruncate shrink to 3", ftruncate(fd, 3));
	PFS_RC("offset unchanged by ftruncate", lseek(fd, 0, SEEK_CUR));
	PFS_RC("ftruncate grow to 10 again", ftruncate(fd, 10));
	pfs_val("old data gone after shrink", "%ld", zero_count(fd, 0, 10));
	PFS_RC("ftruncate negative", ftruncate(fd, -1));
	PFS_RC("truncate path to 5", truncate("t", 5));
	fstat(fd, &st);
	pfs_val("size after truncate path", "%lld", (long long)st.st_size);
	PFS_RC("truncate negative", truncate("t", -5));
	PFS_RC("truncate missing", truncate("missing", 0));
	PFS_RC("truncate dir", truncate(".", 0));
	PFS_RC("ftruncate sparse 1 GiB", ftruncate(fd, 1L << 30));
	pfs_val("zeros at 900 MiB", "%ld", zero_count(fd, 900L << 20, 8192));
	PFS_RC("write at 1 GiB", pwrite(fd, "E", 1, 1L << 30));
	fstat(fd, &st);
	pfs_val("size after write at 1 GiB", "%lld", (long long)st.st_size);
	PFS_RC("ftruncate back to 0", ftruncate(fd, 0));
	close(fd);

	/* An unlinked file lives on while a descriptor holds it. */
	pfs_mkfile("u", "unlinked but open");
	fd = open("u", O_RDWR);
	PFS_RC("unlink an open file", unlink("u"));
	PFS_RC("unlinked: name gone", access("u", F_OK));
	fstat(fd, &st);
	pfs_val("unlinked: fstat nlink and size", "%ld %lld",
		(long)st.st_nlink, (long long)st.st_size);
	PFS_RC("unlinked: write more", pwrite(fd, "!", 1, 17));
	memset(buf, 0, sizeof(buf));
	PFS_RC("unlinked: read back", pread(fd, buf, sizeof(buf) - 1, 0));
	pfs_val("unlinked: data", "%s", buf);
	PFS_RC("unlinked: ftruncate", ftruncate(fd, 4));
	PFS_RC("unlinked: same name is free", pfs_mkfile("u", "new"));
	PFS_RC("unlinked: old fd still reads its data", pread(fd, buf, 64, 0));
	close(fd);
	show_file("unlinked: new file under the name", "u");

	/* Through the descriptor of a removed file: mode, a shorter then
	 * longer size (the cut bytes come back as zeros), a write past a
	 * cut end. */
	pfs_mkfile("u2", "0123456789");
	fd = open("u2", O_RDWR);
	PFS_RC("unlinked 2: unlink", unlink("u2"));
	PFS_RC("unlinked 2: fchmod", fchmod(fd, 0600));
	fstat(fd, &st);
	pfs_val("unlinked 2: fstat mode", "%o",
		(unsigned int)(st.st_mode & 07777));
	PFS_RC("unlinked 2: ftruncate shorter", ftruncate(fd, 3));
	PFS_RC("unlinked 2: ftruncate longer", ftruncate(fd, 6));
	fstat(fd, &st);
	pfs_val("unlinked 2: size", "%lld", (long long)st.st_size);
	PFS_RC("unlinked 2: zeros where the cut bytes were",
	       zero_count(fd, 3, 3));
	PFS_RC("unlinked 2: ftruncate to 2", ftruncate(fd, 2));
	PFS_RC("unlinked 2: pwrite past the end", pwrite(fd, "Z", 1, 5));
	memset(buf, 0, sizeof(buf));
	PFS_RC("unlinked 2: read all", pread(fd, buf, sizeof(buf) - 1, 0));
	for (i = 0; i < 6; i++)
		if (!buf[i])
			buf[i] = '.';
	pfs_val("unlinked 2: data", "%s", buf);
	close(fd);

	/* Renamed over while open: the descriptor keeps the old file. */
	pfs_mkfile("r1", "old data");
	pfs_mkfile("r2", "new");
	fd = open("r1", O_RDONLY);
	PFS_RC("renamed over: rename", rename("r2", "r1"));
	fstat(fd, &st);
	pfs_val("renamed over: fstat nlink and size", "%ld %lld",
		(long)st.st_nlink, (long long)st.st_size);
	memset(buf, 0, sizeof(buf));
	PFS_RC("renamed over: old fd reads",
	       pread(fd, buf, sizeof(buf) - 1, 0));
	pfs_val("renamed over: old data", "%s", buf);
	close(fd);
	show_file("renamed over: the name has the new file", "r1");
	unlink("r1");

	/* One of two names removed while open. */
	pfs_mkfile("k1", "kept");
	PFS_RC("two names: link", link("k1", "k2"));
	fd = open("k1", O_RDWR);
	PFS_RC("two names: unlink the opened one", unlink("k1"));
	fstat(fd, &st);
	pfs_val("two names: fstat nlink", "%ld", (long)st.st_nlink);
	PFS_RC("two names: write", pwrite(fd, "!", 1, 4));
	PFS_RC("two names: fchmod", fchmod(fd, 0600));
	PFS_RC("two names: stat the other name", stat("k2", &st));
	pfs_val("two names: its mode", "%o",
		(unsigned int)(st.st_mode & 07777));
	PFS_RC("two names: ftruncate", ftruncate(fd, 3));
	PFS_RC("two names: the removed name is free", pfs_mkfile("k1", "k1"));
	PFS_RC("two names: ftruncate again", ftruncate(fd, 2));
	close(fd);
	show_file("two names: the other name", "k2");
	show_file("two names: the new file", "k1");
	unlink("k1");
	unlink("k2");

	/* Links: hard links share data, symlinks resolve relative to their
	 * folder, readlink does not terminate. */
	pfs_mkfile("h1", "shared");
	PFS_RC("link", link("h1", "h2"));
	stat("h1", &st);
	pfs_val("nlink after link", "%ld", (long)st.st_nlink);
	PFS_RC("unlink first name", unlink("h1"));
	show_file("data via second name", "h2");
	stat("h2", &st);
	pfs_val("nlink after unlink", "%ld", (long)st.st_nlink);
	PFS_RC("link to dir", link(".", "dl"));
	PFS_RC("link existing target", link("h2", "t"));
	mkdir("sub", 0755);
	pfs_mkfile("sub/target", "in sub");
	PFS_RC("relative symlink in subdir", symlink("target", "sub/rel"));
	show_file("read through relative symlink", "sub/rel");
	PFS_RC("symlink to ../", symlink("../h2", "sub/up"));
	show_file("read through ../ symlink", "sub/up");
	PFS_RC("readlink short buffer", readlink("sub/up", buf, 3));
	PFS_RC("readlink zero buffer", readlink("sub/up", buf, 0));
	PFS_RC("readlink on file", readlink("h2", buf, sizeof(buf)));
	PFS_RC("symlink empty target", symlink("", "empty"));
	lstat("sub/up", &st);
	pfs_val("symlink lstat", "%lld %04o", (long long)st.st_size,
		(unsigned int)(st.st_mode & 07777));
	PFS_RC("symlink chain 1", symlink("h2", "c1"));
	PFS_RC("symlink chain 2", symlink("c1", "c2"));
	PFS_RC("symlink chain 3", symlink("c2", "c3"));
	show_file("read through a chain", "c3");
	PFS_RC("symlink to dir then path through it",
	       symlink("sub", "lsub"));
	show_file("file through dir symlink", "lsub/target");
	PFS_RC("lstat trailing slash on dir symlink",
	       lstat("lsub/", &st) == 0 && S_ISDIR(st.st_mode));
	PFS_RC("unlink dir symlink", unlink("lsub"));
	PFS_RC("dir still there", access("sub/target", F_OK));

	/* rename over existing files and directories. */
	pfs_mkfile("r1", "first");
	pfs_mkfile("r2", "second");
	fd = open("r2", O_RDONLY);
	PFS_RC("rename file over file", rename("r1", "r2"));
	show_file("rename: new content", "r2");
	PFS_RC("rename: source gone", access("r1", F_OK));
	PFS_RC("rename: old fd still reads old data", read(fd, buf, 6));
	close(fd);
	PFS_RC("rename to itself", rename("r2", "r2"));
	PFS_RC("rename to itself keeps it", access("r2", F_OK));
	link("r2", "r3");
	PFS_RC("rename between hard links", rename("r2", "r3"));
	PFS_RC("both hard links remain",
	       access("r2", F_OK) == 0 && access("r3", F_OK) == 0);
	mkdir("da", 0755);
	pfs_mkfile("da/in", "in da");
	mkdir("db", 0755);
	PFS_RC("rename dir over empty dir", rename("da", "db"));
	show_file("rename dir: content moved", "db/in");
	mkdir("dc", 0755);
	PFS_RC("rename empty dir over non-empty", rename("dc", "db"));
	PFS_RC("rename dir over file", rename("dc", "r3"));
	PFS_RC("rename file over dir", rename("r3", "dc"));
	PFS_RC("rename dir into itself", rename("db", "db/x"));
	mkdir("db/deep", 0755);
	PFS_RC("rename dir into its subdir", rename("db", "db/deep/x"));
	PFS_RC("rename subdir up", rename("db/deep", "deep"));
	PFS_RC("rename across dirs", rename("r3", "db/r3"));
	show_file("rename across dirs: content", "db/r3");
	PFS_RC("rename missing", rename("nothere", "x"));
	PFS_RC("rename into missing dir", rename("r2", "nodir/x"));
	PFS_RC("rename with trailing slash on file", rename("r2", "r4/"));
	PFS_RC("rename dir with trailing slash", rename("dc/", "dd/"));
	PFS_RC("renameat", renameat(AT_FDCWD, "dd", AT_FDCWD, "de"));
	PFS_RC("renameat bad dirfd", renameat(-5, "de", AT_FDCWD, "df"));

	/* *at calls relative to a directory descriptor. */
	fd = open("db", O_RDONLY | O_DIRECTORY);
	PFS_OK("open dir O_DIRECTORY", fd);
	fd2 = openat(fd, "in", O_RDONLY);
	PFS_OK("openat in dir", fd2);
	PFS_RC("openat read", read(fd2, buf, 5));
	PFS_RC("openat with file as dirfd", openat(fd2, "x", O_RDONLY));
	close(fd2);
	PFS_RC("openat bad dirfd", openat(-5, "in", O_RDONLY));
	PFS_RC("mkdirat", mkdirat(fd, "m", 0700));
	PFS_RC("fstatat dir", fstatat(fd, "m", &st, 0));
	pfs_val("mkdirat mode", "%04o", (unsigned int)(st.st_mode & 07777));
	PFS_RC("fstatat bad flags", fstatat(fd, "m", &st, 0x4000000));
	PFS_RC("faccessat", faccessat(fd, "in", F_OK, 0));
	PFS_RC("symlinkat", symlinkat("in", fd, "sl"));
	memset(buf, 0, sizeof(buf));
	PFS_RC("readlinkat", readlinkat(fd, "sl", buf, sizeof(buf)));
	PFS_RC("linkat", linkat(fd, "in", fd, "hl", 0));
	PFS_RC("unlinkat file with AT_REMOVEDIR", unlinkat(fd, "in",
							   AT_REMOVEDIR));
	PFS_RC("unlinkat dir without flag", unlinkat(fd, "m", 0));
	PFS_RC("unlinkat bad flags", unlinkat(fd, "m", 0x1));
	PFS_RC("unlinkat dir", unlinkat(fd, "m", AT_REMOVEDIR));
	PFS_RC("unlinkat file", unlinkat(fd, "hl", 0));
	PFS_RC("read on a dir fd", read(fd, buf, 1));
	PFS_RC("write on a dir fd", write(fd, buf, 1));
	PFS_RC("open dir for writing", open("db", O_WRONLY));
	PFS_RC("open dir O_CREAT", open("db", O_RDONLY | O_CREAT, 0644));
	PFS_RC("O_DIRECTORY on file", open("db/in", O_RDONLY | O_DIRECTORY));
	PFS_RC("O_CREAT with trailing slash", open("nf/", O_RDWR | O_CREAT,
						   0644));
	PFS_RC("fchdir to dir fd", fchdir(fd));
	PFS_RC("relative open after fchdir", access("in", F_OK));
	if (chdir(".."))
		return;
	close(fd);
	fd = open("db/in", O_RDONLY);
	PFS_RC("fchdir to file fd", fchdir(fd));
	close(fd);

	/* Folders and cwd. */
	PFS_RC("mkdir 0777 under umask", mkdir("m7", 0777));
	stat("m7", &st);
	pfs_val("mkdir mode", "%04o", (unsigned int)(st.st_mode & 07777));
	PFS_RC("mkdir existing", mkdir("m7", 0777));
	PFS_RC("mkdir sticky 01777", mkdir("m9", 01777));
	stat("m9", &st);
	pfs_val("sticky mkdir mode", "%04o",
		(unsigned int)(st.st_mode & 07777));
	PFS_RC("rmdir sticky", rmdir("m9"));
	PFS_RC("mkdir trailing slash", mkdir("m8/", 0755));
	PFS_RC("rmdir trailing slash", rmdir("m8/"));
	PFS_RC("rmdir dot last", rmdir("m7/."));
	PFS_RC("rmdir dotdot last", rmdir("m7/.."));
	PFS_RC("chdir into m7", chdir("m7"));
	memset(buf, 0, sizeof(buf));
	PFS_RC("getcwd ends in m7", getcwd(buf, sizeof(buf)) != NULL &&
	       strlen(buf) >= 3 && !strcmp(buf + strlen(buf) - 3, "/m7"));
	PFS_RC("getcwd buffer too small", getcwd(buf, 2) ? 0 : -1);
	PFS_RC("chdir ..", chdir(".."));
	PFS_RC("rmdir empty dir", rmdir("m7"));
	PFS_RC("chmod 0600", chmod("h2", 0600));
	stat("h2", &st);
	pfs_val("mode after chmod", "%04o", (unsigned int)(st.st_mode & 07777));
	fd = open("h2", O_RDONLY);
	PFS_RC("fchmod 0640", fchmod(fd, 0640));
	fstat(fd, &st);
	pfs_val("mode after fchmod", "%04o",
		(unsigned int)(st.st_mode & 07777));
	{
		struct timespec ts[2] = { { 1000000000, 500 },
					  { 1234567890, 250000000 } };

		PFS_RC("utimensat", utimensat(AT_FDCWD, "h2", ts, 0));
		stat("h2", &st);
		pfs_val("times after utimensat", "%lld.%09ld %lld.%09ld",
			(long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
			(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		ts[0].tv_nsec = UTIME_OMIT;
		ts[1].tv_sec = 42;
		ts[1].tv_nsec = 0;
		PFS_RC("futimens with UTIME_OMIT", futimens(fd, ts));
		fstat(fd, &st);
		pfs_val("times after futimens", "%lld.%09ld %lld.%09ld",
			(long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
			(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		ts[1].tv_nsec = 1000000000;
		PFS_RC("futimens bad nsec", futimens(fd, ts));
	}
	close(fd);

	/* A removed working folder. */
	mkdir("gone", 0755);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	PFS_RC("chdir into a folder", chdir("gone"));
	PFS_RC("rmdir the working folder by path", rmdir("../gone"));
	PFS_RC("create in a removed folder", open("x", O_WRONLY | O_CREAT,
						  0644));
	PFS_RC("mkdir in a removed folder", mkdir("y", 0755));
	PFS_RC("stat . of a removed folder", stat(".", &st));
	pfs_val("nlink of a removed folder", "%ld", (long)st.st_nlink);
	dir = opendir(".");
	PFS_RC("opendir . of a removed folder", dir ? 0 : -1);
	if (dir)
		closedir(dir);
	/* A new folder under the old name is another folder. */
	PFS_RC("mkdir the removed folder's name again", mkdir("../gone",
							      0755));
	PFS_RC("create in the new folder", pfs_mkfile("../gone/n", "n"));
	PFS_RC("stat . of the removed folder again", stat(".", &st));
	pfs_val("nlink of the removed folder again", "%ld",
		(long)st.st_nlink);
	PFS_RC("the new folder's file is not in the removed one",
	       access("n", F_OK));
	dir = opendir(".");
	for (i = 0; dir && (de = readdir(dir)); i++)
		;
	if (dir)
		closedir(dir);
	pfs_val("entries listed in the removed folder", "%d", i);
	PFS_RC("back with fchdir", fchdir(fd));
	close(fd);
	PFS_RC("create after fchdir back", pfs_mkfile("back", "b"));
	PFS_RC("unlink after fchdir back", unlink("back"));
	if (chdir(".."))
		return;
	pfs_rmtree("io");
}

/* --- Directory reading: counts and name sets, never the order. */

/* Order-insensitive digest of a name. */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Counts the entries of @path (. and .. included), sums name hashes. */
static long count_dir(const char *path, uint32_t *sum, long *regs)
{
	struct dirent *e;
	long n = 0;
	DIR *d;

	*sum = 0;
	*regs = 0;
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		n++;
		*sum += name_hash(e->d_name);
		*regs += e->d_type == DT_REG;
	}
	closedir(d);
	return n;
}

void pfs_cases_dirs(void)
{
	char name[64], buf[4096];
	uint32_t sum, want;
	long n, regs, i, ok, dots;
	struct dirent *e;
	DIR *d;
	int fd;

	mkdir("dirs", 0755);
	if (chdir("dirs"))
		return;
	mkdir("empty", 0755);
	d = opendir("empty");
	dots = 0;
	n = 0;
	while (d && (e = readdir(d))) {
		n++;
		dots += !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	}
	if (d)
		closedir(d);
	pfs_val("empty dir entries and dots", "%ld %ld", n, dots);
	PFS_RC("rmdir empty", rmdir("empty"));
	pfs_mkfile("afile", "x");
	PFS_RC("opendir on a file", opendir("afile") ? 0 : -1);

	/* A few files of each type. */
	mkdir("mix", 0755);
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "mix/file-%ld", i);
		pfs_mkfile(name, "x");
	}
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "mix/dir-%ld", i);
		mkdir(name, 0755);
	}
	symlink("file-0", "mix/link");
	n = count_dir("mix", &sum, &regs);
	want = name_hash(".") + name_hash("..") + name_hash("link");
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "file-%ld", i);
		want += name_hash(name);
	}
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "dir-%ld", i);
		want += name_hash(name);
	}
	pfs_val("mixed dir: entries, regular, names", "%ld %ld %s", n, regs,
		sum == want ? "match" : "differ");
	d = opendir("mix");
	n = 0;
	while ((e = readdir(d)))
		n++;
	rewinddir(d);
	while ((e = readdir(d)))
		n++;
	closedir(d);
	pfs_val("rewinddir reads everything again", "%ld", n);
	d = opendir("mix");
	ok = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, "link"))
			ok += e->d_type == DT_LNK;
		if (!strcmp(e->d_name, "dir-3"))
			ok += e->d_type == DT_DIR;
		if (!strcmp(e->d_name, "."))
			ok += e->d_type == DT_DIR;
	}
	closedir(d);
	pfs_val("d_type of link, dir and dot", "%ld", ok);

	/* getdents64 with a small buffer: all entries, in several calls. */
	fd = open("mix", O_RDONLY | O_DIRECTORY);
	n = 0;
	sum = 0;
	for (;;) {
		long got = getdents64(fd, (void *)buf, 200), off;

		if (got <= 0) {
			if (got < 0)
				n = -1000;
			break;
		}
		for (off = 0; off < got;) {
			struct dirent *de = (struct dirent *)(buf + off);

			n++;
			sum += name_hash(de->d_name);
			off += de->d_reclen;
		}
	}
	pfs_val("getdents64 in 200-byte calls", "%ld %s", n,
		sum == want ? "match" : "differ");
	lseek(fd, 0, SEEK_SET);
	PFS_RC("getdents64 buffer too small", getdents64(fd, (void *)buf, 8));
	close(fd);
	fd = open("mix/file-1", O_RDONLY);
	PFS_RC("getdents64 on a file",
	       getdents64(fd, (void *)buf, sizeof(buf)));
	close(fd);
	PFS_RC("rmdir non-empty", rmdir("mix"));
	pfs_rmtree("mix");
	PFS_RC("rmtree removed it", access("mix", F_OK));

	/* Many files in one folder. */
	mkdir("many", 0755);
	ok = 0;
	want = name_hash(".") + name_hash("..");
	for (i = 0; i < pfs_nfiles; i++) {
		snprintf(name, sizeof(name), "many/n%06ld", i);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0) {
			ok++;
			close(fd);
		}
		want += name_hash(name + 5);
	}
	pfs_val("many: created", "%ld", ok);
	n = count_dir("many", &sum, &regs);
	pfs_val("many: readdir entries, regular, names", "%ld %ld %s", n,
		regs, sum == want ? "match" : "differ");
	snprintf(name, sizeof(name), "many/n%06ld", pfs_nfiles / 2);
	PFS_RC("many: stat one in the middle", access(name, F_OK));
	PFS_RC("many: create an existing one", open(name, O_WRONLY | O_CREAT |
						    O_EXCL, 0644));
	PFS_RC("many: rmdir while full", rmdir("many"));
	ok = 0;
	for (i = 0; i < pfs_nfiles; i += 2) {
		snprintf(name, sizeof(name), "many/n%06ld", i);
		ok += unlink(name) == 0;
	}
	n = count_dir("many", &sum, &regs);
	pfs_val("many: half unlinked, entries left", "%ld %ld", ok, n);
	for (i = 1; i < pfs_nfiles; i += 2) {
		snprintf(name, sizeof(name), "many/n%06ld", i);
		ok += unlink(name) == 0;
	}
	n = count_dir("many", &sum, &regs);
	pfs_val("many: all unlinked, entries left", "%ld %ld", ok, n);
	PFS_RC("many: rmdir", rmdir("many"));
	if (chdir(".."))
		return;
	pfs_rmtree("dirs");
}

/* --- Pipes, also between threads. */

struct pipe_job {
	int fd;
	long bytes;
	uint32_t sum;
	int rounds;
	int back;
};

static uint32_t mix_sum(uint32_t sum, const unsigned char *p, size_t n)
{
	while (n--)
		sum = sum * 31 + *p++;
	return sum;
}

/* Writes @bytes of a pattern in uneven chunks, then closes the end. */
static void *pipe_writer(void *arg)
{
	struct pipe_job *job = arg;
	unsigned char buf[5000];
	long left = job->bytes, i, chunk = 1;

	for (i = 0; i < (long)sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	while (left > 0) {
		long n = chunk < left ? chunk : left;
		ssize_t w = write(job->fd, buf, n);

		if (w <= 0)
			break;
		job->sum = mix_sum(job->sum, buf, w);
		left -= w;
		chunk = (chunk * 13 + 7) % 4999 + 1;
	}
	close(job->fd);
	return NULL;
}

/* Echoes one byte back per byte received, @rounds times. */
static void *pipe_echo(void *arg)
{
	struct pipe_job *job = arg;
	unsigned char c;
	int i;

	for (i = 0; i < job->rounds; i++) {
		if (read(job->fd, &c, 1) != 1)
			break;
		c++;
		if (write(job->back, &c, 1) != 1)
			break;
	}
	return NULL;
}

void pfs_cases_pipes(void)
{
	struct pipe_job job = { 0 };
	unsigned char buf[8192];
	struct stat st;
	pthread_t t;
	uint32_t sum = 0;
	long total = 0;
	int p[2], q[2], r, i, ok, avail = -1;
	ssize_t n;

	PFS_RC("pipe", pipe(p));
	PFS_RC("pipe write", write(p[1], "abcdefg", 7));
	PFS_RC("FIONREAD", ioctl(p[0], FIONREAD, &avail));
	pfs_val("FIONREAD count", "%d", avail);
	PFS_RC("pipe read part", read(p[0], buf, 3));
	PFS_RC("pipe read rest", read(p[0], buf, sizeof(buf)));
	PFS_RC("lseek on pipe", lseek(p[0], 0, SEEK_CUR));
	PFS_RC("pread on pipe", pread(p[0], buf, 1, 0));
	PFS_RC("pwrite on pipe", pwrite(p[1], buf, 1, 0));
	PFS_RC("fstat pipe", fstat(p[0], &st));
	pfs_val("fstat pipe is a fifo", "%d", S_ISFIFO(st.st_mode));
	pfs_val("F_GETFL read end", "%o", getfl(p[0]));
	pfs_val("F_GETFL write end", "%o", getfl(p[1]));
	PFS_RC("read on write end", read(p[1], buf, 1));
	PFS_RC("write on read end", write(p[0], buf, 1));
	PFS_RC("set O_NONBLOCK on read end", fcntl(p[0], F_SETFL, O_NONBLOCK));
	PFS_RC("empty nonblocking read", read(p[0], buf, 1));
	r = 0;
	PFS_RC("FIONBIO off", ioctl(p[0], FIONBIO, &r));
	pfs_val("FIONBIO off: F_GETFL", "%o", getfl(p[0]));
	r = 1;
	PFS_RC("FIONBIO on", ioctl(p[0], FIONBIO, &r));
	pfs_val("FIONBIO on: F_GETFL", "%o", getfl(p[0]));
	PFS_RC("set O_NONBLOCK on write end", fcntl(p[1], F_SETFL, O_NONBLOCK));
	memset(buf, 'p', sizeof(buf));
	for (i = 0, n = 0; i < 1000 && n >= 0; i++)
		n = write(p[1], buf, 1024);
	pfs_val("fill nonblocking pipe", "%s %s",
		n < 0 ? "-1" : "no-error", n < 0 ? pfs_errname(errno) : "");
	while (read(p[0], buf, sizeof(buf)) > 0)
		continue;
	PFS_RC("close write end", close(p[1]));
	PFS_RC("read after writer closed", read(p[0], buf, 1));
	PFS_RC("close read end", close(p[0]));
	pipe(p);
	close(p[0]);
	PFS_RC("write after reader closed", write(p[1], "x", 1));
	close(p[1]);
	PFS_RC("pipe2 O_CLOEXEC", pipe2(p, O_CLOEXEC));
	PFS_RC("pipe2 O_CLOEXEC: F_GETFD", fcntl(p[0], F_GETFD) +
	       fcntl(p[1], F_GETFD));
	close(p[0]);
	close(p[1]);
	PFS_RC("pipe2 O_NONBLOCK", pipe2(p, O_NONBLOCK));
	pfs_val("pipe2 O_NONBLOCK: flags", "%o %o", getfl(p[0]),
		getfl(p[1]));
	close(p[0]);
	close(p[1]);
	PFS_RC("pipe2 bad flags", pipe2(p, O_APPEND));
	PFS_RC("dup of a pipe end", pipe(p));
	r = dup(p[1]);
	close(p[1]);
	PFS_RC("write through dup of write end", write(r, "d", 1));
	close(r);
	PFS_RC("eof after all writers closed",
	       read(p[0], buf, 4) + read(p[0], buf, 4) * 10);
	close(p[0]);

	/* 1 MiB through a pipe from another thread. */
	pipe(p);
	job.fd = p[1];
	job.bytes = 1 << 20;
	PFS_RC("thread: create writer",
	       -pthread_create(&t, NULL, pipe_writer, &job));
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		sum = mix_sum(sum, buf, n);
		total += n;
	}
	PFS_RC("thread: last read", n);
	PFS_RC("thread: join", -pthread_join(t, NULL));
	pfs_val("thread: bytes and checksum", "%ld %s", total,
		sum == job.sum ? "match" : "differ");
	close(p[0]);

	/* Ping-pong: blocking reads wake up the other thread. */
	pipe(p);
	pipe(q);
	job.fd = p[0];
	job.back = q[1];
	job.rounds = 2000;
	pthread_create(&t, NULL, pipe_echo, &job);
	ok = 0;
	for (i = 0; i < job.rounds; i++) {
		unsigned char c = (unsigned char)i, d = 0;

		if (write(p[1], &c, 1) != 1 || read(q[0], &d, 1) != 1)
			break;
		ok += d == (unsigned char)(c + 1);
	}
	pthread_join(t, NULL);
	pfs_val("thread: ping-pong rounds", "%d", ok);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

/* --- Limits: descriptor table, name and path lengths. */

void pfs_cases_limits(void)
{
	static int fds[70000];
	char *path;
	int n = 0, err, fd, i;

	mkdir("lim", 0755);
	if (chdir("lim"))
		return;
	pfs_mkfile("f", "x");
	errno = 0;
	while (n < 70000 && (fd = open("f", O_RDONLY)) >= 0)
		fds[n++] = fd;
	err = errno;
	pfs_val("open until the table is full", "-1 %s", pfs_errname(err));
	PFS_RC("dup with a full table", dup(0));
	PFS_RC("pipe with a full table", pipe(fds + n));
	PFS_RC("F_DUPFD with a full table", fcntl(0, F_DUPFD, 0));
	for (i = 0; i < n; i++)
		close(fds[i]);
	fd = open("f", O_RDONLY);
	PFS_OK("open after closing them", fd);
	close(fd);

	PFS_OK("create a 255-byte name", open(longname + 1, O_WRONLY |
						O_CREAT, 0644) < 0 ? -1 : 0);
	PFS_RC("stat a 255-byte name", access(longname + 1, F_OK));
	PFS_RC("unlink a 255-byte name", unlink(longname + 1));
	PFS_RC("mkdir a 256-byte name", mkdir(longname, 0755));
	PFS_RC("create a 256-byte name", open(longname, O_WRONLY | O_CREAT,
					       0644));
	path = malloc(8192);
	for (i = 0; i < 4200; i += 2) {
		path[i] = 'a';
		path[i + 1] = '/';
	}
	path[4200] = '\0';
	PFS_RC("stat a 4200-byte path", access(path, F_OK));
	PFS_RC("mkdir a 4200-byte path", mkdir(path, 0755));
	PFS_RC("chdir a 4200-byte path", chdir(path));
	free(path);
	if (chdir(".."))
		return;
	pfs_rmtree("lim");
}

/* --- A big file written and read back. */

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

void pfs_cases_big(void)
{
	const long chunk = 1 << 20;
	uint64_t seed = 0x9e3779b97f4a7c15ull, wsum = 0, rsum = 0;
	uint64_t *buf = malloc(chunk);
	long i, j, bad = 0, total = 0;
	struct stat st;
	ssize_t n;
	int fd;

	if (!buf) {
		pfs_val("big: buffer", "no memory");
		return;
	}
	fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	PFS_OK("big: create", fd);
	for (i = 0; i < pfs_big_mib; i++) {
		for (j = 0; j < chunk / 8; j++) {
			buf[j] = xorshift(&seed);
			wsum += buf[j] * (uint64_t)(j + 1);
		}
		if (write(fd, buf, chunk) != chunk)
			bad++;
	}
	pfs_val("big: short or failed writes", "%ld", bad);
	fstat(fd, &st);
	pfs_val("big: size in MiB", "%lld", (long long)st.st_size >> 20);
	PFS_RC("big: rewind", lseek(fd, 0, SEEK_SET));
	/* Read back in 64 KiB pieces, summing 1 MiB at a time. */
	j = 0;
	while ((n = read(fd, (char *)buf + j, 65536)) > 0) {
		total += n;
		j += n;
		if (j == chunk) {
			for (j = 0; j < chunk / 8; j++)
				rsum += buf[j] * (uint64_t)(j + 1);
			j = 0;
		}
	}
	pfs_val("big: bytes read back", "%ld", total);
	pfs_val("big: checksum", "%016llx %s", (unsigned long long)rsum,
		rsum == wsum ? "match" : "differ");
	n = pread(fd, buf, 16, (pfs_big_mib << 20) - 8);
	pfs_val("big: pread across the end", "%zd", n);
	PFS_RC("big: ftruncate to half", ftruncate(fd, pfs_big_mib << 19));
	fstat(fd, &st);
	pfs_val("big: size after ftruncate", "%lld", (long long)st.st_size);
	close(fd);
	PFS_RC("big: unlink", unlink("big"));
	free(buf);
}
