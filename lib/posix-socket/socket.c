/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket: the socket calls as vfscore file descriptors, and the
 * registry of address-family drivers (<uk/socket_driver.h>). Each
 * descriptor's file has sock_fops and points to a struct uk_socket whose
 * ops are its family driver's; every call below checks what does not
 * depend on the family and makes one indirect call. O_NONBLOCK lives in
 * the file's flags (fcntl, ioctl(FIONBIO), SOCK_NONBLOCK) and reaches the
 * driver as MSG_DONTWAIT or @nonblock.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <uk/vfs.h>
#include <uk/syscall.h>
#include <uk/socket_driver.h>

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif
#ifndef FIOASYNC
#define FIOASYNC 0x5452
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX ((ssize_t)(~(size_t)0 >> 1))
#endif

/* ---- the family registry ---- */

static struct uk_socket_family *families;

int uk_socket_family_register(struct uk_socket_family *fam)
{
	if (!fam || !fam->ops || !fam->ops->create || fam->family <= 0 ||
	    fam->family >= 64)
		return -EINVAL;
	if (uk_socket_family_find(fam->family))
		return -EEXIST;
	fam->next = families;
	families = fam;
	return 0;
}

const struct uk_socket_family *uk_socket_family_find(int family)
{
	struct uk_socket_family *fam;

	for (fam = families; fam; fam = fam->next)
		if (fam->family == family)
			return fam;
	return NULL;
}

void uk_socket_addr_out(const void *src, socklen_t n, struct sockaddr *addr,
			socklen_t *len)
{
	if (!addr || !len)
		return;
	memcpy(addr, src, *len < n ? *len : n);
	*len = n;
}

/* ---- sockets as files ---- */

static ssize_t sock_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off __unused);
static ssize_t sock_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off __unused);
static ssize_t sock_readv(struct uk_file *f, const struct iovec *iov,
			  int cnt, off_t *off __unused);
static ssize_t sock_writev(struct uk_file *f, const struct iovec *iov,
			   int cnt, off_t *off __unused);
static int sock_stat(struct uk_file *f, struct stat *st);
static int sock_ioctl(struct uk_file *f, unsigned long req, void *arg);
static void sock_release(struct uk_file *f);
static unsigned int sock_poll(struct uk_file *f, unsigned long *seq);

static const struct uk_file_ops sock_fops = {
	.read = sock_read,
	.write = sock_write,
	.readv = sock_readv,
	.writev = sock_writev,
	.stat = sock_stat,
	.ioctl = sock_ioctl,
	.release = sock_release,
	.poll = sock_poll,
};

static inline struct uk_socket *fsock(struct uk_file *f)
{
	return f->priv;
}

static inline int dontwait(struct uk_file *f, int flags)
{
	return f->flags & O_NONBLOCK ? flags | MSG_DONTWAIT : flags;
}

struct uk_socket *uk_socket_get(int fd, int *err)
{
	struct uk_file *f = uk_fd_get(fd);

	/* set on every path: callers return it whenever NULL comes back
	 * (GCC cannot tell that a socket file's priv is never NULL) */
	*err = -EBADF;
	if (!f)
		return NULL;
	if (f->ops != &sock_fops) {
		uk_file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	return fsock(f);
}

void uk_socket_put(struct uk_socket *sk)
{
	uk_file_put(sk->file);
}

static ssize_t sock_sendv(struct uk_file *f, const struct iovec *iov,
			  int cnt)
{
	struct uk_socket *sk = fsock(f);
	struct msghdr m;

	if (!sk->ops->sendmsg)
		return -EOPNOTSUPP;
	memset(&m, 0, sizeof(m));
	m.msg_iov = (struct iovec *)iov;
	m.msg_iovlen = cnt;
	return sk->ops->sendmsg(sk, &m, dontwait(f, 0));
}

static ssize_t sock_recvv(struct uk_file *f, const struct iovec *iov,
			  int cnt)
{
	struct uk_socket *sk = fsock(f);
	struct msghdr m;

	if (!sk->ops->recvmsg)
		return -EOPNOTSUPP;
	memset(&m, 0, sizeof(m));
	m.msg_iov = (struct iovec *)iov;
	m.msg_iovlen = cnt;
	return sk->ops->recvmsg(sk, &m, dontwait(f, 0));
}

static ssize_t sock_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off __unused)
{
	struct iovec v = { buf, len };

	return sock_recvv(f, &v, 1);
}

static ssize_t sock_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off __unused)
{
	struct iovec v = { (void *)buf, len };

	return sock_sendv(f, &v, 1);
}

/* readv/writev: the whole vector is one message (one datagram). */
static ssize_t sock_readv(struct uk_file *f, const struct iovec *iov,
			  int cnt, off_t *off __unused)
{
	return sock_recvv(f, iov, cnt);
}

static ssize_t sock_writev(struct uk_file *f, const struct iovec *iov,
			   int cnt, off_t *off __unused)
{
	return sock_sendv(f, iov, cnt);
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
	struct uk_socket *sk = fsock(f);

	/* SIGIO on readiness: there are no signals to send; accepted so
	 * that programs which ask for it (nginx's channels) carry on. */
	if (req == FIOASYNC)
		return arg ? 0 : -EFAULT;
	if (!sk->ops->ioctl)
		return -ENOTTY;
	return sk->ops->ioctl(sk, req, arg);
}

/* An accepted connection waiting for a free descriptor, its peer's
 * address as the driver gave it. */
struct uk_socket_held {
	struct uk_socket *sk;
	struct sockaddr_storage addr;
	socklen_t len;
};

static void sock_release(struct uk_file *f)
{
	struct uk_socket *sk = fsock(f);

	if (sk->held) {
		uk_file_put(sk->held->sk->file);
		free(sk->held);
	}
	if (sk->ops->release)
		sk->ops->release(sk);
	free(sk);
}

static unsigned int sock_poll(struct uk_file *f, unsigned long *seq)
{
	struct uk_socket *sk = fsock(f);
	unsigned int held = sk->held ? UK_POLLIN : 0;

	if (!sk->ops->poll) {
		*seq = 0;
		return held;
	}
	return sk->ops->poll(sk, seq) | held;
}

/* A socket object and its file (one reference), driver state not yet
 * set up; NULL when out of memory. */
static struct uk_socket *sock_alloc(const struct uk_socket_ops *ops,
				    int family, int type, int protocol,
				    int nonblock)
{
	struct uk_socket *sk = calloc(1, sizeof(*sk));

	if (!sk)
		return NULL;
	sk->ops = ops;
	sk->family = family;
	sk->type = type;
	sk->protocol = protocol;
	sk->file = uk_file_alloc(&sock_fops,
				 O_RDWR | (nonblock ? O_NONBLOCK : 0), sk);
	if (!sk->file) {
		free(sk);
		return NULL;
	}
	return sk;
}

static const struct uk_socket_ops no_ops;

/* Frees a socket whose driver state was never set up. */
static void sock_abort(struct uk_socket *sk)
{
	sk->ops = &no_ops;
	uk_file_put(sk->file);
}

/* A socket of @fam set up by its driver, or NULL and *@err. */
static struct uk_socket *sock_create(const struct uk_socket_family *fam,
				     int type, int protocol, int nonblock,
				     int *err)
{
	struct uk_socket *sk = sock_alloc(fam->ops, fam->family, type,
					  protocol, nonblock);
	int rc;

	if (!sk) {
		*err = -ENOMEM;
		return NULL;
	}
	rc = fam->ops->create(sk);
	if (rc < 0) {
		sock_abort(sk);
		*err = rc;
		return NULL;
	}
	return sk;
}

/* Put @sk's file in a descriptor; on failure the socket is closed. */
static int sock_install(struct uk_socket *sk, int cloexec)
{
	int fd = uk_fd_install(sk->file, cloexec);

	if (fd < 0)
		uk_file_put(sk->file);
	return fd;
}

#define SOCK_FLAGS	(SOCK_NONBLOCK | SOCK_CLOEXEC)

/* Family and type of socket()/socketpair(): the driver or -errno. */
static int sock_args(int domain, int *type,
		     const struct uk_socket_family **fam)
{
	if (*type & ~(SOCK_FLAGS | 0xf))
		return -EINVAL;
	*fam = uk_socket_family_find(domain);
	if (!*fam)
		return -EAFNOSUPPORT;
	*type &= ~SOCK_FLAGS;
	return 0;
}

/* ---- the calls ---- */

UK_SYSCALL_R_DEFINE(int, socket, int, domain, int, type, int, protocol)
{
	const struct uk_socket_family *fam;
	int flags = type & SOCK_FLAGS, rc;
	struct uk_socket *sk;

	rc = sock_args(domain, &type, &fam);
	if (rc < 0)
		return rc;
	sk = sock_create(fam, type, protocol, flags & SOCK_NONBLOCK, &rc);
	if (!sk)
		return rc;
	return sock_install(sk, !!(flags & SOCK_CLOEXEC));
}

UK_SYSCALL_R_DEFINE(int, socketpair, int, domain, int, type, int, protocol,
		    int *, sv)
{
	const struct uk_socket_family *fam;
	int flags = type & SOCK_FLAGS, rc, fd0, fd1;
	struct uk_socket *a, *b;

	if (!sv)
		return -EFAULT;
	rc = sock_args(domain, &type, &fam);
	if (rc < 0)
		return rc;
	if (!fam->ops->pair)
		return -EOPNOTSUPP;
	a = sock_create(fam, type, protocol, flags & SOCK_NONBLOCK, &rc);
	if (!a)
		return rc;
	b = sock_create(fam, type, protocol, flags & SOCK_NONBLOCK, &rc);
	if (!b) {
		uk_file_put(a->file);
		return rc;
	}
	rc = fam->ops->pair(a, b);
	if (rc < 0) {
		uk_file_put(a->file);
		uk_file_put(b->file);
		return rc;
	}
	fd0 = uk_fd_install(a->file, !!(flags & SOCK_CLOEXEC));
	if (fd0 < 0) {
		uk_file_put(a->file);
		uk_file_put(b->file);
		return fd0;
	}
	fd1 = sock_install(b, !!(flags & SOCK_CLOEXEC));
	if (fd1 < 0) {
		uk_vfs_close(fd0);
		return fd1;
	}
	sv[0] = fd0;
	sv[1] = fd1;
	return 0;
}

/* The address argument of bind/connect/sendto: the family must fit. */
static int addr_check(const struct sockaddr *addr, socklen_t len)
{
	if (!addr)
		return -EFAULT;
	if (len < sizeof(sa_family_t) || len > sizeof(struct sockaddr_storage))
		return -EINVAL;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, bind, int, fd, const struct sockaddr *, addr,
		    socklen_t, len)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	rc = addr_check(addr, len);
	if (rc == 0)
		rc = sk->ops->bind ? sk->ops->bind(sk, addr, len) :
				     -EOPNOTSUPP;
	uk_socket_put(sk);
	return rc;
}

UK_SYSCALL_R_DEFINE(int, listen, int, fd, int, backlog)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	/* Linux's net.core.somaxconn (the C library's SOMAXCONN may be
	 * older and smaller) */
	if (backlog < 0 || backlog > 4096)
		backlog = 4096;
	rc = sk->ops->listen ? sk->ops->listen(sk, backlog) : -EOPNOTSUPP;
	uk_socket_put(sk);
	return rc;
}

/*
 * The next connection of listener @sk: the one held back by an earlier
 * EMFILE, else the driver's. Its peer address in @h.
 */
static struct uk_socket *accept_next(struct uk_socket *sk,
				     struct uk_socket_held *h, int nonblock,
				     int *err)
{
	struct uk_socket_held *old;
	struct uk_socket *nsk;
	int rc;

	old = __atomic_exchange_n(&sk->held, NULL, __ATOMIC_ACQ_REL);
	if (old) {
		*h = *old;
		free(old);
		return h->sk;
	}
	nsk = sock_alloc(sk->ops, sk->family, sk->type, sk->protocol, 0);
	if (!nsk) {
		*err = -ENOMEM;
		return NULL;
	}
	memset(&h->addr, 0, sizeof(h->addr));
	h->len = sizeof(h->addr);
	rc = sk->ops->accept(sk, nsk, (struct sockaddr *)&h->addr, &h->len,
			     nonblock);
	if (rc < 0) {
		sock_abort(nsk);
		*err = rc;
		return NULL;
	}
	if (h->len > sizeof(h->addr))
		h->len = sizeof(h->addr);
	h->sk = nsk;
	return nsk;
}

/* No descriptor for @h's connection: keep it for the next accept(). */
static void accept_hold(struct uk_socket *sk, const struct uk_socket_held *h)
{
	struct uk_socket_held *c = malloc(sizeof(*c)), *none = NULL;

	if (c) {
		*c = *h;
		if (__atomic_compare_exchange_n(&sk->held, &none, c, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return;
		free(c);
	}
	uk_file_put(h->sk->file);
}

UK_SYSCALL_R_DEFINE(int, accept4, int, fd, struct sockaddr *, addr,
		    socklen_t *, len, int, flags)
{
	struct uk_socket *sk, *nsk;
	struct uk_socket_held h;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	if (flags & ~SOCK_FLAGS) {
		rc = -EINVAL;
		goto out;
	}
	if (!sk->ops->accept) {
		rc = -EOPNOTSUPP;
		goto out;
	}
	if (addr && !len) {
		rc = -EFAULT;
		goto out;
	}
	nsk = accept_next(sk, &h, !!(sk->file->flags & O_NONBLOCK), &rc);
	if (!nsk)
		goto out;
	if (flags & SOCK_NONBLOCK)
		nsk->file->flags |= O_NONBLOCK;
	else
		nsk->file->flags &= ~O_NONBLOCK;
	rc = uk_fd_install(nsk->file, !!(flags & SOCK_CLOEXEC));
	if (rc < 0) {
		accept_hold(sk, &h);
		goto out;
	}
	uk_socket_addr_out(&h.addr, h.len, addr, len);
out:
	uk_socket_put(sk);
	return rc;
}

UK_SYSCALL_R_DEFINE(int, accept, int, fd, struct sockaddr *, addr,
		    socklen_t *, len)
{
	return uk_syscall_r_accept4(fd, (long)addr, (long)len, 0);
}

UK_SYSCALL_R_DEFINE(int, connect, int, fd, const struct sockaddr *, addr,
		    socklen_t, len)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	rc = addr_check(addr, len);
	if (rc == 0)
		rc = sk->ops->connect ?
		     sk->ops->connect(sk, addr, len,
				      !!(sk->file->flags & O_NONBLOCK)) :
		     -EOPNOTSUPP;
	uk_socket_put(sk);
	return rc;
}

/* The iovec array of a message: count and total length must fit. */
static int iov_check(const struct iovec *iov, size_t cnt)
{
	size_t total = 0, i;

	if (cnt > IOV_MAX)
		return -EMSGSIZE;
	if (cnt && !iov)
		return -EFAULT;
	for (i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	return 0;
}

static ssize_t do_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct uk_socket *sk;
	int err;
	ssize_t rc;

	sk = uk_socket_get(fd, &err);
	if (!sk)
		return err;
	/* msg_iovlen is an int in musl's struct msghdr, a size_t in ours */
	rc = iov_check(msg->msg_iov, (size_t)msg->msg_iovlen);
	if (rc == 0 && msg->msg_name)
		rc = addr_check(msg->msg_name, msg->msg_namelen);
	if (rc == 0)
		rc = sk->ops->sendmsg ?
		     sk->ops->sendmsg(sk, msg, dontwait(sk->file, flags)) :
		     -EOPNOTSUPP;
	uk_socket_put(sk);
	return rc;
}

static ssize_t do_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct uk_socket *sk;
	int err;
	ssize_t rc;

	sk = uk_socket_get(fd, &err);
	if (!sk)
		return err;
	rc = iov_check(msg->msg_iov, (size_t)msg->msg_iovlen);
	if (rc == 0) {
		msg->msg_flags = 0;
		rc = sk->ops->recvmsg ?
		     sk->ops->recvmsg(sk, msg, dontwait(sk->file, flags)) :
		     -EOPNOTSUPP;
	}
	uk_socket_put(sk);
	return rc;
}

UK_SYSCALL_R_DEFINE(ssize_t, sendto, int, fd, const void *, buf, size_t, len,
		    int, flags, const struct sockaddr *, to, socklen_t, tolen)
{
	struct iovec v = { (void *)buf, len };
	struct msghdr m;

	memset(&m, 0, sizeof(m));
	m.msg_iov = &v;
	m.msg_iovlen = 1;
	if (to) {
		m.msg_name = (void *)to;
		m.msg_namelen = tolen;
	}
	return do_sendmsg(fd, &m, flags);
}

UK_SYSCALL_R_DEFINE(ssize_t, recvfrom, int, fd, void *, buf, size_t, len,
		    int, flags, struct sockaddr *, from, socklen_t *, fromlen)
{
	struct iovec v = { buf, len };
	struct msghdr m;
	ssize_t rc;

	if (from && !fromlen)
		return -EFAULT;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &v;
	m.msg_iovlen = 1;
	if (from) {
		m.msg_name = from;
		m.msg_namelen = *fromlen;
	}
	rc = do_recvmsg(fd, &m, flags);
	if (rc >= 0 && from)
		*fromlen = m.msg_namelen;
	return rc;
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return uk_syscall_e_sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return uk_syscall_e_recvfrom(fd, buf, len, flags, NULL, NULL);
}
#endif

UK_SYSCALL_R_DEFINE(ssize_t, sendmsg, int, fd, const struct msghdr *, msg,
		    int, flags)
{
	if (!msg)
		return -EFAULT;
	return do_sendmsg(fd, msg, flags);
}

UK_SYSCALL_R_DEFINE(ssize_t, recvmsg, int, fd, struct msghdr *, msg,
		    int, flags)
{
	if (!msg)
		return -EFAULT;
	return do_recvmsg(fd, msg, flags);
}

UK_SYSCALL_R_DEFINE(int, shutdown, int, fd, int, how)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	if (how < SHUT_RD || how > SHUT_RDWR)
		rc = -EINVAL;
	else
		rc = sk->ops->shutdown ? sk->ops->shutdown(sk, how) :
					 -EOPNOTSUPP;
	/* The socket's own side changed (RDHUP, HUP): epoll looks. */
	if (rc == 0)
		uk_file_poll_notify(sk->file);
	uk_socket_put(sk);
	return rc;
}

UK_SYSCALL_R_DEFINE(int, setsockopt, int, fd, int, level, int, name,
		    const void *, val, socklen_t, len)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	if (!val && len)
		rc = -EFAULT;
	else
		rc = sk->ops->setsockopt ?
		     sk->ops->setsockopt(sk, level, name, val, len) :
		     -ENOPROTOOPT;
	uk_socket_put(sk);
	return rc;
}

/* What the layer knows of every socket: type, family, protocol. */
static int getopt_common(struct uk_socket *sk, int name, int *v)
{
	switch (name) {
	case SO_TYPE:
		*v = sk->type;
		return 1;
	case SO_DOMAIN:
		*v = sk->family;
		return 1;
	case SO_PROTOCOL:
		*v = sk->protocol;
		return 1;
	}
	return 0;
}

UK_SYSCALL_R_DEFINE(int, getsockopt, int, fd, int, level, int, name,
		    void *, val, socklen_t *, len)
{
	struct uk_socket *sk;
	int rc, v;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	if (!val || !len) {
		rc = -EFAULT;
	} else if ((int)*len < 0) {
		rc = -EINVAL;
	} else if (level == SOL_SOCKET && getopt_common(sk, name, &v)) {
		uk_socket_addr_out(&v, sizeof(v), val, len);
		rc = 0;
	} else {
		rc = sk->ops->getsockopt ?
		     sk->ops->getsockopt(sk, level, name, val, len) :
		     -ENOPROTOOPT;
	}
	uk_socket_put(sk);
	return rc;
}

static int getname(int fd, struct sockaddr *addr, socklen_t *len, int peer)
{
	struct uk_socket *sk;
	int rc;

	sk = uk_socket_get(fd, &rc);
	if (!sk)
		return rc;
	if (!addr || !len)
		rc = -EFAULT;
	else if ((int)*len < 0)
		rc = -EINVAL;
	else
		rc = sk->ops->getname ? sk->ops->getname(sk, addr, len, peer) :
					-EOPNOTSUPP;
	uk_socket_put(sk);
	return rc;
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
