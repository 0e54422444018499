/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/vfscore's path resolution on lib/ramfs, against Linux's on tmpfs.
 * Input: a sequence of calls (mkdir, rmdir, unlink, symlink, rename,
 * link, open, stat, lstat, readlink, chdir, access, getcwd), each with
 * paths built from a, b, c, ".", "..", empty components (//), a leading
 * and trailing slashes. Every call goes to vfscore's system calls
 * (uk_syscall_r_*) and to a helper process chroot()ed into a fresh
 * directory of a tmpfs (in a user namespace, so no privilege is needed)
 * that makes the same call on Linux. Check: the same result (0 or the
 * same errno), the same file type, symlink length and contents, the same
 * working directory. After each input both trees are removed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uk/condvar.h>
#include <uk/mutex.h>
#include "../../lib/ramfs/ramfs.c"
#include "fuzz.h"

/* Every lookup allocates a 4 KiB buffer: a smaller quarantine and less
 * filling of fresh allocations keep the harness from clearing pages. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=16:max_malloc_fill_size=64";
}

/* ---- what vfscore and ramfs call ---- */

struct uk_alloc *_uk_alloc_head;
volatile unsigned long uk_syscall_sig_work;

long uk_syscall_sig_return(long ret)
{
	return ret;
}

void uk_condvar_wait(struct uk_condvar *c, struct uk_mutex *m)
{
	(void)c;
	(void)m;
	FUZZ_ASSERT(0, "a wait with one thread would never end");
}

void uk_condvar_broadcast(struct uk_condvar *c)
{
	(void)c;
}

int uk_sched_started(void)
{
	return 0;
}

/* epoll.c is not in the harness: no file is ever watched. */
struct uk_file;
void vfs_epoll_detach(struct uk_file *f);
void vfs_epoll_detach(struct uk_file *f)
{
	(void)f;
}

void uk_sched_yield(void)
{
}

int ukplat_coutk(const char *buf, size_t len)
{
	(void)buf;
	return (int)len;
}

int ukplat_cink(char *buf, size_t maxlen)
{
	(void)buf;
	(void)maxlen;
	return 0;
}

#define SC(name, ...) long uk_syscall_r_##name(__VA_ARGS__)
SC(mkdir, long, long);
SC(rmdir, long);
SC(unlink, long);
SC(symlink, long, long);
SC(rename, long, long);
SC(link, long, long);
SC(open, long, long, long);
SC(close, long);
SC(stat, long, long);
SC(lstat, long, long);
SC(readlink, long, long, long);
SC(chdir, long);
SC(access, long, long);
SC(getcwd, long, long);
SC(getdents64, long, long, long);

/* ---- the calls ---- */

enum { OP_MKDIR, OP_RMDIR, OP_UNLINK, OP_SYMLINK, OP_RENAME, OP_LINK,
       OP_OPEN, OP_STAT, OP_LSTAT, OP_READLINK, OP_CHDIR, OP_ACCESS,
       OP_GETCWD, OP_RESET, NOPS };

struct call {
	int op, flags;
	char p[64], q[64];
};

struct result {
	long ret;
	unsigned int type;	/* S_IFMT of stat and lstat */
	long size;		/* of a symlink (lstat) */
	char buf[128];		/* readlink, getcwd */
};

/* One implementation of the calls: vfscore's or Linux's. */
struct fs_ops {
	long (*mkdir)(const char *p, mode_t m);
	long (*rmdir)(const char *p);
	long (*unlink)(const char *p);
	long (*symlink)(const char *t, const char *p);
	long (*rename)(const char *p, const char *q);
	long (*link)(const char *p, const char *q);
	long (*open)(const char *p, int flags, mode_t m);
	long (*close)(int fd);
	long (*stat)(const char *p, struct stat *st);
	long (*lstat)(const char *p, struct stat *st);
	long (*readlink)(const char *p, char *b, size_t n);
	long (*chdir)(const char *p);
	long (*access)(const char *p, int m);
	long (*getcwd)(char *b, size_t n);
	long (*getdents64)(int fd, void *b, size_t n);
};

#define L(x) ((long)(uintptr_t)(x))
static long v_mkdir(const char *p, mode_t m) { return uk_syscall_r_mkdir(L(p), m); }
static long v_rmdir(const char *p) { return uk_syscall_r_rmdir(L(p)); }
static long v_unlink(const char *p) { return uk_syscall_r_unlink(L(p)); }
static long v_symlink(const char *t, const char *p) { return uk_syscall_r_symlink(L(t), L(p)); }
static long v_rename(const char *p, const char *q) { return uk_syscall_r_rename(L(p), L(q)); }
static long v_link(const char *p, const char *q) { return uk_syscall_r_link(L(p), L(q)); }
static long v_open(const char *p, int f, mode_t m) { return uk_syscall_r_open(L(p), f, m); }
static long v_close(int fd) { return uk_syscall_r_close(fd); }
static long v_stat(const char *p, struct stat *st) { return uk_syscall_r_stat(L(p), L(st)); }
static long v_lstat(const char *p, struct stat *st) { return uk_syscall_r_lstat(L(p), L(st)); }
static long v_readlink(const char *p, char *b, size_t n) { return uk_syscall_r_readlink(L(p), L(b), (long)n); }
static long v_chdir(const char *p) { return uk_syscall_r_chdir(L(p)); }
static long v_access(const char *p, int m) { return uk_syscall_r_access(L(p), m); }
static long v_getcwd(char *b, size_t n) { return uk_syscall_r_getcwd(L(b), (long)n); }
static long v_getdents64(int fd, void *b, size_t n) { return uk_syscall_r_getdents64(fd, L(b), (long)n); }

static const struct fs_ops vfscore = {
	v_mkdir, v_rmdir, v_unlink, v_symlink, v_rename, v_link, v_open,
	v_close, v_stat, v_lstat, v_readlink, v_chdir, v_access, v_getcwd,
	v_getdents64,
};

#define H(e) ({ long __e = (long)(e); __e < 0 ? -(long)errno : __e; })
static long h_mkdir(const char *p, mode_t m) { return H(mkdir(p, m)); }
static long h_rmdir(const char *p) { return H(rmdir(p)); }
static long h_unlink(const char *p) { return H(unlink(p)); }
static long h_symlink(const char *t, const char *p) { return H(symlink(t, p)); }
static long h_rename(const char *p, const char *q) { return H(rename(p, q)); }
static long h_link(const char *p, const char *q) { return H(link(p, q)); }
static long h_open(const char *p, int f, mode_t m) { return H(open(p, f, m)); }
static long h_close(int fd) { return H(close(fd)); }
static long h_stat(const char *p, struct stat *st) { return H(stat(p, st)); }
static long h_lstat(const char *p, struct stat *st) { return H(lstat(p, st)); }
static long h_readlink(const char *p, char *b, size_t n) { return H(readlink(p, b, n)); }
static long h_chdir(const char *p) { return H(chdir(p)); }
static long h_access(const char *p, int m) { return H(access(p, m)); }
static long h_getcwd(char *b, size_t n) { return getcwd(b, n) ? (long)strlen(b) + 1 : -(long)errno; }
static long h_getdents64(int fd, void *b, size_t n) { return H(syscall(SYS_getdents64, fd, b, n)); }

static const struct fs_ops linux_ops = {
	h_mkdir, h_rmdir, h_unlink, h_symlink, h_rename, h_link, h_open,
	h_close, h_stat, h_lstat, h_readlink, h_chdir, h_access, h_getcwd,
	h_getdents64,
};

/* Removes @path and everything below it (not following symlinks). */
static void rm_rf(const struct fs_ops *o, const char *path, int depth)
{
	struct stat st;
	char buf[1024], sub[512];
	long n, fd;

	if (o->lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		o->unlink(path);
		return;
	}
	if (depth > 32)
		return;
	/* read a batch of names, remove them, until none is left */
	for (int round = 0; round < 64; round++) {
		int any = 0;

		fd = o->open(path, O_RDONLY | O_DIRECTORY, 0);
		if (fd < 0)
			break;
		n = o->getdents64((int)fd, buf, sizeof(buf));
		o->close((int)fd);
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
			rm_rf(o, sub, depth + 1);
			any = 1;
		}
		if (!any)
			break;
	}
	if (strcmp(path, "/"))
		o->rmdir(path);
}

static void run(const struct fs_ops *o, const struct call *c,
		struct result *r)
{
	struct stat st;
	long fd;

	memset(r, 0, sizeof(*r));
	switch (c->op) {
	case OP_MKDIR: r->ret = o->mkdir(c->p, 0755); break;
	case OP_RMDIR: r->ret = o->rmdir(c->p); break;
	case OP_UNLINK: r->ret = o->unlink(c->p); break;
	case OP_SYMLINK: r->ret = o->symlink(c->q, c->p); break;
	case OP_RENAME: r->ret = o->rename(c->p, c->q); break;
	case OP_LINK: r->ret = o->link(c->p, c->q); break;
	case OP_OPEN:
		fd = o->open(c->p, c->flags, 0644);
		r->ret = fd < 0 ? fd : 0;
		if (fd >= 0)
			o->close((int)fd);
		break;
	case OP_STAT:
	case OP_LSTAT:
		r->ret = c->op == OP_STAT ? o->stat(c->p, &st) :
			 o->lstat(c->p, &st);
		if (!r->ret) {
			r->type = st.st_mode & S_IFMT;
			if (S_ISLNK(st.st_mode))
				r->size = st.st_size;
		}
		break;
	case OP_READLINK:
		r->ret = o->readlink(c->p, r->buf, sizeof(r->buf) - 1);
		break;
	case OP_CHDIR: r->ret = o->chdir(c->p); break;
	case OP_ACCESS: r->ret = o->access(c->p, F_OK); break;
	case OP_GETCWD:
		r->ret = o->getcwd(r->buf, sizeof(r->buf));
		r->ret = r->ret < 0 ? r->ret : 0;
		break;
	case OP_RESET:
		o->chdir("/");
		rm_rf(o, "/", 0);
		break;
	}
}

/* ---- the Linux side: a helper process in a chroot ---- */

#define MAXCALLS 25		/* 24 and the reset */

static int sock = -1;
static struct call calls[MAXCALLS];
static struct result results[MAXCALLS];
static char dir[256];		/* the helper's root */

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			fd = fd + 0;
		close(fd);
	}
}

static ssize_t xfer(int write_it, int fd, void *buf, size_t len);

static void helper(int s)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		_exit(2);
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)uid);
	write_file("/proc/self/uid_map", map);
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
	write_file("/proc/self/gid_map", map);
	if (chroot(dir) < 0 || chdir("/") < 0)
		_exit(3);
	umask(0);
	for (;;) {
		ssize_t n = xfer(0, s, calls, sizeof(calls));

		if (n <= 0 || n % sizeof(calls[0]))
			break;
		n /= sizeof(calls[0]);
		for (ssize_t i = 0; i < n; i++)
			run(&linux_ops, &calls[i], &results[i]);
		if (xfer(1, s, results, sizeof(results[0]) * n) !=
		    (ssize_t)(sizeof(results[0]) * n))
			break;
	}
	_exit(0);
}

static void remove_dir(void)
{
	rmdir(dir);
}

static void start_helper(void)
{
	const char *tmp = getenv("TMPDIR");
	int sv[2];
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/fuzz-vfs.XXXXXX",
		 tmp ? tmp : "/dev/shm");
	FUZZ_ASSERT(mkdtemp(dir), "mkdtemp %s: %s", dir, strerror(errno));
	atexit(remove_dir);
	FUZZ_ASSERT(!socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv),
		    "socketpair");
	pid = fork();
	FUZZ_ASSERT(pid >= 0, "fork");
	if (!pid) {
		close(sv[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		helper(sv[1]);
	}
	close(sv[1]);
	sock = sv[0];
}

/* read() and write() again after a signal (libFuzzer's alarm). */
static ssize_t xfer(int write_it, int fd, void *buf, size_t len)
{
	ssize_t r;

	do
		r = write_it ? write(fd, buf, len) : read(fd, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

/* The calls of an input, all at once (one round trip per input). */
static void on_linux(struct call *c, struct result *r, int n)
{
	ssize_t len = (ssize_t)(sizeof(*c) * n);

	FUZZ_ASSERT(xfer(1, sock, c, (size_t)len) == len &&
		    xfer(0, sock, r, sizeof(*r) * n) ==
			(ssize_t)(sizeof(*r) * n),
		    "the Linux helper is gone (user namespaces off?): %s",
		    strerror(errno));
}

/* ---- the input ---- */

static const char *const names[] = { "a", "b", "c", ".", "..", "", "a", "b" };

static void path(struct fuzz_in *in, char *buf, size_t size)
{
	uint8_t b = fuzz_u8(in);
	int n = (b >> 3) & 7;
	size_t len = 0;

	if (n > 4)
		n -= 4;
	if (b & 1)
		buf[len++] = '/';
	for (int i = 0; i < n; i++) {
		const char *s = names[fuzz_u8(in) & 7];

		if (i)
			buf[len++] = '/';
		memcpy(buf + len, s, strlen(s));
		len += strlen(s);
	}
	for (int i = 0; i < ((b >> 1) & 3) && len < size - 2; i++)
		buf[len++] = '/';
	buf[len] = '\0';
}

static void differ(const struct call *c, const struct result *a,
		   const struct result *b, const char *what)
{
	static const char *const opn[] = { "mkdir", "rmdir", "unlink",
		"symlink", "rename", "link", "open", "stat", "lstat",
		"readlink", "chdir", "access", "getcwd", "reset" };

	FUZZ_ASSERT(0, "%s(\"%s\", \"%s\", %#x): %s: vfscore %ld \"%s\" type "
		    "%o, Linux %ld \"%s\" type %o", opn[c->op], c->p, c->q,
		    c->flags, what, a->ret, a->buf, a->type, b->ret, b->buf,
		    b->type);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FUZZ_ASSERT(!ramfs_init(), "ramfs");
	FUZZ_ASSERT(!uk_vfs_mount(NULL, "/", "ramfs", 0, NULL), "mount");
	start_helper();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int verbose = -1;
	static struct result mine[MAXCALLS];
	struct fuzz_in in = { data, size };
	static const int oflags[] = { O_RDONLY, O_WRONLY | O_CREAT,
		O_RDWR | O_CREAT | O_EXCL, O_RDONLY | O_DIRECTORY,
		O_WRONLY | O_CREAT | O_TRUNC, O_RDONLY | O_NOFOLLOW,
		O_RDWR, O_WRONLY | O_CREAT | O_NOFOLLOW };
	int n = 0;

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	while (n < MAXCALLS - 1 && fuzz_left(&in)) {
		struct call *c = &calls[n++];

		memset(c, 0, sizeof(*c));
		c->op = fuzz_u8(&in) % OP_RESET;
		path(&in, c->p, sizeof(c->p));
		if (c->op == OP_SYMLINK || c->op == OP_RENAME ||
		    c->op == OP_LINK)
			path(&in, c->q, sizeof(c->q));
		if (c->op == OP_OPEN)
			c->flags = oflags[fuzz_u8(&in) & 7];
	}
	memset(&calls[n], 0, sizeof(calls[n]));
	calls[n++].op = OP_RESET;
	for (int i = 0; i < n; i++)
		run(&vfscore, &calls[i], &mine[i]);
	on_linux(calls, results, n);
	for (int i = 0; i < n; i++) {
		const struct call *c = &calls[i];
		const struct result *a = &mine[i], *b = &results[i];

		if (verbose)
			fprintf(stderr, "op %d \"%s\" \"%s\" %#x: %ld %ld\n",
				c->op, c->p, c->q, c->flags, a->ret, b->ret);
		if (a->ret != b->ret)
			differ(c, a, b, "result");
		if (a->type != b->type || a->size != b->size)
			differ(c, a, b, "file type or symlink size");
		if ((c->op == OP_READLINK && a->ret > 0 &&
		     memcmp(a->buf, b->buf, (size_t)a->ret)) ||
		    (c->op == OP_GETCWD && strcmp(a->buf, b->buf)))
			differ(c, a, b, "contents");
	}
	return 0;
}
