/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Record locks: fcntl's F_GETLK, F_SETLK and F_SETLKW (POSIX) and Linux's
 * open file description locks F_OFD_GETLK, F_OFD_SETLK and F_OFD_SETLKW.
 *
 * Every vnode has a list of locked byte ranges, each with its owner: the
 * process for POSIX locks, the open file (struct uk_file) for OFD locks.
 * An image is one process (pid 1), so its POSIX locks never conflict with
 * each other, whichever thread takes them, as for the threads of one
 * process on Linux; OFD locks taken through different open() calls do,
 * and both kinds conflict with each other. Two ranges of different owners
 * conflict when they overlap and one of them is a write lock.
 *
 * Setting a lock replaces the owner's own locks in the range (splitting
 * them at its ends), then merges it with the owner's adjacent or
 * overlapping ranges of the same type. POSIX locks go when the process
 * closes any descriptor of the file, OFD locks when their open file goes
 * (its last descriptor closed).
 *
 * A blocking request sleeps on one condition variable that every unlock
 * broadcasts, and checks again. Before it sleeps it follows the chain
 * "owner of the conflicting lock -> the lock that owner's own sleeping
 * request waits for -> its owner ..."; back at its own owner, sleeping
 * would never end: EDEADLK.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <uk/mutex.h>
#include <uk/condvar.h>
#include "vfs_impl.h"

#define OFF_MAX		INT64_MAX

struct uk_file_lock {
	struct uk_file_lock *next;
	const void *owner;
	off_t start, end;	/* inclusive; end OFF_MAX: to end of file */
	short type;		/* F_RDLCK or F_WRLCK */
};

/* A request sleeping for the lock of @blocker, on behalf of @owner. */
struct lock_waiter {
	struct lock_waiter *next;
	const void *owner;
	const void *blocker;
};

static struct uk_mutex lk_mutex = UK_MUTEX_INITIALIZER(lk_mutex, 0);
static struct uk_condvar lk_cv = { UK_WAITQ_INIT(lk_cv.wq) };
static struct lock_waiter *waiters;

/* The owner of every POSIX lock: the one process. */
static const char process_owner;
#define PROCESS	((const void *)&process_owner)

static int overlaps(const struct uk_file_lock *l, off_t start, off_t end)
{
	return l->start <= end && start <= l->end;
}

/* The first lock on @vn that keeps @owner from a @type lock of
 * [@start, @end], or NULL. */
static struct uk_file_lock *conflict(struct uk_vnode *vn, const void *owner,
				     short type, off_t start, off_t end)
{
	struct uk_file_lock *l;

	for (l = vn->locks; l; l = l->next)
		if (l->owner != owner && overlaps(l, start, end) &&
		    (type == F_WRLCK || l->type == F_WRLCK))
			return l;
	return NULL;
}

/* 1 when waiting for @blocker would never end for @owner. */
static int deadlock(const void *owner, const void *blocker)
{
	const struct lock_waiter *w;
	int hops = 0;

	while (blocker != owner) {
		for (w = waiters; w; w = w->next)
			if (w->owner == blocker)
				break;
		/* @blocker's owner does not sleep: it may unlock. A chain
		 * longer than the waiters is a cycle not through us. */
		if (!w || ++hops > 1024)
			return 0;
		blocker = w->blocker;
	}
	return 1;
}

static struct uk_file_lock *lock_new(const void *owner, short type,
				     off_t start, off_t end)
{
	struct uk_file_lock *l = malloc(sizeof(*l));

	if (l) {
		l->owner = owner;
		l->type = type;
		l->start = start;
		l->end = end;
	}
	return l;
}

/*
 * Gives @owner a @type lock (F_UNLCK: none) on [@start, @end], no
 * conflict checked. The owner's locks of another type (all of them for
 * F_UNLCK) lose what lies in the range, which splits one that sticks
 * out at both ends; those of the same type that overlap or touch the
 * range merge into the new lock. Both allocations come first, so that
 * failing changes nothing.
 */
static int lock_set(struct uk_vnode *vn, const void *owner, short type,
		    off_t start, off_t end)
{
	struct uk_file_lock *nl = NULL, *tail = NULL, **pp, *l;

	if (type != F_UNLCK) {
		nl = lock_new(owner, type, start, end);
		if (!nl)
			return -ENOLCK;
	}
	for (l = vn->locks; l; l = l->next)
		if (l->owner == owner && l->type != type &&
		    l->start < start && l->end > end)
			break;
	if (l) {
		tail = lock_new(owner, l->type, end + 1, l->end);
		if (!tail) {
			free(nl);
			return -ENOLCK;
		}
	}
	pp = &vn->locks;
	while ((l = *pp)) {
		if (l->owner != owner) {
			pp = &l->next;
		} else if (l->type == type) {
			/* Same type: overlapping or adjacent ranges merge. */
			if (!overlaps(l, start, end) &&
			    !(end < OFF_MAX && l->start == end + 1) &&
			    !(start > 0 && l->end == start - 1)) {
				pp = &l->next;
				continue;
			}
			if (l->start < nl->start)
				nl->start = l->start;
			if (l->end > nl->end)
				nl->end = l->end;
			*pp = l->next;
			free(l);
		} else if (!overlaps(l, start, end)) {
			pp = &l->next;
		} else if (l->start < start && l->end > end) {
			tail->next = l->next;
			l->next = tail;
			l->end = start - 1;
			pp = &tail->next;
		} else if (l->start < start) {
			l->end = start - 1;
			pp = &l->next;
		} else if (l->end > end) {
			l->start = end + 1;
			pp = &l->next;
		} else {
			*pp = l->next;
			free(l);
		}
	}
	if (nl) {
		nl->next = vn->locks;
		vn->locks = nl;
	}
	return 0;
}

/* Converts @fl's range, relative to @f's position or size, to absolute
 * inclusive [*@start, *@end]. */
static int lock_range(struct uk_file *f, const struct flock *fl,
		      off_t *start, off_t *end)
{
	off_t base, s, len = fl->l_len;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = f->vnode->size;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->l_start, &s))
		return -EOVERFLOW;
	if (len < 0) {
		/* [start + len, start - 1] */
		if (__builtin_add_overflow(s, len, &s))
			return -EINVAL;
		len = -len;
	}
	if (s < 0)
		return -EINVAL;
	*start = s;
	if (len == 0)
		*end = OFF_MAX;
	else if (__builtin_add_overflow(s, len - 1, end))
		return -EOVERFLOW;
	return 0;
}

static void lock_report(const struct uk_file_lock *l, struct flock *fl)
{
	fl->l_type = l->type;
	fl->l_whence = SEEK_SET;
	fl->l_start = l->start;
	fl->l_len = l->end == OFF_MAX ? 0 : l->end - l->start + 1;
	fl->l_pid = l->owner == PROCESS ? 1 : -1;
}

int vfs_reclock(int fd, int cmd, struct flock *fl)
{
	int ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK ||
		  cmd == F_OFD_SETLKW;
	struct uk_file *f;
	struct uk_file_lock *l;
	struct lock_waiter self, **pp;
	const void *owner;
	off_t start, end;
	int r, acc;

	if (!fl)
		return -EFAULT;
	f = uk_fd_get(fd);
	if (!f)
		return -EBADF;
	if (!f->vnode) {
		r = -EINVAL;	/* pipes, sockets, the console */
		goto out;
	}
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK &&
	    fl->l_type != F_UNLCK) {
		r = -EINVAL;
		goto out;
	}
	if (ofd && fl->l_pid != 0) {
		r = -EINVAL;	/* as Linux: reserved for later use */
		goto out;
	}
	r = lock_range(f, fl, &start, &end);
	if (r < 0)
		goto out;
	owner = ofd ? (const void *)f : PROCESS;
	uk_mutex_lock(&lk_mutex);
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		if (fl->l_type == F_UNLCK) {
			r = -EINVAL;
		} else {
			l = conflict(f->vnode, owner, fl->l_type, start, end);
			if (l)
				lock_report(l, fl);
			else
				fl->l_type = F_UNLCK;
		}
		uk_mutex_unlock(&lk_mutex);
		goto out;
	}
	acc = f->flags & O_ACCMODE;
	if ((fl->l_type == F_RDLCK && acc == O_WRONLY) ||
	    (fl->l_type == F_WRLCK && acc == O_RDONLY)) {
		uk_mutex_unlock(&lk_mutex);
		r = -EBADF;
		goto out;
	}
	while (fl->l_type != F_UNLCK &&
	       (l = conflict(f->vnode, owner, fl->l_type, start, end))) {
		if (cmd != F_SETLKW && cmd != F_OFD_SETLKW) {
			r = -EAGAIN;
			break;
		}
		if (deadlock(owner, l->owner)) {
			r = -EDEADLK;
			break;
		}
		self.owner = owner;
		self.blocker = l->owner;
		self.next = waiters;
		waiters = &self;
		uk_condvar_wait(&lk_cv, &lk_mutex);
		for (pp = &waiters; *pp != &self; pp = &(*pp)->next)
			;
		*pp = self.next;
	}
	if (r == 0) {
		r = lock_set(f->vnode, owner, fl->l_type, start, end);
		if (fl->l_type == F_UNLCK || r == 0)
			uk_condvar_broadcast(&lk_cv);
	}
	uk_mutex_unlock(&lk_mutex);
out:
	uk_file_put(f);
	return r;
}

/* Drops every lock of @owner on @vn and wakes the sleepers. */
static void lock_drop(struct uk_vnode *vn, const void *owner)
{
	struct uk_file_lock **pp, *l;
	int dropped = 0;

	uk_mutex_lock(&lk_mutex);
	pp = &vn->locks;
	while ((l = *pp)) {
		if (l->owner == owner) {
			*pp = l->next;
			free(l);
			dropped = 1;
		} else {
			pp = &l->next;
		}
	}
	if (dropped)
		uk_condvar_broadcast(&lk_cv);
	uk_mutex_unlock(&lk_mutex);
}

void vfs_reclock_close(struct uk_file *f)
{
	if (f->vnode && f->vnode->locks)
		lock_drop(f->vnode, PROCESS);
}

void vfs_reclock_release(struct uk_file *f)
{
	if (f->vnode && f->vnode->locks)
		lock_drop(f->vnode, f);
}
