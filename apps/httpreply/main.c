/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: a small HTTP/1.1 server on lwip sockets answering every
 * request with the same page. One thread, non-blocking sockets and
 * poll(); connections stay open between requests (keep-alive) unless the
 * client says "Connection: close" or speaks HTTP/1.0 without keep-alive;
 * pipelined requests are answered in order. Lines may end in CRLF or a
 * bare LF; a malformed request (a NUL byte, no HTTP version, a head over
 * 4 KiB) gets 400 or 431, another method than GET or HEAD 501, and the
 * connection closes after the answer. count= counts every answer.
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
static size_t resp_ka_len, resp_close_len, head_ka_len, head_close_len;
static unsigned long requests, accepted;

static void make_responses(void)
{
	static const char fmt[] =
		"HTTP/1.1 200 OK\r\nServer: httpreply\r\n"
		"Content-Type: text/html\r\nContent-Length: %zu\r\n"
		"Connection: %s\r\n\r\n";

	head_ka_len = (size_t)snprintf(resp_ka, sizeof(resp_ka), fmt,
				       sizeof(page) - 1, "keep-alive");
	resp_ka_len = head_ka_len + (size_t)snprintf(resp_ka + head_ka_len,
		sizeof(resp_ka) - head_ka_len, "%s", page);
	head_close_len = (size_t)snprintf(resp_close, sizeof(resp_close), fmt,
					  sizeof(page) - 1, "close");
	resp_close_len = head_close_len + (size_t)snprintf(
		resp_close + head_close_len,
		sizeof(resp_close) - head_close_len, "%s", page);
}

/*
 * Length of the request head at the start of @in (up to and with its
 * empty line), or 0 while it is incomplete. Lines end in CRLF or, as
 * RFC 9112 (2.2) lets a server accept, in a bare LF.
 */
static size_t head_length(const char *in, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (in[i] != '\n')
			continue;
		if (i + 1 < len && in[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && in[i + 1] == '\r' && in[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Length of the line at @p (without its CRLF or LF) and, in *@next,
 * where the following one starts. */
static size_t line_length(const char *p, const char **next)
{
	const char *nl = strchr(p, '\n');
	size_t n;

	if (!nl) {
		*next = p + strlen(p);
		return strlen(p);
	}
	*next = nl + 1;
	n = (size_t)(nl - p);
	return n && p[n - 1] == '\r' ? n - 1 : n;
}

/* Whether header @name in @head (NUL-terminated, after the request
 * line) lists @token, case-insensitively. */
static int has_token(const char *head, const char *name, const char *token)
{
	size_t nl = strlen(name), tl = strlen(token), n, i;
	const char *p = head, *next;

	for (; *p; p = next) {
		n = line_length(p, &next);
		if (n <= nl || strncasecmp(p, name, nl) || p[nl] != ':')
			continue;
		for (i = nl + 1; i + tl <= n; i++)
			if (!strncasecmp(p + i, token, tl))
				return 1;
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

/* An error answer; the connection closes once it is sent. */
static int answer_error(struct conn *c, const char *status)
{
	char r[160];
	int n = snprintf(r, sizeof(r),
			 "HTTP/1.1 %s\r\nServer: httpreply\r\n"
			 "Content-Length: 0\r\nConnection: close\r\n\r\n",
			 status);

	c->close_after = 1;
	requests++;
	return append_out(c, r, (size_t)n);
}

/*
 * Answer the request whose head is the NUL-terminated @head: 200 for
 * GET and HEAD (no body) over HTTP/1.0 or 1.1, 501 for other methods,
 * 400 for anything malformed.
 */
static int answer(struct conn *c, const char *head)
{
	const char *line_end, *sp1, *sp2;
	size_t n = line_length(head, &line_end);
	int is_head, close;

	sp1 = memchr(head, ' ', n);
	sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - head)) : NULL;
	if (!sp1 || !sp2 || sp2 == sp1 + 1 ||
	    n - (size_t)(sp2 + 1 - head) != 8 ||
	    (strncmp(sp2 + 1, "HTTP/1.0", 8) && strncmp(sp2 + 1, "HTTP/1.1", 8)))
		return answer_error(c, "400 Bad Request");
	is_head = sp1 - head == 4 && !strncmp(head, "HEAD", 4);
	if (!is_head && !(sp1 - head == 3 && !strncmp(head, "GET", 3)))
		return answer_error(c, "501 Not Implemented");
	close = has_token(line_end, "Connection", "close") ||
		(sp2[8] == '0' && !has_token(line_end, "Connection",
					     "keep-alive"));
	requests++;
	if (close) {
		c->close_after = 1;
		return append_out(c, resp_close,
				  is_head ? head_close_len : resp_close_len);
	}
	return append_out(c, resp_ka, is_head ? head_ka_len : resp_ka_len);
}

/*
 * Answer every complete request in the input, in order; -1: out of
 * memory, close now. Once an answer says the connection closes, the
 * rest of the input is dropped.
 */
static int handle_input(struct conn *c)
{
	size_t used;
	char save;
	int rc;

	while (c->inlen && !c->close_after) {
		/* empty lines before a request are ignored (RFC 9112 2.2) */
		for (used = 0; used < c->inlen &&
			       (c->in[used] == '\r' || c->in[used] == '\n');
		     used++)
			;
		memmove(c->in, c->in + used, c->inlen - used);
		c->inlen -= used;
		used = head_length(c->in, c->inlen);
		if (!used) {
			if (c->inlen < REQ_MAX - 1)
				return 0;
			rc = answer_error(c, "431 Request Header Fields Too Large");
		} else if (memchr(c->in, 0, used)) {
			rc = answer_error(c, "400 Bad Request");
		} else {
			save = c->in[used];
			c->in[used] = 0;
			rc = answer(c, c->in);
			c->in[used] = save;
		}
		if (rc < 0)
			return -1;
		if (!used)
			used = c->inlen;
		memmove(c->in, c->in + used, c->inlen - used);
		c->inlen -= used;
	}
	if (c->close_after)
		c->inlen = 0;
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
				} else if (got == 0) {
					/* the client is done: finish the
					 * answers, then close */
					c->close_after = 1;
					c->inlen = 0;
				} else if (errno != EAGAIN) {
					drop = 1;
				}
			}
			if (!drop) {
				rc = flush_out(fd, c);
				drop = rc < 0 || (rc == 1 && c->close_after);
				pfd[i].events = rc == 0 ? POLLOUT : POLLIN;
				if (rc == 0 && !c->close_after)
					pfd[i].events |= POLLIN;
			}
			if (drop) {
				/* Unread input would make the close a reset,
				 * which may destroy the answer at the client. */
				while (c->close_after &&
				       read(fd, c->in, sizeof(c->in)) > 0)
					;
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
