/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: epoll. An epoll descriptor is a file holding an interest list
 * of (descriptor, file id) items. epoll_wait asks each item's file for
 * its readiness (the poll file op) and sleeps on the common wake-up
 * count (poll.c) when nothing is ready. Items hold no reference: a file
 * that is closed (its descriptor gone or reused by another file) drops
 * out of the list at the next look, so closing a socket really closes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

#define EP_SETTABLE	(EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | \
			 EPOLLHUP | EPOLLRDNORM | EPOLLRDBAND | \
			 EPOLLWRNORM | EPOLLWRBAND | EPOLLMSG | EPOLLRDHUP | \
			 EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)
#define EP_ALWAYS	(EPOLLERR | EPOLLHUP)

struct epitem {
	int fd;
	unsigned long id;	/* the file's id when added */
	uint32_t events;	/* wanted, with EPOLLET/EPOLLONESHOT */
	int armed;		/* 0: a one-shot item already fired */
	int reported;		/* edge-triggered: seq is valid */
	unsigned long seq;	/* edge-triggered: seq last reported */
	uint64_t data;
};

struct epoll {
	struct uk_mutex lock;
	struct epitem *items;
	unsigned int n, cap;
	unsigned int next;	/* where the next scan starts (fairness) */
};

static void ep_release(struct uk_file *f)
{
	struct epoll *ep = f->priv;

	free(ep->items);
	free(ep);
}

static unsigned int ep_poll(struct uk_file *f, unsigned long *seq);

static const struct uk_file_ops ep_fops = {
	.release = ep_release,
	.poll = ep_poll,
};

#define EP_MAX_NESTS	4	/* as Linux: deeper nesting gives ELOOP */

/* The readiness @it would report now, or 0; its file's event count in
 * *@seq. A closed file reports 0 (the next scan drops the item). */
static uint32_t ep_item_ready(struct epitem *it, unsigned long *seq)
{
	struct uk_file *f;
	uint32_t mask;

	*seq = 0;
	if (!it->armed)
		return 0;
	f = uk_fd_get(it->fd);
	if (!f || f->id != it->id) {
		uk_file_put(f);
		return 0;
	}
	mask = f->ops->poll(f, seq);
	uk_file_put(f);
	if (mask & UK_POLLIN)
		mask |= EPOLLRDNORM;
	if (mask & UK_POLLOUT)
		mask |= EPOLLWRNORM;
	mask &= it->events | EP_ALWAYS;
	if (mask && (it->events & EPOLLET) && it->reported && it->seq == *seq)
		return 0;
	return mask;
}

/* An epoll descriptor inside another: readable while one of its items
 * would be reported; its event count sums those of the ready items. */
static unsigned int ep_poll(struct uk_file *f, unsigned long *seq)
{
	struct epoll *ep = f->priv;
	unsigned int i, mask = 0;

	*seq = 0;
	uk_mutex_lock(&ep->lock);
	for (i = 0; i < ep->n; i++) {
		unsigned long s;

		if (ep_item_ready(&ep->items[i], &s)) {
			mask = UK_POLLIN;
			*seq += s;
		}
	}
	uk_mutex_unlock(&ep->lock);
	return mask;
}

/* 1 when epoll file @from reaches @to through nested epoll items, or
 * nests deeper than EP_MAX_NESTS - @depth. */
static int ep_reaches(struct uk_file *from, struct uk_file *to, int depth)
{
	struct epoll *ep = from->priv;
	unsigned int i;
	int hit = 0;

	if (from == to || depth >= EP_MAX_NESTS)
		return 1;
	uk_mutex_lock(&ep->lock);
	for (i = 0; i < ep->n && !hit; i++) {
		struct uk_file *f = uk_fd_get(ep->items[i].fd);

		if (f && f->id == ep->items[i].id && f->ops == &ep_fops)
			hit = ep_reaches(f, to, depth + 1);
		uk_file_put(f);
	}
	uk_mutex_unlock(&ep->lock);
	return hit;
}

static int ep_create(int flags)
{
	struct epoll *ep;
	struct uk_file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = calloc(1, sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	uk_mutex_init(&ep->lock);
	f = uk_file_alloc(&ep_fops, O_RDWR, ep);
	if (!f) {
		free(ep);
		return -ENOMEM;
	}
	fd = uk_fd_install(f, !!(flags & EPOLL_CLOEXEC));
	if (fd < 0)
		uk_file_put(f);
	return fd;
}

UK_SYSCALL_R_DEFINE(int, epoll_create1, int, flags)
{
	return ep_create(flags);
}

UK_SYSCALL_R_DEFINE(int, epoll_create, int, size)
{
	return size <= 0 ? -EINVAL : ep_create(0);
}

/* The epoll object of descriptor @epfd with a file reference in *@fp. */
static int ep_get(int epfd, struct uk_file **fp)
{
	struct uk_file *f = uk_fd_get(epfd);

	if (!f)
		return -EBADF;
	if (f->ops != &ep_fops) {
		uk_file_put(f);
		return -EINVAL;
	}
	*fp = f;
	return 0;
}

static void ep_drop(struct epoll *ep, unsigned int i)
{
	memmove(&ep->items[i], &ep->items[i + 1],
		(ep->n - i - 1) * sizeof(ep->items[0]));
	ep->n--;
	if (ep->next > i)
		ep->next--;
}

/* Index of the item for @fd, dropping a stale one (the descriptor was
 * closed and perhaps reused); -1 when there is none. Lock held. */
static int ep_find(struct epoll *ep, int fd, struct uk_file *f)
{
	unsigned int i;

	for (i = 0; i < ep->n; i++) {
		if (ep->items[i].fd != fd)
			continue;
		if (ep->items[i].id == f->id)
			return (int)i;
		ep_drop(ep, i);
		return -1;
	}
	return -1;
}

static int ep_ctl(int epfd, int op, int fd, const struct epoll_event *ev)
{
	struct uk_file *ef, *f;
	struct epoll *ep;
	struct epitem *it;
	int rc, i;

	ef = uk_fd_get(epfd);
	if (!ef)
		return -EBADF;
	f = uk_fd_get(fd);
	if (!f) {
		uk_file_put(ef);
		return -EBADF;
	}
	ep = ef->priv;
	rc = 0;
	if (ef->ops != &ep_fops)
		rc = -EINVAL;
	else if (op != EPOLL_CTL_DEL && !ev)
		rc = -EFAULT;
	else if (!f->ops->poll && f->ops != &ep_fops)
		rc = -EPERM;
	else if (f == ef)
		rc = -EINVAL;
	else if (op == EPOLL_CTL_ADD && f->ops == &ep_fops &&
		 ep_reaches(f, ef, 1))
		rc = -ELOOP;
	else if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD &&
		 op != EPOLL_CTL_DEL)
		rc = -EINVAL;
	else if (op == EPOLL_CTL_MOD && (ev->events & EPOLLEXCLUSIVE))
		rc = -EINVAL;
	if (rc < 0)
		goto out;

	uk_mutex_lock(&ep->lock);
	i = ep_find(ep, fd, f);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (i >= 0) {
			rc = -EEXIST;
			break;
		}
		if (ep->n == ep->cap) {
			unsigned int cap = ep->cap ? ep->cap * 2 : 16;
			void *p = realloc(ep->items, cap * sizeof(*it));

			if (!p) {
				rc = -ENOMEM;
				break;
			}
			ep->items = p;
			ep->cap = cap;
		}
		it = &ep->items[ep->n++];
		it->fd = fd;
		it->id = f->id;
		goto set;
	case EPOLL_CTL_MOD:
		if (i < 0) {
			rc = -ENOENT;
			break;
		}
		it = &ep->items[i];
		if (it->events & EPOLLEXCLUSIVE) {
			rc = -EINVAL;
			break;
		}
set:
		it->events = ev->events & EP_SETTABLE;
		it->data = ev->data.u64;
		it->armed = 1;
		it->reported = 0;
		break;
	case EPOLL_CTL_DEL:
		if (i < 0)
			rc = -ENOENT;
		else
			ep_drop(ep, (unsigned int)i);
		break;
	}
	uk_mutex_unlock(&ep->lock);
	/* A new or changed item may be ready already: let waiters look. */
	if (!rc && op != EPOLL_CTL_DEL)
		uk_file_poll_wake();
out:
	uk_file_put(f);
	uk_file_put(ef);
	return rc;
}

UK_SYSCALL_R_DEFINE(int, epoll_ctl, int, epfd, int, op, int, fd,
		    struct epoll_event *, ev)
{
	return ep_ctl(epfd, op, fd, ev);
}

/* Fills @evs with up to @max ready items; returns how many. */
static int ep_scan(struct epoll *ep, struct epoll_event *evs, int max)
{
	unsigned int k, i;
	int n = 0;

	uk_mutex_lock(&ep->lock);
	if (ep->next >= ep->n)
		ep->next = 0;
	k = 0;
	while (k < ep->n && n < max) {
		struct epitem *it;
		struct uk_file *f;
		unsigned long seq = 0;
		uint32_t mask;

		i = (ep->next + k) % ep->n;
		it = &ep->items[i];
		if (!it->armed) {
			k++;
			continue;
		}
		f = uk_fd_get(it->fd);
		if (!f || f->id != it->id) {
			/* Closed: the following item slides into slot i,
			 * and the same k finds it. */
			uk_file_put(f);
			ep_drop(ep, i);
			continue;
		}
		mask = f->ops->poll(f, &seq);
		uk_file_put(f);
		k++;
		if (mask & UK_POLLIN)
			mask |= EPOLLRDNORM;
		if (mask & UK_POLLOUT)
			mask |= EPOLLWRNORM;
		mask &= it->events | EP_ALWAYS;
		if (!mask)
			continue;
		if (it->events & EPOLLET) {
			if (it->reported && it->seq == seq)
				continue;
			it->reported = 1;
			it->seq = seq;
		}
		if (it->events & EPOLLONESHOT)
			it->armed = 0;
		evs[n].events = mask;
		evs[n].data.u64 = it->data;
		n++;
	}
	/* Start after the last reported item next time so that a busy
	 * file cannot starve the others when @max is small. */
	if (ep->n)
		ep->next = (ep->next + k) % ep->n;
	uk_mutex_unlock(&ep->lock);
	return n;
}

static int ep_wait(int epfd, struct epoll_event *evs, int max, int timeout)
{
	uint64_t deadline = 0;
	struct uk_file *ef;
	struct epoll *ep;
	int rc, n;

	if (max <= 0 || max > INT32_MAX / (int)sizeof(*evs))
		return -EINVAL;
	if (!evs)
		return -EFAULT;
	rc = ep_get(epfd, &ef);
	if (rc < 0)
		return rc;
	ep = ef->priv;
	if (timeout > 0)
		deadline = ukplat_monotonic_clock() +
			   (uint64_t)timeout * 1000000ULL;
	for (;;) {
		unsigned long gen = uk_file_poll_gen();

		n = ep_scan(ep, evs, max);
		if (n || !timeout)
			break;
		rc = uk_file_poll_wait(gen, deadline);
		if (rc == -EINTR) {
			n = rc;
			break;
		}
		if (rc == -ETIMEDOUT) {
			n = ep_scan(ep, evs, max);
			break;
		}
	}
	uk_file_put(ef);
	return n;
}

UK_SYSCALL_R_DEFINE(int, epoll_wait, int, epfd, struct epoll_event *, evs,
		    int, maxevents, int, timeout)
{
	return ep_wait(epfd, evs, maxevents, timeout);
}

/* The signal mask is not applied (doc/syscall-shim.md, signals). */
UK_SYSCALL_R_DEFINE(int, epoll_pwait, int, epfd, struct epoll_event *, evs,
		    int, maxevents, int, timeout, const sigset_t *, sigmask)
{
	(void)sigmask;
	return ep_wait(epfd, evs, maxevents, timeout);
}
