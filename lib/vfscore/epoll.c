/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: epoll. An epoll descriptor is a file holding an interest list
 * of (descriptor, file) items and a ready list: the items that may be
 * ready, in the order in which they became so. epoll_wait takes items
 * off the front of the ready list, asks each one's file for its
 * readiness (the poll file op) and reports those that are ready, so a
 * wait costs O(ready items), not O(registered ones).
 *
 * Items reach the ready list in three ways:
 * - a file that says so (f->poll_notify) calls uk_file_poll_notify(f)
 *   at every readiness change; its items go to the tail of their ready
 *   lists unless they are on them already (sockets, pipes, eventfd);
 * - the items of other files (timers, devices, nested epoll
 *   descriptors) are queued at the start of every scan, as if notified:
 *   they cost a poll call per wait, as every item did before;
 * - EPOLL_CTL_ADD and EPOLL_CTL_MOD queue an item that is ready then.
 * After a scan, as on Linux: the items a full @maxevents left unseen go
 * back to the front, in their order; level-triggered items that were
 * reported go to the tail (they stay on the list while still ready and
 * drop off at the scan that finds them not ready); edge-triggered items
 * are reported once per event (the file's event count, the seq of the
 * poll op, must have moved since the last report); a one-shot item is
 * disarmed by its report until EPOLL_CTL_MOD.
 *
 * Items hold no reference on their file: the file's last reference
 * going (close) removes its items from every epoll (uk_file_put calls
 * vfs_epoll_detach), so closing a socket really closes it. An item whose
 * descriptor no longer refers to its file (closed while a dup kept the
 * file, or reused) is dropped when it is next looked at.
 *
 * One lock (ep_mtx) guards every interest list, ready list and a file's
 * list of watching items. It is never held across a poll op or a file
 * reference drop, so file types may call uk_file_poll_notify() with
 * their own locks held.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

#define EP_SETTABLE	(EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | \
			 EPOLLHUP | EPOLLRDNORM | EPOLLRDBAND | \
			 EPOLLWRNORM | EPOLLWRBAND | EPOLLMSG | EPOLLRDHUP | \
			 EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)
#define EP_ALWAYS	(EPOLLERR | EPOLLHUP)
#define EP_MAX_NESTS	4	/* as Linux: deeper nesting gives ELOOP */

/* A circular doubly linked list node; a list head is a node too. */
struct ep_link {
	struct ep_link *next, *prev;
};

static void lk_init(struct ep_link *h)
{
	h->next = h->prev = h;
}

static int lk_empty(const struct ep_link *h)
{
	return h->next == h;
}

static void lk_add_tail(struct ep_link *h, struct ep_link *n)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static void lk_del(struct ep_link *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

/* Moves every node of @from (emptied) to the front (@front) or the tail
 * of @to, in their order. */
static void lk_splice(struct ep_link *to, struct ep_link *from, int front)
{
	struct ep_link *first = from->next, *last = from->prev;
	struct ep_link *at = front ? to : to->prev;

	if (lk_empty(from))
		return;
	first->prev = at;
	last->next = at->next;
	at->next->prev = last;
	at->next = first;
	lk_init(from);
}

#define lk_item(n, member) \
	((struct uk_epitem *)((char *)(n) - \
			      __builtin_offsetof(struct uk_epitem, member)))

enum { EI_IDLE, EI_QUEUED, EI_BUSY };

struct epoll;

struct uk_epitem {
	struct epoll *ep;
	struct uk_file *file;	/* not a reference: detached before freed */
	unsigned long id;	/* the file's id when added */
	int fd;
	uint32_t events;	/* wanted, with EPOLLET/EPOLLONESHOT */
	int armed;		/* 0: a one-shot item already fired */
	int reported;		/* edge-triggered: seq is valid */
	unsigned long seq;	/* edge-triggered: seq last reported */
	uint64_t data;
	int state;		/* EI_*: on a ready list, or being polled */
	int again;		/* notified while being polled */
	int dead;		/* removed; freed with the last ref */
	unsigned int ref;	/* the interest list's, and a scan's */
	struct ep_link node;	/* ep->items */
	struct ep_link rdy;	/* ep->ready, or a scan's own list */
	struct ep_link plnk;	/* ep->polled (files without notification) */
	struct uk_epitem *wnext;	/* the file's watchers (file->poll_watch) */
};

struct epoll {
	struct uk_file *file;	/* its own file (not a reference) */
	struct ep_link items;	/* interest list */
	struct ep_link ready;	/* ready list, oldest first */
	struct ep_link polled;	/* items whose files do not notify */
	unsigned long seq;	/* bumped at each item queued (nesting) */
};

static struct uk_mutex ep_mtx = UK_MUTEX_INITIALIZER(ep_mtx, 0);

/* Queue @it (idle); @event: it was notified (moves the epoll's count). */
static void ep_queue(struct uk_epitem *it, int event)
{
	lk_add_tail(&it->ep->ready, &it->rdy);
	it->state = EI_QUEUED;
	if (event)
		it->ep->seq++;
}

/* ep_mtx held. Queue @f's armed items on their ready lists. */
static void ep_notify_locked(struct uk_file *f)
{
	struct uk_epitem *it;

	for (it = f->poll_watch; it; it = it->wnext) {
		if (it->dead || !it->armed)
			continue;
		if (it->state == EI_IDLE)
			ep_queue(it, 1);
		else if (it->state == EI_BUSY)
			it->again = 1;
		else
			it->ep->seq++;
	}
}

void uk_file_poll_notify(struct uk_file *f)
{
	/* Read without the lock: an item added meanwhile is polled by
	 * EPOLL_CTL_ADD after it is on the list, so nothing is lost. */
	if (f && __atomic_load_n(&f->poll_watch, __ATOMIC_ACQUIRE)) {
		uk_mutex_lock(&ep_mtx);
		ep_notify_locked(f);
		uk_mutex_unlock(&ep_mtx);
	}
	uk_file_poll_wake();
}

static void ep_item_put(struct uk_epitem *it)
{
	if (--it->ref == 0)
		free(it);
}

/* ep_mtx held. Take @it out of every list; freed once no scan holds it. */
static void ep_item_kill(struct uk_epitem *it)
{
	struct uk_epitem **pp;

	if (it->dead)
		return;
	it->dead = 1;
	lk_del(&it->node);
	lk_del(&it->plnk);
	if (it->state == EI_QUEUED) {
		lk_del(&it->rdy);
		it->state = EI_IDLE;
	}
	for (pp = &it->file->poll_watch; *pp;
	     pp = &(*pp)->wnext) {
		if (*pp == it) {
			*pp = it->wnext;
			break;
		}
	}
	ep_item_put(it);
}

void vfs_epoll_detach(struct uk_file *f)
{
	uk_mutex_lock(&ep_mtx);
	while (f->poll_watch)
		ep_item_kill(f->poll_watch);
	uk_mutex_unlock(&ep_mtx);
}

static void ep_release(struct uk_file *f)
{
	struct epoll *ep = f->priv;

	uk_mutex_lock(&ep_mtx);
	while (!lk_empty(&ep->items))
		ep_item_kill(lk_item(ep->items.next, node));
	uk_mutex_unlock(&ep_mtx);
	free(ep);
}

static unsigned int ep_poll(struct uk_file *f, unsigned long *seq);

static const struct uk_file_ops ep_fops = {
	.release = ep_release,
	.poll = ep_poll,
};

/* ep_mtx held: queue the items of files that do not notify. */
static void ep_queue_polled(struct epoll *ep)
{
	struct ep_link *n;

	for (n = ep->polled.next; n != &ep->polled; n = n->next) {
		struct uk_epitem *it = lk_item(n, plnk);

		if (it->armed && it->state == EI_IDLE)
			ep_queue(it, 0);
	}
}

/*
 * Look at the ready list of @ep. With @evs: report up to @max items
 * there and return how many. Without (@max ignored): return 1 as soon as
 * an item would be reported, reporting nothing and leaving it queued
 * (a nested epoll descriptor's readiness), its file's event count in
 * *@fseq.
 */
static int ep_scan(struct epoll *ep, struct epoll_event *evs, int max,
		   unsigned long *fseq)
{
	struct ep_link tx, lt, keep;
	int n = 0, found = 0;

	lk_init(&tx);
	lk_init(&lt);
	lk_init(&keep);
	uk_mutex_lock(&ep_mtx);
	ep_queue_polled(ep);
	lk_splice(&tx, &ep->ready, 0);
	while (!lk_empty(&tx) && (evs ? n < max : !found)) {
		struct uk_epitem *it = lk_item(tx.next, rdy);
		struct uk_file *file = it->file, *f;
		unsigned long id = it->id, seq = 0;
		uint32_t mask = 0;
		int fd = it->fd, ok;

		lk_del(&it->rdy);
		it->state = EI_BUSY;
		it->again = 0;
		it->ref++;
		uk_mutex_unlock(&ep_mtx);

		/* Poll without the lock: the file's own locks come first. */
		f = uk_fd_get(fd);
		ok = f && f == file && f->id == id;
		if (ok)
			mask = f->ops->poll(f, &seq);
		uk_file_put(f);
		if (mask & UK_POLLIN)
			mask |= EPOLLRDNORM;
		if (mask & UK_POLLOUT)
			mask |= EPOLLWRNORM;

		uk_mutex_lock(&ep_mtx);
		it->state = EI_IDLE;
		if (it->dead) {
			ep_item_put(it);
			continue;
		}
		if (!ok) {
			/* The descriptor was closed or now holds another
			 * file: the item goes, as if the file had. */
			ep_item_put(it);
			ep_item_kill(it);
			continue;
		}
		mask &= it->events | EP_ALWAYS;
		if (mask && it->armed && (it->events & EPOLLET) &&
		    it->reported && it->seq == seq)
			mask = 0;	/* no new event since the last report */
		if (!it->armed)
			mask = 0;
		if (mask && !evs) {
			found = 1;
			*fseq = seq;
			lk_add_tail(&keep, &it->rdy);
			it->state = EI_QUEUED;
		} else if (mask) {
			evs[n].events = mask;
			evs[n].data.u64 = it->data;
			n++;
			if (it->events & EPOLLET) {
				it->reported = 1;
				it->seq = seq;
			}
			if (it->events & EPOLLONESHOT) {
				it->armed = 0;
			} else if (!(it->events & EPOLLET)) {
				lk_add_tail(&lt, &it->rdy);
				it->state = EI_QUEUED;
			}
		}
		if (it->state == EI_IDLE && it->again && it->armed)
			ep_queue(it, 1);
		ep_item_put(it);
	}
	/* Unseen items back to the front, after the ones a peek keeps;
	 * those queued meanwhile next; reported level-triggered last. */
	lk_splice(&ep->ready, &tx, 1);
	lk_splice(&ep->ready, &keep, 1);
	lk_splice(&ep->ready, &lt, 0);
	uk_mutex_unlock(&ep_mtx);
	return evs ? n : found;
}

/* An epoll descriptor inside another (or under poll/select): readable
 * while one of its items would be reported; its event count moves with
 * every notification of its items and with the count of the first item
 * that would be reported (for items whose files do not notify). */
static unsigned int ep_poll(struct uk_file *f, unsigned long *seq)
{
	struct epoll *ep = f->priv;
	unsigned long fseq = 0;
	unsigned int mask = ep_scan(ep, NULL, 0, &fseq) ? UK_POLLIN : 0;

	uk_mutex_lock(&ep_mtx);
	*seq = ep->seq + fseq;
	uk_mutex_unlock(&ep_mtx);
	return mask;
}

/* 1 when epoll file @from reaches @to through nested epoll items, or
 * nests deeper than EP_MAX_NESTS - @depth. ep_mtx held. */
static int ep_reaches(struct uk_file *from, struct uk_file *to, int depth)
{
	struct epoll *ep = from->priv;
	struct ep_link *n;

	if (from == to || depth >= EP_MAX_NESTS)
		return 1;
	for (n = ep->items.next; n != &ep->items; n = n->next) {
		struct uk_epitem *it = lk_item(n, node);

		if (it->file->ops == &ep_fops &&
		    ep_reaches(it->file, to, depth + 1))
			return 1;
	}
	return 0;
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
	lk_init(&ep->items);
	lk_init(&ep->ready);
	lk_init(&ep->polled);
	f = uk_file_alloc(&ep_fops, O_RDWR, ep);
	if (!f) {
		free(ep);
		return -ENOMEM;
	}
	ep->file = f;
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

/* The item for @fd, dropping a stale one (the descriptor was closed and
 * perhaps reused); NULL when there is none. ep_mtx held. */
static struct uk_epitem *ep_find(struct epoll *ep, int fd, struct uk_file *f)
{
	struct ep_link *n;

	for (n = ep->items.next; n != &ep->items; n = n->next) {
		struct uk_epitem *it = lk_item(n, node);

		if (it->fd != fd)
			continue;
		if (it->file == f && it->id == f->id)
			return it;
		ep_item_kill(it);
		return NULL;
	}
	return NULL;
}

static int ep_ctl(int epfd, int op, int fd, const struct epoll_event *ev)
{
	struct uk_file *ef, *f;
	struct uk_epitem *it = NULL;
	struct epoll *ep;
	int rc;

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
	else if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD &&
		 op != EPOLL_CTL_DEL)
		rc = -EINVAL;
	else if (op == EPOLL_CTL_MOD && (ev->events & EPOLLEXCLUSIVE))
		rc = -EINVAL;
	if (rc < 0)
		goto out;

	uk_mutex_lock(&ep_mtx);
	it = ep_find(ep, fd, f);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (it) {
			rc = -EEXIST;
			break;
		}
		if (f->ops == &ep_fops && ep_reaches(f, ef, 1)) {
			rc = -ELOOP;
			break;
		}
		it = calloc(1, sizeof(*it));
		if (!it) {
			rc = -ENOMEM;
			break;
		}
		it->ep = ep;
		it->file = f;
		it->id = f->id;
		it->fd = fd;
		it->ref = 1;
		lk_init(&it->rdy);
		lk_init(&it->plnk);
		lk_add_tail(&ep->items, &it->node);
		if (!f->poll_notify)
			lk_add_tail(&ep->polled, &it->plnk);
		it->wnext = f->poll_watch;
		__atomic_store_n(&f->poll_watch, it, __ATOMIC_RELEASE);
		goto set;
	case EPOLL_CTL_MOD:
		if (!it) {
			rc = -ENOENT;
			break;
		}
		if (it->events & EPOLLEXCLUSIVE) {
			rc = -EINVAL;
			break;
		}
set:
		it->events = ev->events & EP_SETTABLE;
		it->data = ev->data.u64;
		it->armed = 1;
		it->reported = 0;
		/* Looked at below: queued now if ready now and not
		 * queued yet (a queued item keeps its place, as on
		 * Linux), so the ready list keeps the order of readiness. */
		it->ref++;
		break;
	case EPOLL_CTL_DEL:
		if (!it)
			rc = -ENOENT;
		else
			ep_item_kill(it);
		it = NULL;
		break;
	}
	if (rc < 0)
		it = NULL;
	uk_mutex_unlock(&ep_mtx);

	if (it) {
		/* A new or changed item may be ready already. Polled after
		 * it is on the file's list, so a change in between is
		 * notified and none is lost. */
		unsigned long seq;
		uint32_t mask = f->ops->poll(f, &seq);

		if (mask & UK_POLLIN)
			mask |= EPOLLRDNORM;
		if (mask & UK_POLLOUT)
			mask |= EPOLLWRNORM;
		uk_mutex_lock(&ep_mtx);
		if (!it->dead && it->state == EI_IDLE &&
		    (mask & (it->events | EP_ALWAYS)))
			ep_queue(it, 1);
		ep_item_put(it);
		uk_mutex_unlock(&ep_mtx);
		uk_file_poll_wake();
	}
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

		n = ep_scan(ep, evs, max, NULL);
		if (n)
			break;
		if (!timeout) {
			/* Nothing ready: yield once all the same, so that a
			 * program polling in a loop lets the threads that
			 * bring input (the network stack's) run under the
			 * cooperative scheduler. */
			uk_sched_yield();
			if (gen != uk_file_poll_gen())
				n = ep_scan(ep, evs, max, NULL);
			break;
		}
		rc = uk_file_poll_wait(gen, deadline);
		if (rc == -EINTR) {
			n = rc;
			break;
		}
		if (rc == -ETIMEDOUT) {
			n = ep_scan(ep, evs, max, NULL);
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
