/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lwip side of the AF_INET/AF_INET6 driver: socket.c's neutral
 * calls (sock_glue.h) onto lwip's socket API, converting endpoints,
 * flags and option names to lwip's own layouts and values. lwip sets
 * errno (the C library's, Linux values); every function returns -errno
 * on failure and leaves the caller's errno as it was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lwip/opt.h"
#include "lwip/sockets.h"
#include "lwip/ip_addr.h"
#include "lwip/api.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/priv/sockets_priv.h"
#include "sock_glue.h"

/*
 * An lwip call's result: the value, or -errno when it failed. lwip
 * writes errno on success too (0, or ENOTCONN when a TCP recv() meets
 * the end of the connection): the caller's errno is put back, so only
 * a failure reported by posix-socket's wrapper changes it.
 */
#define ERR(call)							\
	({								\
		int saved_ = errno;					\
		long rc_ = (long)(call);				\
		if (rc_ < 0)						\
			rc_ = -errno;					\
		errno = saved_;						\
		rc_;							\
	})

/* Endpoint to lwip's sockaddr (with sin_len); returns its length. */
static socklen_t to_sa(const struct lsk_addr *a, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == LSK_AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_len = sizeof(*s6);
		s6->sin6_family = AF_INET6;
		s6->sin6_port = a->port;
		s6->sin6_flowinfo = a->flowinfo;
		s6->sin6_scope_id = a->scope_id;
		memcpy(&s6->sin6_addr, a->addr, 16);
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_len = sizeof(*s4);
		s4->sin_family = a->family == LSK_AF_INET ? AF_INET : AF_UNSPEC;
		s4->sin_port = a->port;
		memcpy(&s4->sin_addr, a->addr, 4);
		return sizeof(*s4);
	}
}

static void from_sa(const struct sockaddr_storage *ss, struct lsk_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		a->family = LSK_AF_INET6;
		a->port = s6->sin6_port;
		a->flowinfo = s6->sin6_flowinfo;
		a->scope_id = s6->sin6_scope_id;
		memcpy(a->addr, &s6->sin6_addr, 16);
	} else if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)ss;

		a->family = LSK_AF_INET;
		a->port = s4->sin_port;
		memcpy(a->addr, &s4->sin_addr, 4);
	}
}

static int to_msg_flags(int flags)
{
	return (flags & LSK_MSG_PEEK ? MSG_PEEK : 0) |
	       (flags & LSK_MSG_DONTWAIT ? MSG_DONTWAIT : 0) |
	       (flags & LSK_MSG_WAITALL ? MSG_WAITALL : 0) |
	       (flags & LSK_MSG_MORE ? MSG_MORE : 0);
}

static int set_nonblock(int s, int on)
{
	u32_t v = on ? 1 : 0;

	return ERR(lwip_ioctl(s, (long)FIONBIO, &v));
}

int lsk_socket(int domain, int type, int protocol)
{
	return ERR(lwip_socket(domain, type, protocol));
}

static void *event_arg[NUM_SOCKETS];

int lsk_close(int s)
{
	int i = s - LWIP_SOCKET_OFFSET;

	/* No event names the closing socket's file after this. */
	if (i >= 0 && i < NUM_SOCKETS) {
		LOCK_TCPIP_CORE();
		event_arg[i] = NULL;
		UNLOCK_TCPIP_CORE();
	}
	return ERR(lwip_close(s));
}

int lsk_bind(int s, const struct lsk_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = to_sa(a, &ss);

	return ERR(lwip_bind(s, (struct sockaddr *)&ss, len));
}

int lsk_connect(int s, const struct lsk_addr *a, int nonblock)
{
	struct sockaddr_storage ss;
	socklen_t len = to_sa(a, &ss);
	int rc = set_nonblock(s, nonblock);

	return rc < 0 ? rc : ERR(lwip_connect(s, (struct sockaddr *)&ss, len));
}

int lsk_listen(int s, int backlog)
{
	return ERR(lwip_listen(s, backlog));
}

/*
 * lwip_accept() asked for the peer's address fails with ENOTCONN (and
 * drops the connection) when the peer reset it before it was accepted:
 * its pcb, where the address lives, is gone. Linux accepts it and the
 * first recv() says ECONNRESET. So accept without the address and read
 * it afterwards; for a connection already reset the address is the
 * listener's family with zeros (the peer's is not kept anywhere).
 */
int lsk_accept(int s, struct lsk_addr *a, int nonblock)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int rc = set_nonblock(s, nonblock), ns;

	if (rc < 0)
		return rc;
	ns = (int)ERR(lwip_accept(s, NULL, NULL));
	if (ns < 0 || !a)
		return ns;
	memset(&ss, 0, sizeof(ss));
	len = sizeof(ss);
	if (ERR(lwip_getpeername(ns, (struct sockaddr *)&ss, &len)) < 0) {
		memset(&ss, 0, sizeof(ss));
		len = sizeof(ss);
		if (ERR(lwip_getsockname(s, (struct sockaddr *)&ss, &len)) < 0)
			ss.ss_family = AF_INET;
		from_sa(&ss, a);
		a->port = 0;
		memset(a->addr, 0, sizeof(a->addr));
		a->flowinfo = a->scope_id = 0;
		return ns;
	}
	from_sa(&ss, a);
	return ns;
}

/* One buffer: lwip_recv/lwip_recvfrom. */
static ssize_t recv1(int s, void *buf, size_t len, int flags,
		     struct lsk_addr *from)
{
	struct sockaddr_storage ss;
	socklen_t slen = sizeof(ss);
	ssize_t rc;

	if (!from)
		return ERR(lwip_recv(s, buf, len, flags));
	memset(&ss, 0, sizeof(ss));
	rc = ERR(lwip_recvfrom(s, buf, len, flags, (struct sockaddr *)&ss,
			       &slen));
	if (rc >= 0)
		from_sa(&ss, from);
	return rc;
}

ssize_t lsk_recvv(int s, const struct lsk_iov *iov, int cnt, int flags,
		  int stream, struct lsk_addr *from, int *trunc)
{
	struct sockaddr_storage ss;
	struct iovec *v;
	struct msghdr m;
	ssize_t total = 0, rc;
	int i, n;

	flags = to_msg_flags(flags);
	if (cnt <= 1)
		return recv1(s, cnt ? iov->base : NULL, cnt ? iov->len : 0,
			     flags, from);
	if (stream) {
		/* Fill the buffers in turn; wait for the first byte only. */
		for (i = 0; i < cnt; i++) {
			if (!iov[i].len)
				continue;
			rc = recv1(s, iov[i].base, iov[i].len, flags, NULL);
			if (rc < 0)
				return total ? total : rc;
			total += rc;
			if ((size_t)rc < iov[i].len || (flags & MSG_PEEK))
				break;
			flags |= MSG_DONTWAIT;
		}
		return total;
	}
	/* A datagram over several buffers: lwip_recvmsg, which wants no
	 * empty ones. */
	v = malloc((size_t)cnt * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = n = 0; i < cnt; i++)
		if (iov[i].len) {
			v[n].iov_base = iov[i].base;
			v[n++].iov_len = iov[i].len;
		}
	if (!n) {
		free(v);
		return recv1(s, NULL, 0, flags, from);
	}
	memset(&m, 0, sizeof(m));
	memset(&ss, 0, sizeof(ss));
	m.msg_iov = v;
	m.msg_iovlen = n;
	m.msg_name = &ss;
	m.msg_namelen = sizeof(ss);
	rc = ERR(lwip_recvmsg(s, &m, flags & (MSG_PEEK | MSG_DONTWAIT)));
	free(v);
	if (rc >= 0) {
		if (from)
			from_sa(&ss, from);
		if (m.msg_flags & MSG_TRUNC)
			*trunc = 1;
	}
	return rc;
}

ssize_t lsk_sendv(int s, const struct lsk_iov *iov, int cnt, int flags,
		  const struct lsk_addr *to)
{
	static char none;
	struct sockaddr_storage ss;
	struct msghdr m;
	socklen_t slen;

	flags = to_msg_flags(flags);
	if (cnt <= 1) {
		const void *buf = cnt ? iov->base : &none;
		size_t len = cnt ? iov->len : 0;

		if (!to)
			return ERR(lwip_send(s, buf, len, flags));
		slen = to_sa(to, &ss);
		return ERR(lwip_sendto(s, buf, len, flags,
				       (struct sockaddr *)&ss, slen));
	}
	/* One lwip call for the whole vector: one TCP write (segments
	 * filled across buffers) or one datagram. */
	memset(&m, 0, sizeof(m));
	m.msg_iov = (struct iovec *)iov;
	m.msg_iovlen = cnt;
	if (to) {
		m.msg_namelen = to_sa(to, &ss);
		m.msg_name = &ss;
	}
	return ERR(lwip_sendmsg(s, &m, flags & (MSG_DONTWAIT | MSG_MORE)));
}

int lsk_shutdown(int s, int how)
{
	return ERR(lwip_shutdown(s, how));
}

int lsk_getname(int s, struct lsk_addr *a, int peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int rc;

	memset(&ss, 0, sizeof(ss));
	rc = (int)(peer ? ERR(lwip_getpeername(s, (struct sockaddr *)&ss,
					       &len)) :
		   ERR(lwip_getsockname(s, (struct sockaddr *)&ss, &len)));
	if (rc < 0)
		return rc;
	from_sa(&ss, a);
	return 0;
}

static int opt_name(enum lsk_opt opt, int *level, int *name)
{
	static const struct { int level, name; } map[] = {
		[LSK_SO_REUSEADDR] = { SOL_SOCKET, SO_REUSEADDR },
		[LSK_SO_KEEPALIVE] = { SOL_SOCKET, SO_KEEPALIVE },
		[LSK_SO_BROADCAST] = { SOL_SOCKET, SO_BROADCAST },
		[LSK_SO_LINGER] = { SOL_SOCKET, SO_LINGER },
		[LSK_SO_RCVBUF] = { SOL_SOCKET, SO_RCVBUF },
		[LSK_SO_RCVTIMEO] = { SOL_SOCKET, SO_RCVTIMEO },
		[LSK_SO_SNDTIMEO] = { SOL_SOCKET, SO_SNDTIMEO },
		[LSK_SO_ERROR] = { SOL_SOCKET, SO_ERROR },
		[LSK_SO_TYPE] = { SOL_SOCKET, SO_TYPE },
		[LSK_SO_ACCEPTCONN] = { SOL_SOCKET, SO_ACCEPTCONN },
		[LSK_TCP_NODELAY] = { IPPROTO_TCP, TCP_NODELAY },
		[LSK_TCP_KEEPIDLE] = { IPPROTO_TCP, TCP_KEEPIDLE },
		[LSK_TCP_KEEPINTVL] = { IPPROTO_TCP, TCP_KEEPINTVL },
		[LSK_TCP_KEEPCNT] = { IPPROTO_TCP, TCP_KEEPCNT },
		[LSK_IP_TTL] = { IPPROTO_IP, IP_TTL },
		[LSK_IP_TOS] = { IPPROTO_IP, IP_TOS },
		[LSK_IPV6_V6ONLY] = { IPPROTO_IPV6, IPV6_V6ONLY },
	};

	if ((unsigned int)opt >= sizeof(map) / sizeof(map[0]))
		return -ENOPROTOOPT;
	*level = map[opt].level;
	*name = map[opt].name;
	return 0;
}

int lsk_setopt(int s, enum lsk_opt opt, const void *val, unsigned int len)
{
	int level, name, rc = opt_name(opt, &level, &name);

	return rc < 0 ? rc : ERR(lwip_setsockopt(s, level, name, val, len));
}

int lsk_getopt(int s, enum lsk_opt opt, void *val, unsigned int *len)
{
	int level, name, rc = opt_name(opt, &level, &name);
	socklen_t l = *len;

	if (rc < 0)
		return rc;
	rc = (int)ERR(lwip_getsockopt(s, level, name, val, &l));
	if (rc < 0)
		return rc;
	*len = l;
	return 0;
}

int lsk_nread(int s)
{
	int n = 0, rc;

	rc = (int)ERR(lwip_ioctl(s, (long)FIONREAD, &n));
	return rc < 0 ? rc : n;
}

/*
 * Readiness for epoll. lwip tells its own select/poll about socket
 * events through each netconn's callback; we put ours in front of it
 * (accepted connections inherit it from the listener) to count the
 * events that make a socket ready and to wake epoll waiters.
 */
static netconn_callback lwip_event_cb;
static unsigned long event_seq[NUM_SOCKETS];

static void sock_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
	int i;

	lwip_event_cb(conn, evt, len);
	if (evt == NETCONN_EVT_RCVMINUS || evt == NETCONN_EVT_SENDMINUS)
		return;
	i = conn->socket - LWIP_SOCKET_OFFSET;
	if (i >= 0 && i < NUM_SOCKETS) {
		__atomic_add_fetch(&event_seq[i], 1, __ATOMIC_RELAXED);
		lsk_event(event_arg[i]);
	} else {
		lsk_event(NULL);
	}
}

int lsk_watch(int s, void *arg)
{
	struct lwip_sock *sock = lwip_socket_dbg_get_socket(s);

	if (!sock || !sock->conn)
		return -EBADF;
	LOCK_TCPIP_CORE();
	event_arg[s - LWIP_SOCKET_OFFSET] = arg;
	if (sock->conn->callback != sock_event) {
		lwip_event_cb = sock->conn->callback;
		sock->conn->callback = sock_event;
	}
	UNLOCK_TCPIP_CORE();
	return 0;
}

unsigned int lsk_ready(int s, unsigned long *seq)
{
	struct lwip_sock *sock = lwip_socket_dbg_get_socket(s);
	struct netconn *conn;
	unsigned int mask = 0;

	if (!sock)
		return LSK_POLLNVAL;
	LOCK_TCPIP_CORE();
	conn = sock->conn;
	if (!conn) {
		UNLOCK_TCPIP_CORE();
		return LSK_POLLNVAL;
	}
	if (sock->lastdata.pbuf || sock->rcvevent > 0)
		mask |= LSK_POLLIN;
	if (sock->sendevent)
		mask |= LSK_POLLOUT;
	if (sock->errevent)
		mask |= LSK_POLLERR;
	if (NETCONNTYPE_GROUP(netconn_type(conn)) == NETCONN_TCP) {
		struct tcp_pcb *pcb = conn->pcb.tcp;

		/* No pcb: reset or fully closed. Past CLOSE_WAIT the peer
		 * sent its FIN; past FIN_WAIT both directions are shut. */
		if (!pcb)
			mask |= LSK_POLLHUP | LSK_POLLRDHUP | LSK_POLLIN;
		else if (pcb->state == CLOSE_WAIT)
			mask |= LSK_POLLRDHUP | LSK_POLLIN;
		else if (pcb->state == CLOSING || pcb->state == LAST_ACK ||
			 pcb->state == TIME_WAIT)
			mask |= LSK_POLLHUP | LSK_POLLRDHUP | LSK_POLLIN;
	}
	UNLOCK_TCPIP_CORE();
	*seq = event_seq[s - LWIP_SOCKET_OFFSET];
	return mask;
}
