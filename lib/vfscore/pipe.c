/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: pipes. A ring buffer shared by a read end and a write end,
 * each a struct uk_file of kind stream; readers and writers sleep on
 * the poll wake-up count (uk_file_poll_wait), so a signal interrupts
 * them. Writes of at most PIPE_BUF bytes are atomic. A change notifies
 * the end whose readiness it changes (uk_file_poll_notify), under the
 * pipe's lock so that an end being released is not notified after it
 * is gone: data or the last writer gone for the read end, room or the
 * last reader gone for the write end, each with its own event count.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

#define PIPE_SIZE	65536
#define PIPE_ATOMIC	4096	/* PIPE_BUF */

struct pipe {
	struct uk_mutex lock;
	char *buf;
	size_t head;	/* next byte to read */
	size_t count;	/* bytes stored */
	int readers;
	int writers;
	unsigned long seq[2];	/* events of the read and the write end */
	struct uk_file *end[2];	/* read and write end, NULL once closed */
};

/* End @e (0: read, 1: write) has news, p->lock held. */
static void pipe_changed(struct pipe *p, int e)
{
	p->seq[e]++;
	if (p->end[e])
		uk_file_poll_notify(p->end[e]);
	else
		uk_file_poll_wake();
}

/*
 * Sleep until the pipe may have changed, p->lock held (dropped while
 * asleep). Every change wakes waiters (pipe_changed) with the lock
 * held, so reading the count under the lock loses none.
 * A signal ends the wait: the call restarts under SA_RESTART, as on
 * Linux, or fails with EINTR.
 */
static int pipe_wait(struct pipe *p)
{
	unsigned long gen = uk_file_poll_gen();
	int r;

	uk_mutex_unlock(&p->lock);
	r = uk_file_poll_wait(gen, 0);
	uk_mutex_lock(&p->lock);
	return r == -EINTR ? -UK_ERESTARTSYS : 0;
}

static ssize_t pipe_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off)
{
	struct pipe *p = f->priv;
	size_t n = 0;
	int full;

	(void)off;
	uk_mutex_lock(&p->lock);
	while (!p->count) {
		if (!p->writers) {
			uk_mutex_unlock(&p->lock);
			return 0;
		}
		if (f->flags & O_NONBLOCK) {
			uk_mutex_unlock(&p->lock);
			return -EAGAIN;
		}
		if (pipe_wait(p)) {
			uk_mutex_unlock(&p->lock);
			return -UK_ERESTARTSYS;
		}
	}
	/* Room is news for the write end only where it was short of
	 * PIPE_BUF bytes (a writer may wait for it), as on Linux. */
	full = PIPE_SIZE - p->count < PIPE_ATOMIC;
	while (n < len && p->count) {
		size_t chunk = PIPE_SIZE - p->head;

		if (chunk > p->count)
			chunk = p->count;
		if (chunk > len - n)
			chunk = len - n;
		memcpy((char *)buf + n, p->buf + p->head, chunk);
		p->head = (p->head + chunk) % PIPE_SIZE;
		p->count -= chunk;
		n += chunk;
	}
	if (full)
		pipe_changed(p, 1);
	uk_mutex_unlock(&p->lock);
	return (ssize_t)n;
}

static ssize_t pipe_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off)
{
	struct pipe *p = f->priv;
	size_t n = 0, woke = 0;

	(void)off;
	uk_mutex_lock(&p->lock);
	while (n < len) {
		size_t space = PIPE_SIZE - p->count, chunk, tail;

		if (!p->readers) {
			uk_mutex_unlock(&p->lock);
			return n ? (ssize_t)n : -EPIPE;
		}
		/* Small writes go in one piece. */
		if (!space || (len <= PIPE_ATOMIC && space < len - n)) {
			if (f->flags & O_NONBLOCK) {
				uk_mutex_unlock(&p->lock);
				return n ? (ssize_t)n : -EAGAIN;
			}
			/* Readers hear of what we wrote before we sleep. */
			if (woke < n) {
				woke = n;
				pipe_changed(p, 0);
				continue;
			}
			if (pipe_wait(p)) {
				uk_mutex_unlock(&p->lock);
				return n ? (ssize_t)n : -UK_ERESTARTSYS;
			}
			continue;
		}
		tail = (p->head + p->count) % PIPE_SIZE;
		chunk = PIPE_SIZE - tail;
		if (chunk > space)
			chunk = space;
		if (chunk > len - n)
			chunk = len - n;
		memcpy(p->buf + tail, (const char *)buf + n, chunk);
		p->count += chunk;
		n += chunk;
	}
	pipe_changed(p, 0);
	uk_mutex_unlock(&p->lock);
	return (ssize_t)n;
}

static int pipe_stat(struct uk_file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	st->st_ino = (ino_t)(uintptr_t)f->priv;
	return 0;
}

static int pipe_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct pipe *p = f->priv;

	if (req != FIONREAD)
		return -ENOTTY;
	uk_mutex_lock(&p->lock);
	*(int *)arg = (int)p->count;
	uk_mutex_unlock(&p->lock);
	return 0;
}

static void pipe_release(struct uk_file *f)
{
	struct pipe *p = f->priv;
	int last;

	uk_mutex_lock(&p->lock);
	/* The other end sees ERR or HUP. */
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		p->readers--;
		p->end[0] = NULL;
		pipe_changed(p, 1);
	} else {
		p->writers--;
		p->end[1] = NULL;
		pipe_changed(p, 0);
	}
	last = !p->readers && !p->writers;
	uk_mutex_unlock(&p->lock);
	if (last) {
		free(p->buf);
		free(p);
	}
}

/* As Linux: readable with data; HUP once no writer is left; writable
 * with PIPE_BUF bytes of room; ERR once no reader is left. */
static unsigned int pipe_poll(struct uk_file *f, unsigned long *seq)
{
	struct pipe *p = f->priv;
	unsigned int mask = 0;

	uk_mutex_lock(&p->lock);
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->count)
			mask |= UK_POLLIN;
		if (!p->writers)
			mask |= UK_POLLHUP;
	} else {
		if (PIPE_SIZE - p->count >= PIPE_ATOMIC)
			mask |= UK_POLLOUT;
		if (!p->readers)
			mask |= UK_POLLERR;
	}
	*seq = p->seq[(f->flags & O_ACCMODE) != O_RDONLY];
	uk_mutex_unlock(&p->lock);
	return mask;
}

static const struct uk_file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.stat = pipe_stat,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

static int do_pipe(int fds[2], int flags)
{
	struct uk_file *rf, *wf;
	struct pipe *p;
	int r;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->buf = malloc(PIPE_SIZE);
	rf = uk_file_alloc(&pipe_fops, O_RDONLY | (flags & O_NONBLOCK), p);
	wf = uk_file_alloc(&pipe_fops, O_WRONLY | (flags & O_NONBLOCK), p);
	if (!p->buf || !rf || !wf) {
		free(rf);
		free(wf);
		free(p->buf);
		free(p);
		return -ENOMEM;
	}
	uk_mutex_init(&p->lock);
	p->readers = 1;
	p->writers = 1;
	p->end[0] = rf;
	p->end[1] = wf;
	rf->poll_notify = 1;
	wf->poll_notify = 1;
	r = uk_fd_install(rf, flags & O_CLOEXEC);
	if (r < 0) {
		uk_file_put(rf);
		uk_file_put(wf);
		return r;
	}
	fds[0] = r;
	r = uk_fd_install(wf, flags & O_CLOEXEC);
	if (r < 0) {
		vfs_fd_close(fds[0]);
		uk_file_put(wf);
		return r;
	}
	fds[1] = r;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, pipe2, int *, fds, int, flags)
{
	return do_pipe(fds, flags);
}

UK_SYSCALL_R_DEFINE(int, pipe, int *, fds)
{
	return do_pipe(fds, 0);
}
