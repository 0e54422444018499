/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: tests of the cpio newc extractor, good and malformed archives. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/test.h>
#include <uk/vfs.h>

/* Appends one newc entry to @buf at @len; returns the new length. */
static size_t put_entry(char *buf, size_t len, const char *name,
			unsigned int mode, const char *data, size_t dlen)
{
	size_t nlen = strlen(name) + 1;

	len += (size_t)sprintf(buf + len,
			       "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			       1u, mode, 0u, 0u, 1u, 1000u, (unsigned int)dlen,
			       0u, 0u, 0u, 0u, (unsigned int)nlen, 0u);
	memcpy(buf + len, name, nlen);
	len += nlen;
	while (len % 4)
		buf[len++] = 0;
	memcpy(buf + len, data, dlen);
	len += dlen;
	while (len % 4)
		buf[len++] = 0;
	return len;
}

static size_t sample(char *buf)
{
	size_t n = 0;

	n = put_entry(buf, n, ".", 040755, "", 0);
	n = put_entry(buf, n, "d", 040750, "", 0);
	n = put_entry(buf, n, "d/f.txt", 0100640, "hello\n", 6);
	n = put_entry(buf, n, "d/link", 0120777, "f.txt", 5);
	n = put_entry(buf, n, "TRAILER!!!", 0, "", 0);
	return n;
}

UK_TESTCASE(vfscore_cpio, extracts_dirs_files_symlinks)
{
	char *buf = calloc(1, 4096), rd[16];
	struct stat st;
	size_t n = sample(buf);
	int fd;

	mkdir("/cpio1", 0755);
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(buf, n, "/cpio1"), 0);
	UK_TEST_EXPECT_EQ(stat("/cpio1/d", &st), 0);
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 0750);
	UK_TEST_EXPECT_EQ(lstat("/cpio1/d/link", &st), 0);
	UK_TEST_EXPECT(S_ISLNK(st.st_mode));
	fd = open("/cpio1/d/link", O_RDONLY);
	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(read(fd, rd, sizeof(rd)), 6);
	UK_TEST_EXPECT_MEMEQ(rd, "hello\n", 6);
	close(fd);
	UK_TEST_EXPECT_EQ(stat("/cpio1/d/f.txt", &st), 0);
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 0640);
	UK_TEST_EXPECT_EQ(st.st_mtime, 1000);
	free(buf);
}

UK_TESTCASE(vfscore_cpio, rejects_malformed_archives)
{
	char *buf = calloc(1, 4096), *bad = calloc(1, 4096);
	size_t n = sample(buf), cut;

	mkdir("/cpio2", 0755);
	/* Every truncation fails cleanly, never crashes. */
	for (cut = 0; cut < n - 4; cut += 7)
		UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(buf, cut, "/cpio2"),
				  -EINVAL);
	memcpy(bad, buf, n);
	bad[0] = 'X';
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(bad, n, "/cpio2"), -EINVAL);
	/* A name size far beyond the archive. */
	memcpy(bad, buf, n);
	memcpy(bad + 6 + 8 * 11, "7FFFFFFF", 8);
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(bad, n, "/cpio2"), -EINVAL);
	/* A file size beyond the archive. */
	memcpy(bad, buf, n);
	memcpy(bad + 6 + 8 * 6, "00100000", 8);
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(bad, n, "/cpio2"), -EINVAL);
	/* A non-hex digit. */
	memcpy(bad, buf, n);
	bad[20] = 'g';
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(bad, n, "/cpio2"), -EINVAL);
	free(buf);
	free(bad);
}
