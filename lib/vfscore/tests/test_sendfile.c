/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: sendfile from a ramfs file into a pipe and into another file:
 * with and without an offset (which the file position then ignores),
 * end of file, the count a full nonblocking pipe leaves, and Linux's
 * errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/test.h>

#define SRC	"/sendfile-src"
#define DST	"/sendfile-dst"
#define LEN	200000

static long sf(int out, int in, off_t *off, size_t count)
{
	long r = uk_syscall_r_sendfile(out, in, (long)off, (long)count);

	if (uk_syscall_is_err(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static int make_src(void)
{
	static unsigned char buf[LEN];
	size_t i;
	int fd;

	for (i = 0; i < LEN; i++)
		buf[i] = pattern(i);
	fd = open(SRC, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, LEN) != LEN)
		return -1;
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static int same(const unsigned char *b, size_t from, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != pattern(from + i))
			return 0;
	return 1;
}

UK_TESTCASE(vfscore_sendfile, file_into_pipe_with_offsets)
{
	static unsigned char got[LEN];
	int src = make_src(), p[2];
	off_t off = 1000;

	UK_TEST_EXPECT(src >= 0);
	UK_TEST_EXPECT_EQ(pipe(p), 0);
	/* With an offset: *off moves, the position does not. */
	UK_TEST_EXPECT_EQ(sf(p[1], src, &off, 5000), 5000);
	UK_TEST_EXPECT_EQ(off, 6000);
	UK_TEST_EXPECT_EQ(lseek(src, 0, SEEK_CUR), 0);
	UK_TEST_EXPECT_EQ(read(p[0], got, sizeof(got)), 5000);
	UK_TEST_EXPECT(same(got, 1000, 5000));
	/* Without: from the position, which advances. */
	UK_TEST_EXPECT_EQ(lseek(src, 300, SEEK_SET), 300);
	UK_TEST_EXPECT_EQ(sf(p[1], src, NULL, 700), 700);
	UK_TEST_EXPECT_EQ(lseek(src, 0, SEEK_CUR), 1000);
	UK_TEST_EXPECT_EQ(read(p[0], got, sizeof(got)), 700);
	UK_TEST_EXPECT(same(got, 300, 700));
	/* Near the end: what is left; at the end: 0. */
	off = LEN - 10;
	UK_TEST_EXPECT_EQ(sf(p[1], src, &off, 100), 10);
	UK_TEST_EXPECT_EQ(off, LEN);
	UK_TEST_EXPECT_EQ(sf(p[1], src, &off, 100), 0);
	UK_TEST_EXPECT_EQ(read(p[0], got, sizeof(got)), 10);
	UK_TEST_EXPECT(same(got, LEN - 10, 10));
	/* A full nonblocking pipe: the count that fit, then EAGAIN. */
	UK_TEST_EXPECT_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	off = 0;
	UK_TEST_EXPECT_EQ(sf(p[1], src, &off, LEN), 65536);
	UK_TEST_EXPECT_EQ(off, 65536);
	UK_TEST_EXPECT_ERRNO(sf(p[1], src, &off, LEN), EAGAIN);
	UK_TEST_EXPECT_EQ(off, 65536);
	UK_TEST_EXPECT_EQ(read(p[0], got, sizeof(got)), 65536);
	UK_TEST_EXPECT(same(got, 0, 65536));
	close(p[0]);
	close(p[1]);
	close(src);
	unlink(SRC);
}

UK_TESTCASE(vfscore_sendfile, file_into_file_and_errors)
{
	static unsigned char got[LEN];
	int src = make_src(), dst, p[2];
	off_t off = 0;

	UK_TEST_EXPECT(src >= 0);
	dst = open(DST, O_RDWR | O_CREAT | O_TRUNC, 0644);
	UK_TEST_EXPECT(dst >= 0);
	/* Larger than the bounce buffer; the output position advances. */
	UK_TEST_EXPECT_EQ(sf(dst, src, NULL, LEN + 5), LEN);
	UK_TEST_EXPECT_EQ(lseek(dst, 0, SEEK_CUR), LEN);
	UK_TEST_EXPECT_EQ(pread(dst, got, LEN, 0), LEN);
	UK_TEST_EXPECT(same(got, 0, LEN));
	UK_TEST_EXPECT_EQ(sf(dst, src, NULL, 0), 0);
	UK_TEST_EXPECT_ERRNO(sf(dst, 999, NULL, 10), EBADF);
	UK_TEST_EXPECT_ERRNO(sf(999, src, NULL, 10), EBADF);
	off = -1;
	UK_TEST_EXPECT_ERRNO(sf(dst, src, &off, 10), EINVAL);
	UK_TEST_EXPECT_EQ(pipe(p), 0);
	/* Not from a pipe; not into a read-only descriptor. */
	UK_TEST_EXPECT_ERRNO(sf(dst, p[0], NULL, 10), EINVAL);
	UK_TEST_EXPECT_ERRNO(sf(p[0], src, NULL, 10), EBADF);
	UK_TEST_EXPECT_ERRNO(sf(src, p[1], NULL, 10), EBADF);
	close(dst);
	dst = open(DST, O_WRONLY | O_APPEND);
	UK_TEST_EXPECT_ERRNO(sf(dst, src, NULL, 10), EINVAL);
	close(dst);
	close(p[0]);
	close(p[1]);
	close(src);
	unlink(SRC);
	unlink(DST);
}
