/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: tests of the POSIX file calls on the ramfs root: results and
 * the errno of every error case (Linux as the reference).
 */
/* getdents64: musl declares it (as getdents) for _GNU_SOURCE */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <uk/test.h>

/* The call fails with -1 and @err. */
#define EXPECT_ERR(call, err)	UK_TEST_EXPECT_ERRNO(call, err)

/* The call succeeds (returns >= 0). */
#define EXPECT_OK(call)							\
	do {								\
		long r_;						\
		errno = 0;						\
		r_ = (long)(call);					\
		if (r_ < 0)						\
			uk_test_fail(__FILE__, __LINE__,		\
				     "%s: got %ld errno %d", #call, r_, errno); \
	} while (0)

static int mkfile(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	if (data && write(fd, data, strlen(data)) != (ssize_t)strlen(data)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

UK_TESTCASE(vfscore, console_fds)
{
	struct winsize ws;
	struct stat st;
	int n;

	EXPECT_OK(fstat(0, &st));
	UK_TEST_EXPECT(S_ISCHR(st.st_mode));
	UK_TEST_EXPECT_EQ(write(1, "", 0), 0);
	UK_TEST_EXPECT_EQ(write(2, "vfscore: console write\n", 23), 23);
	EXPECT_OK(ioctl(1, TIOCGWINSZ, &ws));
	UK_TEST_EXPECT_EQ(ws.ws_col, 80);
	UK_TEST_EXPECT_EQ(isatty(1), 1);
	n = 1;
	EXPECT_OK(ioctl(0, FIONBIO, &n));
	UK_TEST_EXPECT(fcntl(0, F_GETFL) & O_NONBLOCK);
	n = 0;
	EXPECT_OK(ioctl(0, FIONBIO, &n));
	EXPECT_OK(ioctl(0, FIONREAD, &n));
	EXPECT_ERR(lseek(1, 0, SEEK_SET), ESPIPE);
}

UK_TESTCASE(vfscore, open_errors)
{
	char longname[300];

	EXPECT_OK(mkdir("/t_open", 0755));
	EXPECT_OK(mkfile("/t_open/f", "abc"));
	EXPECT_OK(symlink("f", "/t_open/l"));
	EXPECT_ERR(open("/t_open/missing", O_RDONLY), ENOENT);
	EXPECT_ERR(open("/t_open/no/such", O_RDONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(open("", O_RDONLY), ENOENT);
	EXPECT_ERR(open("/t_open/f", O_CREAT | O_EXCL | O_WRONLY, 0644),
		   EEXIST);
	EXPECT_ERR(open("/t_open/l", O_CREAT | O_EXCL | O_WRONLY, 0644),
		   EEXIST);
	EXPECT_ERR(open("/t_open", O_WRONLY), EISDIR);
	EXPECT_ERR(open("/t_open", O_RDWR), EISDIR);
	EXPECT_ERR(open("/t_open/f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERR(open("/t_open/f/x", O_RDONLY), ENOTDIR);
	EXPECT_ERR(open("/t_open/f/", O_RDONLY), ENOTDIR);
	EXPECT_ERR(open("/t_open/new/", O_RDWR | O_CREAT, 0644), EISDIR);
	/* Creating a name that exists, with a trailing slash (Linux). */
	EXPECT_ERR(open("/t_open/f/", O_RDWR | O_CREAT, 0644), EISDIR);
	EXPECT_ERR(open("/t_open/l/", O_WRONLY | O_CREAT | O_EXCL, 0644),
		   EISDIR);
	EXPECT_ERR(open("/t_open/", O_RDONLY | O_CREAT | O_EXCL, 0644),
		   EISDIR);
	EXPECT_ERR(mkdir("/t_open/f/", 0755), EEXIST);
	EXPECT_ERR(symlink("x", "/t_open/l/"), EEXIST);
	EXPECT_ERR(link("/t_open/f", "/t_open/f/"), EEXIST);
	EXPECT_ERR(unlink("/t_open/f/"), ENOTDIR);
	EXPECT_ERR(rmdir("/t_open/f/"), ENOTDIR);
	EXPECT_ERR(open("/t_open/l", O_RDONLY | O_NOFOLLOW), ELOOP);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	EXPECT_ERR(open(longname, O_RDONLY), ENAMETOOLONG);
	EXPECT_ERR(close(-1), EBADF);
	EXPECT_ERR(close(1000000), EBADF);
	EXPECT_OK(close(open("/t_open/l", O_RDONLY)));
	EXPECT_OK(close(open("/t_open/.", O_RDONLY)));
	EXPECT_OK(close(open("/t_open/../t_open/./f", O_RDONLY)));
}

UK_TESTCASE(vfscore, read_write_seek)
{
	char buf[64];
	struct iovec iov[3];
	int fd;

	EXPECT_OK(mkdir("/t_rw", 0755));
	fd = open("/t_rw/f", O_RDWR | O_CREAT, 0600);
	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(write(fd, "hello world", 11), 11);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 11);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	UK_TEST_EXPECT_EQ(read(fd, buf, 5), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "hello", 5);
	UK_TEST_EXPECT_EQ(pread(fd, buf, 5, 6), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "world", 5);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	UK_TEST_EXPECT_EQ(pwrite(fd, "W", 1, 6), 1);
	UK_TEST_EXPECT_EQ(lseek(fd, -2, SEEK_END), 9);
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 2);
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	EXPECT_ERR(lseek(fd, -100, SEEK_CUR), EINVAL);
	EXPECT_ERR(lseek(fd, 0, 42), EINVAL);
	EXPECT_ERR(pread(fd, buf, 1, -1), EINVAL);
	/* Writing past the end leaves a hole of zeros. */
	UK_TEST_EXPECT_EQ(pwrite(fd, "Z", 1, 20), 1);
	UK_TEST_EXPECT_EQ(pread(fd, buf, 21, 0), 21);
	UK_TEST_EXPECT_MEMEQ(buf, "hello World\0\0\0\0\0\0\0\0\0Z", 21);
	/* Vectors. */
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "cde", 3 };
	UK_TEST_EXPECT_EQ(pwritev(fd, iov, 3, 0), 5);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	UK_TEST_EXPECT_EQ(writev(fd, iov, 3), 5);
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ buf + 1, 4 };
	UK_TEST_EXPECT_EQ(preadv(fd, iov, 2, 0), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "abcde", 5);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	UK_TEST_EXPECT_EQ(readv(fd, iov, 2), 5);
	EXPECT_ERR(readv(fd, iov, -1), EINVAL);
	close(fd);
	/* Access modes. */
	fd = open("/t_rw/f", O_RDONLY);
	EXPECT_ERR(write(fd, "x", 1), EBADF);
	EXPECT_ERR(ftruncate(fd, 0), EINVAL);
	close(fd);
	fd = open("/t_rw/f", O_WRONLY);
	EXPECT_ERR(read(fd, buf, 1), EBADF);
	close(fd);
	EXPECT_ERR(read(fd, buf, 1), EBADF);
	EXPECT_ERR(write(fd, buf, 1), EBADF);
	EXPECT_ERR(lseek(fd, 0, SEEK_SET), EBADF);
	/* Directories. */
	fd = open("/t_rw", O_RDONLY);
	EXPECT_ERR(read(fd, buf, 1), EISDIR);
	close(fd);
}

UK_TESTCASE(vfscore, append_trunc_creat)
{
	struct stat st;
	char buf[16];
	int fd, fd2;

	EXPECT_OK(mkdir("/t_app", 0755));
	EXPECT_OK(mkfile("/t_app/f", "12345"));
	fd = open("/t_app/f", O_WRONLY | O_APPEND);
	fd2 = open("/t_app/f", O_WRONLY);
	UK_TEST_EXPECT_EQ(write(fd2, "ab", 2), 2);
	UK_TEST_EXPECT_EQ(write(fd, "XY", 2), 2);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 7);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND),
			  O_WRONLY | O_APPEND);
	EXPECT_OK(fcntl(fd, F_SETFL, 0));
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFL) & O_APPEND, 0);
	close(fd);
	close(fd2);
	fd = open("/t_app/f", O_RDONLY);
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 7);
	UK_TEST_EXPECT_MEMEQ(buf, "ab345XY", 7);
	close(fd);
	fd = creat("/t_app/f", 0644);
	UK_TEST_EXPECT(fd >= 0);
	EXPECT_OK(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_size, 0);
	close(fd);
	/* umask applies to new files. */
	UK_TEST_EXPECT_EQ(umask(077), 022);
	EXPECT_OK(mkfile("/t_app/m", NULL));
	EXPECT_OK(stat("/t_app/m", &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 0777, 0600);
	UK_TEST_EXPECT_EQ(umask(022), 077);
}

UK_TESTCASE(vfscore, stat_family)
{
	struct stat st, st2;
	int fd, dfd;

	EXPECT_OK(mkdir("/t_st", 0755));
	EXPECT_OK(mkfile("/t_st/f", "abcdef"));
	EXPECT_OK(symlink("f", "/t_st/l"));
	EXPECT_OK(stat("/t_st/l", &st));
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_size, 6);
	UK_TEST_EXPECT_EQ(st.st_nlink, 1);
	EXPECT_OK(lstat("/t_st/l", &st2));
	UK_TEST_EXPECT(S_ISLNK(st2.st_mode));
	UK_TEST_EXPECT_EQ(st2.st_size, 1);
	UK_TEST_EXPECT_NE(st.st_ino, st2.st_ino);
	fd = open("/t_st/f", O_RDONLY);
	EXPECT_OK(fstat(fd, &st2));
	UK_TEST_EXPECT_EQ(st.st_ino, st2.st_ino);
	UK_TEST_EXPECT_EQ(st.st_dev, st2.st_dev);
	close(fd);
	dfd = open("/t_st", O_RDONLY | O_DIRECTORY);
	EXPECT_OK(fstatat(dfd, "f", &st2, 0));
	UK_TEST_EXPECT_EQ(st.st_ino, st2.st_ino);
	EXPECT_OK(fstatat(dfd, "l", &st2, AT_SYMLINK_NOFOLLOW));
	UK_TEST_EXPECT(S_ISLNK(st2.st_mode));
	EXPECT_OK(fstatat(dfd, "", &st2, AT_EMPTY_PATH));
	UK_TEST_EXPECT(S_ISDIR(st2.st_mode));
	EXPECT_ERR(fstatat(dfd, "f", &st2, 0x4000000), EINVAL);
	EXPECT_ERR(fstatat(-5, "f", &st2, 0), EBADF);
	EXPECT_OK(fstatat(-5, "/t_st/f", &st2, 0));
	fd = open("/t_st/f", O_RDONLY);
	EXPECT_ERR(fstatat(fd, "x", &st2, 0), ENOTDIR);
	close(fd);
	close(dfd);
	EXPECT_ERR(stat("/t_st/none", &st), ENOENT);
	EXPECT_ERR(stat("/t_st/f/", &st), ENOTDIR);
	EXPECT_ERR(fstat(-1, &st), EBADF);
	EXPECT_OK(stat("/", &st));
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	EXPECT_OK(stat("/..", &st2));
	UK_TEST_EXPECT_EQ(st.st_ino, st2.st_ino);
}

UK_TESTCASE(vfscore, access_calls)
{
	EXPECT_OK(mkdir("/t_acc", 0755));
	EXPECT_OK(mkfile("/t_acc/f", NULL));
	EXPECT_OK(access("/t_acc/f", F_OK));
	EXPECT_OK(access("/t_acc/f", R_OK | W_OK));
	EXPECT_ERR(access("/t_acc/f", X_OK), EACCES);
	EXPECT_OK(access("/t_acc", X_OK));
	EXPECT_ERR(access("/t_acc/none", F_OK), ENOENT);
	EXPECT_ERR(access("/t_acc/f", 0100), EINVAL);
	EXPECT_OK(faccessat(AT_FDCWD, "/t_acc/f", R_OK, 0));
	EXPECT_ERR(faccessat(AT_FDCWD, "/t_acc/f", R_OK, 0x8000), EINVAL);
}

UK_TESTCASE(vfscore, mkdir_rmdir_unlink)
{
	char buf[64];
	int fd;

	EXPECT_OK(mkdir("/t_dir", 0755));
	EXPECT_ERR(mkdir("/t_dir", 0755), EEXIST);
	EXPECT_ERR(mkdir("/", 0755), EEXIST);
	EXPECT_ERR(mkdir("/t_dir/.", 0755), EEXIST);
	EXPECT_ERR(mkdir("/t_dir/a/b", 0755), ENOENT);
	EXPECT_OK(mkdir("/t_dir/a/", 0755));
	EXPECT_OK(mkfile("/t_dir/a/f", "x"));
	EXPECT_ERR(mkdir("/t_dir/a/f/g", 0755), ENOTDIR);
	EXPECT_ERR(rmdir("/t_dir/a"), ENOTEMPTY);
	EXPECT_ERR(rmdir("/t_dir/a/f"), ENOTDIR);
	EXPECT_ERR(rmdir("/t_dir/a/."), EINVAL);
	EXPECT_ERR(rmdir("/t_dir/a/.."), ENOTEMPTY);
	EXPECT_ERR(rmdir("/t_dir/none"), ENOENT);
	EXPECT_ERR(rmdir("/"), EBUSY);
	EXPECT_ERR(unlink("/t_dir/a"), EISDIR);
	EXPECT_ERR(unlink("/t_dir/none"), ENOENT);
	EXPECT_ERR(unlink("/t_dir/a/f/"), ENOTDIR);
	/* An unlinked open file stays readable. */
	fd = open("/t_dir/a/f", O_RDONLY);
	EXPECT_OK(unlink("/t_dir/a/f"));
	EXPECT_ERR(access("/t_dir/a/f", F_OK), ENOENT);
	{
		char c = 0;

		UK_TEST_EXPECT_EQ(read(fd, &c, 1), 1);
		UK_TEST_EXPECT_EQ(c, 'x');
	}
	close(fd);
	EXPECT_OK(rmdir("/t_dir/a/"));
	/* A removed cwd: ".." still works, creating in it gives ENOENT. */
	EXPECT_OK(mkdir("/t_dir/gone", 0755));
	EXPECT_OK(chdir("/t_dir/gone"));
	EXPECT_OK(rmdir("/t_dir/gone"));
	EXPECT_OK(close(open("..", O_RDONLY)));
	EXPECT_OK(access("../a", F_OK) == 0 ? -1 : 0);
	EXPECT_ERR(open("new", O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(mkdir("newd", 0755), ENOENT);
	EXPECT_ERR(getcwd(buf, sizeof(buf)) ? 0 : -1, ENOENT);
	EXPECT_OK(chdir("/"));
	EXPECT_OK(mkdir("/t_dir/b", 0755));
	EXPECT_ERR(unlinkat(AT_FDCWD, "/t_dir/b", 0x1), EINVAL);
	EXPECT_OK(unlinkat(AT_FDCWD, "/t_dir/b", AT_REMOVEDIR));
	EXPECT_OK(mkdirat(AT_FDCWD, "/t_dir/c", 0700));
	EXPECT_OK(mkfile("/t_dir/c/g", NULL));
	EXPECT_OK(remove("/t_dir/c/g"));
	EXPECT_OK(remove("/t_dir/c"));
}

UK_TESTCASE(vfscore, rename_rules)
{
	struct stat st;
	char buf[8];
	int fd;

	EXPECT_OK(mkdir("/t_ren", 0755));
	EXPECT_OK(mkdir("/t_ren/d1", 0755));
	EXPECT_OK(mkdir("/t_ren/d1/sub", 0755));
	EXPECT_OK(mkdir("/t_ren/d2", 0755));
	EXPECT_OK(mkdir("/t_ren/full", 0755));
	EXPECT_OK(mkfile("/t_ren/full/x", NULL));
	EXPECT_OK(mkfile("/t_ren/a", "A"));
	EXPECT_OK(mkfile("/t_ren/b", "B"));
	EXPECT_OK(rename("/t_ren/a", "/t_ren/b"));
	EXPECT_ERR(stat("/t_ren/a", &st), ENOENT);
	fd = open("/t_ren/b", O_RDONLY);
	UK_TEST_EXPECT_EQ(read(fd, buf, 8), 1);
	UK_TEST_EXPECT_EQ(buf[0], 'A');
	close(fd);
	EXPECT_ERR(rename("/t_ren/none", "/t_ren/c"), ENOENT);
	EXPECT_ERR(rename("/t_ren/b", "/t_ren/d1"), EISDIR);
	EXPECT_ERR(rename("/t_ren/d1", "/t_ren/b"), ENOTDIR);
	EXPECT_ERR(rename("/t_ren/d2", "/t_ren/full"), ENOTEMPTY);
	EXPECT_ERR(rename("/t_ren/d1", "/t_ren/d1/sub/x"), EINVAL);
	EXPECT_ERR(rename("/t_ren/d1/.", "/t_ren/x"), EBUSY);
	EXPECT_ERR(rename("/t_ren/b", "/t_ren/nodir/b"), ENOENT);
	EXPECT_OK(rename("/t_ren/d2", "/t_ren/d1/sub"));
	EXPECT_OK(rename("/t_ren/d1", "/t_ren/d3"));
	EXPECT_OK(stat("/t_ren/d3/sub", &st));
	EXPECT_OK(rename("/t_ren/b", "/t_ren/b"));
	EXPECT_OK(link("/t_ren/b", "/t_ren/b2"));
	EXPECT_OK(rename("/t_ren/b", "/t_ren/b2"));
	EXPECT_OK(stat("/t_ren/b", &st));
	EXPECT_OK(renameat(AT_FDCWD, "/t_ren/b", AT_FDCWD, "/t_ren/d3/b"));
	EXPECT_OK(stat("/t_ren/d3/b", &st));
	EXPECT_OK(stat("/t_ren/d3/sub", &st));
	UK_TEST_EXPECT_EQ(st.st_nlink, 2);
	EXPECT_OK(stat("/t_ren/d3", &st));
	UK_TEST_EXPECT_EQ(st.st_nlink, 3);
}

UK_TESTCASE(vfscore, links_and_symlinks)
{
	struct stat st;
	char buf[64];
	int i;

	EXPECT_OK(mkdir("/t_ln", 0755));
	EXPECT_OK(mkfile("/t_ln/f", "data"));
	EXPECT_OK(link("/t_ln/f", "/t_ln/h"));
	EXPECT_OK(stat("/t_ln/f", &st));
	UK_TEST_EXPECT_EQ(st.st_nlink, 2);
	EXPECT_ERR(link("/t_ln/f", "/t_ln/h"), EEXIST);
	EXPECT_ERR(link("/t_ln", "/t_ln/dirlink"), EPERM);
	EXPECT_ERR(link("/t_ln/none", "/t_ln/x"), ENOENT);
	EXPECT_OK(unlink("/t_ln/f"));
	EXPECT_OK(stat("/t_ln/h", &st));
	UK_TEST_EXPECT_EQ(st.st_nlink, 1);
	UK_TEST_EXPECT_EQ(st.st_size, 4);
	EXPECT_OK(symlink("h", "/t_ln/s"));
	EXPECT_ERR(symlink("h", "/t_ln/s"), EEXIST);
	EXPECT_ERR(symlink("", "/t_ln/e"), ENOENT);
	UK_TEST_EXPECT_EQ(readlink("/t_ln/s", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_EQ(buf[0], 'h');
#ifdef CONFIG_LIBMUSL
	/* musl reads into a one-byte buffer of its own and returns 0. */
	UK_TEST_EXPECT_EQ(readlink("/t_ln/s", buf, 0), 0);
#else
	UK_TEST_EXPECT_EQ(readlink("/t_ln/s", buf, 0), -1);
#endif
	EXPECT_ERR(readlink("/t_ln/h", buf, sizeof(buf)), EINVAL);
	EXPECT_ERR(readlink("/t_ln/none", buf, sizeof(buf)), ENOENT);
	/* Loops and dangling links. */
	EXPECT_OK(symlink("loop2", "/t_ln/loop1"));
	EXPECT_OK(symlink("loop1", "/t_ln/loop2"));
	EXPECT_ERR(open("/t_ln/loop1", O_RDONLY), ELOOP);
	EXPECT_ERR(stat("/t_ln/loop1/x", &st), ELOOP);
	EXPECT_OK(lstat("/t_ln/loop1", &st));
	EXPECT_OK(symlink("nowhere", "/t_ln/dangling"));
	EXPECT_ERR(stat("/t_ln/dangling", &st), ENOENT);
	/* A chain of 40 links resolves, 41 do not. */
	EXPECT_OK(mkdir("/t_ln/c", 0755));
	EXPECT_OK(symlink("/t_ln/h", "/t_ln/c/l0"));
	for (i = 1; i <= 40; i++) {
		char from[32], to[32];

		snprintf(from, sizeof(from), "l%d", i - 1);
		snprintf(to, sizeof(to), "/t_ln/c/l%d", i);
		EXPECT_OK(symlink(from, to));
	}
	EXPECT_OK(stat("/t_ln/c/l39", &st));
	EXPECT_ERR(stat("/t_ln/c/l40", &st), ELOOP);
	/* Directory symlinks and "..". */
	EXPECT_OK(mkdir("/t_ln/real", 0755));
	EXPECT_OK(mkfile("/t_ln/real/in", NULL));
	EXPECT_OK(symlink("/t_ln/real", "/t_ln/dl"));
	EXPECT_OK(stat("/t_ln/dl/in", &st));
	EXPECT_OK(stat("/t_ln/dl/", &st));
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	EXPECT_OK(stat("/t_ln/dl/../h", &st));
	/* Creating through a dangling symlink creates its target. */
	EXPECT_OK(symlink("made", "/t_ln/tocreate"));
	EXPECT_OK(close(open("/t_ln/tocreate", O_WRONLY | O_CREAT, 0644)));
	EXPECT_OK(stat("/t_ln/made", &st));
}

UK_TESTCASE(vfscore, cwd)
{
	char buf[64];
	int fd;

	EXPECT_OK(mkdir("/t_cwd", 0755));
	EXPECT_OK(mkdir("/t_cwd/a", 0755));
	EXPECT_OK(chdir("/t_cwd/a"));
	UK_TEST_EXPECT_STREQ(getcwd(buf, sizeof(buf)), "/t_cwd/a");
	EXPECT_OK(mkfile("rel", "r"));
	EXPECT_OK(access("/t_cwd/a/rel", F_OK));
	EXPECT_OK(chdir(".."));
	UK_TEST_EXPECT_STREQ(getcwd(buf, sizeof(buf)), "/t_cwd");
	EXPECT_OK(access("a/rel", F_OK));
	EXPECT_ERR(getcwd(buf, 3) ? 0 : -1, ERANGE);
	EXPECT_ERR(getcwd(buf, 0) ? 0 : -1, EINVAL);
	EXPECT_ERR(chdir("/t_cwd/a/rel"), ENOTDIR);
	EXPECT_ERR(chdir("/t_cwd/none"), ENOENT);
	fd = open("/t_cwd/a", O_RDONLY);
	EXPECT_OK(fchdir(fd));
	UK_TEST_EXPECT_STREQ(getcwd(buf, sizeof(buf)), "/t_cwd/a");
	EXPECT_OK(openat(fd, "rel", O_RDONLY));
	close(fd);
	fd = open("/t_cwd/a/rel", O_RDONLY);
	EXPECT_ERR(fchdir(fd), ENOTDIR);
	EXPECT_ERR(openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	EXPECT_ERR(fchdir(-1), EBADF);
	EXPECT_OK(chdir("/"));
	UK_TEST_EXPECT_STREQ(getcwd(buf, sizeof(buf)), "/");
	{
		char *p = getcwd(NULL, 0);

		UK_TEST_EXPECT_STREQ(p, "/");
		free(p);
	}
}

UK_TESTCASE(vfscore, dup_and_fcntl)
{
	int fd, d, fl;
	char c;

	EXPECT_OK(mkdir("/t_dup", 0755));
	EXPECT_OK(mkfile("/t_dup/f", "xyz"));
	fd = open("/t_dup/f", O_RDONLY | O_CLOEXEC);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	d = dup(fd);
	UK_TEST_EXPECT(d > fd);
	UK_TEST_EXPECT_EQ(fcntl(d, F_GETFD), 0);
	UK_TEST_EXPECT_EQ(read(fd, &c, 1), 1);
	UK_TEST_EXPECT_EQ(lseek(d, 0, SEEK_CUR), 1);	/* shared offset */
	UK_TEST_EXPECT_EQ(dup2(fd, 100), 100);
	UK_TEST_EXPECT_EQ(dup2(fd, fd), fd);
	EXPECT_ERR(dup2(-1, 101), EBADF);
	EXPECT_ERR(dup2(fd, -1), EBADF);
	EXPECT_ERR(dup2(fd, 1 << 30), EBADF);
	EXPECT_ERR(dup3(fd, fd, 0), EINVAL);
#ifndef CONFIG_LIBMUSL
	/* musl's dup3() without O_CLOEXEC is dup2(): other flags are
	 * ignored before they reach vfscore. */
	EXPECT_ERR(dup3(fd, 101, O_RDONLY | 0x1), EINVAL);
#endif
	UK_TEST_EXPECT_EQ(dup3(fd, 101, O_CLOEXEC), 101);
	UK_TEST_EXPECT_EQ(fcntl(101, F_GETFD), FD_CLOEXEC);
	EXPECT_OK(fcntl(101, F_SETFD, 0));
	UK_TEST_EXPECT_EQ(fcntl(101, F_GETFD), 0);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_DUPFD, 50), 50);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 50), 51);
	UK_TEST_EXPECT_EQ(fcntl(51, F_GETFD), FD_CLOEXEC);
	EXPECT_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	EXPECT_ERR(fcntl(-1, F_GETFD), EBADF);
	EXPECT_ERR(fcntl(-1, F_GETFL), EBADF);
	EXPECT_ERR(fcntl(fd, 9999), EINVAL);
	fl = fcntl(fd, F_GETFL);
	UK_TEST_EXPECT_EQ(fl & O_ACCMODE, O_RDONLY);
	EXPECT_OK(fcntl(fd, F_SETFL, fl | O_NONBLOCK | O_RDWR));
	UK_TEST_EXPECT_EQ(fcntl(d, F_GETFL) & (O_ACCMODE | O_NONBLOCK),
			  O_RDONLY | O_NONBLOCK);
	EXPECT_ERR(ioctl(fd, TIOCGWINSZ, NULL), ENOTTY);
	EXPECT_ERR(ioctl(-1, FIONBIO, &fl), EBADF);
	{
		int n = 0;

		EXPECT_OK(ioctl(fd, FIONREAD, &n));
		UK_TEST_EXPECT_EQ(n, 2);
	}
	UK_TEST_EXPECT_EQ(isatty(fd), 0);
	close(fd);
	close(d);
	close(100);
	close(101);
	close(50);
	close(51);
	EXPECT_ERR(dup(fd), EBADF);
}

UK_TESTCASE(vfscore, emfile)
{
	int fds[CONFIG_LIBVFSCORE_NR_FDS], n = 0, i;

	EXPECT_OK(mkfile("/t_emfile", NULL));
	for (;;) {
		int fd = open("/t_emfile", O_RDONLY);

		if (fd < 0)
			break;
		fds[n++] = fd;
	}
	UK_TEST_EXPECT_EQ(errno, EMFILE);
	EXPECT_ERR(dup(0), EMFILE);
	EXPECT_ERR(open("/t_emfile_new", O_WRONLY | O_CREAT, 0644), EMFILE);
	close(fds[--n]);
	EXPECT_ERR(access("/t_emfile_new", F_OK), ENOENT);
	{
		int p[2];

		EXPECT_ERR(pipe(p), EMFILE);
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	UK_TEST_EXPECT(n > 10);
}

UK_TESTCASE(vfscore, truncate_sync_statfs_times)
{
	struct timespec ts[2];
	struct statfs sfs;
	struct stat st;
	int fd;

	EXPECT_OK(mkdir("/t_tr", 0755));
	EXPECT_OK(mkfile("/t_tr/f", "0123456789"));
	EXPECT_OK(truncate("/t_tr/f", 4));
	EXPECT_OK(stat("/t_tr/f", &st));
	UK_TEST_EXPECT_EQ(st.st_size, 4);
	EXPECT_ERR(truncate("/t_tr/f", -1), EINVAL);
	EXPECT_ERR(truncate("/t_tr", 0), EISDIR);
	EXPECT_ERR(truncate("/t_tr/none", 0), ENOENT);
	fd = open("/t_tr/f", O_RDWR);
	EXPECT_OK(ftruncate(fd, 8192));
	EXPECT_OK(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_size, 8192);
	EXPECT_ERR(ftruncate(fd, -1), EINVAL);
	EXPECT_OK(fsync(fd));
	EXPECT_OK(fdatasync(fd));
	EXPECT_OK(fstatfs(fd, &sfs));
	UK_TEST_EXPECT_EQ(sfs.f_type, 0x01021994);
	ts[0] = (struct timespec){ 100, 0 };
	ts[1] = (struct timespec){ 200, 5 };
	EXPECT_OK(futimens(fd, ts));
	EXPECT_OK(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_atim.tv_sec, 100);
	UK_TEST_EXPECT_EQ(st.st_mtim.tv_sec, 200);
	UK_TEST_EXPECT_EQ(st.st_mtim.tv_nsec, 5);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	EXPECT_OK(utimensat(AT_FDCWD, "/t_tr/f", ts, 0));
	EXPECT_OK(stat("/t_tr/f", &st));
	UK_TEST_EXPECT_EQ(st.st_atim.tv_sec, 100);
	UK_TEST_EXPECT_NE(st.st_mtim.tv_sec, 200);
	ts[0].tv_nsec = 1000000000;
	EXPECT_ERR(utimensat(AT_FDCWD, "/t_tr/f", ts, 0), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, "/t_tr/f", NULL, 0x1), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, "/t_tr/none", NULL, 0), ENOENT);
	close(fd);
	EXPECT_ERR(fsync(fd), EBADF);
	EXPECT_OK(statfs("/t_tr", &sfs));
	EXPECT_ERR(statfs("/t_tr/none", &sfs), ENOENT);
	EXPECT_ERR(fstatfs(-1, &sfs), EBADF);
}

/* Linux's rules: -1 keeps an id, a new owner clears set-user-ID (and
 * set-group-ID with group execute) but not on directories. */
UK_TESTCASE(vfscore, chown_family)
{
	struct stat st;
	int fd;

	EXPECT_OK(mkdir("/t_own", 0755));
	EXPECT_OK(mkfile("/t_own/f", "x"));
	EXPECT_OK(chown("/t_own/f", 1000, 100));
	EXPECT_OK(stat("/t_own/f", &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 1000);
	UK_TEST_EXPECT_EQ(st.st_gid, 100);
	EXPECT_OK(chown("/t_own/f", (uid_t)-1, 7));
	EXPECT_OK(stat("/t_own/f", &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 1000);
	UK_TEST_EXPECT_EQ(st.st_gid, 7);

	EXPECT_OK(chmod("/t_own/f", 06755));
	EXPECT_OK(chown("/t_own/f", 1, (gid_t)-1));
	EXPECT_OK(stat("/t_own/f", &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 0755);
	EXPECT_OK(chmod("/t_own/f", 02744));	/* setgid, no group x */
	EXPECT_OK(chown("/t_own/f", 2, 2));
	EXPECT_OK(stat("/t_own/f", &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 02744);
	EXPECT_OK(chmod("/t_own", 02755));
	EXPECT_OK(chown("/t_own", 5, 5));
	EXPECT_OK(stat("/t_own", &st));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 02755);

	/* lchown changes the link, chown its target */
	EXPECT_OK(symlink("f", "/t_own/l"));
	EXPECT_OK(lchown("/t_own/l", 33, 44));
	EXPECT_OK(lstat("/t_own/l", &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 33);
	EXPECT_OK(stat("/t_own/l", &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 2);
	EXPECT_OK(fchownat(AT_FDCWD, "/t_own/l", 9, 9, AT_SYMLINK_NOFOLLOW));
	EXPECT_OK(lstat("/t_own/l", &st));
	UK_TEST_EXPECT_EQ(st.st_gid, 9);

	fd = open("/t_own/f", O_RDONLY);
	EXPECT_OK(fchown(fd, 77, 88));
	EXPECT_OK(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 77);
	UK_TEST_EXPECT_EQ(st.st_gid, 88);
	EXPECT_OK(fchownat(fd, "", 78, (gid_t)-1, AT_EMPTY_PATH));
	EXPECT_OK(fstat(fd, &st));
	UK_TEST_EXPECT_EQ(st.st_uid, 78);
	close(fd);

	EXPECT_ERR(fchown(fd, 0, 0), EBADF);
	EXPECT_ERR(chown("/t_own/none", 0, 0), ENOENT);
	EXPECT_ERR(fchownat(AT_FDCWD, "/t_own/f", 0, 0, 0x1), EINVAL);
	EXPECT_OK(unlink("/t_own/l"));
	EXPECT_OK(unlink("/t_own/f"));
	EXPECT_OK(rmdir("/t_own"));
}

UK_TESTCASE(vfscore, readdir_and_getdents)
{
	struct dirent **list, *de;
	int n, i, seen = 0, fd;
	char buf[512];
	DIR *d;

	EXPECT_OK(mkdir("/t_rd", 0755));
	EXPECT_OK(mkfile("/t_rd/b", NULL));
	EXPECT_OK(mkfile("/t_rd/a", NULL));
	EXPECT_OK(mkdir("/t_rd/c", 0755));
	d = opendir("/t_rd");
	UK_TEST_EXPECT_NOT_NULL(d);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, "c"))
			UK_TEST_EXPECT_EQ(de->d_type, DT_DIR);
		if (!strcmp(de->d_name, "a"))
			UK_TEST_EXPECT_EQ(de->d_type, DT_REG);
		seen++;
	}
	UK_TEST_EXPECT_EQ(seen, 5);
	rewinddir(d);
	de = readdir(d);
	UK_TEST_EXPECT_STREQ(de->d_name, ".");
	closedir(d);
	n = scandir("/t_rd", &list, NULL, alphasort);
	UK_TEST_EXPECT_EQ(n, 5);
	if (n == 5) {
		UK_TEST_EXPECT_STREQ(list[0]->d_name, ".");
		UK_TEST_EXPECT_STREQ(list[1]->d_name, "..");
		UK_TEST_EXPECT_STREQ(list[2]->d_name, "a");
		UK_TEST_EXPECT_STREQ(list[4]->d_name, "c");
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	UK_TEST_EXPECT_NULL(opendir("/t_rd/a"));
	UK_TEST_EXPECT_EQ(errno, ENOTDIR);
	UK_TEST_EXPECT_NULL(opendir("/t_rd/none"));
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	fd = open("/t_rd/a", O_RDONLY);
	EXPECT_ERR(getdents64(fd, (void *)buf, sizeof(buf)), ENOTDIR);
	close(fd);
	fd = open("/t_rd", O_RDONLY | O_DIRECTORY);
	EXPECT_ERR(getdents64(fd, (void *)buf, 10), EINVAL);
	UK_TEST_EXPECT(getdents64(fd, (void *)buf, sizeof(buf)) > 0);
	UK_TEST_EXPECT_EQ(getdents64(fd, (void *)buf, sizeof(buf)), 0);
	close(fd);
	EXPECT_ERR(getdents64(-1, (void *)buf, sizeof(buf)), EBADF);
}

#define NMANY 10000

UK_TESTCASE(vfscore, many_files_in_one_dir)
{
	int i, n = 0;
	char name[32];
	struct dirent *de;
	DIR *d;

	EXPECT_OK(mkdir("/t_many", 0755));
	for (i = 0; i < NMANY; i++) {
		snprintf(name, sizeof(name), "/t_many/f%d", i);
		if (mkfile(name, NULL))
			break;
	}
	UK_TEST_EXPECT_EQ(i, NMANY);
	d = opendir("/t_many");
	while ((de = readdir(d)))
		n++;
	closedir(d);
	UK_TEST_EXPECT_EQ(n, NMANY + 2);
	for (i = 0; i < NMANY; i++) {
		snprintf(name, sizeof(name), "/t_many/f%d", i);
		unlink(name);
	}
	EXPECT_OK(rmdir("/t_many"));
}

UK_TESTCASE(vfscore, pipes)
{
	int p[2], n;
	char buf[16];
	struct stat st;

	EXPECT_OK(pipe(p));
	UK_TEST_EXPECT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_OK(ioctl(p[0], FIONREAD, &n));
	UK_TEST_EXPECT_EQ(n, 5);
	UK_TEST_EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "hello", 5);
	EXPECT_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	EXPECT_ERR(write(p[0], "x", 1), EBADF);
	EXPECT_ERR(read(p[1], buf, 1), EBADF);
	EXPECT_OK(fstat(p[0], &st));
	UK_TEST_EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	EXPECT_ERR(read(p[0], buf, 1), EAGAIN);
	close(p[1]);
	UK_TEST_EXPECT_EQ(read(p[0], buf, 1), 0);
	close(p[0]);
	EXPECT_OK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	UK_TEST_EXPECT_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	{
		static char big[70000];
		ssize_t w = write(p[1], big, sizeof(big));

		UK_TEST_EXPECT_EQ(w, 65536);
		EXPECT_ERR(write(p[1], big, 1), EAGAIN);
	}
	close(p[0]);
	EXPECT_ERR(write(p[1], "x", 1), EPIPE);
	close(p[1]);
	EXPECT_ERR(pipe2(p, 0x1), EINVAL);
}

UK_TESTCASE(vfscore, mounts)
{
	struct stat st, st2;
	int fd;

	EXPECT_OK(mkdir("/t_mnt", 0755));
	EXPECT_OK(mkdir("/t_mnt/a", 0755));
	EXPECT_OK(mkdir("/t_mnt/ro", 0755));
	EXPECT_OK(mkfile("/t_mnt/file", NULL));
	EXPECT_OK(mkfile("/t_mnt/a/hidden", NULL));
	EXPECT_ERR(mount(NULL, "/t_mnt/a", "nosuchfs", 0, NULL), ENODEV);
	EXPECT_ERR(mount(NULL, "/t_mnt/none", "ramfs", 0, NULL), ENOENT);
	EXPECT_ERR(mount(NULL, "/t_mnt/file", "ramfs", 0, NULL), ENOTDIR);
	EXPECT_OK(mount(NULL, "/t_mnt/a", "ramfs", 0, NULL));
	EXPECT_ERR(mount(NULL, "/t_mnt/a", "ramfs", 0, NULL), EBUSY);
	EXPECT_ERR(access("/t_mnt/a/hidden", F_OK), ENOENT);
	EXPECT_OK(stat("/t_mnt/a", &st));
	EXPECT_OK(stat("/t_mnt", &st2));
	UK_TEST_EXPECT_NE(st.st_dev, st2.st_dev);
	EXPECT_OK(stat("/t_mnt/a/..", &st));
	UK_TEST_EXPECT_EQ(st.st_ino, st2.st_ino);
	UK_TEST_EXPECT_EQ(st.st_dev, st2.st_dev);
	EXPECT_OK(mkfile("/t_mnt/a/x", "x"));
	EXPECT_ERR(rename("/t_mnt/a/x", "/t_mnt/x"), EXDEV);
	EXPECT_ERR(link("/t_mnt/a/x", "/t_mnt/x"), EXDEV);
	EXPECT_ERR(rmdir("/t_mnt/a"), EBUSY);
	fd = open("/t_mnt/a/x", O_RDONLY);
	EXPECT_ERR(umount("/t_mnt/a"), EBUSY);
	close(fd);
	EXPECT_ERR(umount("/t_mnt"), EINVAL);
	EXPECT_ERR(umount("/"), EBUSY);
	EXPECT_OK(mkdir("/t_mnt/a/sub", 0755));
	EXPECT_OK(chdir("/t_mnt/a/sub"));
	{
		char buf[64];

		UK_TEST_EXPECT_STREQ(getcwd(buf, sizeof(buf)),
				     "/t_mnt/a/sub");
	}
	EXPECT_OK(chdir(".."));
	EXPECT_ERR(umount("/t_mnt/a"), EBUSY);
	EXPECT_OK(chdir("/"));
	EXPECT_OK(umount("/t_mnt/a"));
	EXPECT_OK(access("/t_mnt/a/hidden", F_OK));
	EXPECT_ERR(umount("/t_mnt/a"), EINVAL);
	/* Read-only mounts. */
	EXPECT_OK(mount(NULL, "/t_mnt/ro", "ramfs", MS_RDONLY, NULL));
	EXPECT_ERR(open("/t_mnt/ro/f", O_WRONLY | O_CREAT, 0644), EROFS);
	EXPECT_ERR(mkdir("/t_mnt/ro/d", 0755), EROFS);
	EXPECT_ERR(symlink("x", "/t_mnt/ro/s"), EROFS);
	EXPECT_ERR(access("/t_mnt/ro", W_OK), EROFS);
	EXPECT_OK(access("/t_mnt/ro", R_OK));
	EXPECT_OK(umount2("/t_mnt/ro", 0));
}
