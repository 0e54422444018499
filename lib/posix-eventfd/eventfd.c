/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-eventfd: the eventfd file type (semantics in <uk/eventfd.h>).
 * Waiters sleep on vfscore's poll count, which also lets a signal end
 * their wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uk/config.h>
#include <uk/eventfd.h>
#include <uk/mutex.h>
#include <uk/syscall.h>
#include <uk/vfs.h>

struct eventfd {
	struct uk_mutex lock;
	uint64_t count;
	int semaphore;
	unsigned long seq;	/* bumped when it becomes readable/writable */
};

/* Sleep until something changed; lock held, dropped meanwhile. */
static int efd_wait(struct eventfd *e)
{
	unsigned long gen = uk_file_poll_gen();
	int r;

	uk_mutex_unlock(&e->lock);
	r = uk_file_poll_wait(gen, 0);
	uk_mutex_lock(&e->lock);
	return r == -EINTR ? -UK_ERESTARTSYS : 0;
}

static ssize_t efd_read(struct uk_file *f, void *buf, size_t len, off_t *off)
{
	struct eventfd *e = f->priv;
	uint64_t v;
	int r;

	(void)off;
	if (len < sizeof(v))
		return -EINVAL;
	uk_mutex_lock(&e->lock);
	while (!e->count) {
		if (f->flags & O_NONBLOCK) {
			uk_mutex_unlock(&e->lock);
			return -EAGAIN;
		}
		r = efd_wait(e);
		if (r) {
			uk_mutex_unlock(&e->lock);
			return r;
		}
	}
	v = e->semaphore ? 1 : e->count;
	e->count -= v;
	e->seq++;
	uk_mutex_unlock(&e->lock);
	memcpy(buf, &v, sizeof(v));
	uk_file_poll_notify(f);
	return sizeof(v);
}

static ssize_t efd_write(struct uk_file *f, const void *buf, size_t len,
			 off_t *off)
{
	struct eventfd *e = f->priv;
	uint64_t v;
	int r;

	(void)off;
	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == UINT64_MAX)
		return -EINVAL;
	uk_mutex_lock(&e->lock);
	while (UK_EVENTFD_MAX - e->count < v) {
		if (f->flags & O_NONBLOCK) {
			uk_mutex_unlock(&e->lock);
			return -EAGAIN;
		}
		r = efd_wait(e);
		if (r) {
			uk_mutex_unlock(&e->lock);
			return r;
		}
	}
	e->count += v;
	if (v)
		e->seq++;
	uk_mutex_unlock(&e->lock);
	if (v)
		uk_file_poll_notify(f);
	return sizeof(v);
}

static unsigned int efd_poll(struct uk_file *f, unsigned long *seq)
{
	struct eventfd *e = f->priv;
	unsigned int mask = 0;

	uk_mutex_lock(&e->lock);
	if (e->count)
		mask |= UK_POLLIN;
	if (e->count < UK_EVENTFD_MAX)
		mask |= UK_POLLOUT;
	*seq = e->seq;
	uk_mutex_unlock(&e->lock);
	return mask;
}

/* An anonymous inode, as Linux reports it: mode 0600, no file type. */
static int efd_stat(struct uk_file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = 0600;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	st->st_ino = (ino_t)f->id;
	return 0;
}

static void efd_release(struct uk_file *f)
{
	free(f->priv);
}

static const struct uk_file_ops efd_fops = {
	.read = efd_read,
	.write = efd_write,
	.stat = efd_stat,
	.release = efd_release,
	.poll = efd_poll,
};

static int efd_create(unsigned int initval, int flags)
{
	struct uk_file *f;
	struct eventfd *e;
	int fd;

	if (flags & ~(UK_EFD_SEMAPHORE | UK_EFD_NONBLOCK | UK_EFD_CLOEXEC))
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	uk_mutex_init(&e->lock);
	e->count = initval;
	e->semaphore = !!(flags & UK_EFD_SEMAPHORE);
	f = uk_file_alloc(&efd_fops,
			  O_RDWR | ((flags & UK_EFD_NONBLOCK) ? O_NONBLOCK : 0),
			  e);
	if (!f) {
		free(e);
		return -ENOMEM;
	}
	f->poll_notify = 1;	/* read and write notify f */
	fd = uk_fd_install(f, !!(flags & UK_EFD_CLOEXEC));
	if (fd < 0)
		uk_file_put(f);	/* frees e through release */
	return fd;
}

UK_LLSYSCALL_R_DEFINE(int, eventfd, unsigned int, initval)
{
	return efd_create(initval, 0);
}

UK_SYSCALL_R_DEFINE(int, eventfd2, unsigned int, initval, int, flags)
{
	return efd_create(initval, flags);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
/* Linux's libc form; musl brings its own. */
int eventfd(unsigned int initval, int flags)
{
	return (int)uk_syscall_e_eventfd2(initval, flags);
}
#endif
