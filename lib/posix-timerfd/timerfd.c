/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-timerfd: the timerfd file type (semantics in <uk/timerfd.h>).
 * A timer is a deadline in its own clock, an interval and a count of
 * expirations not yet read; the count catches up with the clock
 * whenever the descriptor is read, polled or queried.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uk/config.h>
#include <uk/mutex.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include <uk/timerfd.h>
#include <uk/vfs.h>

#define NSEC		1000000000ULL
/* Linux's numbers, whatever the C library calls them. */
#define K_CLOCK_REALTIME	0
#define K_CLOCK_MONOTONIC	1
#define K_CLOCK_BOOTTIME	7

struct ktimespec {
	long sec;
	long nsec;
};

struct kitimerspec {
	struct ktimespec interval;
	struct ktimespec value;
};

struct timerfd {
	struct uk_mutex lock;
	int realtime;
	uint64_t deadline;	/* in the timer's clock; 0: disarmed */
	uint64_t interval;
	uint64_t ticks;		/* expirations not read yet */
	unsigned long seq;	/* bumped when new expirations appear */
};

static uint64_t clock_now(const struct timerfd *t)
{
	return t->realtime ? ukplat_wall_clock() : ukplat_monotonic_clock();
}

/* Count what expired up to @now. Lock held. */
static void tfd_update(struct timerfd *t, uint64_t now)
{
	uint64_t n;

	if (!t->deadline || now < t->deadline)
		return;
	if (t->interval) {
		n = (now - t->deadline) / t->interval + 1;
		t->deadline += n * t->interval;
	} else {
		n = 1;
		t->deadline = 0;
	}
	t->ticks += n;
	t->seq++;
}

/* The monotonic time of the next expiration. Lock held, armed. */
static uint64_t mono_deadline(const struct timerfd *t, uint64_t now)
{
	uint64_t mono = ukplat_monotonic_clock();

	return t->deadline > now ? mono + (t->deadline - now) : mono;
}

static ssize_t tfd_read(struct uk_file *f, void *buf, size_t len, off_t *off)
{
	struct timerfd *t = f->priv;
	uint64_t now, v, until;
	unsigned long gen;
	int r;

	(void)off;
	if (len < sizeof(v))
		return -EINVAL;
	uk_mutex_lock(&t->lock);
	for (;;) {
		gen = uk_file_poll_gen();
		now = clock_now(t);
		tfd_update(t, now);
		if (t->ticks)
			break;
		if (f->flags & O_NONBLOCK) {
			uk_mutex_unlock(&t->lock);
			return -EAGAIN;
		}
		until = t->deadline ? mono_deadline(t, now) : 0;
		uk_mutex_unlock(&t->lock);
		r = uk_file_poll_wait(gen, until);
		uk_mutex_lock(&t->lock);
		if (r == -EINTR) {
			uk_mutex_unlock(&t->lock);
			return -UK_ERESTARTSYS;
		}
	}
	v = t->ticks;
	t->ticks = 0;
	uk_mutex_unlock(&t->lock);
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

static unsigned int tfd_poll(struct uk_file *f, unsigned long *seq)
{
	struct timerfd *t = f->priv;
	unsigned int mask = 0;
	uint64_t now;

	uk_mutex_lock(&t->lock);
	now = clock_now(t);
	tfd_update(t, now);
	if (t->ticks)
		mask = UK_POLLIN;
	else if (t->deadline)
		uk_file_poll_timer(mono_deadline(t, now));
	*seq = t->seq;
	uk_mutex_unlock(&t->lock);
	return mask;
}

static const struct uk_file_ops tfd_fops = {
	.read = tfd_read,
	.stat = uk_anon_stat,
	.release = uk_anon_release,
	.poll = tfd_poll,
};

UK_SYSCALL_R_DEFINE(int, timerfd_create, int, clockid, int, flags)
{
	struct timerfd *t;

	if (clockid != K_CLOCK_REALTIME && clockid != K_CLOCK_MONOTONIC &&
	    clockid != K_CLOCK_BOOTTIME)
		return -EINVAL;
	if (flags & ~(UK_TFD_NONBLOCK | UK_TFD_CLOEXEC))
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	uk_mutex_init(&t->lock);
	t->realtime = clockid == K_CLOCK_REALTIME;
	return uk_anon_fd_create(&tfd_fops,
				 O_RDWR | ((flags & UK_TFD_NONBLOCK) ?
					   O_NONBLOCK : 0),
				 t, !!(flags & UK_TFD_CLOEXEC), 0);
}

/* The timer of @fd with a reference, or -EBADF / -EINVAL. */
static int tfd_get(int fd, struct uk_file **out)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f)
		return -EBADF;
	if (f->ops != &tfd_fops) {
		uk_file_put(f);
		return -EINVAL;
	}
	*out = f;
	return 0;
}

static void ns_ts(uint64_t ns, struct ktimespec *ts)
{
	ts->sec = (long)(ns / NSEC);
	ts->nsec = (long)(ns % NSEC);
}

static int ts_valid(const struct ktimespec *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && (uint64_t)ts->nsec < NSEC;
}

/* Lock held. */
static void tfd_get_value(struct timerfd *t, struct kitimerspec *v)
{
	uint64_t now = clock_now(t);

	tfd_update(t, now);
	ns_ts(t->interval, &v->interval);
	ns_ts(t->deadline ? t->deadline - now : 0, &v->value);
}

UK_SYSCALL_R_DEFINE(int, timerfd_settime, int, fd, int, flags,
		    const struct kitimerspec *, nv, struct kitimerspec *, ov)
{
	struct kitimerspec n;
	struct uk_file *f;
	struct timerfd *t;
	uint64_t value, now;
	int r;

	if (flags & ~(UK_TFD_TIMER_ABSTIME | UK_TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	if (!nv)
		return -EFAULT;
	n = *nv;
	if (!ts_valid(&n.value) || !ts_valid(&n.interval))
		return -EINVAL;
	r = tfd_get(fd, &f);
	if (r)
		return r;
	t = f->priv;
	uk_mutex_lock(&t->lock);
	if (ov)
		tfd_get_value(t, ov);
	now = clock_now(t);
	value = (uint64_t)n.value.sec * NSEC + (uint64_t)n.value.nsec;
	t->ticks = 0;
	t->interval = 0;
	t->deadline = 0;
	if (value) {
		t->interval = (uint64_t)n.interval.sec * NSEC +
			      (uint64_t)n.interval.nsec;
		t->deadline = (flags & UK_TFD_TIMER_ABSTIME) ? value
							     : now + value;
		/* An absolute time of 0 or before "now" expires at once. */
		if (!t->deadline)
			t->deadline = 1;
	}
	t->seq++;
	uk_mutex_unlock(&t->lock);
	uk_file_put(f);
	/* Waiters re-check, and see the new deadline. */
	uk_file_poll_wake();
	return 0;
}

UK_SYSCALL_R_DEFINE(int, timerfd_gettime, int, fd, struct kitimerspec *, v)
{
	struct uk_file *f;
	struct timerfd *t;
	int r;

	if (!v)
		return -EFAULT;
	r = tfd_get(fd, &f);
	if (r)
		return r;
	t = f->priv;
	uk_mutex_lock(&t->lock);
	tfd_get_value(t, v);
	uk_mutex_unlock(&t->lock);
	uk_file_put(f);
	return 0;
}
