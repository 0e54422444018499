/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Between socket.c (the AF_INET/AF_INET6 driver of posix-socket,
 * compiled against the C library's Linux-style headers) and lwipsock.c
 * (compiled against lwip's own socket headers, whose types and
 * constants clash with ours): plain types and neutral constants. Every function returns >= 0 or -errno.
 */
#ifndef __LWIP_SOCK_GLUE_H__
#define __LWIP_SOCK_GLUE_H__

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* An IPv4 or IPv6 endpoint; port and address in network byte order. */
struct lsk_addr {
	int family;		/* LSK_AF_INET, LSK_AF_INET6 */
	uint16_t port;
	uint8_t addr[16];	/* IPv4: the first 4 bytes */
	uint32_t flowinfo;
	uint32_t scope_id;
};

/* The layout of struct iovec (and of lwip's struct netvector). */
struct lsk_iov {
	void *base;
	size_t len;
};

#define LSK_AF_INET	2
#define LSK_AF_INET6	10

#define LSK_MSG_PEEK		0x01
#define LSK_MSG_DONTWAIT	0x02
#define LSK_MSG_WAITALL		0x04
#define LSK_MSG_MORE		0x08

enum lsk_opt {
	LSK_SO_REUSEADDR, LSK_SO_KEEPALIVE, LSK_SO_BROADCAST, LSK_SO_LINGER,
	LSK_SO_RCVBUF, LSK_SO_RCVTIMEO, LSK_SO_SNDTIMEO, LSK_SO_ERROR,
	LSK_SO_TYPE, LSK_SO_ACCEPTCONN,
	LSK_TCP_NODELAY, LSK_TCP_KEEPIDLE, LSK_TCP_KEEPINTVL, LSK_TCP_KEEPCNT,
	LSK_IP_TTL, LSK_IP_TOS, LSK_IPV6_V6ONLY,
};

#define LSK_POLLIN	0x01
#define LSK_POLLOUT	0x02
#define LSK_POLLERR	0x04
#define LSK_POLLHUP	0x08
#define LSK_POLLNVAL	0x10
#define LSK_POLLRDHUP	0x20

int lsk_socket(int domain, int type, int protocol);
int lsk_close(int s);
int lsk_bind(int s, const struct lsk_addr *a);
int lsk_connect(int s, const struct lsk_addr *a, int nonblock);
int lsk_listen(int s, int backlog);
int lsk_accept(int s, struct lsk_addr *a, int nonblock);
/* @cnt buffers as one message; @stream: a TCP socket. *@trunc is set
 * when a datagram was longer than the buffers. */
ssize_t lsk_recvv(int s, const struct lsk_iov *iov, int cnt, int flags,
		  int stream, struct lsk_addr *from, int *trunc);
ssize_t lsk_sendv(int s, const struct lsk_iov *iov, int cnt, int flags,
		  const struct lsk_addr *to);
int lsk_shutdown(int s, int how);
int lsk_getname(int s, struct lsk_addr *a, int peer);
/* Option values are int, struct linger or struct timeval as on Linux. */
int lsk_setopt(int s, enum lsk_opt opt, const void *val, unsigned int len);
int lsk_getopt(int s, enum lsk_opt opt, void *val, unsigned int *len);
int lsk_nread(int s);
/* Route @s's events through lsk_event(@arg) (call once per socket; the
 * argument is forgotten when lsk_close() closes @s). */
int lsk_watch(int s, void *arg);
/* Readiness of @s now (LSK_POLL*) and its event count in *@seq. */
unsigned int lsk_ready(int s, unsigned long *seq);
/* Called by lwipsock.c after an event that may make a socket ready,
 * with the argument given to lsk_watch() (NULL: not known). */
void lsk_event(void *arg);
/* Resolve @name (DNS or numeric) for @family (0: any) into @a. */
int lsk_resolve(const char *name, int family, struct lsk_addr *a);

#endif /* __LWIP_SOCK_GLUE_H__ */
