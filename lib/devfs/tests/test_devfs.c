/* SPDX-License-Identifier: BSD-3-Clause */
/* devfs: tests of every node under /dev. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <uk/devfs.h>
#include <uk/test.h>

UK_TESTCASE(devfs, null_zero_random)
{
	char buf[64], z[64] = { 0 }, b2[64];
	int fd;

	fd = open("/dev/null", O_RDWR);
	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(write(fd, "abc", 3), 3);
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 64);
	UK_TEST_EXPECT_MEMEQ(buf, z, sizeof(buf));
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	UK_TEST_EXPECT_EQ(read(fd, buf, sizeof(buf)), 64);
	UK_TEST_EXPECT_EQ(read(fd, b2, sizeof(b2)), 64);
	UK_TEST_EXPECT(memcmp(buf, b2, 64) != 0);
	UK_TEST_EXPECT(memcmp(buf, z, 64) != 0);
	close(fd);
	fd = open("/dev/random", O_RDONLY);
	UK_TEST_EXPECT_EQ(read(fd, buf, 7), 7);
	close(fd);
}

UK_TESTCASE(devfs, console_and_listing)
{
	struct winsize ws;
	struct stat st;
	struct dirent *de;
	int fd, n = 0;
	DIR *d;

	fd = open("/dev/console", O_WRONLY);
	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(write(fd, "devfs: console\n", 15), 15);
	UK_TEST_EXPECT_EQ(ioctl(fd, TIOCGWINSZ, &ws), 0);
	UK_TEST_EXPECT_EQ(isatty(fd), 1);
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), -1);
	UK_TEST_EXPECT_EQ(errno, ESPIPE);
	close(fd);
	UK_TEST_EXPECT_EQ(stat("/dev/null", &st), 0);
	UK_TEST_EXPECT(S_ISCHR(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_rdev, UK_DEVFS_NULL);
	UK_TEST_EXPECT_EQ(stat("/dev/tty", &st), 0);
	UK_TEST_EXPECT_EQ(open("/dev/newfile", O_CREAT | O_WRONLY, 0644), -1);
	UK_TEST_EXPECT_EQ(open("/dev/none", O_RDONLY), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	d = opendir("/dev");
	UK_TEST_EXPECT_NOT_NULL(d);
	while (d && (de = readdir(d)))
		n++;
	if (d)
		closedir(d);
	UK_TEST_EXPECT_EQ(n, 8);
}
