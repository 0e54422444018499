/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket: poll() and select() over any descriptor. Each file is
 * asked through its poll op (sockets, pipes, epoll...) and the caller
 * sleeps on vfscore's wake-up count, as epoll does; files without the
 * op (regular files) are always ready, as on Linux.
 */
#include <errno.h>
#include <stdlib.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <uk/vfs.h>
#include <uk/sched.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>

/* @f's poll bits for @events. */
static short poll_one(struct uk_file *f, short events)
{
	unsigned long seq;
	unsigned int m;
	short r;

	if (!f->ops->poll)
		return events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	m = f->ops->poll(f, &seq);
	r = (m & UK_POLLIN ? events & (POLLIN | POLLRDNORM) : 0) |
	    (m & UK_POLLOUT ? events & (POLLOUT | POLLWRNORM) : 0) |
	    (m & UK_POLLPRI ? events & POLLPRI : 0);
#ifdef POLLRDHUP
	r |= m & UK_POLLRDHUP ? events & POLLRDHUP : 0;
#endif
	return r | (m & UK_POLLERR ? POLLERR : 0) |
	       (m & UK_POLLHUP ? POLLHUP : 0);
}

static int poll_scan(struct pollfd *fds, nfds_t nfds)
{
	int ready = 0;
	nfds_t i;

	for (i = 0; i < nfds; i++) {
		struct uk_file *f;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = uk_fd_get(fds[i].fd);
		if (!f) {
			fds[i].revents = POLLNVAL;
		} else {
			fds[i].revents = poll_one(f, fds[i].events);
			uk_file_put(f);
		}
		ready += !!fds[i].revents;
	}
	return ready;
}

/*
 * A zero timeout still yields once when nothing is ready: under the
 * cooperative scheduler a program polling in a loop (Redis during a
 * busy script) would otherwise never let the network stack's threads
 * bring in the input it polls for.
 */
UK_SYSCALL_R_DEFINE(int, poll, struct pollfd *, fds, nfds_t, nfds, int, timeout)
{
	uint64_t deadline = 0;
	int ready;

	if (nfds > 65536)
		return -EINVAL;
	if (nfds && !fds)
		return -EFAULT;
	if (timeout > 0)
		deadline = ukplat_monotonic_clock() +
			   (uint64_t)timeout * 1000000ULL;
	for (;;) {
		unsigned long gen = uk_file_poll_gen();

		ready = poll_scan(fds, nfds);
		if (ready)
			return ready;
		if (!timeout) {
			uk_sched_yield();
			if (gen == uk_file_poll_gen())
				return 0;
			return poll_scan(fds, nfds);
		}
		ready = uk_file_poll_wait(gen, deadline);
		if (ready == -EINTR)
			return ready;
		if (ready == -ETIMEDOUT)
			timeout = 0;	/* one last look */
	}
}

UK_SYSCALL_R_DEFINE(int, select, int, nfds, fd_set *, rfds, fd_set *, wfds,
		    fd_set *, efds, struct timeval *, tv)
{
	struct pollfd *p;
	int i, n = 0, rc, timeout = -1;

	if (nfds < 0 || nfds > FD_SETSIZE)
		return (-EINVAL);
	if (tv) {
		if (tv->tv_sec < 0 || tv->tv_usec < 0)
			return (-EINVAL);
		timeout = tv->tv_sec > 1000000 ? 1000000000 :
			  (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
	}
	p = calloc(nfds ? (size_t)nfds : 1, sizeof(*p));
	if (!p)
		return (-ENOMEM);
	for (i = 0; i < nfds; i++) {
		short ev = (rfds && FD_ISSET(i, rfds) ? POLLIN : 0) |
			   (wfds && FD_ISSET(i, wfds) ? POLLOUT : 0) |
			   (efds && FD_ISSET(i, efds) ? POLLPRI : 0);

		if (ev) {
			p[n].fd = i;
			p[n].events = ev;
			n++;
		}
	}
	rc = uk_syscall_r_poll((long)p, n, timeout);
	if (rc < 0) {
		free(p);
		return rc;
	}
	for (i = 0; i < n; i++)
		if (p[i].revents & POLLNVAL) {
			free(p);
			return (-EBADF);
		}
	if (rfds)
		FD_ZERO(rfds);
	if (wfds)
		FD_ZERO(wfds);
	if (efds)
		FD_ZERO(efds);
	rc = 0;
	for (i = 0; i < n; i++) {
		short r = p[i].revents;

		if (rfds && (p[i].events & POLLIN) &&
		    (r & (POLLIN | POLLHUP | POLLERR))) {
			FD_SET(p[i].fd, rfds);
			rc++;
		}
		if (wfds && (p[i].events & POLLOUT) && (r & (POLLOUT | POLLERR))) {
			FD_SET(p[i].fd, wfds);
			rc++;
		}
		if (efds && (p[i].events & POLLPRI) && (r & POLLPRI)) {
			FD_SET(p[i].fd, efds);
			rc++;
		}
	}
	free(p);
	if (tv)
		tv->tv_sec = tv->tv_usec = 0;
	return rc;
}
