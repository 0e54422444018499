/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fs9ptest: exercises a 9pfs mount (a host folder prepared by
 * support/tests/72-9pfs.sh). "check DIR" lists DIR, prints hello.txt,
 * then writes, creates, renames, deletes, truncates and links files for
 * the test script to find on the host; prints "fs9ptest: ok" and exits 0
 * when every step worked, else names the step and exits 1. "bench FILE"
 * reads FILE sequentially and prints the throughput.
 *
 *	fs9ptest_kvm-x86_64 [vfs.rootfs=9pfs] -- check /
 *	fs9ptest_kvm-x86_64 vfs.fstab=/mnt:9pfs::fs0 -- check /mnt
 *	fs9ptest_kvm-x86_64 -- bench /big
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

static int failed;
static char paths[2][512];
static int which;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("fs9ptest: FAILED %s (errno %d: %s)\n", what, errno,
		       strerror(errno));
		failed = 1;
	}
}

/* @dir/@name in one of two buffers used in turn (two paths per call). */
static const char *at(const char *dir, const char *name)
{
	char *p = paths[which];

	which ^= 1;
	snprintf(p, sizeof(paths[0]), "%s%s%s", dir,
		 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return p;
}

/* Prints every entry below @dir as "type mode size name". */
static void list(const char *dir, const char *show)
{
	struct dirent **v;
	int n, i;

	n = scandir(dir, &v, NULL, alphasort);
	check(n >= 0, dir);
	for (i = 0; i < n; i++) {
		char p[512], s[512];
		struct stat st;

		if (!strcmp(v[i]->d_name, ".") || !strcmp(v[i]->d_name, "..") ||
		    !strcmp(v[i]->d_name, "dev")) {
			free(v[i]);
			continue;
		}
		snprintf(p, sizeof(p), "%s/%s", dir, v[i]->d_name);
		snprintf(s, sizeof(s), "%s%s", show, v[i]->d_name);
		free(v[i]);
		if (lstat(p, &st)) {
			check(0, p);
			continue;
		}
		printf("%c %04o %lld %s\n",
		       S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' :
		       '-', (unsigned int)(st.st_mode & 07777),
		       S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size, s);
		if (S_ISDIR(st.st_mode)) {
			strcat(s, "/");
			list(p, s);
		}
	}
	if (n >= 0)
		free(v);
}

static void cat(const char *p)
{
	char buf[256];
	ssize_t n;
	int fd = open(p, O_RDONLY);

	check(fd >= 0, p);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	check(n == 0, "read");
	close(fd);
}

static void put(const char *p, const char *text, int flags)
{
	int fd = open(p, O_WRONLY | O_CREAT | flags, 0644);
	size_t len = strlen(text);

	check(fd >= 0, p);
	if (fd < 0)
		return;
	check(write(fd, text, len) == (ssize_t)len, "write");
	check(fsync(fd) == 0, "fsync");
	check(close(fd) == 0, "close");
}

static void check_dir(const char *d)
{
	static char big[200000];
	char buf[128];
	struct stat st;
	ssize_t n;
	int fd, i;

	printf("== listing\n");
	char root[512];

	strcpy(root, d);
	if (strlen(root) > 1 && root[strlen(root) - 1] == '/')
		root[strlen(root) - 1] = '\0';
	list(root, "");
	printf("== hello.txt\n");
	cat(at(d, "hello.txt"));
	printf("== sub/link\n");
	cat(at(d, "sub/link"));

	/* New files and directories */
	put(at(d, "new.txt"), "written by the guest\n", O_TRUNC);
	check(mkdir(at(d, "newdir"), 0755) == 0, "mkdir newdir");
	put(at(d, "newdir/inner.txt"), "inner\n", O_EXCL);
	check(mkdir(at(d, "newdir"), 0755) == -1 && errno == EEXIST,
	      "mkdir existing gives EEXIST");
	/* Appends */
	put(at(d, "append.txt"), "second line\n", O_APPEND);
	/* Rename, delete, rmdir */
	check(rename(at(d, "old.txt"), at(d, "renamed.txt")) == 0, "rename");
	check(rename(at(d, "sub/moveme"), at(d, "newdir/moved")) == 0,
	      "rename across directories");
	check(unlink(at(d, "delete-me")) == 0, "unlink");
	check(unlink(at(d, "delete-me")) == -1 && errno == ENOENT,
	      "unlink again gives ENOENT");
	check(rmdir(at(d, "emptydir")) == 0, "rmdir");
	check(rmdir(at(d, "sub")) == -1 && errno == ENOTEMPTY,
	      "rmdir non-empty gives ENOTEMPTY");
	check(open(at(d, "missing"), O_RDONLY) == -1 && errno == ENOENT,
	      "open missing gives ENOENT");
	/* Symlinks */
	check(symlink("new.txt", at(d, "guestlink")) == 0, "symlink");
	n = readlink(at(d, "guestlink"), buf, sizeof(buf));
	check(n == 7 && !memcmp(buf, "new.txt", 7), "readlink");
	/* Truncate */
	check(truncate(at(d, "trunc.txt"), 5) == 0, "truncate");
	check(stat(at(d, "trunc.txt"), &st) == 0 && st.st_size == 5,
	      "size after truncate");
	/* A bigger file across several messages, read back */
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	fd = open(at(d, "big.out"), O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "create big.out");
	if (fd >= 0) {
		check(write(fd, big, sizeof(big)) == (ssize_t)sizeof(big),
		      "write big.out");
		check(lseek(fd, 0, SEEK_SET) == 0, "lseek");
		memset(big, 0, sizeof(big));
		check(read(fd, big, sizeof(big)) == (ssize_t)sizeof(big),
		      "read big.out");
		for (i = 0; i < (int)sizeof(big); i++)
			if (big[i] != (char)('a' + i % 26))
				break;
		check(i == (int)sizeof(big), "big.out reads back");
		check(fstat(fd, &st) == 0 && st.st_size == (off_t)sizeof(big),
		      "fstat big.out");
		close(fd);
	}
	/* Chdir and relative paths */
	check(chdir(at(d, "newdir")) == 0, "chdir");
	check(stat("../new.txt", &st) == 0 && st.st_size == 21,
	      "stat through ..");
	check(getcwd(buf, sizeof(buf)) != NULL, "getcwd");
	printf("cwd %s\n", buf);
	check(chdir("/") == 0, "chdir /");
	printf("== after\n");
	list(root, "");
}

static int bench(const char *file)
{
	static char buf[1 << 20];
	struct timespec a, b;
	long long total = 0;
	ssize_t n;
	double s;
	int fd = open(file, O_RDONLY);

	if (fd < 0) {
		printf("fs9ptest: cannot open %s (errno %d)\n", file, errno);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	clock_gettime(CLOCK_MONOTONIC, &b);
	close(fd);
	if (n < 0) {
		printf("fs9ptest: read failed (errno %d)\n", errno);
		return 1;
	}
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("9pfs-read: %lld bytes in %.3f s: %.1f MiB/s\n", total, s,
	       (double)total / 1048576.0 / s);
	return 0;
}

int main(int argc, char *argv[])
{
	if (argc == 3 && !strcmp(argv[1], "bench"))
		return bench(argv[2]);
	if (argc != 3 || strcmp(argv[1], "check")) {
		printf("usage: fs9ptest check DIR | bench FILE\n");
		return 2;
	}
	check_dir(argv[2]);
	if (failed)
		return 1;
	printf("fs9ptest: ok\n");
	return 0;
}
