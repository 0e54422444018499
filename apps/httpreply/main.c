/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: a small HTTP/1.1 server on lwip sockets answering every
 * request with the same page. One thread, non-blocking sockets and
 * poll(); connections stay open between requests (keep-alive) unless the
 * client says "Connection: close" or speaks HTTP/1.0 without keep-alive;
 * pipelined requests are answered in order.
 *
 * usage: httpreply [port=N] [max=N] [count=N]
 *   port   TCP port to listen on (default 80)
 *   max    most connections open at once (default 1000)
 *   count  exit after answering N requests (default 0: never)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>

#define REQ_MAX		4096	/* bytes of one request's head */

static const char page[] =
	"<!DOCTYPE html>\n"
	"<html><head><title>Tessera</title></head>\n"
	"<body><h1>Hello from Tessera</h1>"
	"<p>httpreply on lwip</p></body></html>\n";

struct conn {
	char in[REQ_MAX];
	size_t inlen;
	char *out;		/* pending response bytes */
	size_t outlen, outoff;
	int close_after;	/* close once the output is sent */
};

static char resp_ka[512], resp_close[512];
static size_t resp_ka_len, resp_close_len;
static unsigned long requests, accepted;

static void make_responses(void)
{
	resp_ka_len = (size_t)snprintf(resp_ka, sizeof(resp_ka),
		"HTTP/1.1 200 OK\r\nServer: httpreply\r\n"
		"Content-Type: text/html\r\nContent-Length: %zu\r\n"
		"Connection: keep-alive\r\n\r\n%s", sizeof(page) - 1, page);
	resp_close_len = (size_t)snprintf(resp_close, sizeof(resp_close),
		"HTTP/1.1 200 OK\r\nServer: httpreply\r\n"
		"Content-Type: text/html\r\nContent-Length: %zu\r\n"
		"Connection: close\r\n\r\n%s", sizeof(page) - 1, page);
}

/* Case-insensitive search for header line "@name: @value" in @head. */
static int has_header(const char *head, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	const char *p = strstr(head, "\r\n");

	while (p && p[2] != '\r') {
		p += 2;
		if (!strncasecmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1;

			while (*v == ' ' || *v == '\t')
				v++;
			for (; *v && *v != '\r'; v++)
				if (!strncasecmp(v, value, vl))
					return 1;
		}
		p = strstr(p, "\r\n");
	}
	return 0;
}

static int append_out(struct conn *c, const char *s, size_t n)
{
	char *o = realloc(c->out, c->outlen + n);

	if (!o)
		return -1;
	memcpy(o + c->outlen, s, n);
	c->out = o;
	c->outlen += n;
	return 0;
}

/* Answer every complete request in the input; -1: close now. */
static int handle_input(struct conn *c)
{
	char *end;

	while (c->inlen && !c->close_after) {
		size_t used;
		int close;

		c->in[c->inlen] = 0;
		end = strstr(c->in, "\r\n\r\n");
		if (!end)
			return c->inlen >= REQ_MAX - 1 ? -1 : 0;
		end[2] = 0;
		used = (size_t)(end + 4 - c->in);
		if (strncmp(c->in, "GET ", 4) && strncmp(c->in, "HEAD ", 5))
			return -1;
		close = has_header(c->in, "Connection", "close") ||
			(strstr(c->in, "HTTP/1.0\r\n") &&
			 !has_header(c->in, "Connection", "keep-alive"));
		if (close) {
			if (append_out(c, resp_close, resp_close_len) < 0)
				return -1;
			c->close_after = 1;
		} else if (append_out(c, resp_ka, resp_ka_len) < 0) {
			return -1;
		}
		requests++;
		memmove(c->in, c->in + used, c->inlen - used);
		c->inlen -= used;
	}
	return 0;
}

/* Send what is pending; 1: all sent, 0: wait for POLLOUT, -1: error. */
static int flush_out(int fd, struct conn *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = write(fd, c->out + c->outoff, c->outlen - c->outoff);

		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		c->outoff += (size_t)n;
	}
	free(c->out);
	c->out = NULL;
	c->outlen = c->outoff = 0;
	return 1;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct pollfd *pfd;
	struct conn **conns;
	unsigned long max = 1000, count = 0;
	int port = 80, lfd, one = 1;
	nfds_t n = 1, i;

	for (int a = 1; a < argc; a++) {
		if (!strncmp(argv[a], "port=", 5)) {
			port = atoi(argv[a] + 5);
		} else if (!strncmp(argv[a], "max=", 4)) {
			max = strtoul(argv[a] + 4, NULL, 10);
		} else if (!strncmp(argv[a], "count=", 6)) {
			count = strtoul(argv[a] + 6, NULL, 10);
		} else {
			printf("usage: httpreply [port=N] [max=N] [count=N]\n");
			return 2;
		}
	}
	if (!max)
		max = 1;
	make_responses();
	pfd = calloc(max + 1, sizeof(*pfd));
	conns = calloc(max + 1, sizeof(*conns));
	if (!pfd || !conns) {
		printf("httpreply: out of memory\n");
		return 1;
	}
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0) {
		printf("httpreply: socket: %s\n", strerror(errno));
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, SOMAXCONN) < 0) {
		printf("httpreply: bind/listen on port %d: %s\n", port,
		       strerror(errno));
		return 1;
	}
	printf("httpreply: listening on port %d\n", port);
	pfd[0].fd = lfd;
	pfd[0].events = POLLIN;
	for (;;) {
		if (count && requests >= count) {
			for (i = 1; i < n; i++)
				if (conns[i]->outlen)
					break;
			if (i == n)
				break;
		}
		if (poll(pfd, n, -1) < 0) {
			printf("httpreply: poll: %s\n", strerror(errno));
			return 1;
		}
		/* Connections first: accepting appends to the arrays. */
		for (i = 1; i < n; i++) {
			struct conn *c = conns[i];
			int fd = pfd[i].fd, drop = 0, rc;

			if (!pfd[i].revents)
				continue;
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				ssize_t got = read(fd, c->in + c->inlen,
						   REQ_MAX - 1 - c->inlen);

				if (got > 0) {
					c->inlen += (size_t)got;
					drop = handle_input(c) < 0;
				} else if (got == 0 || errno != EAGAIN) {
					drop = 1;
				}
			}
			if (!drop) {
				rc = flush_out(fd, c);
				drop = rc < 0 || (rc == 1 && c->close_after);
				pfd[i].events = rc == 0 ? POLLIN | POLLOUT : POLLIN;
			}
			if (drop) {
				close(fd);
				free(c->out);
				free(c);
				n--;
				pfd[i] = pfd[n];
				conns[i] = conns[n];
				i--;
			}
		}
		if (pfd[0].revents & POLLIN) {
			for (;;) {
				int cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);

				if (cfd < 0)
					break;
				if (n > max || !(conns[n] = calloc(1, sizeof(**conns)))) {
					close(cfd);
					continue;
				}
				setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one,
					   sizeof(one));
				pfd[n].fd = cfd;
				pfd[n].events = POLLIN;
				pfd[n].revents = 0;
				n++;
				accepted++;
			}
		}
	}
	/* Close gracefully and give lwip time to send the last bytes. */
	for (i = 1; i < n; i++)
		close(pfd[i].fd);
	close(lfd);
	poll(NULL, 0, 300);
	printf("httpreply: %lu requests on %lu connections\n", requests,
	       accepted);
	return 0;
}
