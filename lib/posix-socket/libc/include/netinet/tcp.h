/* SPDX-License-Identifier: BSD-3-Clause */
/* <netinet/tcp.h>: TCP socket options (lib/posix-socket), Linux values. */
#ifndef __NETINET_TCP_H__
#define __NETINET_TCP_H__

#define TCP_NODELAY	1
#define TCP_MAXSEG	2
#define TCP_CORK	3
#define TCP_KEEPIDLE	4
#define TCP_KEEPINTVL	5
#define TCP_KEEPCNT	6

#endif /* __NETINET_TCP_H__ */
