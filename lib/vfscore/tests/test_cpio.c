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

/* Appends one newc entry with inode @ino and link count @nlink to @buf
 * at @len; returns the new length. */
static size_t put_link(char *buf, size_t len, const char *name,
		       unsigned int mode, const char *data, size_t dlen,
		       unsigned int ino, unsigned int nlink)
{
	size_t nlen = strlen(name) + 1;

	len += (size_t)sprintf(buf + len,
			       "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			       ino, mode, 0u, 0u, nlink, 1000u,
			       (unsigned int)dlen, 0u, 0u, 0u, 0u,
			       (unsigned int)nlen, 0u);
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

static size_t put_entry(char *buf, size_t len, const char *name,
			unsigned int mode, const char *data, size_t dlen)
{
	return put_link(buf, len, name, mode, data, dlen, 1, 1);
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

/* The content of @path (at most @size - 1 bytes, NUL-terminated), or
 * "<errno N>" when it cannot be read. */
static const char *content(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		snprintf(buf, size, "<errno %d>", errno);
		return buf;
	}
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/*
 * Hard links as GNU cpio writes them: every name of the file has the same
 * inode and link count, and only the last one carries the data.
 */
UK_TESTCASE(vfscore_cpio, hard_links_share_the_data)
{
	char *buf = calloc(1, 4096), rd[32];
	struct stat sa, sb, sc;
	size_t n = 0;

	n = put_entry(buf, n, "h", 040755, "", 0);
	n = put_link(buf, n, "h/a", 0100755, "", 0, 7, 3);
	n = put_link(buf, n, "h/b", 0100755, "", 0, 7, 3);
	n = put_link(buf, n, "h/c", 0100755, "busybox\n", 8, 7, 3);
	/* Another file with its own inode number stays apart. */
	n = put_link(buf, n, "h/other", 0100644, "x", 1, 8, 1);
	n = put_entry(buf, n, "TRAILER!!!", 0, "", 0);
	/* A second archive numbers its inodes anew: 7 is another file. */
	n = put_link(buf, n, "h/z", 0100644, "second", 6, 7, 2);
	n = put_entry(buf, n, "TRAILER!!!", 0, "", 0);
	mkdir("/cpio3", 0755);
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(buf, n, "/cpio3"), 0);
	UK_TEST_EXPECT_STREQ(content("/cpio3/h/a", rd, sizeof(rd)),
			     "busybox\n");
	UK_TEST_EXPECT_STREQ(content("/cpio3/h/b", rd, sizeof(rd)),
			     "busybox\n");
	UK_TEST_EXPECT_STREQ(content("/cpio3/h/c", rd, sizeof(rd)),
			     "busybox\n");
	UK_TEST_EXPECT_STREQ(content("/cpio3/h/other", rd, sizeof(rd)), "x");
	UK_TEST_EXPECT_STREQ(content("/cpio3/h/z", rd, sizeof(rd)), "second");
	UK_TEST_EXPECT_EQ(stat("/cpio3/h/a", &sa), 0);
	UK_TEST_EXPECT_EQ(stat("/cpio3/h/b", &sb), 0);
	UK_TEST_EXPECT_EQ(stat("/cpio3/h/c", &sc), 0);
	UK_TEST_EXPECT_EQ(sa.st_ino, sc.st_ino);
	UK_TEST_EXPECT_EQ(sb.st_ino, sc.st_ino);
	UK_TEST_EXPECT_EQ(sc.st_nlink, 3);
	UK_TEST_EXPECT_EQ(sc.st_mode & 07777, 0755);
	free(buf);
}

/*
 * A later entry of the same name replaces the earlier one, as Linux
 * unpacks an initramfs: never written through a symlink, a directory
 * after a file is a directory, and so on.
 */
UK_TESTCASE(vfscore_cpio, later_entries_replace_earlier_ones)
{
	char *buf = calloc(1, 4096), rd[32];
	struct stat st;
	size_t n = 0;

	n = put_entry(buf, n, "r", 040755, "", 0);
	n = put_entry(buf, n, "r/target", 0100644, "orig", 4);
	n = put_entry(buf, n, "r/l", 0120777, "target", 6);
	n = put_entry(buf, n, "r/l", 0100600, "new", 3);
	n = put_entry(buf, n, "r/f", 0100644, "file", 4);
	n = put_entry(buf, n, "r/f", 040750, "", 0);
	n = put_entry(buf, n, "r/d", 040755, "", 0);
	n = put_entry(buf, n, "r/d", 0100644, "now a file", 10);
	n = put_entry(buf, n, "r/s", 0100644, "file", 4);
	n = put_entry(buf, n, "r/s", 0120777, "target", 6);
	n = put_entry(buf, n, "r/twice", 0100644, "longer text", 11);
	n = put_entry(buf, n, "r/twice", 0100644, "short", 5);
	n = put_entry(buf, n, "TRAILER!!!", 0, "", 0);
	mkdir("/cpio4", 0755);
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(buf, n, "/cpio4"), 0);
	UK_TEST_EXPECT_STREQ(content("/cpio4/r/target", rd, sizeof(rd)),
			     "orig");
	UK_TEST_EXPECT_EQ(lstat("/cpio4/r/l", &st), 0);
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 0600);
	UK_TEST_EXPECT_STREQ(content("/cpio4/r/l", rd, sizeof(rd)), "new");
	UK_TEST_EXPECT_EQ(lstat("/cpio4/r/f", &st), 0);
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	UK_TEST_EXPECT_EQ(st.st_mode & 07777, 0750);
	UK_TEST_EXPECT_EQ(lstat("/cpio4/r/d", &st), 0);
	UK_TEST_EXPECT(S_ISREG(st.st_mode));
	UK_TEST_EXPECT_STREQ(content("/cpio4/r/d", rd, sizeof(rd)),
			     "now a file");
	UK_TEST_EXPECT_EQ(lstat("/cpio4/r/s", &st), 0);
	UK_TEST_EXPECT(S_ISLNK(st.st_mode));
	UK_TEST_EXPECT_STREQ(content("/cpio4/r/twice", rd, sizeof(rd)),
			     "short");
	free(buf);
}

/* An entry that cannot be created is skipped; the later ones are not. */
UK_TESTCASE(vfscore_cpio, failed_entry_does_not_stop_extraction)
{
	char *buf = calloc(1, 4096), rd[32];
	struct stat st;
	size_t n = 0;

	n = put_entry(buf, n, "nodir/x", 0100644, "lost", 4);
	n = put_entry(buf, n, "full", 040755, "", 0);
	n = put_entry(buf, n, "full/child", 0100644, "c", 1);
	n = put_entry(buf, n, "full", 0100644, "cannot replace", 14);
	n = put_entry(buf, n, "after", 0100644, "kept", 4);
	n = put_entry(buf, n, "TRAILER!!!", 0, "", 0);
	mkdir("/cpio5", 0755);
	/* The first failure's error: "nodir" does not exist. */
	UK_TEST_EXPECT_EQ(uk_vfs_cpio_extract(buf, n, "/cpio5"), -ENOENT);
	UK_TEST_EXPECT_ERRNO(lstat("/cpio5/nodir", &st), ENOENT);
	UK_TEST_EXPECT_EQ(lstat("/cpio5/full", &st), 0);
	UK_TEST_EXPECT(S_ISDIR(st.st_mode));
	UK_TEST_EXPECT_STREQ(content("/cpio5/full/child", rd, sizeof(rd)),
			     "c");
	UK_TEST_EXPECT_STREQ(content("/cpio5/after", rd, sizeof(rd)), "kept");
	free(buf);
}
