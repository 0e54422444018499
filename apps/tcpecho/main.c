/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tcpecho: a TCP echo server. One thread, non-blocking sockets and
 * edge-triggered epoll: every byte a client sends comes back on the same
 * connection. A connection's unsent bytes wait in its own buffer, and
 * while that is full the server stops reading from it (so a fast sender
 * is slowed down by TCP instead of filling memory). UDP datagrams to the
 * same port (up to 65,507 bytes, the largest IPv4 carries) are sent back
 * to their sender as they are.
 *
 * usage: tcpecho [port=N] [count=N] [poll=busy]
 *   port   TCP port to listen on (default 7)
 *   count  exit after N connections have closed (default 0: never)
 *   poll   busy: epoll_wait() with a zero timeout in a loop, never
 *          blocking, as Redis does during a long script: the input must
 *          come in all the same (the zero-timeout path yields)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#define BUF_SIZE	65536	/* bytes buffered per connection */
#define MAX_EVENTS	64

struct conn {
	int fd;
	size_t head, len;	/* unsent bytes at buf[head..head+len) */
	int eof;		/* the client shut down its sending side */
	char buf[BUF_SIZE];
};

static unsigned long opened, closed, datagrams;
static unsigned long long echoed;

/* epoll's data.ptr for the UDP socket (NULL is the listening socket). */
static char udp_marker;

static void udp_echo(int ufd)
{
	static char dgram[65536];

	for (;;) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		ssize_t n = recvfrom(ufd, dgram, sizeof(dgram), 0,
				     (struct sockaddr *)&from, &flen);

		if (n < 0) {
			if (errno != EAGAIN)
				printf("tcpecho: recvfrom: %s\n",
				       strerror(errno));
			return;
		}
		if (sendto(ufd, dgram, (size_t)n, 0, (struct sockaddr *)&from,
			   flen) != n)
			printf("tcpecho: sendto %zd bytes: %s\n", n,
			       strerror(errno));
		else
			datagrams++;
	}
}

static void conn_close(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
	closed++;
}

/* Sends what is buffered; returns -1 when the connection is dead. */
static int flush(struct conn *c)
{
	while (c->len) {
		ssize_t n = write(c->fd, c->buf + c->head, c->len);

		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		c->head += (size_t)n;
		c->len -= (size_t)n;
		echoed += (unsigned long long)n;
	}
	c->head = 0;
	return 0;
}

/* Reads into the free part of the buffer and sends it back, until the
 * socket has nothing more (edge-triggered) or the buffer stays full.
 * Returns -1 when the connection should close. */
static int serve(struct conn *c)
{
	for (;;) {
		size_t room = BUF_SIZE - c->head - c->len;
		ssize_t n;

		if (flush(c) < 0)
			return -1;
		if (c->len)
			return 0;	/* wait for EPOLLOUT */
		if (c->eof)
			return -1;	/* everything echoed */
		room = BUF_SIZE - c->len;
		n = read(c->fd, c->buf + c->len, room);
		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		if (n == 0)
			c->eof = 1;
		c->len += (size_t)n;
	}
}

static void accept_all(int ep, int lfd)
{
	for (;;) {
		struct epoll_event ev;
		struct conn *c;
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK), one = 1;

		if (fd < 0) {
			if (errno != EAGAIN)
				printf("tcpecho: accept: %s\n", strerror(errno));
			return;
		}
		c = malloc(sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		c->head = c->len = 0;
		c->eof = 0;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
		ev.data.ptr = c;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			printf("tcpecho: epoll_ctl: %s\n", strerror(errno));
			close(fd);
			free(c);
			continue;
		}
		opened++;
	}
}

int main(int argc, char *argv[])
{
	struct epoll_event evs[MAX_EVENTS], ev;
	struct sockaddr_in sin;
	unsigned long count = 0;
	int port = 7, lfd, ufd, ep, a, one = 1, timeout = -1;

	for (a = 1; a < argc; a++) {
		if (!strncmp(argv[a], "port=", 5)) {
			port = atoi(argv[a] + 5);
		} else if (!strncmp(argv[a], "count=", 6)) {
			count = strtoul(argv[a] + 6, NULL, 10);
		} else if (!strcmp(argv[a], "poll=busy")) {
			timeout = 0;
		} else {
			printf("usage: tcpecho [port=N] [count=N] [poll=busy]\n");
			return 2;
		}
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ufd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (ep < 0 || lfd < 0 || ufd < 0) {
		printf("tcpecho: epoll/socket: %s\n", strerror(errno));
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(lfd, SOMAXCONN) < 0 ||
	    bind(ufd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		printf("tcpecho: bind/listen on port %d: %s\n", port,
		       strerror(errno));
		return 1;
	}
	ev.events = EPOLLIN;
	ev.data.ptr = NULL;
	a = epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.ptr = &udp_marker;
	if (a < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, ufd, &ev) < 0) {
		printf("tcpecho: epoll_ctl: %s\n", strerror(errno));
		return 1;
	}
	printf("tcpecho: listening on port %d%s\n", port,
	       timeout ? "" : " (busy polling)");
	while (!count || closed < count) {
		int n = epoll_wait(ep, evs, MAX_EVENTS, timeout), i;

		if (n < 0) {
			printf("tcpecho: epoll_wait: %s\n", strerror(errno));
			return 1;
		}
		for (i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;

			if (!c) {
				accept_all(ep, lfd);
				continue;
			}
			if ((void *)c == &udp_marker) {
				udp_echo(ufd);
				continue;
			}
			if (evs[i].events & (EPOLLERR | EPOLLHUP) &&
			    !(evs[i].events & EPOLLIN)) {
				conn_close(ep, c);
				continue;
			}
			if (serve(c) < 0)
				conn_close(ep, c);
		}
	}
	printf("tcpecho: %lu connections, %llu bytes echoed, %lu datagrams\n",
	       opened, echoed, datagrams);
	close(ufd);
	close(lfd);
	close(ep);
	return 0;
}
