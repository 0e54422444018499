/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket tests: the family registry and the layer's own errors;
 * with AF_UNIX, stream, datagram and seqpacket sockets: data, readv and
 * writev, names (abstract and path), listen/connect/accept, EOF, EPIPE,
 * non-blocking EAGAIN, poll and epoll readiness, options and their
 * bounds, and (with a scheduler) a blocking read woken by another
 * thread and a zero-timeout epoll_wait/poll that lets another thread's
 * input in.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <uk/sched.h>
#include <uk/socket_driver.h>
#include <uk/test.h>

#ifndef FIOASYNC
#define FIOASYNC 0x5452
#endif

#define AF_NOBODY 42	/* a family no driver registers */

static int dummy_create(struct uk_socket *sk __unused)
{
	return -EPROTONOSUPPORT;
}

static const struct uk_socket_ops dummy_ops = { .create = dummy_create };

UK_TESTCASE(posix_socket, registry)
{
	static struct uk_socket_family bad = { .family = 0,
					       .ops = &dummy_ops };
	static struct uk_socket_family late = { .family = AF_NOBODY + 1,
						.name = "late",
						.ops = &dummy_ops };
	static struct uk_socket_family dup = { .family = AF_NOBODY + 1,
					       .ops = &dummy_ops };
	int sv[2];

	UK_TEST_EXPECT_EQ(socket(AF_NOBODY, SOCK_STREAM, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EAFNOSUPPORT);
	UK_TEST_EXPECT_EQ(socketpair(AF_NOBODY, SOCK_STREAM, 0, sv), -1);
	UK_TEST_EXPECT_EQ(errno, EAFNOSUPPORT);
	UK_TEST_EXPECT_NULL(uk_socket_family_find(AF_NOBODY));
	UK_TEST_EXPECT_EQ(uk_socket_family_register(&bad), -EINVAL);
	/* a family registered late is found; the same family twice not */
	if (!uk_socket_family_find(AF_NOBODY + 1))
		UK_TEST_EXPECT_EQ(uk_socket_family_register(&late), 0);
	UK_TEST_EXPECT_EQ(uk_socket_family_register(&dup), -EEXIST);
	UK_TEST_EXPECT_EQ(socket(AF_NOBODY + 1, SOCK_STREAM, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EPROTONOSUPPORT);
	/* the driver without pair: EOPNOTSUPP as Linux for AF_INET */
	UK_TEST_EXPECT_EQ(socketpair(AF_NOBODY + 1, SOCK_STREAM, 0, sv), -1);
	UK_TEST_EXPECT_EQ(errno, EOPNOTSUPP);
}

UK_TESTCASE(posix_socket, not_a_socket)
{
	struct sockaddr sa = { .sa_family = AF_UNSPEC };
	socklen_t len = sizeof(sa);
	int v;

	UK_TEST_EXPECT_ERRNO(bind(0, &sa, sizeof(sa)), ENOTSOCK);
	UK_TEST_EXPECT_ERRNO(listen(1, 1), ENOTSOCK);
	UK_TEST_EXPECT_ERRNO(getsockopt(2, SOL_SOCKET, SO_TYPE, &v, &len),
			     ENOTSOCK);
	UK_TEST_EXPECT_ERRNO(accept(999, NULL, NULL), EBADF);
	UK_TEST_EXPECT_ERRNO(shutdown(-1, SHUT_RD), EBADF);
	UK_TEST_EXPECT_ERRNO(socket(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);
}

#if CONFIG_LIBPOSIX_SOCKET_UNIX

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return (socklen_t)(sizeof(sa_family_t) + 1 + strlen(name));
}

static socklen_t pathname(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return (socklen_t)sizeof(*a);
}

static short revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

UK_TESTCASE(posix_socket, unix_pair_stream)
{
	struct iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
	char buf[16], x[2], y[8];
	struct iovec in[2] = { { x, sizeof(x) }, { y, sizeof(y) } };
	struct stat st;
	int sv[2], n, v;
	socklen_t len;

	UK_TEST_EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
				     sv), 0);
	UK_TEST_EXPECT_EQ(fcntl(sv[0], F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT_EQ(fstat(sv[0], &st), 0);
	UK_TEST_EXPECT(S_ISSOCK(st.st_mode));
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len), 0);
	UK_TEST_EXPECT_EQ(v, SOCK_STREAM);
	UK_TEST_EXPECT_EQ(len, sizeof(int));
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len),
			  0);
	UK_TEST_EXPECT_EQ(v, AF_UNIX);

	UK_TEST_EXPECT_EQ(revents(sv[1], POLLIN | POLLOUT), POLLOUT);
	UK_TEST_EXPECT_EQ(write(sv[0], "hello", 5), 5);
	UK_TEST_EXPECT_EQ(revents(sv[1], POLLIN | POLLOUT), POLLIN | POLLOUT);
	UK_TEST_EXPECT_EQ(ioctl(sv[1], FIONREAD, &n), 0);
	UK_TEST_EXPECT_EQ(n, 5);
	/* nginx asks for SIGIO on its channels: accepted */
	v = 1;
	UK_TEST_EXPECT_EQ(ioctl(sv[1], FIOASYNC, &v), 0);
	UK_TEST_EXPECT_EQ(recv(sv[1], buf, 3, MSG_PEEK), 3);
	UK_TEST_EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "hello", 5);
	/* bytes, no boundaries: two writes, one read */
	UK_TEST_EXPECT_EQ(writev(sv[1], out, 3), 6);
	UK_TEST_EXPECT_EQ(send(sv[1], "gh", 2, 0), 2);
	UK_TEST_EXPECT_EQ(readv(sv[0], in, 2), 8);
	UK_TEST_EXPECT_MEMEQ(x, "ab", 2);
	UK_TEST_EXPECT_MEMEQ(y, "cdefgh", 6);

	/* nothing to read: EAGAIN when non-blocking */
	UK_TEST_EXPECT_ERRNO(recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT),
			     EAGAIN);
	UK_TEST_EXPECT_EQ(fcntl(sv[0], F_SETFL, O_NONBLOCK), 0);
	UK_TEST_EXPECT_ERRNO(read(sv[0], buf, sizeof(buf)), EAGAIN);

	/* shutdown(SHUT_WR): the peer reads what is left, then EOF */
	UK_TEST_EXPECT_EQ(write(sv[1], "z", 1), 1);
	UK_TEST_EXPECT_EQ(shutdown(sv[1], SHUT_WR), 0);
	UK_TEST_EXPECT_ERRNO(write(sv[1], "y", 1), EPIPE);
	UK_TEST_EXPECT_EQ(revents(sv[0], POLLIN | POLLRDHUP),
			  POLLIN | POLLRDHUP);
	UK_TEST_EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 1);
	errno = EDOM;
	UK_TEST_EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_EQ(errno, EDOM);
	/* the other direction still works */
	UK_TEST_EXPECT_EQ(write(sv[0], "back", 4), 4);
	UK_TEST_EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 4);

	/* close: the peer gets EOF, EPIPE and POLLHUP */
	UK_TEST_EXPECT_EQ(close(sv[1]), 0);
	UK_TEST_EXPECT_EQ(revents(sv[0], POLLIN | POLLOUT) & (POLLIN | POLLHUP),
			  POLLIN | POLLHUP);
	UK_TEST_EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_ERRNO(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	UK_TEST_EXPECT_EQ(close(sv[0]), 0);
}

UK_TESTCASE(posix_socket, unix_buffer_bounds)
{
	static char blk[4096];
	int sv[2], v;
	socklen_t len = sizeof(v);
	long total = 0;
	ssize_t n;

	UK_TEST_EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
				     sv), 0);
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len),
			  0);
	UK_TEST_EXPECT_EQ(v, 212992);
	/* as Linux: doubled, at least 4608 (send) / 2304 (receive) */
	v = 1;
	UK_TEST_EXPECT_EQ(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v,
				     sizeof(v)), 0);
	UK_TEST_EXPECT_EQ(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v,
				     sizeof(v)), 0);
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, &len),
			  0);
	UK_TEST_EXPECT_EQ(v, 2304);
	v = 1 << 30;
	UK_TEST_EXPECT_EQ(setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &v,
				     sizeof(v)), 0);
	UK_TEST_EXPECT_EQ(getsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &v, &len),
			  0);
	UK_TEST_EXPECT_EQ(v, 2 * 212992);
	v = 5000;
	UK_TEST_EXPECT_EQ(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v,
				     sizeof(v)), 0);
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len),
			  0);
	UK_TEST_EXPECT_EQ(v, 10000);
	/* fill: the send buffer, less the messages' overhead, goes in,
	 * then EAGAIN */
	while ((n = write(sv[0], blk, sizeof(blk))) > 0)
		total += n;
	UK_TEST_EXPECT_EQ(n, -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT(total > 9000 && total < 10000);
	/* many one-byte writes cannot queue more than the bound either */
	while ((n = read(sv[1], blk, sizeof(blk))) > 0)
		total -= n;
	UK_TEST_EXPECT_EQ(total, 0);
	for (total = 0; write(sv[0], blk, 1) == 1; total++)
		;
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT(total > 10 && total < 10000 / 100);
	while (read(sv[1], blk, sizeof(blk)) > 0)
		;
	while ((n = write(sv[0], blk, sizeof(blk))) > 0)
		;
	UK_TEST_EXPECT_EQ(revents(sv[0], POLLOUT), 0);
	UK_TEST_EXPECT_EQ(read(sv[1], blk, sizeof(blk)), (ssize_t)sizeof(blk));
	UK_TEST_EXPECT_EQ(revents(sv[0], POLLOUT), POLLOUT);
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len), 0);
	UK_TEST_EXPECT_EQ(v, 0);
	UK_TEST_EXPECT_ERRNO(getsockopt(sv[0], IPPROTO_TCP, 1, &v, &len),
			     ENOPROTOOPT);
	UK_TEST_EXPECT_ERRNO(setsockopt(sv[0], SOL_SOCKET, 999, &v,
					sizeof(v)), ENOPROTOOPT);
	close(sv[0]);
	close(sv[1]);
}

UK_TESTCASE(posix_socket, unix_seqpacket_pair)
{
	char buf[8];
	struct msghdr m;
	struct iovec v = { buf, 3 };
	int sv[2];

	UK_TEST_EXPECT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	UK_TEST_EXPECT_EQ(write(sv[0], "one", 3), 3);
	UK_TEST_EXPECT_EQ(write(sv[0], "three", 5), 5);
	UK_TEST_EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 3);
	memset(&m, 0, sizeof(m));
	m.msg_iov = &v;
	m.msg_iovlen = 1;
	UK_TEST_EXPECT_EQ(recvmsg(sv[1], &m, 0), 3);
	UK_TEST_EXPECT(m.msg_flags & MSG_TRUNC);
	UK_TEST_EXPECT_MEMEQ(buf, "thr", 3);
	close(sv[0]);
	UK_TEST_EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
	close(sv[1]);
}

UK_TESTCASE(posix_socket, unix_dgram)
{
	struct sockaddr_un a, b, from;
	socklen_t alen, blen, len;
	char buf[16];
	int s1, s2, s3;

	s1 = socket(AF_UNIX, SOCK_DGRAM, 0);
	s2 = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	UK_TEST_EXPECT(s1 >= 0 && s2 >= 0);
	alen = abstract(&a, "ptest-a");
	blen = abstract(&b, "ptest-b");
	UK_TEST_EXPECT_EQ(bind(s1, (struct sockaddr *)&a, alen), 0);
	UK_TEST_EXPECT_ERRNO(bind(s1, (struct sockaddr *)&b, blen), EINVAL);
	UK_TEST_EXPECT_ERRNO(bind(s2, (struct sockaddr *)&a, alen),
			     EADDRINUSE);
	UK_TEST_EXPECT_EQ(bind(s2, (struct sockaddr *)&b, blen), 0);
	len = sizeof(from);
	UK_TEST_EXPECT_EQ(getsockname(s2, (struct sockaddr *)&from, &len), 0);
	UK_TEST_EXPECT_EQ(len, blen);
	UK_TEST_EXPECT_MEMEQ(&from, &b, blen);

	UK_TEST_EXPECT_ERRNO(recv(s2, buf, sizeof(buf), 0), EAGAIN);
	UK_TEST_EXPECT_EQ(sendto(s1, "ping", 4, 0, (struct sockaddr *)&b,
				 blen), 4);
	UK_TEST_EXPECT_EQ(sendto(s1, "pong!", 5, 0, (struct sockaddr *)&b,
				 blen), 5);
	UK_TEST_EXPECT_EQ(revents(s2, POLLIN), POLLIN);
	len = sizeof(from);
	UK_TEST_EXPECT_EQ(recvfrom(s2, buf, sizeof(buf), 0,
				   (struct sockaddr *)&from, &len), 4);
	UK_TEST_EXPECT_MEMEQ(buf, "ping", 4);
	UK_TEST_EXPECT_EQ(len, alen);
	UK_TEST_EXPECT_MEMEQ(&from, &a, alen);
	/* a datagram longer than the buffer is cut; MSG_TRUNC: its size */
	UK_TEST_EXPECT_EQ(recv(s2, buf, 2, MSG_PEEK | MSG_TRUNC), 5);
	UK_TEST_EXPECT_EQ(recv(s2, buf, 2, 0), 2);
	UK_TEST_EXPECT_ERRNO(recv(s2, buf, sizeof(buf), 0), EAGAIN);

	/* connected: send() and getpeername(); others may not send in */
	UK_TEST_EXPECT_ERRNO(send(s2, "x", 1, 0), ENOTCONN);
	UK_TEST_EXPECT_EQ(connect(s2, (struct sockaddr *)&a, alen), 0);
	len = sizeof(from);
	UK_TEST_EXPECT_EQ(getpeername(s2, (struct sockaddr *)&from, &len), 0);
	UK_TEST_EXPECT_EQ(len, alen);
	UK_TEST_EXPECT_EQ(send(s2, "back", 4, 0), 4);
	UK_TEST_EXPECT_EQ(read(s1, buf, sizeof(buf)), 4);
	s3 = socket(AF_UNIX, SOCK_DGRAM, 0);
	UK_TEST_EXPECT_ERRNO(sendto(s3, "x", 1, 0, (struct sockaddr *)&b,
				    blen), EPERM);
	/* an unbound sender gets a name, so that replies can come back */
	UK_TEST_EXPECT_EQ(sendto(s3, "anon", 4, 0, (struct sockaddr *)&a,
				 alen), 4);
	len = sizeof(from);
	UK_TEST_EXPECT_EQ(recvfrom(s1, buf, sizeof(buf), 0,
				   (struct sockaddr *)&from, &len), 4);
	UK_TEST_EXPECT_EQ(len, sizeof(sa_family_t) + 6);
	UK_TEST_EXPECT_EQ(from.sun_path[0], 0);

	/* names nobody bound */
	blen = abstract(&b, "ptest-nobody");
	UK_TEST_EXPECT_ERRNO(sendto(s3, "x", 1, 0, (struct sockaddr *)&b,
				    blen), ECONNREFUSED);
	blen = pathname(&b, "/dev/log-nobody");
	UK_TEST_EXPECT_ERRNO(connect(s3, (struct sockaddr *)&b, blen), ENOENT);
	/* the peer closed: ECONNREFUSED */
	close(s1);
	UK_TEST_EXPECT_ERRNO(send(s2, "x", 1, 0), ECONNREFUSED);
	close(s2);
	close(s3);
}

UK_TESTCASE(posix_socket, unix_listen_accept)
{
	struct sockaddr_un a, got;
	socklen_t alen, len;
	char buf[8];
	int l, c, s, c2, ep;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 5 };

	l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	UK_TEST_EXPECT(l >= 0 && c >= 0);
	alen = pathname(&a, "/tmp/ptest.sock");
	UK_TEST_EXPECT_ERRNO(connect(c, (struct sockaddr *)&a, alen), ENOENT);
	UK_TEST_EXPECT_EQ(bind(l, (struct sockaddr *)&a, alen), 0);
	/* bound but not listening */
	UK_TEST_EXPECT_ERRNO(connect(c, (struct sockaddr *)&a, alen),
			     ECONNREFUSED);
	UK_TEST_EXPECT_ERRNO(send(c, "x", 1, 0), ENOTCONN);
	UK_TEST_EXPECT_EQ(listen(l, 1), 0);
	UK_TEST_EXPECT_ERRNO(accept(l, NULL, NULL), EAGAIN);
	ep = epoll_create1(0);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 1, 0), 0);

	UK_TEST_EXPECT_EQ(connect(c, (struct sockaddr *)&a, alen), 0);
	UK_TEST_EXPECT_ERRNO(connect(c, (struct sockaddr *)&a, alen), EISCONN);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 1, 0), 1);
	UK_TEST_EXPECT_EQ(ev.data.u64, 5);
	/* the backlog (1) is full: a non-blocking connect says EAGAIN */
	c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	UK_TEST_EXPECT_ERRNO(connect(c2, (struct sockaddr *)&a, alen), EAGAIN);
	/* data may be sent before the server accepts */
	UK_TEST_EXPECT_EQ(write(c, "early", 5), 5);
	len = sizeof(got);
	s = accept4(l, (struct sockaddr *)&got, &len, SOCK_NONBLOCK);
	UK_TEST_EXPECT(s >= 0);
	UK_TEST_EXPECT_EQ(fcntl(s, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	/* the client is unnamed */
	UK_TEST_EXPECT_EQ(len, sizeof(sa_family_t));
	len = sizeof(got);
	UK_TEST_EXPECT_EQ(getsockname(s, (struct sockaddr *)&got, &len), 0);
	UK_TEST_EXPECT_STREQ(got.sun_path, "/tmp/ptest.sock");
	UK_TEST_EXPECT_EQ(len, sizeof(sa_family_t) +
			  strlen("/tmp/ptest.sock") + 1);
	len = sizeof(got);
	UK_TEST_EXPECT_EQ(getpeername(c, (struct sockaddr *)&got, &len), 0);
	UK_TEST_EXPECT_STREQ(got.sun_path, "/tmp/ptest.sock");
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "early", 5);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	UK_TEST_EXPECT_EQ(connect(c2, (struct sockaddr *)&a, alen), 0);
	/* a pending connection whose listener closes: the client sees
	 * end of file */
	close(l);
	UK_TEST_EXPECT_EQ(read(c2, buf, sizeof(buf)), 0);
	/* the name is free again once the listener is closed */
	l = socket(AF_UNIX, SOCK_DGRAM, 0);
	UK_TEST_EXPECT_EQ(bind(l, (struct sockaddr *)&a, alen), 0);
	close(l);
	close(c2);
	close(s);
	close(c);
	close(ep);
}

static int peer_fd;

static void late_writer(void *arg __unused)
{
	uk_sched_sleep_ns(20000000ULL);
	write(peer_fd, "w", 1);
}

static void busy_writer(void *arg __unused)
{
	write(peer_fd, "b", 1);
}

UK_TESTCASE(posix_socket, unix_blocking_and_zero_timeout)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct pollfd p;
	struct uk_thread *t;
	char c;
	int sv[2], ep, i, n;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	UK_TEST_EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	/* a blocking read waits for another thread's write */
	peer_fd = sv[1];
	t = uk_thread_create(NULL, "late", NULL, late_writer, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	UK_TEST_EXPECT_EQ(read(sv[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(c, 'w');
	uk_thread_join(t, NULL);

	/* epoll_wait(..., 0) in a loop lets a runnable thread bring the
	 * input in (under the cooperative scheduler nothing else would
	 * run) */
	ep = epoll_create1(0);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev), 0);
	t = uk_thread_create(NULL, "busy", NULL, busy_writer, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	for (i = n = 0; i < 1000 && !n; i++)
		n = epoll_wait(ep, &ev, 1, 0);
	UK_TEST_EXPECT_EQ(n, 1);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(read(sv[0], &c, 1), 1);
	/* and so does poll(..., 0) */
	t = uk_thread_create(NULL, "busy", NULL, busy_writer, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	p = (struct pollfd){ .fd = sv[0], .events = POLLIN };
	for (i = n = 0; i < 1000 && !n; i++)
		n = poll(&p, 1, 0);
	UK_TEST_EXPECT_EQ(n, 1);
	uk_thread_join(t, NULL);
	close(ep);
	close(sv[0]);
	close(sv[1]);
}

#endif /* CONFIG_LIBPOSIX_SOCKET_UNIX */
