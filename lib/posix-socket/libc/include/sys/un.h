/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * <sys/un.h>: AF_UNIX addresses (lib/posix-socket), Linux's layout. A
 * sun_path starting with a NUL byte names the abstract namespace; path
 * names are a table of names, not files (see <uk/socket_driver.h>).
 */
#ifndef __SYS_UN_H__
#define __SYS_UN_H__

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[108];
};

#endif /* __SYS_UN_H__ */
