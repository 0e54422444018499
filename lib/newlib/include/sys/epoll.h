/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/epoll.h>, I/O event notification
 * (implemented by vfscore).
 */
#ifndef __UK_NEWLIB_SYS_EPOLL_H__
#define __UK_NEWLIB_SYS_EPOLL_H__

#include <stdint.h>
#include <fcntl.h>
#include <signal.h>

#define EPOLL_CLOEXEC	O_CLOEXEC

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLIN		0x001
#define EPOLLPRI	0x002
#define EPOLLOUT	0x004
#define EPOLLERR	0x008
#define EPOLLHUP	0x010
#define EPOLLRDNORM	0x040
#define EPOLLRDBAND	0x080
#define EPOLLWRNORM	0x100
#define EPOLLWRBAND	0x200
#define EPOLLMSG	0x400
#define EPOLLRDHUP	0x2000
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

/* Packed as on x86_64 Linux (12 bytes). */
struct epoll_event {
	uint32_t events;
	epoll_data_t data;
} __attribute__((packed));

int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *evs, int maxevents, int timeout);
/* The signal mask is ignored: there are no signals to block. */
int epoll_pwait(int epfd, struct epoll_event *evs, int maxevents,
		int timeout, const sigset_t *sigmask);

#endif /* __UK_NEWLIB_SYS_EPOLL_H__ */
