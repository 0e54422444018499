/* SPDX-License-Identifier: BSD-3-Clause */
/* ramfs: tests of large, sparse and truncated files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <uk/ramfs.h>
#include <uk/test.h>

UK_TESTCASE(ramfs, sparse_file_reads_zeros)
{
	char buf[8192], z[8192] = { 0 };
	struct stat st;
	int fd;

	mkdir("/t_ramfs", 0755);
	fd = open("/t_ramfs/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
	UK_TEST_EXPECT(fd >= 0);
	/* 8 GiB offset: only one chunk is allocated. */
	UK_TEST_EXPECT_EQ(pwrite(fd, "end", 3, 8LL << 30), 3);
	UK_TEST_EXPECT_EQ(fstat(fd, &st), 0);
	UK_TEST_EXPECT_EQ(st.st_size, (8LL << 30) + 3);
	UK_TEST_EXPECT_EQ(st.st_blocks, UK_RAMFS_CHUNK / 512);
	UK_TEST_EXPECT_EQ(pread(fd, buf, sizeof(buf), 1LL << 30),
			  (long)sizeof(buf));
	UK_TEST_EXPECT_MEMEQ(buf, z, sizeof(buf));
	UK_TEST_EXPECT_EQ(pread(fd, buf, 10, (8LL << 30) - 2), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "\0\0end", 5);
	UK_TEST_EXPECT_EQ(pwrite(fd, "x", 1, UK_RAMFS_MAX_FILE), -1);
	UK_TEST_EXPECT_EQ(errno, EFBIG);
	close(fd);
	unlink("/t_ramfs/sparse");
}

UK_TESTCASE(ramfs, large_file_pattern)
{
	size_t len = 8 << 20, i;
	unsigned char *w = malloc(65536), *r = malloc(65536);
	int fd, bad = 0;

	mkdir("/t_ramfs", 0755);
	fd = open("/t_ramfs/big", O_RDWR | O_CREAT | O_TRUNC, 0644);

	UK_TEST_EXPECT(fd >= 0 && w && r);
	for (i = 0; i < len; i += 65536) {
		size_t j;

		for (j = 0; j < 65536; j++)
			w[j] = (unsigned char)((i + j) * 7 >> 3);
		if (write(fd, w, 65536) != 65536)
			bad++;
	}
	UK_TEST_EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (i = 0; i < len; i += 65536) {
		size_t j;

		if (read(fd, r, 65536) != 65536)
			bad++;
		for (j = 0; j < 65536; j++)
			if (r[j] != (unsigned char)((i + j) * 7 >> 3))
				bad++;
	}
	UK_TEST_EXPECT_EQ(bad, 0);
	close(fd);
	unlink("/t_ramfs/big");
	free(w);
	free(r);
}

UK_TESTCASE(ramfs, truncate_zeroes_tail)
{
	char buf[16];
	int fd;

	mkdir("/t_ramfs", 0755);
	fd = open("/t_ramfs/tr", O_RDWR | O_CREAT | O_TRUNC, 0644);

	UK_TEST_EXPECT_EQ(write(fd, "abcdefgh", 8), 8);
	UK_TEST_EXPECT_EQ(ftruncate(fd, 3), 0);
	UK_TEST_EXPECT_EQ(ftruncate(fd, 8), 0);
	UK_TEST_EXPECT_EQ(pread(fd, buf, 16, 0), 8);
	UK_TEST_EXPECT_MEMEQ(buf, "abc\0\0\0\0\0", 8);
	UK_TEST_EXPECT_EQ(ftruncate(fd, 100000), 0);
	UK_TEST_EXPECT_EQ(pwrite(fd, "Q", 1, 99999), 1);
	UK_TEST_EXPECT_EQ(ftruncate(fd, 5000), 0);
	UK_TEST_EXPECT_EQ(ftruncate(fd, 100000), 0);
	UK_TEST_EXPECT_EQ(pread(fd, buf, 1, 99999), 1);
	UK_TEST_EXPECT_EQ(buf[0], 0);
	close(fd);
}

UK_TESTCASE(ramfs, statfs_type)
{
	struct statfs s;

	UK_TEST_EXPECT_EQ(statfs("/", &s), 0);
	UK_TEST_EXPECT_EQ(s.f_type, UK_RAMFS_MAGIC);
	UK_TEST_EXPECT(s.f_bfree > 0);
}
