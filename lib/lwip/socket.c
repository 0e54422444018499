/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX sockets as vfscore file descriptors. Each descriptor's file has
 * sock_fops and points to a struct sock holding the lwip socket number;
 * lwipsock.c does the lwip calls. O_NONBLOCK lives in the file's flags
 * (fcntl, ioctl(FIONBIO), SOCK_NONBLOCK) and is passed to every call.
 * poll() and select() ask every descriptor's file for its readiness (the
 * poll file op) and sleep on vfscore's wake-up count, as epoll does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <uk/vfs.h>
#include <uk/sched.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "sock_glue.h"

struct sock {
	int s;		/* lwip socket */
	int type;
};

static ssize_t sock_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off __unused);
static ssize_t sock_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off __unused);
static int sock_stat(struct uk_file *f, struct stat *st);
static int sock_ioctl(struct uk_file *f, unsigned long req, void *arg);
static void sock_release(struct uk_file *f);
static unsigned int sock_poll(struct uk_file *f, unsigned long *seq);

static const struct uk_file_ops sock_fops = {
	.read = sock_read,
	.write = sock_write,
	.stat = sock_stat,
	.ioctl = sock_ioctl,
	.release = sock_release,
	.poll = sock_poll,
};

static struct sock *fsock(struct uk_file *f)
{
	return f->priv;
}

static int nonblock(struct uk_file *f)
{
	return !!(f->flags & O_NONBLOCK);
}

/* The socket file of @fd with a new reference, or NULL and *@err set. */
static struct uk_file *sock_get(int fd, int *err)
{
	struct uk_file *f = uk_fd_get(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->ops != &sock_fops) {
		uk_file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	return f;
}

static int msg_flags(struct uk_file *f, int flags)
{
	return (flags & MSG_PEEK ? LSK_MSG_PEEK : 0) |
	       (flags & MSG_WAITALL ? LSK_MSG_WAITALL : 0) |
	       (flags & MSG_MORE ? LSK_MSG_MORE : 0) |
	       ((flags & MSG_DONTWAIT) || nonblock(f) ? LSK_MSG_DONTWAIT : 0);
}

static ssize_t sock_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off __unused)
{
	return lsk_recv(fsock(f)->s, buf, len, msg_flags(f, 0), NULL);
}

static ssize_t sock_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off __unused)
{
	return lsk_send(fsock(f)->s, buf, len, msg_flags(f, 0), NULL);
}

static int sock_stat(struct uk_file *f __unused, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	st->st_blksize = 4096;
	return 0;
}

static int sock_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	int n;

	switch (req) {
	case FIONREAD:
		n = lsk_nread(fsock(f)->s);
		if (n < 0)
			return n;
		*(int *)arg = n;
		return 0;
	}
	return -ENOTTY;
}

static void sock_release(struct uk_file *f)
{
	struct sock *sk = fsock(f);

	lsk_close(sk->s);
	free(sk);
}

static unsigned int sock_poll(struct uk_file *f, unsigned long *seq)
{
	unsigned int r = lsk_ready(fsock(f)->s, seq);

	return (r & LSK_POLLIN ? UK_POLLIN : 0) |
	       (r & LSK_POLLOUT ? UK_POLLOUT : 0) |
	       (r & (LSK_POLLERR | LSK_POLLNVAL) ? UK_POLLERR : 0) |
	       (r & LSK_POLLHUP ? UK_POLLHUP : 0) |
	       (r & LSK_POLLRDHUP ? UK_POLLRDHUP : 0);
}

void lsk_event(void)
{
	uk_file_poll_wake();
}

/* Wrap lwip socket @s in a descriptor; closes @s on failure. */
static int sock_install(int s, int type, int flags)
{
	struct sock *sk = malloc(sizeof(*sk));
	struct uk_file *f;
	int fd;

	if (!sk) {
		lsk_close(s);
		return -ENOMEM;
	}
	sk->s = s;
	sk->type = type;
	lsk_watch(s);
	f = uk_file_alloc(&sock_fops,
			  O_RDWR | (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0), sk);
	if (!f) {
		lsk_close(s);
		free(sk);
		return -ENOMEM;
	}
	fd = uk_fd_install(f, !!(flags & SOCK_CLOEXEC));
	if (fd < 0)
		uk_file_put(f);		/* releases sk and s */
	return fd;
}

/* ---- addresses ---- */

static int addr_in(const struct sockaddr *sa, socklen_t len,
		   struct lsk_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (!sa || len < sizeof(sa_family_t))
		return -EINVAL;
	switch (sa->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *s4 = (const void *)sa;

		if (len < sizeof(*s4))
			return -EINVAL;
		a->family = LSK_AF_INET;
		a->port = s4->sin_port;
		memcpy(a->addr, &s4->sin_addr, 4);
		return 0;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		if (len < sizeof(*s6))
			return -EINVAL;
		a->family = LSK_AF_INET6;
		a->port = s6->sin6_port;
		a->flowinfo = s6->sin6_flowinfo;
		a->scope_id = s6->sin6_scope_id;
		memcpy(a->addr, &s6->sin6_addr, 16);
		return 0;
	}
	case AF_UNSPEC:
		a->family = 0;
		return 0;
	}
	return -EAFNOSUPPORT;
}

/* Copy @a out, truncated to *@len; *@len gets the full length. */
static void addr_out(const struct lsk_addr *a, struct sockaddr *sa,
		     socklen_t *len)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;
	const void *src;
	socklen_t n;

	if (!sa || !len)
		return;
	if (a->family == LSK_AF_INET6) {
		memset(&s6, 0, sizeof(s6));
		s6.sin6_family = AF_INET6;
		s6.sin6_port = a->port;
		s6.sin6_flowinfo = a->flowinfo;
		s6.sin6_scope_id = a->scope_id;
		memcpy(&s6.sin6_addr, a->addr, 16);
		src = &s6;
		n = sizeof(s6);
	} else {
		memset(&s4, 0, sizeof(s4));
		s4.sin_family = a->family ? AF_INET : AF_UNSPEC;
		s4.sin_port = a->port;
		memcpy(&s4.sin_addr, a->addr, 4);
		src = &s4;
		n = sizeof(s4);
	}
	memcpy(sa, src, *len < n ? *len : n);
	*len = n;
}

/* ---- the calls ---- */

UK_SYSCALL_R_DEFINE(int, socket, int, domain, int, type, int, protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC), s;

	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (domain != AF_INET && domain != AF_INET6)
		return (-EAFNOSUPPORT);
	if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_RAW)
		return (-EINVAL);
	s = lsk_socket(domain, type, protocol);
	if (s < 0)
		return (s == -ENFILE ? -EMFILE : s);
	return (sock_install(s, type, flags));
}

UK_SYSCALL_R_DEFINE(int, bind, int, fd, const struct sockaddr *, addr,
		    socklen_t, len)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	int rc;

	if (!f)
		return err;
	rc = addr_in(addr, len, &a);
	if (rc == 0)
		rc = lsk_bind(fsock(f)->s, &a);
	uk_file_put(f);
	return (rc);
}

UK_SYSCALL_R_DEFINE(int, listen, int, fd, int, backlog)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	int rc;

	if (!f)
		return err;
	if (backlog <= 0 || backlog > 255)
		backlog = 255;
	rc = lsk_listen(fsock(f)->s, backlog);
	uk_file_put(f);
	return (rc);
}

UK_SYSCALL_R_DEFINE(int, accept4, int, fd, struct sockaddr *, addr,
		    socklen_t *, len, int, flags)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	int s, type;

	if (!f)
		return err;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) {
		uk_file_put(f);
		return (-EINVAL);
	}
	s = lsk_accept(fsock(f)->s, &a, nonblock(f));
	type = fsock(f)->type;
	uk_file_put(f);
	if (s < 0)
		return (s == -EWOULDBLOCK ? -EAGAIN : s);
	addr_out(&a, addr, len);
	return (sock_install(s, type, flags));
}

UK_SYSCALL_R_DEFINE(int, accept, int, fd, struct sockaddr *, addr,
		    socklen_t *, len)
{
	return uk_syscall_r_accept4(fd, (long)addr, (long)len, 0);
}

UK_SYSCALL_R_DEFINE(int, connect, int, fd, const struct sockaddr *, addr,
		    socklen_t, len)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	int rc;

	if (!f)
		return err;
	rc = addr_in(addr, len, &a);
	if (rc == 0)
		rc = lsk_connect(fsock(f)->s, &a, nonblock(f));
	uk_file_put(f);
	return (rc);
}

UK_SYSCALL_R_DEFINE(ssize_t, sendto, int, fd, const void *, buf, size_t, len,
		    int, flags, const struct sockaddr *, to, socklen_t, tolen)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	ssize_t rc = 0;

	if (!f)
		return err;
	if (to)
		rc = addr_in(to, tolen, &a);
	if (rc == 0)
		rc = lsk_send(fsock(f)->s, buf, len, msg_flags(f, flags),
			      to ? &a : NULL);
	uk_file_put(f);
	return (rc);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return uk_syscall_e_sendto(fd, buf, len, flags, NULL, 0);
}
#endif

UK_SYSCALL_R_DEFINE(ssize_t, recvfrom, int, fd, void *, buf, size_t, len,
		    int, flags, struct sockaddr *, from, socklen_t *, fromlen)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	ssize_t rc;

	if (!f)
		return err;
	rc = lsk_recv(fsock(f)->s, buf, len, msg_flags(f, flags),
		      from ? &a : NULL);
	uk_file_put(f);
	if (rc >= 0 && from)
		addr_out(&a, from, fromlen);
	return (rc);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return uk_syscall_e_recvfrom(fd, buf, len, flags, NULL, NULL);
}
#endif

/* One buffer at a time: a datagram must fit the first iovec. */
UK_SYSCALL_R_DEFINE(ssize_t, sendmsg, int, fd, const struct msghdr *, msg,
		    int, flags)
{
	ssize_t total = 0, rc;
	size_t i;

	/* msg_iovlen is an int in musl's struct msghdr, a size_t in ours */
	for (i = 0; i < (size_t)msg->msg_iovlen; i++) {
		if (!msg->msg_iov[i].iov_len)
			continue;
		rc = uk_syscall_r_sendto(fd, (long)msg->msg_iov[i].iov_base,
					 (long)msg->msg_iov[i].iov_len, flags,
					 (long)msg->msg_name,
					 msg->msg_namelen);
		if (rc < 0)
			return total ? total : rc;
		total += rc;
		if ((size_t)rc < msg->msg_iov[i].iov_len)
			break;
	}
	return total;
}

UK_SYSCALL_R_DEFINE(ssize_t, recvmsg, int, fd, struct msghdr *, msg,
		    int, flags)
{
	socklen_t *namelen = msg->msg_name ? &msg->msg_namelen : NULL;
	size_t i;

	msg->msg_controllen = 0;
	msg->msg_flags = 0;
	for (i = 0; i < (size_t)msg->msg_iovlen; i++)
		if (msg->msg_iov[i].iov_len)
			return uk_syscall_r_recvfrom(fd,
				(long)msg->msg_iov[i].iov_base,
				(long)msg->msg_iov[i].iov_len, flags,
				(long)msg->msg_name, (long)namelen);
	return uk_syscall_r_recvfrom(fd, 0, 0, flags, 0, 0);
}

UK_SYSCALL_R_DEFINE(int, shutdown, int, fd, int, how)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	int rc;

	if (!f)
		return err;
	rc = how < SHUT_RD || how > SHUT_RDWR ? -EINVAL :
	     lsk_shutdown(fsock(f)->s, how);
	uk_file_put(f);
	return (rc);
}

/* Linux level and name to lwipsock.c's option; -ENOPROTOOPT if none. */
static int opt_of(int level, int name)
{
	switch (level) {
	case SOL_SOCKET:
		switch (name) {
		case SO_REUSEADDR: return LSK_SO_REUSEADDR;
		case SO_KEEPALIVE: return LSK_SO_KEEPALIVE;
		case SO_BROADCAST: return LSK_SO_BROADCAST;
		case SO_LINGER: return LSK_SO_LINGER;
		case SO_RCVBUF: return LSK_SO_RCVBUF;
		case SO_RCVTIMEO: return LSK_SO_RCVTIMEO;
		case SO_SNDTIMEO: return LSK_SO_SNDTIMEO;
		case SO_ERROR: return LSK_SO_ERROR;
		case SO_TYPE: return LSK_SO_TYPE;
		case SO_ACCEPTCONN: return LSK_SO_ACCEPTCONN;
		}
		break;
	case IPPROTO_TCP:
		switch (name) {
		case TCP_NODELAY: return LSK_TCP_NODELAY;
		case TCP_KEEPIDLE: return LSK_TCP_KEEPIDLE;
		case TCP_KEEPINTVL: return LSK_TCP_KEEPINTVL;
		case TCP_KEEPCNT: return LSK_TCP_KEEPCNT;
		}
		break;
	case IPPROTO_IP:
		switch (name) {
		case IP_TTL: return LSK_IP_TTL;
		case IP_TOS: return LSK_IP_TOS;
		}
		break;
	case IPPROTO_IPV6:
		if (name == IPV6_V6ONLY)
			return LSK_IPV6_V6ONLY;
		break;
	}
	return -ENOPROTOOPT;
}

/* Options lwip does not have that programs commonly set: accepted. */
static int opt_ignored(int level, int name)
{
	return level == SOL_SOCKET &&
	       (name == SO_REUSEPORT || name == SO_SNDBUF ||
		name == SO_DEBUG || name == SO_OOBINLINE);
}

UK_SYSCALL_R_DEFINE(int, setsockopt, int, fd, int, level, int, name,
		    const void *, val, socklen_t, len)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	int rc, opt;

	if (!f)
		return err;
	opt = opt_of(level, name);
	if (opt < 0 && opt_ignored(level, name))
		rc = val && len >= sizeof(int) ? 0 : -EINVAL;
	else if (opt < 0)
		rc = opt;
	else
		rc = lsk_setopt(fsock(f)->s, (enum lsk_opt)opt, val, len);
	uk_file_put(f);
	return (rc);
}

UK_SYSCALL_R_DEFINE(int, getsockopt, int, fd, int, level, int, name,
		    void *, val, socklen_t *, len)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	unsigned int l;
	int rc, opt;

	if (!f)
		return err;
	opt = opt_of(level, name);
	if (!val || !len) {
		rc = -EFAULT;
	} else if (opt < 0 && opt_ignored(level, name) && *len >= sizeof(int)) {
		*(int *)val = name == SO_SNDBUF ? 16 * 1460 : 0;
		*len = sizeof(int);
		rc = 0;
	} else if (opt < 0) {
		rc = opt;
	} else {
		l = *len;
		rc = lsk_getopt(fsock(f)->s, (enum lsk_opt)opt, val, &l);
		*len = l;
	}
	uk_file_put(f);
	return (rc);
}

static int getname(int fd, struct sockaddr *addr, socklen_t *len, int peer)
{
	int err;
	struct uk_file *f = sock_get(fd, &err);
	struct lsk_addr a;
	int rc;

	if (!f)
		return err;
	rc = lsk_getname(fsock(f)->s, &a, peer);
	uk_file_put(f);
	if (rc == 0)
		addr_out(&a, addr, len);
	return (rc);
}

UK_SYSCALL_R_DEFINE(int, getsockname, int, fd, struct sockaddr *, addr,
		    socklen_t *, len)
{
	return getname(fd, addr, len, 0);
}

UK_SYSCALL_R_DEFINE(int, getpeername, int, fd, struct sockaddr *, addr,
		    socklen_t *, len)
{
	return getname(fd, addr, len, 1);
}

/* ---- poll and select ---- */

/* @f's poll bits for @events; files without a poll op (regular files)
 * are always ready, as on Linux. */
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
	return r | (m & UK_POLLERR ? POLLERR : 0) |
	       (m & UK_POLLHUP ? POLLHUP : 0);
}

/* Asks every descriptor's file through its poll op and sleeps on
 * vfscore's wake-up count, as epoll does. */
UK_SYSCALL_R_DEFINE(int, poll, struct pollfd *, fds, nfds_t, nfds, int, timeout)
{
	uint64_t deadline = 0;
	nfds_t i;
	int ready;

	if (nfds > 65536)
		return -EINVAL;
	if (timeout > 0)
		deadline = ukplat_monotonic_clock() +
			   (uint64_t)timeout * 1000000ULL;
	for (;;) {
		unsigned long gen = uk_file_poll_gen();

		ready = 0;
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
		if (ready || !timeout)
			return ready;
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
		timeout = (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
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
