/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsbench: file system throughput and call latency, in plain C so that the
 * same file builds natively (the host's tmpfs as the baseline) and as a
 * Tessera app (ramfs). Prints "name value" lines for support/bench/run:
 *
 *	write_mibs	sequential write of a MIB-MiB file, 1 MiB per call
 *	read_mibs	reading it back, 1 MiB per call
 *	rewrite_mibs	the same write again after unlinking the file: the
 *			image's heap pages are now mapped (on linuxu the
 *			first write also pays the host's page faults)
 *	open_close_ns	open(O_RDONLY) + close of a file, per pair
 *	stat_ns		stat of a file, per call
 *
 *	fsbench DIR [MIB]	(DIR is created; default 256 MiB)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#define CHUNK		(1L << 20)
#define OPENS		200000L
#define STATS		500000L

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int die(const char *what)
{
	printf("fsbench: %s failed (errno %d)\n", what, errno);
	return 1;
}

/* Writes @mib MiB from @buf to a new file @path; returns the seconds. */
static double write_file(const char *path, const char *buf, long mib)
{
	double t0 = now();
	long i;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	for (i = 0; i < mib; i++) {
		if (write(fd, buf, CHUNK) != CHUNK) {
			close(fd);
			return -1;
		}
	}
	if (close(fd))
		return -1;
	return now() - t0;
}

/* mkdir -p */
static void make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

int main(int argc, char *argv[])
{
	char dir[1024], big[1100], small[1100];
	long mib = 256, i;
	struct stat st;
	double t0, t;
	char *buf;
	int fd;

	if (argc < 2 || argc > 3) {
		printf("usage: fsbench DIR [MIB]\n");
		return 2;
	}
	if (argc == 3)
		mib = atol(argv[2]);
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	make_dirs(dir);
	snprintf(big, sizeof(big), "%s/big", dir);
	snprintf(small, sizeof(small), "%s/small", dir);
	buf = malloc(CHUNK);
	if (!buf)
		return die("malloc");
	memset(buf, 0x5a, CHUNK);

	t = write_file(big, buf, mib);
	if (t < 0)
		return die("write");
	printf("write_mibs %.1f\n", mib / t);

	t0 = now();
	fd = open(big, O_RDONLY);
	if (fd < 0)
		return die("open big for reading");
	for (i = 0; i < mib; i++)
		if (read(fd, buf, CHUNK) != CHUNK)
			return die("read");
	close(fd);
	t = now() - t0;
	printf("read_mibs %.1f\n", mib / t);
	unlink(big);
	t = write_file(big, buf, mib);
	if (t < 0)
		return die("rewrite");
	printf("rewrite_mibs %.1f\n", mib / t);
	unlink(big);

	fd = open(small, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "x", 1) != 1)
		return die("create small");
	close(fd);
	t0 = now();
	for (i = 0; i < OPENS; i++) {
		fd = open(small, O_RDONLY);
		if (fd < 0)
			return die("open");
		close(fd);
	}
	printf("open_close_ns %.1f\n", (now() - t0) * 1e9 / OPENS);

	t0 = now();
	for (i = 0; i < STATS; i++)
		if (stat(small, &st))
			return die("stat");
	printf("stat_ns %.1f\n", (now() - t0) * 1e9 / STATS);
	unlink(small);
	rmdir(dir);
	free(buf);
	return 0;
}
