/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fstest: lists the root file system (an extracted initrd), prints the
 * contents of files and symlink targets named on the command line, then
 * writes, rereads and removes files. Prints "fstest: ok" and exits 0 when
 * every step worked, else names the step and exits 1.
 *
 *	fstest_<plat>-x86_64 vfs.rootfs=initrd [linuxu.initrd=F] -- [FILE...]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int failed;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("fstest: FAILED %s (errno %d: %s)\n", what, errno,
		       strerror(errno));
		failed = 1;
	}
}

/* One directory being listed: its sorted entries and the next one. */
struct level {
	struct level *up;
	char *dir;
	struct dirent **v;
	int n, i;
};

/* @dir (taken over) as a new level above @up; NULL if it cannot be read. */
static struct level *enter(char *dir, struct level *up)
{
	struct level *l = malloc(sizeof(*l));

	check(l != NULL, "malloc");
	if (!l) {
		free(dir);
		return up;
	}
	l->up = up;
	l->dir = dir;
	l->i = 0;
	l->n = scandir(dir, &l->v, NULL, alphasort);
	check(l->n >= 0, dir);
	return l;
}

static struct level *leave(struct level *l)
{
	struct level *up = l->up;

	while (l->n > 0 && l->i < l->n)
		free(l->v[l->i++]);
	if (l->n >= 0)
		free(l->v);
	free(l->dir);
	free(l);
	return up;
}

/*
 * Prints every entry below @root as "type mode size path", depth first
 * in name order. Paths are allocated to their length and the walk keeps
 * its state on the heap: any depth and path length an initrd holds is
 * listed (a fixed buffer truncated long paths and made the walk list the
 * same directory forever).
 */
static void list(const char *root)
{
	struct level *l = enter(strdup(root), NULL);

	while (l) {
		struct dirent *e;
		struct stat st;
		size_t dl;
		char *path;

		if (l->n < 0 || l->i >= l->n) {
			l = leave(l);
			continue;
		}
		e = l->v[l->i++];
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			free(e);
			continue;
		}
		dl = strlen(l->dir);
		path = malloc(dl + strlen(e->d_name) + 2);
		check(path != NULL, "malloc");
		if (path)
			sprintf(path, "%s%s%s", l->dir,
				dl && l->dir[dl - 1] == '/' ? "" : "/",
				e->d_name);
		free(e);
		if (!path)
			continue;
		if (lstat(path, &st)) {
			check(0, path);
			free(path);
			continue;
		}
		if (!strcmp(path, "/dev")) {
			free(path);
			continue;
		}
		printf("%c %04o %lld %s\n",
		       S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' :
		       '-', (unsigned int)(st.st_mode & 07777),
		       S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size, path);
		if (S_ISDIR(st.st_mode))
			l = enter(path, l);
		else
			free(path);
	}
}

static void cat(const char *path)
{
	char buf[256];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	check(fd >= 0, path);
	if (fd < 0)
		return;
	printf("== %s\n", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	check(n == 0, "read");
	close(fd);
}

static void write_read(void)
{
	static char big[100000], back[100000];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	check(mkdir("/scratch", 0755) == 0, "mkdir /scratch");
	fd = open("/scratch/big", O_RDWR | O_CREAT | O_EXCL, 0600);
	check(fd >= 0, "create /scratch/big");
	check(write(fd, big, sizeof(big)) == (ssize_t)sizeof(big), "write");
	check(fsync(fd) == 0, "fsync");
	check(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	check(read(fd, back, sizeof(back)) == (ssize_t)sizeof(back), "reread");
	check(!memcmp(big, back, sizeof(big)), "content matches");
	close(fd);
	check(rename("/scratch/big", "/scratch/big2") == 0, "rename");
	check(unlink("/scratch/big2") == 0, "unlink");
	check(rmdir("/scratch") == 0, "rmdir");
	fd = open("/dev/null", O_WRONLY);
	check(fd >= 0 && write(fd, "x", 1) == 1, "/dev/null");
	close(fd);
	check(write(1, "fstest: stdout through fd 1\n", 28) == 28, "fd 1");
}

int main(int argc, char *argv[])
{
	int i;

	list("/");
	for (i = 1; i < argc; i++)
		cat(argv[i]);
	write_read();
	if (failed)
		return 1;
	printf("fstest: ok\n");
	return 0;
}
