/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * <poll.h>: poll() over descriptors (lib/posix-socket). Sockets report their
 * state; other descriptors (files, the console) are always ready.
 */
#ifndef __POLL_H__
#define __POLL_H__

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLRDHUP	0x2000

typedef unsigned long nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif /* __POLL_H__ */
