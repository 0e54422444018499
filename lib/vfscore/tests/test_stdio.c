/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: tests of nolibc's streams on files and of stdout redirection. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/test.h>

UK_TESTCASE(vfscore_stdio, fopen_write_read_seek)
{
	char line[64];
	FILE *f;
	int c;

	mkdir("/t_stdio", 0755);
	f = fopen("/t_stdio/a.txt", "w");
	UK_TEST_EXPECT_NOT_NULL(f);
	if (!f)
		return;
	UK_TEST_EXPECT_EQ(fprintf(f, "line %d\nsecond\n", 1), 14);
	UK_TEST_EXPECT_EQ(ftell(f), 14);
	UK_TEST_EXPECT_EQ(fgetc(f), EOF);	/* write-only */
	UK_TEST_EXPECT_EQ(fclose(f), 0);
	f = fopen("/t_stdio/a.txt", "r+");
	UK_TEST_EXPECT_STREQ(fgets(line, sizeof(line), f), "line 1\n");
	UK_TEST_EXPECT_EQ(ftell(f), 7);
	UK_TEST_EXPECT_EQ(fseek(f, 0, SEEK_END), 0);
	UK_TEST_EXPECT_EQ(fputs("third\n", f), 0);
	rewind(f);
	c = fgetc(f);
	UK_TEST_EXPECT_EQ(c, 'l');
	UK_TEST_EXPECT_EQ(fseek(f, 14, SEEK_SET), 0);
	UK_TEST_EXPECT_STREQ(fgets(line, sizeof(line), f), "third\n");
	UK_TEST_EXPECT_NULL(fgets(line, sizeof(line), f));
	UK_TEST_EXPECT(feof(f));
	UK_TEST_EXPECT_EQ(fclose(f), 0);
	f = fopen("/t_stdio/a.txt", "a");
	fputs("4\n", f);
	fclose(f);
	f = fopen("/t_stdio/a.txt", "rb");
	UK_TEST_EXPECT_EQ(fread(line, 1, sizeof(line), f), 22);
	UK_TEST_EXPECT_MEMEQ(line, "line 1\nsecond\nthird\n4\n", 22);
	fclose(f);
	UK_TEST_EXPECT_NULL(fopen("/t_stdio/none", "r"));
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_NULL(fopen("/t_stdio/a.txt", "wx"));
	UK_TEST_EXPECT_EQ(errno, EEXIST);
	UK_TEST_EXPECT_NULL(fopen("/t_stdio/a.txt", "q"));
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}

UK_TESTCASE(vfscore_stdio, fdopen_and_stdout_redirect)
{
	char buf[64];
	int fd, saved;
	FILE *f;

	mkdir("/t_stdio", 0755);
	fd = open("/t_stdio/out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	f = fdopen(fd, "w");
	UK_TEST_EXPECT_NOT_NULL(f);
	UK_TEST_EXPECT_EQ(fileno(f), fd);
	fputs("via fdopen\n", f);
	fflush(f);
	UK_TEST_EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 11);
#ifndef CONFIG_LIBMUSL
	/* musl's fdopen() does not look at the descriptor for "r". */
	UK_TEST_EXPECT_NULL(fdopen(-1, "r"));
	UK_TEST_EXPECT_EQ(errno, EBADF);
#endif
	/* printf follows descriptor 1 wherever dup2() points it. */
	fflush(stdout);
	saved = dup(1);
	UK_TEST_EXPECT_EQ(dup2(fd, 1), 1);
	printf("redirected %d\n", 42);
	fflush(stdout);
	UK_TEST_EXPECT_EQ(dup2(saved, 1), 1);
	close(saved);
	UK_TEST_EXPECT_EQ(pread(fd, buf, sizeof(buf), 11), 14);
	UK_TEST_EXPECT_MEMEQ(buf, "redirected 42\n", 14);
	fclose(f);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFD), -1);
}
