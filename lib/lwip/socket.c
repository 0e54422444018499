/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip as the AF_INET and AF_INET6 driver of posix-socket
 * (<uk/socket_driver.h>). This side is compiled against the C library's
 * Linux-style headers; lwipsock.c makes the lwip calls (its headers
 * clash with ours) through the neutral types of sock_glue.h.
 *
 * Options lwip lacks: TCP_CORK is accepted and recorded (getsockopt
 * reads it back) but lwip does not hold partial segments back, so it
 * has no effect beyond that; SO_SNDBUF, SO_REUSEPORT, SO_DEBUG and
 * SO_OOBINLINE are accepted and ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <uk/vfs.h>
#include <uk/socket_driver.h>
#include "sock_glue.h"

#ifndef TCP_CORK
#define TCP_CORK 3
#endif

struct lsock {
	int s;		/* lwip socket */
	int cork;	/* TCP_CORK as set (recorded only) */
	int eof;	/* TCP: recv() met the end of the connection */
};

static inline struct lsock *ls(struct uk_socket *sk)
{
	return sk->priv;
}

static int msg_flags(int flags)
{
	return (flags & MSG_PEEK ? LSK_MSG_PEEK : 0) |
	       (flags & MSG_WAITALL ? LSK_MSG_WAITALL : 0) |
	       (flags & MSG_MORE ? LSK_MSG_MORE : 0) |
	       (flags & MSG_DONTWAIT ? LSK_MSG_DONTWAIT : 0);
}

/* ---- addresses ---- */

static int addr_in(const struct sockaddr *sa, socklen_t len,
		   struct lsk_addr *a)
{
	memset(a, 0, sizeof(*a));
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

	if (a->family == LSK_AF_INET6) {
		memset(&s6, 0, sizeof(s6));
		s6.sin6_family = AF_INET6;
		s6.sin6_port = a->port;
		s6.sin6_flowinfo = a->flowinfo;
		s6.sin6_scope_id = a->scope_id;
		memcpy(&s6.sin6_addr, a->addr, 16);
		uk_socket_addr_out(&s6, sizeof(s6), sa, len);
	} else {
		memset(&s4, 0, sizeof(s4));
		s4.sin_family = a->family ? AF_INET : AF_UNSPEC;
		s4.sin_port = a->port;
		memcpy(&s4.sin_addr, a->addr, 4);
		uk_socket_addr_out(&s4, sizeof(s4), sa, len);
	}
}

/* ---- the driver ---- */

static int lw_attach(struct uk_socket *sk, int s)
{
	struct lsock *l = calloc(1, sizeof(*l));

	if (!l) {
		lsk_close(s);
		return -ENOMEM;
	}
	l->s = s;
	/* Events name the socket's file: epoll looks at it only then. */
	if (lsk_watch(s, sk->file) == 0)
		sk->file->poll_notify = 1;
	sk->priv = l;
	return 0;
}

static int lw_create(struct uk_socket *sk)
{
	int s;

	if (sk->type != SOCK_STREAM && sk->type != SOCK_DGRAM &&
	    sk->type != SOCK_RAW)
		return -ESOCKTNOSUPPORT;
	s = lsk_socket(sk->family, sk->type, sk->protocol);
	if (s < 0)
		return s == -ENFILE ? -EMFILE : s;
	return lw_attach(sk, s);
}

static void lw_release(struct uk_socket *sk)
{
	lsk_close(ls(sk)->s);
	free(ls(sk));
}

static int lw_bind(struct uk_socket *sk, const struct sockaddr *addr,
		   socklen_t len)
{
	struct lsk_addr a;
	int rc = addr_in(addr, len, &a);

	return rc < 0 ? rc : lsk_bind(ls(sk)->s, &a);
}

static int lw_listen(struct uk_socket *sk, int backlog)
{
	if (backlog <= 0 || backlog > 255)
		backlog = 255;
	return lsk_listen(ls(sk)->s, backlog);
}

static int lw_accept(struct uk_socket *sk, struct uk_socket *nsk,
		     struct sockaddr *addr, socklen_t *len, int nonblock)
{
	struct lsk_addr a;
	int s, rc;

	s = lsk_accept(ls(sk)->s, &a, nonblock);
	if (s < 0)
		return s == -EWOULDBLOCK ? -EAGAIN : s;
	rc = lw_attach(nsk, s);
	if (rc == 0 && addr)
		addr_out(&a, addr, len);
	return rc;
}

static int lw_connect(struct uk_socket *sk, const struct sockaddr *addr,
		      socklen_t len, int nonblock)
{
	struct lsk_addr a;
	int rc = addr_in(addr, len, &a);

	return rc < 0 ? rc : lsk_connect(ls(sk)->s, &a, nonblock);
}

static ssize_t lw_sendmsg(struct uk_socket *sk, const struct msghdr *msg,
			  int flags)
{
	struct lsk_addr a;
	int rc;

	if (msg->msg_name) {
		rc = addr_in(msg->msg_name, msg->msg_namelen, &a);
		if (rc < 0)
			return rc;
	}
	return lsk_sendv(ls(sk)->s, (const struct lsk_iov *)msg->msg_iov,
			 (int)msg->msg_iovlen, msg_flags(flags),
			 msg->msg_name ? &a : NULL);
}

static int has_room(const struct msghdr *msg)
{
	size_t i;

	for (i = 0; i < (size_t)msg->msg_iovlen; i++)
		if (msg->msg_iov[i].iov_len)
			return 1;
	return 0;
}

static ssize_t lw_recvmsg(struct uk_socket *sk, struct msghdr *msg,
			  int flags)
{
	struct lsk_addr a;
	ssize_t rc;
	int trunc = 0;

	msg->msg_controllen = 0;
	rc = lsk_recvv(ls(sk)->s, (const struct lsk_iov *)msg->msg_iov,
		       (int)msg->msg_iovlen, msg_flags(flags),
		       sk->type == SOCK_STREAM, msg->msg_name ? &a : NULL,
		       &trunc);
	if (sk->type == SOCK_STREAM) {
		/* lwip says end of file once, then ENOTCONN; Linux says
		 * end of file every time. */
		if (rc == 0 && has_room(msg))
			ls(sk)->eof = 1;
		else if (rc == -ENOTCONN && ls(sk)->eof)
			rc = 0;
	}
	if (rc < 0)
		return rc;
	if (trunc)
		msg->msg_flags |= MSG_TRUNC;
	if (msg->msg_name) {
		if (sk->type == SOCK_STREAM)
			msg->msg_namelen = 0;
		else
			addr_out(&a, msg->msg_name, &msg->msg_namelen);
	}
	return rc;
}

static int lw_shutdown(struct uk_socket *sk, int how)
{
	return lsk_shutdown(ls(sk)->s, how);
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

static int lw_setsockopt(struct uk_socket *sk, int level, int name,
			 const void *val, socklen_t len)
{
	int opt = opt_of(level, name);

	if (level == IPPROTO_TCP && name == TCP_CORK) {
		if (sk->type != SOCK_STREAM)
			return -ENOPROTOOPT;
		if (len < sizeof(int))
			return -EINVAL;
		ls(sk)->cork = !!*(const int *)val;
		return 0;
	}
	if (opt < 0 && opt_ignored(level, name))
		return val && len >= sizeof(int) ? 0 : -EINVAL;
	if (opt < 0)
		return opt;
	return lsk_setopt(ls(sk)->s, (enum lsk_opt)opt, val, len);
}

static int lw_getsockopt(struct uk_socket *sk, int level, int name,
			 void *val, socklen_t *len)
{
	int opt = opt_of(level, name), v;
	unsigned int l;
	int rc;

	if (level == IPPROTO_TCP && name == TCP_CORK) {
		if (sk->type != SOCK_STREAM)
			return -ENOPROTOOPT;
		v = ls(sk)->cork;
		uk_socket_addr_out(&v, sizeof(v), val, len);
		return 0;
	}
	if (opt < 0 && opt_ignored(level, name)) {
		v = name == SO_SNDBUF ? 16 * 1460 : 0;
		uk_socket_addr_out(&v, sizeof(v), val, len);
		return 0;
	}
	if (opt < 0)
		return opt;
	l = *len;
	rc = lsk_getopt(ls(sk)->s, (enum lsk_opt)opt, val, &l);
	if (rc == 0)
		*len = l;
	return rc;
}

static int lw_getname(struct uk_socket *sk, struct sockaddr *addr,
		      socklen_t *len, int peer)
{
	struct lsk_addr a;
	int rc = lsk_getname(ls(sk)->s, &a, peer);

	if (rc == 0)
		addr_out(&a, addr, len);
	return rc;
}

static unsigned int lw_poll(struct uk_socket *sk, unsigned long *seq)
{
	unsigned int r = lsk_ready(ls(sk)->s, seq);

	return (r & LSK_POLLIN ? UK_POLLIN : 0) |
	       (r & LSK_POLLOUT ? UK_POLLOUT : 0) |
	       (r & (LSK_POLLERR | LSK_POLLNVAL) ? UK_POLLERR : 0) |
	       (r & LSK_POLLHUP ? UK_POLLHUP : 0) |
	       (r & LSK_POLLRDHUP ? UK_POLLRDHUP : 0);
}

static int lw_ioctl(struct uk_socket *sk, unsigned long req, void *arg)
{
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	n = lsk_nread(ls(sk)->s);
	if (n < 0)
		return n;
	*(int *)arg = n;
	return 0;
}

void lsk_event(void *file)
{
	uk_file_poll_notify(file);
}

static const struct uk_socket_ops lw_ops = {
	.create = lw_create,
	.release = lw_release,
	.bind = lw_bind,
	.listen = lw_listen,
	.accept = lw_accept,
	.connect = lw_connect,
	.sendmsg = lw_sendmsg,
	.recvmsg = lw_recvmsg,
	.shutdown = lw_shutdown,
	.setsockopt = lw_setsockopt,
	.getsockopt = lw_getsockopt,
	.getname = lw_getname,
	.poll = lw_poll,
	.ioctl = lw_ioctl,
};

static struct uk_socket_family lw_inet = {
	.family = AF_INET, .name = "lwip", .ops = &lw_ops,
};
static struct uk_socket_family lw_inet6 = {
	.family = AF_INET6, .name = "lwip", .ops = &lw_ops,
};
UK_SOCKET_FAMILY_REGISTER(lw_inet);
UK_SOCKET_FAMILY_REGISTER(lw_inet6);
