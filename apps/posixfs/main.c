/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixfs: a portable POSIX file-API conformance program. It builds as a
 * native Linux program (gcc, glibc) and as a Tessera app, runs the cases in
 * cases.c inside a scratch folder and prints one line per case; a run on
 * Linux is the oracle the image's output is compared with, line by line
 * (support/tests/73-posixfs.sh).
 *
 *	posixfs [-b MIB] [-n FILES] DIR
 *	-b MIB    size of the big file written and read back (default 64)
 *	-n FILES  files created in one directory (default 10000)
 *	DIR       scratch folder; created, emptied first, removed at the end
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#ifndef __TESSERA__
#include <signal.h>
#include <sys/resource.h>
#endif

#include "posixfs.h"

long pfs_big_mib = 64;
long pfs_nfiles = 10000;
static int case_nr;

static const struct {
	int nr;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
	{ EBADF, "EBADF" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
	{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
	{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
	{ EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
	{ EROFS, "EROFS" }, { EMLINK, "EMLINK" }, { EPIPE, "EPIPE" },
	{ ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOSYS, "ENOSYS" }, { ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
	{ EOVERFLOW, "EOVERFLOW" }, { EOPNOTSUPP, "EOPNOTSUPP" },
};

const char *pfs_errname(int e)
{
	static char buf[16];
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].nr == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

void pfs_rc(const char *name, long r)
{
	case_nr++;
	if (r < 0)
		printf("case %d %s: %ld %s\n", case_nr, name, r,
		       pfs_errname(errno));
	else
		printf("case %d %s: %ld\n", case_nr, name, r);
}

void pfs_ok(const char *name, long r)
{
	case_nr++;
	if (r < 0)
		printf("case %d %s: %ld %s\n", case_nr, name, r,
		       pfs_errname(errno));
	else
		printf("case %d %s: ok\n", case_nr, name);
}

void pfs_val(const char *name, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	case_nr++;
	printf("case %d %s: %s\n", case_nr, name, buf);
}

void pfs_rmtree(const char *path)
{
	struct dirent *e;
	struct stat st;
	char sub[4096];
	DIR *d;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		pfs_rmtree(sub);
		/* Removing entries while reading: start over. */
		rewinddir(d);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pfs_listing(const char *dir, char *buf, size_t len)
{
	char *names[64], path[4096], target[256];
	struct dirent *e;
	struct stat st;
	size_t n = 0, i, used = 0;
	ssize_t tl;
	DIR *d;

	buf[0] = '\0';
	d = opendir(dir);
	if (!d) {
		snprintf(buf, len, "(%s)", pfs_errname(errno));
		return;
	}
	while ((e = readdir(d)) && n < 64) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		char one[512];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (lstat(path, &st)) {
			snprintf(one, sizeof(one), "%s:?", names[i]);
		} else if (S_ISLNK(st.st_mode)) {
			tl = readlink(path, target, sizeof(target) - 1);
			target[tl < 0 ? 0 : tl] = '\0';
			snprintf(one, sizeof(one), "%s:l>%s", names[i], target);
		} else if (S_ISDIR(st.st_mode)) {
			snprintf(one, sizeof(one), "%s:d", names[i]);
		} else {
			snprintf(one, sizeof(one), "%s:f%lld", names[i],
				 (long long)st.st_size);
		}
		used += snprintf(buf + used, used < len ? len - used : 0,
				 "%s%s", i ? " " : "", one);
		free(names[i]);
	}
}

int pfs_mkfile(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static int usage(void)
{
	printf("usage: posixfs [-b MIB] [-n FILES] DIR\n");
	return 2;
}

int main(int argc, char *argv[])
{
	const char *dir = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-b") && i + 1 < argc)
			pfs_big_mib = atol(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			pfs_nfiles = atol(argv[++i]);
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else
			return usage();
	}
	if (!dir || pfs_big_mib < 1 || pfs_nfiles < 1)
		return usage();

#ifndef __TESSERA__
	{
		/* The image has a table of 1024 descriptors: match it. */
		struct rlimit rl = { 1024, 1024 };

		setrlimit(RLIMIT_NOFILE, &rl);
		signal(SIGPIPE, SIG_IGN);
	}
#endif
	umask(022);
	pfs_rmtree(dir);
	if (mkdir(dir, 0755) || chdir(dir)) {
		printf("posixfs: cannot use the scratch folder (%s)\n",
		       pfs_errname(errno));
		return 1;
	}
	printf("posixfs: big file %ld MiB, %ld files in one directory\n",
	       pfs_big_mib, pfs_nfiles);
	pfs_cases_paths();
	pfs_cases_fds();
	pfs_cases_io();
	pfs_cases_dirs();
	pfs_cases_pipes();
	pfs_cases_limits();
	pfs_cases_big();
	if (chdir("/"))
		return 1;
	pfs_rmtree(dir);
	printf("posixfs: %d cases\n", case_nr);
	fflush(stdout);
	return 0;
}
