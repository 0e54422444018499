/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip tests: address conversions, sockets as descriptors (fstat, fcntl,
 * errors), options, and TCP and UDP data over the loopback interface
 * (127.0.0.1) with read/write, poll and select.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <uk/test.h>
#include <uk/vfs.h>

UK_TESTCASE(lwip, inet_pton_ntop)
{
	unsigned char a6[16];
	struct in_addr a4, bad;
	char buf[INET6_ADDRSTRLEN];

	UK_TEST_EXPECT_EQ(inet_pton(AF_INET, "10.0.2.15", &a4), 1);
	UK_TEST_EXPECT_EQ(ntohl(a4.s_addr), 0x0a00020f);
	/* A failed conversion may have written part of its result. */
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET, "256.1.1.1", &bad), 0);
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET, "1.2.3", &bad), 0);
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET, "01.2.3.4", &bad), 0);
	UK_TEST_EXPECT_STREQ(inet_ntop(AF_INET, &a4, buf, sizeof(buf)) ?
			     buf : "", "10.0.2.15");
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "fe80::1:2", a6), 1);
	UK_TEST_EXPECT_EQ(a6[0], 0xfe);
	UK_TEST_EXPECT_EQ(a6[15], 2);
	UK_TEST_EXPECT_STREQ(inet_ntop(AF_INET6, a6, buf, sizeof(buf)) ?
			     buf : "", "fe80::1:2");
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "::", a6), 1);
	UK_TEST_EXPECT_STREQ(inet_ntop(AF_INET6, a6, buf, sizeof(buf)) ?
			     buf : "", "::");
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "::ffff:1.2.3.4", a6), 1);
	UK_TEST_EXPECT_STREQ(inet_ntop(AF_INET6, a6, buf, sizeof(buf)) ?
			     buf : "", "::ffff:1.2.3.4");
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "1:2:3:4:5:6:7:8:9", a6), 0);
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "1::2::3", a6), 0);
	UK_TEST_EXPECT_EQ(inet_pton(AF_INET6, "2001:db8:0:0:1:0:0:1", a6), 1);
	UK_TEST_EXPECT_STREQ(inet_ntop(AF_INET6, a6, buf, sizeof(buf)) ?
			     buf : "", "2001:db8::1:0:0:1");
	UK_TEST_EXPECT_NULL(inet_ntop(AF_INET, &a4, buf, 4));
	UK_TEST_EXPECT_EQ(errno, ENOSPC);
}

UK_TESTCASE(lwip, getaddrinfo_numeric)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_STREAM }, *res = NULL;
	struct sockaddr_in *sin;

	UK_TEST_EXPECT_EQ(getaddrinfo("10.1.2.3", "8080", &hints, &res), 0);
	UK_TEST_EXPECT_NOT_NULL(res);
	if (!res)
		return;
	sin = (struct sockaddr_in *)res->ai_addr;
	UK_TEST_EXPECT_EQ(res->ai_family, AF_INET);
	UK_TEST_EXPECT_EQ(ntohs(sin->sin_port), 8080);
	UK_TEST_EXPECT_EQ(ntohl(sin->sin_addr.s_addr), 0x0a010203);
	freeaddrinfo(res);
	UK_TEST_EXPECT_EQ(getaddrinfo("x", "http", &hints, &res), EAI_SERVICE);
	hints.ai_flags = AI_NUMERICHOST;
	UK_TEST_EXPECT_EQ(getaddrinfo("not-an-address", "1", &hints, &res),
			  EAI_NONAME);
}

UK_TESTCASE(lwip, socket_is_a_descriptor)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	struct stat st;
	int fd, one = 1, v = 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_EXPECT(fd >= 3);
	if (fd < 0)
		return;
	UK_TEST_EXPECT_EQ(fstat(fd, &st), 0);
	UK_TEST_EXPECT(S_ISSOCK(st.st_mode));
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	UK_TEST_EXPECT_EQ(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
				     sizeof(one)), 0);
	UK_TEST_EXPECT_EQ(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
				     sizeof(one)), 0);
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len), 0);
	UK_TEST_EXPECT(v != 0);
	/* TCP_CORK (nginx's tcp_nopush): accepted, recorded, read back */
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_CORK, &v, &len), 0);
	UK_TEST_EXPECT_EQ(v, 0);
	UK_TEST_EXPECT_EQ(setsockopt(fd, IPPROTO_TCP, TCP_CORK, &one,
				     sizeof(one)), 0);
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_CORK, &v, &len), 0);
	UK_TEST_EXPECT_EQ(v, 1);
	len = sizeof(v);
	UK_TEST_EXPECT_EQ(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), 0);
	UK_TEST_EXPECT_EQ(v, SOCK_STREAM);
	UK_TEST_EXPECT_EQ(setsockopt(fd, SOL_SOCKET, 999, &one, sizeof(one)), -1);
	UK_TEST_EXPECT_EQ(errno, ENOPROTOOPT);
	/* Port 0: lwip picks one. */
	len = sizeof(sa);
	UK_TEST_EXPECT_EQ(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	UK_TEST_EXPECT_EQ(listen(fd, 4), 0);
	UK_TEST_EXPECT_EQ(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	UK_TEST_EXPECT_EQ(sa.sin_family, AF_INET);
	UK_TEST_EXPECT(ntohs(sa.sin_port) != 0);
	UK_TEST_EXPECT_EQ(accept(fd, NULL, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(close(fd), 0);
	UK_TEST_EXPECT_EQ(listen(fd, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(listen(0, 1), -1);
	UK_TEST_EXPECT_EQ(errno, ENOTSOCK);
	/* 42: a family no driver registered */
	UK_TEST_EXPECT_EQ(socket(42, SOCK_STREAM, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EAFNOSUPPORT);
}

UK_TESTCASE(lwip, tcp_over_loopback)
{
	struct sockaddr_in sa = { .sin_family = AF_INET }, peer;
	socklen_t len = sizeof(sa);
	struct pollfd pfd;
	char buf[64];
	int l, c, s;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_EXPECT(l >= 0 && c >= 0);
	if (l < 0 || c < 0)
		return;
	UK_TEST_EXPECT_EQ(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	UK_TEST_EXPECT_EQ(listen(l, 4), 0);
	UK_TEST_EXPECT_EQ(getsockname(l, (struct sockaddr *)&sa, &len), 0);
	pfd = (struct pollfd){ .fd = l, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 0), 0);
	UK_TEST_EXPECT_EQ(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
	UK_TEST_EXPECT(pfd.revents & POLLIN);
	len = sizeof(peer);
	s = accept4(l, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
	UK_TEST_EXPECT(s >= 0);
	if (s < 0)
		goto out;
	UK_TEST_EXPECT_EQ(ntohl(peer.sin_addr.s_addr), INADDR_LOOPBACK);
	UK_TEST_EXPECT_EQ(fcntl(s, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(write(c, "hello", 5), 5);
	pfd = (struct pollfd){ .fd = s, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
	UK_TEST_EXPECT_EQ(recv(s, buf, sizeof(buf), MSG_PEEK), 5);
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "hello", 5);
	UK_TEST_EXPECT_EQ(send(s, "world!", 6, 0), 6);
	UK_TEST_EXPECT_EQ(recv(c, buf, sizeof(buf), MSG_WAITALL), 6);
	UK_TEST_EXPECT_MEMEQ(buf, "world!", 6);
	/* writev: one write of every buffer; readv fills them in turn */
	{
		struct iovec out[3] = { { "head", 4 }, { "", 0 },
					{ "-body", 5 } };
		char x[5], y[16];
		struct iovec in[2] = { { x, sizeof(x) }, { y, sizeof(y) } };

		UK_TEST_EXPECT_EQ(writev(c, out, 3), 9);
		pfd = (struct pollfd){ .fd = s, .events = POLLIN };
		UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
		UK_TEST_EXPECT_EQ(readv(s, in, 2), 9);
		UK_TEST_EXPECT_MEMEQ(x, "head-", 5);
		UK_TEST_EXPECT_MEMEQ(y, "body", 4);
	}
	len = sizeof(peer);
	UK_TEST_EXPECT_EQ(getpeername(c, (struct sockaddr *)&peer, &len), 0);
	UK_TEST_EXPECT_EQ(peer.sin_port, sa.sin_port);
	/* Shutting down the write side gives the peer end of file. */
	UK_TEST_EXPECT_EQ(shutdown(c, SHUT_WR), 0);
	pfd = (struct pollfd){ .fd = s, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
	/* End of file is no error: errno stays as it was (lwip's says
	 * ENOTCONN). */
	errno = EDOM;
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_EQ(errno, EDOM);
	UK_TEST_EXPECT_EQ(recv(s, buf, sizeof(buf), 0), 0);
	UK_TEST_EXPECT_EQ(errno, EDOM);
	close(s);
out:
	close(c);
	close(l);
}

/* A listener on 127.0.0.1 and a client connected to it; 0 or -1. */
static int loop_pair(int *l, int *c)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*l = socket(AF_INET, SOCK_STREAM, 0);
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*l < 0 || *c < 0 ||
	    bind(*l, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(*l, 4) ||
	    getsockname(*l, (struct sockaddr *)&sa, &len) ||
	    connect(*c, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	return 0;
}

/* accept() with no free descriptor: EMFILE, and the connection stays
 * queued (Linux); it used to be closed (the peer saw a reset). */
UK_TESTCASE(lwip, accept_emfile_keeps_the_connection)
{
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	unsigned int lim = uk_fd_limit();
	struct pollfd pfd;
	int l, c, s;
	char buf[8];

	if (loop_pair(&l, &c)) {
		UK_TEST_EXPECT(0);
		goto out;
	}
	/* every descriptor below l and c is taken: the table is full */
	UK_TEST_EXPECT_EQ(uk_fd_set_limit((unsigned long)(c > l ? c : l) + 1),
			  0);
	UK_TEST_EXPECT_ERRNO(accept(l, (struct sockaddr *)&peer, &len),
			     EMFILE);
	/* still waiting: the listener stays readable */
	pfd = (struct pollfd){ .fd = l, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 0), 1);
	UK_TEST_EXPECT_ERRNO(accept(l, NULL, NULL), EMFILE);
	uk_fd_set_limit(lim);
	len = sizeof(peer);
	s = accept(l, (struct sockaddr *)&peer, &len);
	UK_TEST_EXPECT(s >= 0);
	if (s < 0)
		goto out;
	UK_TEST_EXPECT_EQ(len, sizeof(peer));
	UK_TEST_EXPECT_EQ(ntohl(peer.sin_addr.s_addr), INADDR_LOOPBACK);
	/* the connection is alive both ways */
	UK_TEST_EXPECT_EQ(write(c, "ping", 4), 4);
	UK_TEST_EXPECT_EQ(recv(s, buf, 4, MSG_WAITALL), 4);
	UK_TEST_EXPECT_EQ(write(s, "pong", 4), 4);
	UK_TEST_EXPECT_EQ(recv(c, buf, 4, MSG_WAITALL), 4);
	UK_TEST_EXPECT_MEMEQ(buf, "pong", 4);
	pfd = (struct pollfd){ .fd = l, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 0), 0);
	close(s);
out:
	uk_fd_set_limit(lim);
	close(c);
	close(l);
}

/* A connection reset before it was accepted: accept() returns it (it
 * said ENOTCONN) and recv() says ECONNRESET, as on Linux. */
UK_TESTCASE(lwip, accept_after_reset)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	struct pollfd pfd;
	int l, c, s;
	char buf[8];

	if (loop_pair(&l, &c)) {
		UK_TEST_EXPECT(0);
		close(c);
		close(l);
		return;
	}
	pfd = (struct pollfd){ .fd = l, .events = POLLIN };
	UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
	/* SO_LINGER 0 with data not yet acknowledged: close() sends a
	 * reset (lwip sends one only then) */
	UK_TEST_EXPECT_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg,
				     sizeof(lg)), 0);
	UK_TEST_EXPECT_EQ(write(c, "x", 1), 1);
	close(c);
	poll(NULL, 0, 100);
	s = accept(l, (struct sockaddr *)&peer, &len);
	UK_TEST_EXPECT(s >= 0);
	if (s >= 0) {
		UK_TEST_EXPECT_EQ(peer.sin_family, AF_INET);
		/* the byte that came before the reset, then the reset */
		if (recv(s, buf, sizeof(buf), MSG_DONTWAIT) == 1)
			UK_TEST_EXPECT_EQ(buf[0], 'x');
		UK_TEST_EXPECT_ERRNO(recv(s, buf, sizeof(buf), 0),
				     ECONNRESET);
		close(s);
	}
	close(l);
}

UK_TESTCASE(lwip, udp_over_loopback_with_select)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, b, from;
	socklen_t len = sizeof(b);
	struct timeval tv = { 0, 0 };
	fd_set rfds;
	char buf[32];
	int u1, u2;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	u1 = socket(AF_INET, SOCK_DGRAM, 0);
	u2 = socket(AF_INET, SOCK_DGRAM, 0);
	UK_TEST_EXPECT(u1 >= 0 && u2 >= 0);
	if (u1 < 0 || u2 < 0)
		return;
	b = a;
	UK_TEST_EXPECT_EQ(bind(u1, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_EXPECT_EQ(bind(u2, (struct sockaddr *)&b, sizeof(b)), 0);
	UK_TEST_EXPECT_EQ(getsockname(u2, (struct sockaddr *)&b, &len), 0);
	FD_ZERO(&rfds);
	FD_SET(u2, &rfds);
	UK_TEST_EXPECT_EQ(select(u2 + 1, &rfds, NULL, NULL, &tv), 0);
	UK_TEST_EXPECT_EQ(sendto(u1, "ping", 4, 0, (struct sockaddr *)&b,
				 sizeof(b)), 4);
	FD_SET(u2, &rfds);
	tv.tv_sec = 1;
	UK_TEST_EXPECT_EQ(select(u2 + 1, &rfds, NULL, NULL, &tv), 1);
	UK_TEST_EXPECT(FD_ISSET(u2, &rfds));
	len = sizeof(from);
	UK_TEST_EXPECT_EQ(recvfrom(u2, buf, sizeof(buf), 0,
				   (struct sockaddr *)&from, &len), 4);
	UK_TEST_EXPECT_MEMEQ(buf, "ping", 4);
	UK_TEST_EXPECT_EQ(len, sizeof(from));
	UK_TEST_EXPECT_EQ(ntohl(from.sin_addr.s_addr), INADDR_LOOPBACK);
	UK_TEST_EXPECT_EQ(recv(u2, buf, sizeof(buf), MSG_DONTWAIT), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	/* writev is one datagram, readv scatters one */
	{
		struct iovec out[2] = { { "ab", 2 }, { "cdef", 4 } };
		char x[3], y[8];
		struct iovec in[2] = { { x, sizeof(x) }, { y, sizeof(y) } };
		struct pollfd pfd = { .fd = u2, .events = POLLIN };

		UK_TEST_EXPECT_EQ(connect(u1, (struct sockaddr *)&b,
					  sizeof(b)), 0);
		UK_TEST_EXPECT_EQ(writev(u1, out, 2), 6);
		UK_TEST_EXPECT_EQ(poll(&pfd, 1, 1000), 1);
		UK_TEST_EXPECT_EQ(readv(u2, in, 2), 6);
		UK_TEST_EXPECT_MEMEQ(x, "abc", 3);
		UK_TEST_EXPECT_MEMEQ(y, "def", 3);
		UK_TEST_EXPECT_EQ(recv(u2, buf, sizeof(buf), MSG_DONTWAIT),
				  -1);
	}
	close(u1);
	close(u2);
}

/* epoll on loopback TCP: the listener, level- and edge-triggered data,
 * EPOLLRDHUP on the peer's shutdown, and a closed socket leaving the
 * interest list. */
UK_TESTCASE(lwip, epoll_over_loopback)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	struct epoll_event ev, out[4];
	int l, c, s = -1, ep;
	char buf[64];

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ep = epoll_create1(0);
	l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_EXPECT(ep >= 0 && l >= 0 && c >= 0);
	if (ep < 0 || l < 0 || c < 0)
		return;
	UK_TEST_EXPECT_EQ(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	UK_TEST_EXPECT_EQ(listen(l, 4), 0);
	UK_TEST_EXPECT_EQ(getsockname(l, (struct sockaddr *)&sa, &len), 0);
	ev.events = EPOLLIN;
	ev.data.u64 = 1;
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
	UK_TEST_EXPECT_EQ(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 1000), 1);
	UK_TEST_EXPECT_EQ(out[0].events, EPOLLIN);
	UK_TEST_EXPECT_EQ(out[0].data.u64, 1);
	s = accept4(l, NULL, NULL, SOCK_NONBLOCK);
	UK_TEST_EXPECT(s >= 0);
	if (s < 0)
		goto out;
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);

	/* a fresh connection is writable; edge-triggered reports it once */
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
	ev.data.u64 = 2;
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 1000), 1);
	UK_TEST_EXPECT_EQ(out[0].events, EPOLLOUT);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
	UK_TEST_EXPECT_EQ(write(c, "ping", 4), 4);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 1000), 1);
	UK_TEST_EXPECT(out[0].events & EPOLLIN);
	UK_TEST_EXPECT_EQ(out[0].data.u64, 2);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 4);

	/* level-triggered: reported while data is unread */
	ev.events = EPOLLIN | EPOLLRDHUP;
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev), 0);
	UK_TEST_EXPECT_EQ(write(c, "pong", 4), 4);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 1000), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 1);
	UK_TEST_EXPECT_EQ(out[0].events, EPOLLIN);
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);

	/* the peer shuts down its sending side */
	UK_TEST_EXPECT_EQ(shutdown(c, SHUT_WR), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 1000), 1);
	UK_TEST_EXPECT_EQ(out[0].events, EPOLLIN | EPOLLRDHUP);
	UK_TEST_EXPECT_EQ(read(s, buf, sizeof(buf)), 0);

	/* closing the socket takes it out of the list */
	close(s);
	s = -1;
	UK_TEST_EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
out:
	close(c);
	close(l);
	close(ep);
}

/* poll() asks every file for its state: a pipe is not always ready. */
UK_TESTCASE(lwip, poll_on_pipes)
{
	struct pollfd pfd[2];
	int p[2];

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	UK_TEST_EXPECT_EQ(poll(pfd, 1, 0), 0);
	UK_TEST_EXPECT_EQ(poll(pfd, 1, 20), 0);
	UK_TEST_EXPECT_EQ(poll(pfd, 2, 0), 1);
	UK_TEST_EXPECT_EQ(pfd[1].revents, POLLOUT);
	UK_TEST_EXPECT_EQ(write(p[1], "x", 1), 1);
	UK_TEST_EXPECT_EQ(poll(pfd, 2, 0), 2);
	UK_TEST_EXPECT_EQ(pfd[0].revents, POLLIN);
	close(p[1]);
	UK_TEST_EXPECT_EQ(poll(pfd, 1, 0), 1);
	UK_TEST_EXPECT_EQ(pfd[0].revents, POLLIN | POLLHUP);
	close(p[0]);
}
