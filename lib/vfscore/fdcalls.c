/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the POSIX calls on descriptors: read/write and their
 * positional and vector forms, lseek, close, dup*, fcntl, ioctl, fstat,
 * ftruncate, fsync, getdents64, isatty, sendfile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <uk/essentials.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

#ifndef SSIZE_MAX
#define SSIZE_MAX ((ssize_t)(~(size_t)0 >> 1))
#endif

static ssize_t do_rw(int fd, const struct iovec *iov, int cnt, off_t off,
		     int wr, int positional)
{
	struct uk_file *f = uk_fd_get(fd);
	size_t total = 0;
	ssize_t r = 0;
	int locked = 0, i, acc;
	off_t pos;

	if (!f)
		return -EBADF;
	acc = f->flags & O_ACCMODE;
	if ((wr && acc == O_RDONLY) || (!wr && acc == O_WRONLY)) {
		r = -EBADF;
		goto out;
	}
	if (cnt < 0 || cnt > IOV_MAX) {
		r = -EINVAL;
		goto out;
	}
	for (i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total) {
			r = -EINVAL;
			goto out;
		}
		total += iov[i].iov_len;
	}
	if (positional) {
		if (f->kind == UK_FILE_STREAM) {
			r = -ESPIPE;
			goto out;
		}
		if (off < 0) {
			r = -EINVAL;
			goto out;
		}
	}
	if (wr ? !f->ops->write : !f->ops->read) {
		r = -EINVAL;
		goto out;
	}
	if (!positional && f->kind != UK_FILE_STREAM) {
		uk_mutex_lock(&f->lock);
		locked = 1;
	}
	pos = positional ? off : f->pos;
	total = 0;
	for (i = 0; i < cnt; i++) {
		ssize_t n;

		if (!iov[i].iov_len)
			continue;
		n = wr ? f->ops->write(f, iov[i].iov_base, iov[i].iov_len,
				       &pos) :
			 f->ops->read(f, iov[i].iov_base, iov[i].iov_len,
				      &pos);
		if (n < 0) {
			if (!total)
				r = n;
			break;
		}
		total += (size_t)n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	if (r == 0) {
		if (!positional && f->kind != UK_FILE_STREAM)
			f->pos = pos;
		r = (ssize_t)total;
	}
	if (locked)
		uk_mutex_unlock(&f->lock);
out:
	uk_file_put(f);
	return r;
}

UK_SYSCALL_R_DEFINE(ssize_t, read, int, fd, void *, buf, size_t, len)
{
	struct iovec v = { buf, len };

	return do_rw(fd, &v, 1, 0, 0, 0);
}

UK_SYSCALL_R_DEFINE(ssize_t, write, int, fd, const void *, buf, size_t, len)
{
	struct iovec v = { (void *)buf, len };

	return do_rw(fd, &v, 1, 0, 1, 0);
}

ssize_t uk_vfs_write(int fd, const void *buf, size_t len)
{
	struct iovec v = { (void *)buf, len };

	return do_rw(fd, &v, 1, 0, 1, 0);
}

/* Linux names pread and pwrite pread64 and pwrite64. */
UK_LLSYSCALL_R_DEFINE(ssize_t, pread64, int, fd, void *, buf, size_t, len,
		      off_t, off)
{
	struct iovec v = { buf, len };

	return do_rw(fd, &v, 1, off, 0, 1);
}

UK_LLSYSCALL_R_DEFINE(ssize_t, pwrite64, int, fd, const void *, buf,
		      size_t, len, off_t, off)
{
	struct iovec v = { (void *)buf, len };

	return do_rw(fd, &v, 1, off, 1, 1);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return uk_syscall_e_pread64(fd, buf, len, off);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return uk_syscall_e_pwrite64(fd, buf, len, off);
}
#endif

UK_SYSCALL_R_DEFINE(ssize_t, readv, int, fd, const struct iovec *, iov,
		    int, iovcnt)
{
	return do_rw(fd, iov, iovcnt, 0, 0, 0);
}

UK_SYSCALL_R_DEFINE(ssize_t, writev, int, fd, const struct iovec *, iov,
		    int, iovcnt)
{
	return do_rw(fd, iov, iovcnt, 0, 1, 0);
}

/* Linux's fourth and fifth arguments are the offset's halves: on x86_64
 * the fourth holds all of it. */
UK_SYSCALL_R_DEFINE(ssize_t, preadv, int, fd, const struct iovec *, iov,
		    int, iovcnt, off_t, off)
{
	return do_rw(fd, iov, iovcnt, off, 0, 1);
}

UK_SYSCALL_R_DEFINE(ssize_t, pwritev, int, fd, const struct iovec *, iov,
		    int, iovcnt, off_t, off)
{
	return do_rw(fd, iov, iovcnt, off, 1, 1);
}

static off_t do_lseek(int fd, off_t off, int whence)
{
	struct uk_file *f = uk_fd_get(fd);
	struct stat st;
	off_t base, r;

	if (!f)
		return -EBADF;
	if (f->kind == UK_FILE_STREAM) {
		uk_file_put(f);
		return -ESPIPE;
	}
	if (f->vnode && S_ISCHR(f->vnode->mode)) {
		/* Like Linux's /dev/null, /dev/zero and /dev/random: no
		 * position, any lseek succeeds and returns 0. */
		uk_file_put(f);
		return 0;
	}
	uk_mutex_lock(&f->lock);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		if (f->ops->stat && !f->ops->stat(f, &st))
			base = st.st_size;
		else
			base = 0;
		break;
	default:
		r = -EINVAL;
		goto out;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0) {
		r = -EINVAL;
		goto out;
	}
	if (f->kind == UK_FILE_DIR && whence == SEEK_END) {
		r = -EINVAL;
		goto out;
	}
	f->pos = base + off;
	r = f->pos;
out:
	uk_mutex_unlock(&f->lock);
	uk_file_put(f);
	return r;
}

UK_SYSCALL_R_DEFINE(off_t, lseek, int, fd, off_t, off, int, whence)
{
	return do_lseek(fd, off, whence);
}

UK_SYSCALL_R_DEFINE(int, close, int, fd)
{
	return vfs_fd_close(fd);
}

int uk_vfs_close(int fd)
{
	return vfs_fd_close(fd);
}

UK_SYSCALL_R_DEFINE(int, dup, int, fd)
{
	return vfs_fd_dup(fd, -1, 0, 0);
}

UK_SYSCALL_R_DEFINE(int, dup2, int, oldfd, int, newfd)
{
	struct uk_file *f;

	if (newfd < 0)
		return -EBADF;
	if (oldfd == newfd) {
		f = uk_fd_get(oldfd);
		if (!f)
			return -EBADF;
		uk_file_put(f);
		return newfd;
	}
	return vfs_fd_dup(oldfd, newfd, 0, 0);
}

UK_SYSCALL_R_DEFINE(int, dup3, int, oldfd, int, newfd, int, flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (newfd < 0)
		return -EBADF;
	if (oldfd == newfd)
		return -EINVAL;
	return vfs_fd_dup(oldfd, newfd, flags, 0);
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

static int do_fcntl(int fd, int cmd, long arg)
{
	struct uk_file *f;
	int r = 0;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= CONFIG_LIBVFSCORE_NR_FDS) {
			f = uk_fd_get(fd);
			if (!f)
				return -EBADF;
			uk_file_put(f);
			return -EINVAL;
		}
		return vfs_fd_dup(fd, -1,
				  cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0,
				  (int)arg);
	case F_GETFD:
		return vfs_fd_getflags(fd);
	case F_SETFD:
		return vfs_fd_setflags(fd, arg & FD_CLOEXEC);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return vfs_reclock(fd, cmd, (struct flock *)arg);
	}
	f = uk_fd_get(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL:
		uk_mutex_lock(&f->lock);
		f->flags = (f->flags & ~SETFL_MASK) | ((int)arg & SETFL_MASK);
		uk_mutex_unlock(&f->lock);
		break;
	default:
		r = -EINVAL;
	}
	uk_file_put(f);
	return r;
}

UK_LLSYSCALL_R_DEFINE(int, fcntl, int, fd, int, cmd, long, arg)
{
	return do_fcntl(fd, cmd, arg);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return uk_syscall_e_fcntl(fd, cmd, arg);
}
#endif

static int do_ioctl(int fd, unsigned long req, void *arg)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	switch (req) {
	case FIONBIO:
		uk_mutex_lock(&f->lock);
		if (*(int *)arg)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~O_NONBLOCK;
		uk_mutex_unlock(&f->lock);
		r = 0;
		break;
	case FIOCLEX:
	case FIONCLEX:
		r = vfs_fd_setflags(fd, req == FIOCLEX);
		break;
	default:
		r = f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
	}
	uk_file_put(f);
	return r;
}

UK_LLSYSCALL_R_DEFINE(int, ioctl, int, fd, unsigned long, req, void *, arg)
{
	return do_ioctl(fd, req, arg);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	return uk_syscall_e_ioctl(fd, req, arg);
}

int isatty(int fd)
{
	struct winsize ws;
	int r = do_ioctl(fd, TIOCGWINSZ, &ws);

	if (r) {
		errno = r == -EBADF ? EBADF : ENOTTY;
		return 0;
	}
	return 1;
}
#endif

UK_SYSCALL_R_DEFINE(int, fstat, int, fd, struct stat *, st)
{
	struct uk_file *f = uk_fd_get(fd);
	int r = 0;

	if (!f)
		return -EBADF;
	if (f->vnode) {
		uk_vfs_lock();
		vfs_fill_stat(f->vnode, st);
		uk_vfs_unlock();
	} else if (f->ops->stat) {
		r = f->ops->stat(f, st);
	} else {
		memset(st, 0, sizeof(*st));
	}
	uk_file_put(f);
	return r;
}

UK_SYSCALL_R_DEFINE(int, ftruncate, int, fd, off_t, len)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	if (len < 0 || (f->flags & O_ACCMODE) == O_RDONLY || !f->ops->truncate)
		r = -EINVAL;
	else if (f->vnode && vfs_readonly(f->vnode))
		r = -EROFS;
	else
		r = f->ops->truncate(f, len);
	uk_file_put(f);
	return r;
}

static int do_fsync(int fd)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->ops->sync ? f->ops->sync(f) : -EINVAL;
	uk_file_put(f);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fsync, int, fd)
{
	return do_fsync(fd);
}

UK_SYSCALL_R_DEFINE(int, fdatasync, int, fd)
{
	return do_fsync(fd);
}

/* Size of a getdents64 record for a name of @len bytes. */
static size_t reclen(size_t len)
{
	return (offsetof(struct dirent, d_name) + len + 1 + 7) & ~(size_t)7;
}

static ssize_t do_getdents(int fd, void *buf, size_t len)
{
	struct uk_file *f = uk_fd_get(fd);
	struct uk_vfs_dirent de;
	struct uk_vnode *vn;
	size_t used = 0;
	ssize_t r = 0;

	if (!f)
		return -EBADF;
	if (f->kind != UK_FILE_DIR) {
		uk_file_put(f);
		return -ENOTDIR;
	}
	vn = f->vnode;
	uk_mutex_lock(&f->lock);
	uk_vfs_lock();
	for (;;) {
		uint64_t cookie = (uint64_t)f->pos, next;
		struct dirent *d;
		size_t rl;

		if (vn->nlink == 0 && cookie < 2)
			cookie = 2;
		if (cookie < 2) {
			de.ino = vn->ino;
			de.type = DT_DIR;
			strcpy(de.name, cookie ? ".." : ".");
			if (cookie) {
				struct uk_vnode *p = vn->parent ? vn->parent :
					vn;

				de.ino = p->ino;
			}
			next = cookie + 1;
		} else {
			next = cookie;
			r = vn->ops->readdir ?
				vn->ops->readdir(vn, &next, &de) : 0;
			if (r <= 0)
				break;
			r = 0;
		}
		rl = reclen(strlen(de.name));
		if (used + rl > len) {
			if (!used)
				r = -EINVAL;
			break;
		}
		d = (struct dirent *)((char *)buf + used);
		d->d_ino = de.ino;
		d->d_off = (off_t)next;
		d->d_reclen = (unsigned short)rl;
		d->d_type = de.type;
		memset(d->d_name, 0, rl - offsetof(struct dirent, d_name));
		strcpy(d->d_name, de.name);
		used += rl;
		f->pos = (off_t)next;
	}
	uk_vfs_unlock();
	uk_mutex_unlock(&f->lock);
	uk_file_put(f);
	return r < 0 ? r : (ssize_t)used;
}

UK_SYSCALL_R_DEFINE(ssize_t, getdents64, int, fd, void *, buf, size_t, len)
{
	return do_getdents(fd, buf, len);
}

/*
 * sendfile: the file ops of both ends through a bounce buffer, so a
 * regular file goes to any writable file (sockets included). Like
 * Linux: at most 0x7ffff000 bytes, *offset (not the position) when
 * given, an output with O_APPEND refused, and once some bytes went out
 * an error or a short write (a full nonblocking socket) ends the call
 * with the count; positions advance by what was written.
 */
#define SENDFILE_MAX	0x7ffff000UL
#define SENDFILE_CHUNK	65536UL

static ssize_t do_sendfile(struct uk_file *out, struct uk_file *in,
			   off_t *offset, size_t count)
{
	size_t total = 0, chunk = UK_MIN(count, SENDFILE_CHUNK);
	off_t ipos, opos;
	char *buf;
	ssize_t r = 0;

	buf = malloc(chunk ? chunk : 1);
	if (!buf)
		return -ENOMEM;
	ipos = offset ? *offset : in->pos;
	opos = out->pos;
	while (total < count) {
		size_t want = UK_MIN(count - total, chunk);
		off_t rpos = ipos;
		ssize_t n, w;

		n = in->ops->read(in, buf, want, &rpos);
		if (n <= 0) {
			r = n;
			break;
		}
		w = out->ops->write(out, buf, (size_t)n, &opos);
		if (w < 0) {
			r = w;
			break;
		}
		/* The input advances only by what the output took. */
		ipos += w;
		total += (size_t)w;
		if (w < n || (size_t)n < want)
			break;
	}
	free(buf);
	if (offset)
		*offset = ipos;
	else
		in->pos = ipos;
	if (out->kind != UK_FILE_STREAM)
		out->pos = opos;
	return total ? (ssize_t)total : r;
}

UK_SYSCALL_R_DEFINE(ssize_t, sendfile, int, out_fd, int, in_fd,
		    off_t *, offset, size_t, count)
{
	struct uk_file *in = uk_fd_get(in_fd), *out = uk_fd_get(out_fd);
	int lock_in, lock_out;
	ssize_t r;

	r = -EBADF;
	if (!in || !out)
		goto out;
	if ((in->flags & O_ACCMODE) == O_WRONLY ||
	    (out->flags & O_ACCMODE) == O_RDONLY)
		goto out;
	r = -EINVAL;
	/* A stream input (pipe, socket) could lose what it gave when the
	 * output takes less: refused, as Linux did before 5.12. */
	if (!in->ops->read || !out->ops->write || (out->flags & O_APPEND) ||
	    in->kind != UK_FILE_SEEKABLE)
		goto out;
	if (offset && *offset < 0)
		goto out;
	count = UK_MIN(count, SENDFILE_MAX);
	lock_in = !offset;
	lock_out = out->kind != UK_FILE_STREAM && !(lock_in && in == out);
	if (lock_in)
		uk_mutex_lock(&in->lock);
	if (lock_out)
		uk_mutex_lock(&out->lock);
	r = count ? do_sendfile(out, in, offset, count) : 0;
	if (lock_out)
		uk_mutex_unlock(&out->lock);
	if (lock_in)
		uk_mutex_unlock(&in->lock);
out:
	if (in)
		uk_file_put(in);
	if (out)
		uk_file_put(out);
	return r;
}
