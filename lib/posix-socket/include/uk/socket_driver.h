/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket: address-family drivers. The socket calls (socket,
 * bind, sendmsg, ..., poll, select) and the descriptor side (a socket is
 * a vfscore file) are posix-socket's; what a socket of one family does is
 * its driver's. A network stack registers a driver per family it serves
 * (lwip: AF_INET and AF_INET6; posix-socket's own AF_UNIX):
 *
 *	static const struct uk_socket_ops my_ops = {
 *		.create = my_create, .release = my_release,
 *		.recvmsg = my_recvmsg, .sendmsg = my_sendmsg,
 *		.poll = my_poll, ...
 *	};
 *	static struct uk_socket_family my_inet = {
 *		.family = AF_INET, .name = "mystack", .ops = &my_ops,
 *	};
 *	UK_SOCKET_FAMILY_REGISTER(my_inet);
 *
 * Registration runs from ukboot's init table (library level), so the
 * family exists before main() with no list kept by hand; socket() on a
 * family nobody registered gives EAFNOSUPPORT, as on Linux.
 *
 * Calls: posix-socket checks the descriptor (EBADF, ENOTSOCK), the
 * arguments it can (lengths, flags) and folds O_NONBLOCK into
 * MSG_DONTWAIT (@flags) or @nonblock, then makes one call through the
 * table. Every op returns >= 0 or -errno. An op left NULL gives the
 * errno Linux gives a family without it (EOPNOTSUPP; ENOPROTOOPT for
 * options; ENOTTY for ioctl). Ops may block unless told not to; a
 * driver that changes a socket's readiness calls
 * uk_file_poll_notify(sk->file) (<uk/vfs.h>) so that poll, select and
 * epoll waiters look again. A driver that does so at every change sets
 * sk->file->poll_notify (lwip does): epoll then looks at the socket only
 * when notified; without it (AF_UNIX) epoll asks at every wait and
 * uk_file_poll_wake() is enough.
 *
 * Addresses are passed as the caller gave them (struct sockaddr, length
 * checked >= sizeof(sa_family_t) by the layer); returning one, a driver
 * uses uk_socket_addr_out() to truncate to the caller's length.
 *
 * posix-socket's own AF_UNIX driver (LIBPOSIX_SOCKET_UNIX, unix.c) keeps
 * sockets in memory. vfscore has no socket nodes, so path names are not
 * files: they live in the same table as abstract names, keyed by the
 * absolute path, and are free again when the socket closes.
 */
#ifndef __UK_SOCKET_DRIVER_H__
#define __UK_SOCKET_DRIVER_H__

#include <errno.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <uk/essentials.h>
#include <uk/init.h>

/* newlib has no Linux-only errno for an unsupported socket type */
#ifndef ESOCKTNOSUPPORT
#define ESOCKTNOSUPPORT EPROTONOSUPPORT
#endif

struct uk_file;
struct uk_socket_ops;

/* One socket; the vfscore file's priv. */
struct uk_socket {
	const struct uk_socket_ops *ops;
	struct uk_file *file;	/* its file (f->flags has O_NONBLOCK) */
	int family;
	int type;		/* SOCK_STREAM, SOCK_DGRAM... (no flags) */
	int protocol;
	void *priv;		/* the driver's own object */
	/* A listener's connection that accept() took from its driver but
	 * found no free descriptor for (EMFILE): the next accept() returns
	 * it, as Linux leaves the connection queued. posix-socket's. */
	struct uk_socket_held *held;
};

struct uk_socket_ops {
	/* Set up sk->priv for a new socket of sk->type/sk->protocol
	 * (-EPROTONOSUPPORT, -ESOCKTNOSUPPORT, -ENOMEM...). */
	int (*create)(struct uk_socket *sk);
	/* Both sockets created: connect them to each other (socketpair). */
	int (*pair)(struct uk_socket *a, struct uk_socket *b);
	/* Last reference gone (close): free sk->priv. */
	void (*release)(struct uk_socket *sk);
	int (*bind)(struct uk_socket *sk, const struct sockaddr *addr,
		    socklen_t len);
	int (*listen)(struct uk_socket *sk, int backlog);
	/* Fill @nsk (family, type, protocol and ops already copied from
	 * @sk) with the next connection; its peer address into @addr
	 * (may be NULL) with uk_socket_addr_out(). -EAGAIN if @nonblock
	 * and none is waiting. */
	int (*accept)(struct uk_socket *sk, struct uk_socket *nsk,
		      struct sockaddr *addr, socklen_t *len, int nonblock);
	/* -EINPROGRESS when @nonblock and the connection is under way. */
	int (*connect)(struct uk_socket *sk, const struct sockaddr *addr,
		       socklen_t len, int nonblock);
	/* @flags: MSG_* with MSG_DONTWAIT set when the file is
	 * O_NONBLOCK. @msg->msg_iovlen is at most IOV_MAX and the sum of
	 * lengths fits ssize_t. read() and write() come here too, with
	 * one iovec and no address. */
	ssize_t (*sendmsg)(struct uk_socket *sk, const struct msghdr *msg,
			   int flags);
	/* As sendmsg; sets msg->msg_flags (MSG_TRUNC...), msg_namelen. */
	ssize_t (*recvmsg)(struct uk_socket *sk, struct msghdr *msg,
			   int flags);
	/* @how is SHUT_RD, SHUT_WR or SHUT_RDWR (checked). */
	int (*shutdown)(struct uk_socket *sk, int how);
	int (*setsockopt)(struct uk_socket *sk, int level, int name,
			  const void *val, socklen_t len);
	/* @val and @len are not NULL; set *@len to what was written. */
	int (*getsockopt)(struct uk_socket *sk, int level, int name,
			  void *val, socklen_t *len);
	/* Own (@peer 0) or peer address, with uk_socket_addr_out(). */
	int (*getname)(struct uk_socket *sk, struct sockaddr *addr,
		       socklen_t *len, int peer);
	/* Readiness as the vfscore poll file op (UK_POLL* bits, event
	 * count in *@seq); NULL: never ready. */
	unsigned int (*poll)(struct uk_socket *sk, unsigned long *seq);
	/* Requests other than FIONBIO/FIOCLEX (vfscore's): FIONREAD... */
	int (*ioctl)(struct uk_socket *sk, unsigned long req, void *arg);
};

struct uk_socket_family {
	int family;			/* AF_* */
	const char *name;		/* for messages: "lwip", "unix" */
	const struct uk_socket_ops *ops;
	struct uk_socket_family *next;	/* posix-socket's */
};

/* Make @fam serve socket(fam->family, ...). -EEXIST if a driver has the
 * family already, -EINVAL for a bad one. Call it from an init function
 * (UK_SOCKET_FAMILY_REGISTER does). */
int uk_socket_family_register(struct uk_socket_family *fam);
/* The driver of @family, or NULL. */
const struct uk_socket_family *uk_socket_family_find(int family);

#define __UK_SOCKET_REG_FN(fam)	UK_CONCAT(__uk_socket_register_, fam)
#define UK_SOCKET_FAMILY_REGISTER(fam)					\
	static int __UK_SOCKET_REG_FN(fam)(void)			\
	{								\
		return uk_socket_family_register(&(fam));		\
	}								\
	uk_lib_initcall(__UK_SOCKET_REG_FN(fam))

/* Copy @n bytes of address @src out to the caller's @addr, truncated to
 * *@len; *@len gets @n (as getsockname does). NULL @addr or @len: no-op. */
void uk_socket_addr_out(const void *src, socklen_t n, struct sockaddr *addr,
			socklen_t *len);

/* The socket behind descriptor @fd with a file reference (drop it with
 * uk_socket_put()), or NULL and *@err -EBADF / -ENOTSOCK. */
struct uk_socket *uk_socket_get(int fd, int *err);
void uk_socket_put(struct uk_socket *sk);

#endif /* __UK_SOCKET_DRIVER_H__ */
