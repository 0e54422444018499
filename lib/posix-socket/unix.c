/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket: the AF_UNIX driver, in memory, between threads of the
 * image. SOCK_STREAM (bytes), SOCK_SEQPACKET (messages on a connection)
 * and SOCK_DGRAM (messages with the sender's name), socketpair().
 *
 * Names: the abstract namespace (sun_path starts with a NUL byte; the
 * name is the address length's worth of bytes) and path names. vfscore
 * has no socket nodes, so a path name is an entry in the same table,
 * keyed by the absolute path (a relative one is taken from the current
 * directory, without resolving "..", symlinks or mount points): bind()
 * creates no file, stat() does not see one, the name is free again at
 * close() (Linux keeps the file until unlink()), and connect() to a
 * name nobody has bound gives ENOENT (abstract: ECONNREFUSED).
 *
 * Buffers: a connection direction holds up to the sender's SO_SNDBUF
 * bytes, a datagram socket's queue up to its SO_RCVBUF bytes, each
 * message's overhead (about 150 bytes) included; sizes are
 * set as on Linux (the value doubled, bounded by 2304/4608 and 212992)
 * and read back. Ancillary data (SCM_RIGHTS, credentials) is not
 * supported: sendmsg() with control data gives EOPNOTSUPP.
 *
 * Locking: one mutex for the family and one condition variable that
 * every state change broadcasts (waiters re-check their own socket),
 * plus vfscore's poll wake-up for poll, select and epoll.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <uk/condvar.h>
#include <uk/mutex.h>
#include <uk/plat/time.h>
#include <uk/vfs.h>
#include <uk/socket_driver.h>

/* vfscore's getcwd (the raw entry of <uk/syscall.h>'s naming). */
long uk_syscall_r_getcwd(long buf, long size);

#define UX_BUF_DEFAULT	212992
#define UX_BUF_MAX	212992
#define UX_RCVBUF_MIN	2304
#define UX_SNDBUF_MIN	4608
#define UX_PATH_MAX	((int)sizeof(((struct sockaddr_un *)0)->sun_path))

/* sk_shutdown bits, as seen by the socket itself */
#define UX_RCV_SHUT	1	/* nothing more will arrive */
#define UX_SND_SHUT	2	/* nothing more may be sent */

struct ux_msg {
	struct ux_msg *next;
	size_t len, off;
	socklen_t fromlen;	/* datagrams: the sender's name */
	char from[UX_PATH_MAX];
	unsigned char data[];
};

struct ux_sock {
	struct uk_socket *sk;	/* NULL for a connection not accepted yet */
	int type;
	unsigned long refs;
	int listening, connected, closed;
	int shut;		/* UX_*_SHUT */
	int err;		/* SO_ERROR */
	unsigned int opts;	/* plain boolean options, bit per name */
	int sndbuf, rcvbuf;
	uint64_t rcvtimeo, sndtimeo;	/* ns, 0: none */
	unsigned long seq;	/* events, for edge-triggered epoll */

	/* the name: sockaddr_un path bytes as bound, and the table key */
	socklen_t namelen;
	char name[UX_PATH_MAX];
	char *key;
	size_t keylen;
	struct ux_sock *bnext;

	struct ux_sock *peer;	/* ref; stream: the other end */
	socklen_t peernamelen;
	char peername[UX_PATH_MAX];

	struct ux_msg *head, *tail;	/* receive queue */
	size_t qbytes;		/* data bytes in it (FIONREAD) */
	size_t qmem;		/* with each message's overhead: the bound */

	struct ux_sock *acc_head, *acc_tail, *acc_next;	/* to accept */
	int backlog, nacc;
};

/* What a queued message costs beyond its data, counted against the
 * buffer sizes (as Linux counts a buffer's overhead), so that many tiny
 * writes cannot take more memory than the bound says. */
#define UX_MSG_COST	sizeof(struct ux_msg)

static struct uk_mutex ux_lock = UK_MUTEX_INITIALIZER(ux_lock, 0);
static struct uk_condvar ux_cv;
static struct ux_sock *ux_bound;
static unsigned int ux_autoname;

static inline struct ux_sock *ux(struct uk_socket *sk)
{
	return sk->priv;
}

static inline int ux_conn_type(int type)
{
	return type == SOCK_STREAM || type == SOCK_SEQPACKET;
}

/* Something changed on @u (lock held): wake its waiters and pollers. */
static void ux_changed(struct ux_sock *u)
{
	if (u)
		u->seq++;
	uk_condvar_broadcast(&ux_cv);
	uk_file_poll_wake();
}

/* Wait for a change, up to @deadline (0: none). -EAGAIN on timeout. */
static int ux_wait(uint64_t deadline)
{
	if (uk_condvar_wait_deadline(&ux_cv, &ux_lock, deadline) ==
	    -ETIMEDOUT)
		return -EAGAIN;
	return 0;
}

static uint64_t ux_deadline(uint64_t timeo)
{
	return timeo ? ukplat_monotonic_clock() + timeo : 0;
}

static struct ux_sock *ux_new(int type)
{
	struct ux_sock *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	u->type = type;
	u->refs = 1;
	u->sndbuf = UX_BUF_DEFAULT;
	u->rcvbuf = UX_BUF_DEFAULT;
	return u;
}

static void ux_flush(struct ux_sock *u)
{
	struct ux_msg *m;

	while ((m = u->head)) {
		u->head = m->next;
		free(m);
	}
	u->tail = NULL;
	u->qbytes = 0;
	u->qmem = 0;
}

static void ux_put(struct ux_sock *u)
{
	if (--u->refs)
		return;
	ux_flush(u);
	free(u->key);
	free(u);
}

static void ux_unbind(struct ux_sock *u)
{
	struct ux_sock **pp;

	if (!u->key)
		return;
	for (pp = &ux_bound; *pp; pp = &(*pp)->bnext)
		if (*pp == u) {
			*pp = u->bnext;
			break;
		}
}

/* The connection of @u ends (close): the peer sees EOF and EPIPE. */
static void ux_disconnect(struct ux_sock *u)
{
	struct ux_sock *p = u->peer;

	if (!p)
		return;
	u->peer = NULL;
	if (ux_conn_type(u->type) && p->peer == u) {
		p->peer = NULL;
		p->shut = UX_RCV_SHUT | UX_SND_SHUT;
		ux_changed(p);
		ux_put(u);
	}
	ux_put(p);
}

/* Drop socket @u: its name, queue, connection, pending connections. */
static void ux_close(struct ux_sock *u)
{
	struct ux_sock *c;

	u->closed = 1;
	ux_unbind(u);
	while ((c = u->acc_head)) {
		u->acc_head = c->acc_next;
		ux_close(c);
	}
	u->nacc = 0;
	ux_disconnect(u);
	ux_flush(u);
	ux_changed(NULL);
	ux_put(u);
}

/* ---- names ---- */

/* The socket bound to @key, or NULL. Lock held. */
static struct ux_sock *ux_lookup(const char *key, size_t keylen)
{
	struct ux_sock *u;

	for (u = ux_bound; u; u = u->bnext)
		if (u->keylen == keylen && !memcmp(u->key, key, keylen))
			return u;
	return NULL;
}

/*
 * An AF_UNIX address: its sun_path bytes into @name/@namelen (path
 * names without the NUL) and a malloc'd table key. -EINVAL for a bad
 * address, 0 with *@namelen 0 for an unnamed one (autobind).
 */
static int ux_addr(const struct sockaddr *sa, socklen_t len, char *name,
		   socklen_t *namelen, char **key, size_t *keylen)
{
	const struct sockaddr_un *sun = (const void *)sa;
	size_t n, cwd = 0;
	char *k;

	if (sa->sa_family != AF_UNIX)
		return -EINVAL;
	if (len > sizeof(*sun))
		len = sizeof(*sun);
	n = len - sizeof(sa_family_t);
	*key = NULL;
	*namelen = 0;
	if (!n)
		return 0;
	if (sun->sun_path[0]) {
		n = strnlen(sun->sun_path, n);
		k = malloc(UK_VFS_PATH_MAX + n + 1);
		if (!k)
			return -ENOMEM;
		if (sun->sun_path[0] != '/') {
			if (uk_syscall_r_getcwd((long)k, UK_VFS_PATH_MAX) < 0)
				k[0] = 0;
			cwd = strlen(k);
			if (!cwd || k[cwd - 1] != '/')
				k[cwd++] = '/';
		}
		memcpy(k + cwd, sun->sun_path, n);
		*keylen = cwd + n;
	} else {
		k = malloc(n);
		if (!k)
			return -ENOMEM;
		memcpy(k, sun->sun_path, n);
		*keylen = n;
	}
	memcpy(name, sun->sun_path, n);
	*namelen = (socklen_t)n;
	*key = k;
	return 0;
}

/* Give @u the name @name (lock held); takes over @key. */
static int ux_bind_name(struct ux_sock *u, const char *name,
			socklen_t namelen, char *key, size_t keylen)
{
	if (ux_lookup(key, keylen)) {
		free(key);
		return -EADDRINUSE;
	}
	memcpy(u->name, name, namelen);
	u->namelen = namelen;
	u->key = key;
	u->keylen = keylen;
	u->bnext = ux_bound;
	ux_bound = u;
	return 0;
}

/* A free abstract name of five hex digits, as Linux's autobind. */
static int ux_autobind(struct ux_sock *u)
{
	static const char hex[] = "0123456789abcdef";
	char name[6];
	unsigned int i, j, v;

	for (i = 0; i < 0x100000; i++) {
		char *key;

		v = (ux_autoname++) & 0xfffff;
		name[0] = 0;
		for (j = 5; j > 0; j--, v >>= 4)
			name[j] = hex[v & 0xf];
		if (ux_lookup(name, sizeof(name)))
			continue;
		key = malloc(sizeof(name));
		if (!key)
			return -ENOMEM;
		memcpy(key, name, sizeof(name));
		return ux_bind_name(u, name, sizeof(name), key, sizeof(name));
	}
	return -EADDRINUSE;
}

/* sockaddr_un of a name, as Linux reports it (paths with their NUL). */
static void ux_name_out(const char *name, socklen_t namelen,
			struct sockaddr *addr, socklen_t *len)
{
	struct sockaddr_un sun;
	socklen_t n = sizeof(sa_family_t) + namelen;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, name, namelen);
	if (namelen && name[0] && namelen < UX_PATH_MAX)
		n++;
	uk_socket_addr_out(&sun, n, addr, len);
}

/* ---- create, pair, bind, listen, connect, accept ---- */

static int ux_create(struct uk_socket *sk)
{
	if (sk->type != SOCK_STREAM && sk->type != SOCK_DGRAM &&
	    sk->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	if (sk->protocol != 0 && sk->protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	sk->priv = ux_new(sk->type);
	if (!sk->priv)
		return -ENOMEM;
	ux(sk)->sk = sk;
	return 0;
}

/* Connect @a and @b to each other (lock held). */
static void ux_link(struct ux_sock *a, struct ux_sock *b)
{
	a->peer = b;
	b->peer = a;
	a->refs++;
	b->refs++;
	a->connected = b->connected = 1;
	memcpy(a->peername, b->name, b->namelen);
	a->peernamelen = b->namelen;
	memcpy(b->peername, a->name, a->namelen);
	b->peernamelen = a->namelen;
}

static int ux_pair(struct uk_socket *a, struct uk_socket *b)
{
	uk_mutex_lock(&ux_lock);
	ux_link(ux(a), ux(b));
	uk_mutex_unlock(&ux_lock);
	return 0;
}

static void ux_release(struct uk_socket *sk)
{
	uk_mutex_lock(&ux_lock);
	ux(sk)->sk = NULL;
	ux_close(ux(sk));
	uk_mutex_unlock(&ux_lock);
}

static int ux_bind(struct uk_socket *sk, const struct sockaddr *addr,
		   socklen_t len)
{
	struct ux_sock *u = ux(sk);
	char name[UX_PATH_MAX], *key;
	socklen_t namelen;
	size_t keylen;
	int rc;

	rc = ux_addr(addr, len, name, &namelen, &key, &keylen);
	if (rc < 0)
		return rc;
	uk_mutex_lock(&ux_lock);
	if (u->key) {
		free(key);
		rc = -EINVAL;
	} else if (!namelen) {
		rc = ux_autobind(u);
	} else {
		rc = ux_bind_name(u, name, namelen, key, keylen);
	}
	uk_mutex_unlock(&ux_lock);
	return rc;
}

static int ux_listen(struct uk_socket *sk, int backlog)
{
	struct ux_sock *u = ux(sk);
	int rc = 0;

	if (!ux_conn_type(u->type))
		return -EOPNOTSUPP;
	uk_mutex_lock(&ux_lock);
	if (u->connected)
		rc = -EINVAL;
	else if (!u->key)
		rc = ux_autobind(u);
	if (rc == 0) {
		u->listening = 1;
		u->backlog = backlog ? backlog : 1;
		ux_changed(u);
	}
	uk_mutex_unlock(&ux_lock);
	return rc;
}

/* A name to look up: its table key, parsed before the lock is taken
 * (a relative path asks vfscore for the current directory). */
struct ux_target {
	char *key;
	size_t keylen;
	int path;
};

static int ux_target(const struct sockaddr *addr, socklen_t len,
		     struct ux_target *t)
{
	char name[UX_PATH_MAX];
	socklen_t namelen;
	int rc;

	rc = ux_addr(addr, len, name, &namelen, &t->key, &t->keylen);
	if (rc < 0)
		return rc;
	if (!namelen)
		return -EINVAL;
	t->path = name[0] != 0;
	return 0;
}

/* The socket bound to @t (lock held; no reference). */
static int ux_find(const struct ux_target *t, struct ux_sock **out)
{
	*out = ux_lookup(t->key, t->keylen);
	if (!*out)
		return t->path ? -ENOENT : -ECONNREFUSED;
	return 0;
}

static int ux_connect_stream(struct ux_sock *u, struct ux_sock *l,
			     int nonblock)
{
	uint64_t deadline = ux_deadline(u->sndtimeo);
	struct ux_sock *c;
	int rc;

	for (;;) {
		if (u->connected)
			return -EISCONN;
		if (l->closed || !l->listening)
			return -ECONNREFUSED;
		if (l->type != u->type)
			return -EPROTOTYPE;
		if (l->nacc < l->backlog)
			break;
		if (nonblock)
			return -EAGAIN;
		rc = ux_wait(deadline);
		if (rc < 0)
			return rc;
	}
	/* The server's end, waiting for accept() on the listener. */
	c = ux_new(u->type);
	if (!c)
		return -ENOMEM;
	memcpy(c->name, l->name, l->namelen);
	c->namelen = l->namelen;
	ux_link(u, c);
	if (l->acc_tail)
		l->acc_tail->acc_next = c;
	else
		l->acc_head = c;
	l->acc_tail = c;
	l->nacc++;
	ux_changed(l);
	ux_changed(u);
	return 0;
}

static int ux_connect(struct uk_socket *sk, const struct sockaddr *addr,
		      socklen_t len, int nonblock)
{
	struct ux_sock *u = ux(sk), *t;
	struct ux_target tg = { NULL, 0, 0 };
	int rc;

	if (u->type == SOCK_DGRAM && addr->sa_family == AF_UNSPEC) {
		/* dissolve the association */
		uk_mutex_lock(&ux_lock);
		ux_disconnect(u);
		u->connected = 0;
		uk_mutex_unlock(&ux_lock);
		return 0;
	}
	rc = ux_target(addr, len, &tg);
	if (rc < 0)
		return rc;
	uk_mutex_lock(&ux_lock);
	if (u->listening) {
		rc = -EINVAL;
		goto out;
	}
	rc = ux_find(&tg, &t);
	if (rc < 0)
		goto out;
	if (u->type == SOCK_DGRAM) {
		if (t->type != SOCK_DGRAM) {
			rc = -EPROTOTYPE;
			goto out;
		}
		ux_disconnect(u);
		u->peer = t;
		t->refs++;
		u->connected = 1;
		memcpy(u->peername, t->name, t->namelen);
		u->peernamelen = t->namelen;
		ux_changed(u);
		goto out;
	}
	rc = ux_connect_stream(u, t, nonblock);
out:
	uk_mutex_unlock(&ux_lock);
	free(tg.key);
	return rc;
}

static int ux_accept(struct uk_socket *sk, struct uk_socket *nsk,
		     struct sockaddr *addr, socklen_t *len, int nonblock)
{
	struct ux_sock *u = ux(sk), *c;
	uint64_t deadline = ux_deadline(u->rcvtimeo);
	int rc = 0;

	if (!ux_conn_type(u->type))
		return -EOPNOTSUPP;
	uk_mutex_lock(&ux_lock);
	for (;;) {
		if (!u->listening) {
			rc = -EINVAL;
			break;
		}
		if (u->acc_head)
			break;
		if (nonblock) {
			rc = -EAGAIN;
			break;
		}
		rc = ux_wait(deadline);
		if (rc < 0)
			break;
	}
	if (rc == 0) {
		c = u->acc_head;
		u->acc_head = c->acc_next;
		if (!u->acc_head)
			u->acc_tail = NULL;
		u->nacc--;
		c->acc_next = NULL;
		c->sk = nsk;
		nsk->priv = c;
		ux_name_out(c->peername, c->peernamelen, addr, len);
		ux_changed(u);	/* room in the backlog */
	}
	uk_mutex_unlock(&ux_lock);
	return rc;
}

/* ---- data ---- */

static size_t iov_total(const struct msghdr *msg)
{
	size_t i, n = 0;

	for (i = 0; i < (size_t)msg->msg_iovlen; i++)
		n += msg->msg_iov[i].iov_len;
	return n;
}

/* Copy @len bytes of @msg's buffers, from byte @skip on, to @dst. */
static void iov_gather(const struct msghdr *msg, size_t skip, void *dst,
		       size_t len)
{
	unsigned char *d = dst;
	size_t i;

	for (i = 0; len && i < (size_t)msg->msg_iovlen; i++) {
		size_t l = msg->msg_iov[i].iov_len, n;

		if (skip >= l) {
			skip -= l;
			continue;
		}
		n = l - skip < len ? l - skip : len;
		memcpy(d, (char *)msg->msg_iov[i].iov_base + skip, n);
		d += n;
		len -= n;
		skip = 0;
	}
}

/* Copy @len bytes from @src into @msg's buffers from byte @skip on. */
static void iov_scatter(struct msghdr *msg, size_t skip, const void *src,
			size_t len)
{
	const unsigned char *s = src;
	size_t i;

	for (i = 0; len && i < (size_t)msg->msg_iovlen; i++) {
		size_t l = msg->msg_iov[i].iov_len, n;

		if (skip >= l) {
			skip -= l;
			continue;
		}
		n = l - skip < len ? l - skip : len;
		memcpy((char *)msg->msg_iov[i].iov_base + skip, s, n);
		s += n;
		len -= n;
		skip = 0;
	}
}

/* Queue @n bytes of @msg from byte @skip on at @to, sent by @from. */
static int ux_enqueue(struct ux_sock *to, struct ux_sock *from,
		      const struct msghdr *msg, size_t skip, size_t n)
{
	struct ux_msg *m = malloc(sizeof(*m) + n);

	if (!m)
		return -ENOMEM;
	m->next = NULL;
	m->len = n;
	m->off = 0;
	m->fromlen = from->namelen;
	memcpy(m->from, from->name, from->namelen);
	iov_gather(msg, skip, m->data, n);
	if (to->tail)
		to->tail->next = m;
	else
		to->head = m;
	to->tail = m;
	to->qbytes += n;
	to->qmem += n + UX_MSG_COST;
	ux_changed(to);
	return 0;
}

static ssize_t ux_send_stream(struct ux_sock *u, const struct msghdr *msg,
			      int flags)
{
	uint64_t deadline = ux_deadline(u->sndtimeo);
	size_t total = iov_total(msg), done = 0;
	int seqpacket = u->type == SOCK_SEQPACKET;
	int rc = 0;

	if (seqpacket && total > (size_t)u->sndbuf)
		return -EMSGSIZE;
	for (;;) {
		struct ux_sock *p = u->peer;
		size_t room, n;

		if (u->shut & UX_SND_SHUT) {
			rc = -EPIPE;
			break;
		}
		if (!p) {
			rc = u->connected ? -EPIPE : -ENOTCONN;
			break;
		}
		if (p->shut & UX_RCV_SHUT) {
			rc = -EPIPE;
			break;
		}
		room = p->qmem + UX_MSG_COST < (size_t)u->sndbuf ?
		       (size_t)u->sndbuf - p->qmem - UX_MSG_COST : 0;
		n = total - done;
		if (!n && !seqpacket)
			break;
		if (seqpacket ? room < n : !room) {
			if (flags & MSG_DONTWAIT) {
				rc = -EAGAIN;
				break;
			}
			rc = ux_wait(deadline);
			if (rc < 0)
				break;
			continue;
		}
		if (n > room)
			n = room;
		if (n || seqpacket)
			rc = ux_enqueue(p, u, msg, done, n);
		if (rc < 0)
			break;
		done += n;
		if (done == total)
			break;
	}
	return done ? (ssize_t)done : rc;
}

static ssize_t ux_send_dgram(struct ux_sock *u, const struct msghdr *msg,
			     int flags, const struct ux_target *tg)
{
	uint64_t deadline = ux_deadline(u->sndtimeo);
	size_t total = iov_total(msg);
	struct ux_sock *t;
	int rc;

	if (total > (size_t)u->sndbuf)
		return -EMSGSIZE;
	if (u->shut & UX_SND_SHUT)
		return -EPIPE;
	for (;;) {
		if (tg) {
			rc = ux_find(tg, &t);
			if (rc < 0)
				return rc;
		} else if (!u->connected) {
			return -ENOTCONN;
		} else {
			t = u->peer;
		}
		if (!t || t->closed)
			return -ECONNREFUSED;
		if (t->type != SOCK_DGRAM)
			return -EPROTOTYPE;
		if (t->peer && t->peer != u && t->connected)
			return -EPERM;	/* connected to someone else */
		if (t->shut & UX_RCV_SHUT)
			return -EPIPE;
		if (!t->qmem ||
		    t->qmem + total + UX_MSG_COST <= (size_t)t->rcvbuf)
			break;
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		rc = ux_wait(deadline);
		if (rc < 0)
			return rc;
	}
	/* Replies need a name to go to. */
	if (!u->key) {
		rc = ux_autobind(u);
		if (rc < 0)
			return rc;
	}
	rc = ux_enqueue(t, u, msg, 0, total);
	return rc < 0 ? rc : (ssize_t)total;
}

static ssize_t ux_sendmsg(struct uk_socket *sk, const struct msghdr *msg,
			  int flags)
{
	struct ux_sock *u = ux(sk);
	struct ux_target tg = { NULL, 0, 0 };
	ssize_t rc;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_controllen)
		return -EOPNOTSUPP;
	if (u->type == SOCK_DGRAM && msg->msg_name) {
		rc = ux_target(msg->msg_name, msg->msg_namelen, &tg);
		if (rc < 0)
			return rc;
	}
	uk_mutex_lock(&ux_lock);
	if (u->type == SOCK_DGRAM)
		rc = ux_send_dgram(u, msg, flags, tg.key ? &tg : NULL);
	else if (msg->msg_name && !u->connected)
		rc = -EOPNOTSUPP;
	else
		rc = ux_send_stream(u, msg, flags);
	uk_mutex_unlock(&ux_lock);
	free(tg.key);
	return rc;
}

/* Take queue head @m off @u (lock held). */
static void ux_dequeue(struct ux_sock *u, struct ux_msg *m)
{
	u->head = m->next;
	if (!u->head)
		u->tail = NULL;
	u->qbytes -= m->len - m->off;
	u->qmem -= m->len - m->off + UX_MSG_COST;
	free(m);
	/* a writer may have room now */
	if (u->peer)
		ux_changed(u->peer);
	ux_changed(u);
}

static ssize_t ux_recv_stream(struct ux_sock *u, struct msghdr *msg,
			      int flags, size_t want)
{
	struct ux_msg *m;
	size_t done = 0;

	m = u->head;
	while (m && done < want) {
		size_t n = m->len - m->off;

		if (n > want - done)
			n = want - done;
		iov_scatter(msg, done, m->data + m->off, n);
		done += n;
		if (flags & MSG_PEEK) {
			m = m->next;
			continue;
		}
		m->off += n;
		u->qbytes -= n;
		u->qmem -= n;
		if (m->off == m->len) {
			u->qmem -= UX_MSG_COST;
			u->head = m->next;
			if (!u->head)
				u->tail = NULL;
			free(m);
			m = u->head;
		}
	}
	if (done && !(flags & MSG_PEEK)) {
		if (u->peer)
			ux_changed(u->peer);
		ux_changed(u);
	}
	return (ssize_t)done;
}

static ssize_t ux_recv_msg(struct ux_sock *u, struct msghdr *msg, int flags,
			   size_t want)
{
	struct ux_msg *m = u->head;
	size_t n = m->len < want ? m->len : want;

	iov_scatter(msg, 0, m->data, n);
	if (m->len > want)
		msg->msg_flags |= MSG_TRUNC;
	if (msg->msg_name) {
		socklen_t l = msg->msg_namelen;

		ux_name_out(m->from, m->fromlen, msg->msg_name, &l);
		msg->msg_namelen = l;
	}
	n = flags & MSG_TRUNC ? m->len : n;
	if (!(flags & MSG_PEEK))
		ux_dequeue(u, m);
	return (ssize_t)n;
}

static ssize_t ux_recvmsg(struct uk_socket *sk, struct msghdr *msg,
			  int flags)
{
	struct ux_sock *u = ux(sk);
	uint64_t deadline = ux_deadline(u->rcvtimeo);
	size_t want = iov_total(msg), done = 0;
	int stream = u->type == SOCK_STREAM;
	ssize_t rc;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	msg->msg_controllen = 0;
	if (msg->msg_name && stream)
		msg->msg_namelen = 0;
	uk_mutex_lock(&ux_lock);
	for (;;) {
		if (u->err) {
			rc = done ? (ssize_t)done : -u->err;
			u->err = 0;
			break;
		}
		if (u->head && stream) {
			rc = ux_recv_stream(u, msg, flags, want - done);
			done += (size_t)rc;
			if (done == want || !(flags & MSG_WAITALL) ||
			    (flags & MSG_PEEK)) {
				rc = (ssize_t)done;
				break;
			}
			continue;
		}
		if (u->head) {
			rc = ux_recv_msg(u, msg, flags, want);
			break;
		}
		if (ux_conn_type(u->type) && !u->connected && !u->listening &&
		    !(u->shut & UX_RCV_SHUT)) {
			rc = -ENOTCONN;
			break;
		}
		if (u->listening) {
			rc = -ENOTCONN;
			break;
		}
		if ((u->shut & UX_RCV_SHUT) || !want) {
			rc = (ssize_t)done;	/* end of file */
			break;
		}
		if (flags & MSG_DONTWAIT) {
			rc = done ? (ssize_t)done : -EAGAIN;
			break;
		}
		rc = ux_wait(deadline);
		if (rc < 0) {
			rc = done ? (ssize_t)done : rc;
			break;
		}
	}
	uk_mutex_unlock(&ux_lock);
	return rc;
}

static int ux_shutdown(struct uk_socket *sk, int how)
{
	struct ux_sock *u = ux(sk), *p;
	int mode = how == SHUT_RD ? UX_RCV_SHUT :
		   how == SHUT_WR ? UX_SND_SHUT : UX_RCV_SHUT | UX_SND_SHUT;

	uk_mutex_lock(&ux_lock);
	if (ux_conn_type(u->type) && !u->connected) {
		uk_mutex_unlock(&ux_lock);
		return -ENOTCONN;
	}
	u->shut |= mode;
	p = u->peer;
	if (p && ux_conn_type(u->type)) {
		p->shut |= (mode & UX_RCV_SHUT ? UX_SND_SHUT : 0) |
			   (mode & UX_SND_SHUT ? UX_RCV_SHUT : 0);
		ux_changed(p);
	}
	ux_changed(u);
	uk_mutex_unlock(&ux_lock);
	return 0;
}

/* ---- options, names, readiness ---- */

/* Boolean options accepted and read back with no effect here. */
static int ux_flag_bit(int name)
{
	switch (name) {
	case SO_REUSEADDR: return 0;
	case SO_KEEPALIVE: return 1;
	case SO_BROADCAST: return 2;
	case SO_PASSCRED: return 3;
	case SO_DEBUG: return 4;
	case SO_OOBINLINE: return 5;
	case SO_REUSEPORT: return 6;
	}
	return -1;
}

static int tv_to_ns(const void *val, socklen_t len, uint64_t *ns)
{
	struct timeval tv;

	if (len < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	*ns = tv.tv_sec < 0 ? 0 :
	      (uint64_t)tv.tv_sec * 1000000000ULL +
	      (uint64_t)tv.tv_usec * 1000ULL;
	return 0;
}

static int ux_setsockopt(struct uk_socket *sk, int level, int name,
			 const void *val, socklen_t len)
{
	struct ux_sock *u = ux(sk);
	int v, bit, rc = 0;

	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	if (name == SO_RCVTIMEO || name == SO_SNDTIMEO)
		return tv_to_ns(val, len, name == SO_RCVTIMEO ?
				&u->rcvtimeo : &u->sndtimeo);
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	uk_mutex_lock(&ux_lock);
	switch (name) {
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		v = v < 0 || v > UX_BUF_MAX ? UX_BUF_MAX : v;
		u->sndbuf = v * 2 < UX_SNDBUF_MIN ? UX_SNDBUF_MIN : v * 2;
		ux_changed(u);
		break;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		v = v < 0 || v > UX_BUF_MAX ? UX_BUF_MAX : v;
		u->rcvbuf = v * 2 < UX_RCVBUF_MIN ? UX_RCVBUF_MIN : v * 2;
		ux_changed(u);
		break;
	default:
		bit = ux_flag_bit(name);
		if (bit < 0)
			rc = -ENOPROTOOPT;
		else if (v)
			u->opts |= 1U << bit;
		else
			u->opts &= ~(1U << bit);
	}
	uk_mutex_unlock(&ux_lock);
	return rc;
}

static int ux_getsockopt(struct uk_socket *sk, int level, int name,
			 void *val, socklen_t *len)
{
	struct ux_sock *u = ux(sk);
	struct timeval tv;
	uint64_t ns;
	int v, bit;

	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	if (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
		ns = name == SO_RCVTIMEO ? u->rcvtimeo : u->sndtimeo;
		tv.tv_sec = (time_t)(ns / 1000000000ULL);
		tv.tv_usec = (suseconds_t)(ns % 1000000000ULL / 1000);
		uk_socket_addr_out(&tv, sizeof(tv), val, len);
		return 0;
	}
	uk_mutex_lock(&ux_lock);
	switch (name) {
	case SO_SNDBUF:
		v = u->sndbuf;
		break;
	case SO_RCVBUF:
		v = u->rcvbuf;
		break;
	case SO_ERROR:
		v = u->err;
		u->err = 0;
		break;
	case SO_ACCEPTCONN:
		v = u->listening;
		break;
	default:
		bit = ux_flag_bit(name);
		if (bit < 0) {
			uk_mutex_unlock(&ux_lock);
			return -ENOPROTOOPT;
		}
		v = !!(u->opts & (1U << bit));
	}
	uk_mutex_unlock(&ux_lock);
	uk_socket_addr_out(&v, sizeof(v), val, len);
	return 0;
}

static int ux_getname(struct uk_socket *sk, struct sockaddr *addr,
		      socklen_t *len, int peer)
{
	struct ux_sock *u = ux(sk);
	int rc = 0;

	uk_mutex_lock(&ux_lock);
	if (!peer)
		ux_name_out(u->name, u->namelen, addr, len);
	else if (!u->connected)
		rc = -ENOTCONN;
	else
		ux_name_out(u->peername, u->peernamelen, addr, len);
	uk_mutex_unlock(&ux_lock);
	return rc;
}

static unsigned int ux_poll(struct uk_socket *sk, unsigned long *seq)
{
	struct ux_sock *u = ux(sk), *p;
	unsigned int m = 0;

	uk_mutex_lock(&ux_lock);
	*seq = u->seq;
	if (u->listening) {
		if (u->acc_head)
			m |= UK_POLLIN;
		uk_mutex_unlock(&ux_lock);
		return m;
	}
	if (u->head || u->err)
		m |= UK_POLLIN;
	if (u->err)
		m |= UK_POLLERR;
	if (u->shut & UX_RCV_SHUT)
		m |= UK_POLLIN | UK_POLLRDHUP;
	if (u->shut == (UX_RCV_SHUT | UX_SND_SHUT))
		m |= UK_POLLHUP;
	p = u->peer;
	if (u->type == SOCK_DGRAM) {
		if (!p || p->closed || !p->qmem ||
		    p->qmem + UX_MSG_COST < (size_t)p->rcvbuf)
			m |= UK_POLLOUT;
	} else if (!u->connected) {
		m |= UK_POLLOUT | UK_POLLHUP;
	} else if (!p || (u->shut & UX_SND_SHUT) ||
		   p->qmem + UX_MSG_COST < (size_t)u->sndbuf) {
		m |= UK_POLLOUT;
	}
	uk_mutex_unlock(&ux_lock);
	return m;
}

static int ux_ioctl(struct uk_socket *sk, unsigned long req, void *arg)
{
	struct ux_sock *u = ux(sk);
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	uk_mutex_lock(&ux_lock);
	if (u->listening)
		n = -EINVAL;
	else if (u->type == SOCK_STREAM)
		n = (int)u->qbytes;
	else
		n = u->head ? (int)u->head->len : 0;
	uk_mutex_unlock(&ux_lock);
	if (n < 0)
		return n;
	*(int *)arg = n;
	return 0;
}

static const struct uk_socket_ops ux_ops = {
	.create = ux_create,
	.pair = ux_pair,
	.release = ux_release,
	.bind = ux_bind,
	.listen = ux_listen,
	.accept = ux_accept,
	.connect = ux_connect,
	.sendmsg = ux_sendmsg,
	.recvmsg = ux_recvmsg,
	.shutdown = ux_shutdown,
	.setsockopt = ux_setsockopt,
	.getsockopt = ux_getsockopt,
	.getname = ux_getname,
	.poll = ux_poll,
	.ioctl = ux_ioctl,
};

static struct uk_socket_family ux_family = {
	.family = AF_UNIX,
	.name = "unix",
	.ops = &ux_ops,
};

static int ux_register(void)
{
	uk_condvar_init(&ux_cv);
	return uk_socket_family_register(&ux_family);
}
uk_lib_initcall(ux_register);
