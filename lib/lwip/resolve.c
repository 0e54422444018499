/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host names through lwip's DNS client, for inet.c's getaddrinfo() (a C
 * library without a resolver of its own). Compiled against lwip's
 * headers, like lwipsock.c.
 */
#include <errno.h>
#include <string.h>
#include "lwip/opt.h"
#include "lwip/sockets.h"
#include "lwip/netdb.h"
#include "sock_glue.h"

int lsk_resolve(const char *name, int family, struct lsk_addr *a)
{
	struct addrinfo hints, *res = NULL;
	const struct sockaddr *sa;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family == LSK_AF_INET6 ? AF_INET6 :
			  family == LSK_AF_INET ? AF_INET : AF_UNSPEC;
	rc = lwip_getaddrinfo(name, NULL, &hints, &res);
	if (rc != 0 || !res)
		return -ENOENT;
	memset(a, 0, sizeof(*a));
	sa = res->ai_addr;
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		a->family = LSK_AF_INET6;
		memcpy(a->addr, &s6->sin6_addr, 16);
	} else {
		const struct sockaddr_in *s4 = (const void *)sa;

		a->family = LSK_AF_INET;
		memcpy(a->addr, &s4->sin_addr, 4);
	}
	lwip_freeaddrinfo(res);
	return 0;
}
