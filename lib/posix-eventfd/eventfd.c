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

/* Sleep until something changed; lock held, dropped meanwhile. 0, or
 * -EAGAIN (O_NONBLOCK) / -ERESTARTSYS with the lock released. */
static int efd_wait(struct uk_file *f, struct eventfd *e)
{
	unsigned long gen;
	int r;

	if (f->flags & O_NONBLOCK) {
		uk_mutex_unlock(&e->lock);
		return -EAGAIN;
	}
	gen = uk_file_poll_gen();
	uk_mutex_unlock(&e->lock);
	r = uk_file_poll_wait(gen, 0);
	if (r == -EINTR)
		return -UK_ERESTARTSYS;
	uk_mutex_lock(&e->lock);
	return 0;
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
		r = efd_wait(f, e);
		if (r)
			return r;
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
		r = efd_wait(f, e);
		if (r)
			return r;
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

static const struct uk_file_ops efd_fops = {
	.read = efd_read,
	.write = efd_write,
	.stat = uk_anon_stat,
	.release = uk_anon_release,
	.poll = efd_poll,
};

static int efd_create(unsigned int initval, int flags)
{
	struct eventfd *e;

	if (flags & ~(UK_EFD_SEMAPHORE | UK_EFD_NONBLOCK | UK_EFD_CLOEXEC))
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	uk_mutex_init(&e->lock);
	e->count = initval;
	e->semaphore = !!(flags & UK_EFD_SEMAPHORE);
	return uk_anon_fd_create(&efd_fops,
				 O_RDWR | ((flags & UK_EFD_NONBLOCK) ?
					   O_NONBLOCK : 0),
				 e, !!(flags & UK_EFD_CLOEXEC),
				 1 /* read and write notify */);
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
