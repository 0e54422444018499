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

/*
 * A ramfs that filled the heap can be cleaned up: finding, stat'ing and
 * removing files by path needs no memory (issue 19: path lookup used to
 * allocate a 4 KiB buffer and failed with ENOMEM).
 */
UK_TESTCASE(ramfs, full_heap_still_unlinks)
{
	static char chunk[UK_RAMFS_CHUNK];
	struct stat st;
	off_t off = 0;
	int fd, err = 0, r;

	memset(chunk, 'x', sizeof(chunk));
	UK_TEST_EXPECT_EQ(mkdir("/t_full", 0755), 0);
	fd = open("/t_full/other", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	UK_TEST_EXPECT(fd >= 0);
	close(fd);
	UK_TEST_EXPECT_EQ(mkdir("/t_full/sub", 0755), 0);
	fd = open("/t_full/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	UK_TEST_EXPECT(fd >= 0);
	if (fd < 0)
		return;
	/* Every free byte of the heap, bounded at 16 GiB. */
	while (off < (16LL << 30)) {
		ssize_t n = pwrite(fd, chunk, sizeof(chunk), off);

		if (n <= 0) {
			err = n ? errno : EIO;
			break;
		}
		off += n;
	}
	UK_TEST_EXPECT_EQ(err, ENOSPC);
	UK_TEST_EXPECT(off > 0);
	/* Full now: lookups must work all the same. */
	r = stat("/t_full/big", &st);
	UK_TEST_EXPECT_EQ(r, 0);
	if (!r)
		UK_TEST_EXPECT_EQ(st.st_size, off);
	UK_TEST_EXPECT_ERRNO(stat("/t_full/none", &st), ENOENT);
	UK_TEST_EXPECT_EQ(unlink("/t_full/other"), 0);
	UK_TEST_EXPECT_EQ(rmdir("/t_full/sub"), 0);
	UK_TEST_EXPECT_EQ(unlink("/t_full/big"), 0);
	/* Give the memory back in any case, for the tests that follow. */
	ftruncate(fd, 0);
	close(fd);
	unlink("/t_full/big");
	unlink("/t_full/other");
	rmdir("/t_full/sub");
	UK_TEST_EXPECT_EQ(rmdir("/t_full"), 0);
}
