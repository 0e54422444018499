/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: open files (struct uk_file), the descriptor table, the file
 * ops of vnodes, and the console file bound to descriptors 0, 1 and 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <uk/init.h>
#include <uk/plat/console.h>
#include <uk/sched.h>
#include "vfs_impl.h"

struct fdent {
	struct uk_file *f;
	int cloexec;
};

static struct fdent fdtab[CONFIG_LIBVFSCORE_NR_FDS];
static struct uk_mutex fd_mutex = UK_MUTEX_INITIALIZER(fd_mutex, 0);
/* RLIMIT_NOFILE's soft limit: new descriptors are below it. */
static unsigned int fd_limit = UK_FD_MAX;

unsigned int uk_fd_limit(void)
{
	return __atomic_load_n(&fd_limit, __ATOMIC_RELAXED);
}

int uk_fd_set_limit(unsigned long limit)
{
	if (limit > UK_FD_MAX)
		return -EINVAL;
	__atomic_store_n(&fd_limit, (unsigned int)limit, __ATOMIC_RELAXED);
	return 0;
}

static unsigned long file_ids;

struct uk_file *uk_file_alloc(const struct uk_file_ops *ops, int flags,
			      void *priv)
{
	struct uk_file *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->flags = flags;
	f->kind = UK_FILE_STREAM;
	f->refcnt = 1;
	f->priv = priv;
	f->id = __atomic_add_fetch(&file_ids, 1, __ATOMIC_RELAXED);
	uk_mutex_init(&f->lock);
	return f;
}

void uk_file_get(struct uk_file *f)
{
	__atomic_add_fetch(&f->refcnt, 1, __ATOMIC_RELAXED);
}

void uk_file_put(struct uk_file *f)
{
	if (!f || __atomic_sub_fetch(&f->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	vfs_reclock_release(f);
	if (f->poll_watch)
		vfs_epoll_detach(f);
	if (f->ops->release)
		f->ops->release(f);
	uk_vnode_put(f->vnode);
	free(f);
}

int uk_fd_install(struct uk_file *f, int cloexec)
{
	int fd;

	int lim = (int)uk_fd_limit();

	uk_mutex_lock(&fd_mutex);
	for (fd = 0; fd < lim; fd++) {
		if (!fdtab[fd].f) {
			fdtab[fd].f = f;
			fdtab[fd].cloexec = !!cloexec;
			uk_mutex_unlock(&fd_mutex);
			return fd;
		}
	}
	uk_mutex_unlock(&fd_mutex);
	return -EMFILE;
}

int uk_anon_fd_create(const struct uk_file_ops *ops, int flags, void *priv,
		      int cloexec, int poll_notify)
{
	struct uk_file *f = uk_file_alloc(ops, flags, priv);
	int fd;

	if (!f) {
		struct uk_file tmp = { .ops = ops, .priv = priv };

		if (ops->release)
			ops->release(&tmp);
		return -ENOMEM;
	}
	f->poll_notify = poll_notify;
	fd = uk_fd_install(f, cloexec);
	if (fd < 0)
		uk_file_put(f);	/* releases @priv */
	return fd;
}

int uk_anon_stat(struct uk_file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = 0600;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	st->st_ino = (ino_t)f->id;
	return 0;
}

void uk_anon_release(struct uk_file *f)
{
	free(f->priv);
}

int vfs_fd_available(void)
{
	int fd, r = 0, lim = (int)uk_fd_limit();

	uk_mutex_lock(&fd_mutex);
	for (fd = 0; fd < lim && !r; fd++)
		r = !fdtab[fd].f;
	uk_mutex_unlock(&fd_mutex);
	return r;
}

struct uk_file *uk_fd_get(int fd)
{
	struct uk_file *f;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NR_FDS)
		return NULL;
	uk_mutex_lock(&fd_mutex);
	f = fdtab[fd].f;
	if (f)
		uk_file_get(f);
	uk_mutex_unlock(&fd_mutex);
	return f;
}

int vfs_fd_close(int fd)
{
	struct uk_file *f;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NR_FDS)
		return -EBADF;
	uk_mutex_lock(&fd_mutex);
	f = fdtab[fd].f;
	fdtab[fd].f = NULL;
	uk_mutex_unlock(&fd_mutex);
	if (!f)
		return -EBADF;
	vfs_reclock_close(f);
	uk_file_put(f);
	return 0;
}

int vfs_fd_dup(int oldfd, int newfd, int flags, int min)
{
	struct uk_file *f, *old = NULL;
	int fd, lim = (int)uk_fd_limit();

	/* As Linux: a target at or above RLIMIT_NOFILE is EBADF for dup2,
	 * EINVAL for F_DUPFD; dup() with no room left is EMFILE. */
	if (oldfd < 0 || oldfd >= CONFIG_LIBVFSCORE_NR_FDS)
		return -EBADF;
	if (newfd >= lim)
		return -EBADF;
	if (min < 0 || (min > 0 && min >= lim))
		return -EINVAL;
	uk_mutex_lock(&fd_mutex);
	f = fdtab[oldfd].f;
	if (!f) {
		uk_mutex_unlock(&fd_mutex);
		return -EBADF;
	}
	if (newfd < 0) {
		for (fd = min; fd < lim; fd++)
			if (!fdtab[fd].f)
				break;
		if (fd == lim) {
			uk_mutex_unlock(&fd_mutex);
			return -EMFILE;
		}
	} else {
		fd = newfd;
		old = fdtab[fd].f;
	}
	uk_file_get(f);
	fdtab[fd].f = f;
	fdtab[fd].cloexec = !!(flags & O_CLOEXEC);
	uk_mutex_unlock(&fd_mutex);
	if (old) {
		vfs_reclock_close(old);
		uk_file_put(old);
	}
	return fd;
}

int vfs_fd_getflags(int fd)
{
	int r;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NR_FDS)
		return -EBADF;
	uk_mutex_lock(&fd_mutex);
	r = fdtab[fd].f ? (fdtab[fd].cloexec ? FD_CLOEXEC : 0) : -EBADF;
	uk_mutex_unlock(&fd_mutex);
	return r;
}

int vfs_fd_setflags(int fd, int cloexec)
{
	int r = 0;

	if (fd < 0 || fd >= CONFIG_LIBVFSCORE_NR_FDS)
		return -EBADF;
	uk_mutex_lock(&fd_mutex);
	if (fdtab[fd].f)
		fdtab[fd].cloexec = !!cloexec;
	else
		r = -EBADF;
	uk_mutex_unlock(&fd_mutex);
	return r;
}

int vfs_fd_uses_mount(struct uk_mount *m)
{
	int fd, r = 0;

	uk_mutex_lock(&fd_mutex);
	for (fd = 0; fd < CONFIG_LIBVFSCORE_NR_FDS && !r; fd++) {
		struct uk_vnode *vn = fdtab[fd].f ? fdtab[fd].f->vnode : NULL;

		for (; vn && !r; vn = vn->mount ? vn->mount->covered : NULL)
			r = vn->mount == m;
	}
	uk_mutex_unlock(&fd_mutex);
	return r;
}

/* ---- Vnode files ---- */

static ssize_t vnode_read(struct uk_file *f, void *buf, size_t len,
			  off_t *off)
{
	struct uk_vnode *vn = f->vnode;
	ssize_t n;

	if (S_ISDIR(vn->mode))
		return -EISDIR;
	if (!vn->ops->read)
		return -EINVAL;
	uk_vfs_lock();
	n = vn->ops->read(vn, buf, len, *off);
	uk_vfs_unlock();
	if (n > 0)
		*off += n;
	return n;
}

static ssize_t vnode_write(struct uk_file *f, const void *buf, size_t len,
			   off_t *off)
{
	struct uk_vnode *vn = f->vnode;
	ssize_t n;

	if (S_ISDIR(vn->mode))
		return -EISDIR;
	if (!vn->ops->write)
		return -EINVAL;
	uk_vfs_lock();
	if (f->flags & O_APPEND)
		*off = vn->size;
	if (*off > (off_t)(INT64_MAX - (int64_t)len)) {
		uk_vfs_unlock();
		return -EFBIG;
	}
	n = vn->ops->write(vn, buf, len, *off);
	if (n > 0) {
		*off += n;
		uk_vfs_now(&vn->mtime);
		vn->ctime = vn->mtime;
	}
	uk_vfs_unlock();
	return n;
}

static int vnode_stat(struct uk_file *f, struct stat *st)
{
	uk_vfs_lock();
	vfs_fill_stat(f->vnode, st);
	uk_vfs_unlock();
	return 0;
}

static int vnode_truncate(struct uk_file *f, off_t len)
{
	struct uk_vnode *vn = f->vnode;
	int r;

	if (!S_ISREG(vn->mode) || !vn->ops->truncate)
		return -EINVAL;
	uk_vfs_lock();
	r = vn->ops->truncate(vn, len);
	if (!r) {
		uk_vfs_now(&vn->mtime);
		vn->ctime = vn->mtime;
	}
	uk_vfs_unlock();
	return r;
}

static int vnode_sync(struct uk_file *f)
{
	struct uk_vnode *vn = f->vnode;
	int r = 0;

	uk_vfs_lock();
	if (vn->ops->sync)
		r = vn->ops->sync(vn);
	uk_vfs_unlock();
	return r;
}

static int vnode_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct uk_vnode *vn = f->vnode;

	if (req == FIONREAD && S_ISREG(vn->mode)) {
		off_t left = vn->size - f->pos;

		*(int *)arg = left > 0 ? (int)left : 0;
		return 0;
	}
	return -ENOTTY;
}

const struct uk_file_ops vfs_vnode_fops = {
	.read = vnode_read,
	.write = vnode_write,
	.stat = vnode_stat,
	.ioctl = vnode_ioctl,
	.truncate = vnode_truncate,
	.sync = vnode_sync,
};

int vfs_open_vnode(struct uk_vnode *vn, int flags, struct uk_file **out)
{
	const struct uk_file_ops *ops = vn->fops ? vn->fops : &vfs_vnode_fops;
	struct uk_file *f = uk_file_alloc(ops, flags, NULL);

	if (!f)
		return -ENOMEM;
	f->vnode = vn;
	if (S_ISDIR(vn->mode))
		f->kind = UK_FILE_DIR;
	else if (ops == &uk_vfs_console_fops)
		f->kind = UK_FILE_STREAM;
	else
		f->kind = UK_FILE_SEEKABLE;
	*out = f;
	return 0;
}

/* ---- The console ---- */

static ssize_t console_read(struct uk_file *f, void *buf, size_t len,
			    off_t *off)
{
	int n;

	(void)off;
	if (!len)
		return 0;
	for (;;) {
		n = ukplat_cink(buf, len);
		if (n == -ENODATA)
			return 0;
		if (n != 0)
			return n;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (uk_sched_started())
			uk_sched_yield();
	}
}

static ssize_t console_write(struct uk_file *f, const void *buf, size_t len,
			     off_t *off)
{
	const char *p = buf;
	size_t left = len;

	(void)f;
	(void)off;
	while (left) {
		int n = ukplat_coutk(p, left);

		if (n <= 0)
			return len != left ? (ssize_t)(len - left) :
				(n ? n : -EIO);
		p += n;
		left -= (size_t)n;
	}
	return (ssize_t)len;
}

static int console_stat(struct uk_file *f, struct stat *st)
{
	(void)f;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	st->st_nlink = 1;
	st->st_rdev = (5ULL << 8) | 1;	/* like Linux's /dev/console */
	st->st_blksize = 1024;
	return 0;
}

static int console_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct winsize *ws = arg;

	(void)f;
	switch (req) {
	case TIOCGWINSZ:
		ws->ws_row = 24;
		ws->ws_col = 80;
		ws->ws_xpixel = 0;
		ws->ws_ypixel = 0;
		return 0;
	case TIOCSWINSZ:
		return 0;
	case FIONREAD:
		*(int *)arg = 0;
		return 0;
	case TCGETS:
		return 0;
	}
	return -ENOTTY;
}

const struct uk_file_ops uk_vfs_console_fops = {
	.read = console_read,
	.write = console_write,
	.stat = console_stat,
	.ioctl = console_ioctl,
};

int vfs_console_init(void)
{
	struct uk_file *f = uk_file_alloc(&uk_vfs_console_fops, O_RDWR, NULL);
	int i;

	if (!f)
		return -ENOMEM;
	for (i = 0; i < 3; i++) {
		uk_file_get(f);
		if (uk_fd_install(f, 0) != i) {
			uk_file_put(f);
			break;
		}
	}
	uk_file_put(f);
	return 0;
}
