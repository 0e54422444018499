/* SPDX-License-Identifier: BSD-3-Clause */
/* <sys/select.h>: select() (lib/posix-socket, on top of poll()). */
#if CONFIG_LIBNEWLIB
/* newlib has this header (its <sys/types.h> includes it): use newlib's. */
#include_next <sys/select.h>
#else
#ifndef __SYS_SELECT_H__
#define __SYS_SELECT_H__

#include <sys/types.h>
#include <sys/time.h>

#define FD_SETSIZE	1024
#define __NFDBITS	(8 * (int)sizeof(unsigned long))

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / __NFDBITS];
} fd_set;

#define FD_ZERO(s)	__builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(d, s)	((s)->fds_bits[(d) / __NFDBITS] |= 1UL << ((d) % __NFDBITS))
#define FD_CLR(d, s)	((s)->fds_bits[(d) / __NFDBITS] &= ~(1UL << ((d) % __NFDBITS)))
#define FD_ISSET(d, s)	(!!((s)->fds_bits[(d) / __NFDBITS] & (1UL << ((d) % __NFDBITS))))

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout);

#endif /* __SYS_SELECT_H__ */
#endif
