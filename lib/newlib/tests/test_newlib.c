/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/newlib: what it adds to newlib (users, /etc/passwd, sysconf,
 * getrusage, utimes, remove, mmap without ukmmap), the file cases on the
 * root file system.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <uk/config.h>
#include <uk/test.h>

/* The call fails with -1 and @err. */
#define EXPECT_ERR(call, err)	UK_TEST_EXPECT_ERRNO(call, err)

UK_TESTCASE(newlib, users)
{
	UK_TEST_EXPECT_EQ(getuid(), 0);
	UK_TEST_EXPECT_EQ(geteuid(), 0);
	UK_TEST_EXPECT_EQ(getgid(), 0);
	UK_TEST_EXPECT_EQ(getegid(), 0);
}

#if CONFIG_LIBVFSCORE
static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* newlib's fchown() is vfscore's: the owner reaches the file. */
UK_TESTCASE(newlib, fchown)
{
	struct stat st;
	int fd = open("/fchown-test", O_RDWR | O_CREAT | O_TRUNC, 0644);

	UK_TEST_EXPECT(fd >= 0);
	if (fd < 0)
		return;
	UK_TEST_EXPECT_EQ(fchown(fd, 1000, 100), 0);
	UK_TEST_EXPECT_EQ(fstat(fd, &st), 0);
	UK_TEST_EXPECT_EQ(st.st_uid, 1000);
	UK_TEST_EXPECT_EQ(st.st_gid, 100);
	EXPECT_ERR(fchown(-1, 0, 0), EBADF);
	close(fd);
	unlink("/fchown-test");
}

UK_TESTCASE(newlib, passwd)
{
	char text[1500];
	struct passwd *pw;
	size_t n;

	unlink("/etc/passwd");
	errno = 0;
	UK_TEST_EXPECT_NULL(getpwuid(0));
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT_NULL(getpwnam("root"));

	/*
	 * A line longer than the reader's buffer (its tail would parse as
	 * user 7), malformed lines, and a last line without a newline.
	 */
	mkdir("/etc", 0755);
	n = strlen(strcpy(text, "root:x:0:0:root:/root:/bin/sh\n"));
	memset(text + n, 'y', 1100);
	strcpy(text + n + 1100,
	       ":x:7:7:long:/:/bin/sh\n"
	       "bad:x:zero:0:bad:/:/bin/sh\n"
	       "short:x:5:5\n"
	       "big:x:99999999:5:big:/:/bin/sh\n"
	       "app:x:1000:100:App User:/home/app:/bin/false");
	UK_TEST_EXPECT_EQ(write_file("/etc/passwd", text), 0);

	pw = getpwnam("app");
	UK_TEST_EXPECT_NOT_NULL(pw);
	if (pw) {
		UK_TEST_EXPECT_EQ(pw->pw_uid, 1000);
		UK_TEST_EXPECT_EQ(pw->pw_gid, 100);
		UK_TEST_EXPECT_STREQ(pw->pw_gecos, "App User");
		UK_TEST_EXPECT_STREQ(pw->pw_dir, "/home/app");
		UK_TEST_EXPECT_STREQ(pw->pw_shell, "/bin/false");
	}
	pw = getpwuid(0);
	UK_TEST_EXPECT_NOT_NULL(pw);
	if (pw) {
		UK_TEST_EXPECT_STREQ(pw->pw_name, "root");
		UK_TEST_EXPECT_STREQ(pw->pw_dir, "/root");
	}
	UK_TEST_EXPECT_NULL(getpwuid(7));
	UK_TEST_EXPECT_NULL(getpwnam("bad"));
	UK_TEST_EXPECT_NULL(getpwnam("short"));
	UK_TEST_EXPECT_NULL(getpwuid(5));
	UK_TEST_EXPECT_NULL(getpwnam("big"));
	UK_TEST_EXPECT_NULL(getpwnam("nobody"));
	EXPECT_ERR(getpwnam(NULL) ? 0 : -1, EINVAL);
	unlink("/etc/passwd");
}

UK_TESTCASE(newlib, utimes)
{
	struct timeval tv[2] = { { 1000, 5 }, { 2000, 999999 } };
	struct stat st;
	int fd;

	fd = open("/t_utimes", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	UK_TEST_EXPECT(fd >= 0);
	close(fd);
	UK_TEST_EXPECT_EQ(utimes("/t_utimes", tv), 0);
	UK_TEST_EXPECT_EQ(stat("/t_utimes", &st), 0);
	UK_TEST_EXPECT_EQ(st.st_atim.tv_sec, 1000);
	UK_TEST_EXPECT_EQ(st.st_atim.tv_nsec, 5000);
	UK_TEST_EXPECT_EQ(st.st_mtim.tv_sec, 2000);
	UK_TEST_EXPECT_EQ(st.st_mtim.tv_nsec, 999999000);
	/* No times: now, which is past 2000 s after the epoch. */
	UK_TEST_EXPECT_EQ(utimes("/t_utimes", NULL), 0);
	UK_TEST_EXPECT_EQ(stat("/t_utimes", &st), 0);
	UK_TEST_EXPECT(st.st_mtim.tv_sec > 2000);
	tv[1].tv_usec = 1000000;
	EXPECT_ERR(utimes("/t_utimes", tv), EINVAL);
	tv[1].tv_usec = -1;
	EXPECT_ERR(utimes("/t_utimes", tv), EINVAL);
	EXPECT_ERR(utimes("/t_utimes_none", NULL), ENOENT);
	unlink("/t_utimes");
}

/* POSIX: remove() is unlink() for files and rmdir() for directories. */
UK_TESTCASE(newlib, remove)
{
	struct stat st;

	UK_TEST_EXPECT_EQ(mkdir("/t_rm", 0755), 0);
	UK_TEST_EXPECT_EQ(mkdir("/t_rm/d", 0755), 0);
	UK_TEST_EXPECT_EQ(write_file("/t_rm/f", "x"), 0);
	EXPECT_ERR(remove("/t_rm"), ENOTEMPTY);
	UK_TEST_EXPECT_EQ(remove("/t_rm/f"), 0);
	UK_TEST_EXPECT_EQ(remove("/t_rm/d"), 0);
	EXPECT_ERR(stat("/t_rm/d", &st), ENOENT);
	UK_TEST_EXPECT_EQ(remove("/t_rm"), 0);
	EXPECT_ERR(remove("/t_rm"), ENOENT);
}
#endif /* CONFIG_LIBVFSCORE */

UK_TESTCASE(newlib, sysconf)
{
	UK_TEST_EXPECT_EQ(sysconf(_SC_PAGESIZE), 4096);
	UK_TEST_EXPECT_EQ(getpagesize(), 4096);
	UK_TEST_EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), 1);
	UK_TEST_EXPECT_EQ(sysconf(_SC_CLK_TCK), 100);
#if CONFIG_LIBVFSCORE
	UK_TEST_EXPECT_EQ(sysconf(_SC_OPEN_MAX), CONFIG_LIBVFSCORE_NR_FDS);
#endif
#if CONFIG_LIBPOSIX_SYSINFO
	/* From posix-sysinfo's sysinfo(): some RAM, part of it free. */
	UK_TEST_EXPECT(sysconf(_SC_PHYS_PAGES) > 0);
	UK_TEST_EXPECT(sysconf(_SC_AVPHYS_PAGES) > 0 &&
		       sysconf(_SC_AVPHYS_PAGES) < sysconf(_SC_PHYS_PAGES));
#endif
	/* No limit: -1 with errno untouched. */
	errno = 0;
	UK_TEST_EXPECT_EQ(sysconf(_SC_ARG_MAX), -1);
	UK_TEST_EXPECT_EQ(errno, 0);
	EXPECT_ERR(sysconf(-1), EINVAL);
	EXPECT_ERR(sysconf(100000), EINVAL);
}

UK_TESTCASE(newlib, getrusage)
{
	struct rusage a, b;
	volatile unsigned long spin;

	EXPECT_ERR(getrusage(5, &a), EINVAL);
	UK_TEST_EXPECT_EQ(getrusage(RUSAGE_CHILDREN, &a), 0);
	UK_TEST_EXPECT_EQ(a.ru_utime.tv_sec, 0);
	UK_TEST_EXPECT_EQ(a.ru_utime.tv_usec, 0);
#if CONFIG_LIBUKTIME
	UK_TEST_EXPECT_EQ(getrusage(RUSAGE_SELF, &a), 0);
	for (spin = 0; spin < 10000000; spin++)
		;
	UK_TEST_EXPECT_EQ(getrusage(RUSAGE_SELF, &b), 0);
	UK_TEST_EXPECT(a.ru_utime.tv_usec >= 0 && a.ru_utime.tv_usec < 1000000);
	UK_TEST_EXPECT(b.ru_utime.tv_sec * 1000000L + b.ru_utime.tv_usec >
		       a.ru_utime.tv_sec * 1000000L + a.ru_utime.tv_usec);
	UK_TEST_EXPECT_EQ(b.ru_stime.tv_sec, 0);
	UK_TEST_EXPECT_EQ(b.ru_stime.tv_usec, 0);
#else
	(void)b;
	(void)spin;
	EXPECT_ERR(getrusage(RUSAGE_SELF, &a), ENOSYS);
#endif
}

#if !CONFIG_LIBUKMMAP
UK_TESTCASE(newlib, mmap_without_ukmmap)
{
	void *p;

	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	UK_TEST_EXPECT(p == MAP_FAILED);
	UK_TEST_EXPECT_EQ(errno, ENOSYS);
	EXPECT_ERR(munmap(&p, 4096), ENOSYS);
	errno = 0;
	UK_TEST_EXPECT(mremap(&p, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED);
	UK_TEST_EXPECT_EQ(errno, ENOSYS);
}
#endif
