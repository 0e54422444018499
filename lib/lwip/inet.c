/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Address text conversions (inet_pton, inet_ntop, inet_aton, inet_addr,
 * inet_ntoa), the IPv6 wildcard and loopback constants, and
 * getaddrinfo()/freeaddrinfo() for numeric hosts and DNS names.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netdb.h>
#include "sock_glue.h"

/* lwip's inet6.c is not built: these are the only definitions. */
const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* Dotted quad, exactly four decimal parts 0-255 (inet_pton's rules). */
static int pton4(const char *s, uint8_t out[4])
{
	uint8_t b[4];
	int i;

	for (i = 0; i < 4; i++) {
		unsigned int v = 0, digits = 0;

		if (i && *s++ != '.')
			return 0;
		while (*s >= '0' && *s <= '9') {
			if (digits && v == 0)
				return 0;	/* leading zero */
			v = v * 10 + (unsigned int)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		if (!digits)
			return 0;
		b[i] = (uint8_t)v;
	}
	if (*s)
		return 0;
	memcpy(out, b, 4);
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int pton6(const char *s, uint8_t out[16])
{
	uint8_t b[16];
	int n = 0, gap = -1;

	if (s[0] == ':') {
		if (s[1] != ':')
			return 0;
		s++;
	}
	while (*s) {
		unsigned int v = 0;
		int d = 0, h;

		if (*s == ':') {
			if (gap >= 0)
				return 0;
			gap = n;
			s++;
			continue;
		}
		if (n < 16 - 3 && strchr(s, '.') && !strchr(s, ':')) {
			if (!pton4(s, b + n))
				return 0;
			n += 4;
			break;
		}
		while ((h = hexval(*s)) >= 0) {
			v = v << 4 | (unsigned int)h;
			s++;
			if (++d > 4)
				return 0;
		}
		if (!d || n > 14)
			return 0;
		b[n++] = (uint8_t)(v >> 8);
		b[n++] = (uint8_t)v;
		if (*s == ':') {
			s++;
			if (!*s)
				return 0;
		} else if (*s) {
			return 0;
		}
	}
	if (gap < 0 && n != 16)
		return 0;
	if (gap >= 0) {
		if (n == 16)
			return 0;
		memmove(b + 16 - (n - gap), b + gap, (size_t)(n - gap));
		memset(b + gap, 0, (size_t)(16 - n));
	}
	memcpy(out, b, 16);
	return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
	if (af == AF_INET)
		return pton4(src, dst);
	if (af == AF_INET6)
		return pton6(src, dst);
	errno = EAFNOSUPPORT;
	return -1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	const uint8_t *a = src;
	char buf[INET6_ADDRSTRLEN];
	int best = -1, bestlen = 0, i, n = 0;

	if (af == AF_INET) {
		snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	} else if (af == AF_INET6) {
		for (i = 0; i < 8; i++) {
			int j = i;

			while (j < 8 && !a[2 * j] && !a[2 * j + 1])
				j++;
			if (j - i > bestlen && j - i > 1) {
				best = i;
				bestlen = j - i;
			}
			if (j > i)
				i = j - 1;
		}
		if (best == 0 && (bestlen == 6 ||
				  (bestlen == 5 && a[10] == 0xff && a[11] == 0xff))) {
			n = snprintf(buf, sizeof(buf), "::%s%u.%u.%u.%u",
				     bestlen == 5 ? "ffff:" : "",
				     a[12], a[13], a[14], a[15]);
		} else {
			for (i = 0; i < 8; i++) {
				if (i == best) {
					n += snprintf(buf + n, sizeof(buf) - (size_t)n,
						      "::");
					i += bestlen - 1;
					continue;
				}
				n += snprintf(buf + n, sizeof(buf) - (size_t)n,
					      "%s%x",
					      i && i != best + bestlen ? ":" : "",
					      a[2 * i] << 8 | a[2 * i + 1]);
			}
		}
	} else {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	if (strlen(buf) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	strcpy(dst, buf);
	return dst;
}

int inet_aton(const char *cp, struct in_addr *inp)
{
	return pton4(cp, (uint8_t *)&inp->s_addr);
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in, buf, sizeof(buf));
	return buf;
}

/* ---- getaddrinfo ---- */

static struct addrinfo *ai_new(const struct lsk_addr *a, uint16_t port,
			       int socktype, int protocol)
{
	struct addrinfo *ai = calloc(1, sizeof(*ai) +
				     sizeof(struct sockaddr_in6));
	struct sockaddr_in6 *s6;
	struct sockaddr_in *s4;

	if (!ai)
		return NULL;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	ai->ai_socktype = socktype;
	ai->ai_protocol = protocol;
	if (a->family == LSK_AF_INET6) {
		s6 = (struct sockaddr_in6 *)ai->ai_addr;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = port;
		memcpy(&s6->sin6_addr, a->addr, 16);
		ai->ai_family = AF_INET6;
		ai->ai_addrlen = sizeof(*s6);
	} else {
		s4 = (struct sockaddr_in *)ai->ai_addr;
		s4->sin_family = AF_INET;
		s4->sin_port = port;
		memcpy(&s4->sin_addr, a->addr, 4);
		ai->ai_family = AF_INET;
		ai->ai_addrlen = sizeof(*s4);
	}
	return ai;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	int family = hints ? hints->ai_family : AF_UNSPEC;
	int flags = hints ? hints->ai_flags : 0;
	int socktype = hints ? hints->ai_socktype : 0;
	int protocol = hints ? hints->ai_protocol : 0;
	struct lsk_addr a;
	unsigned long port = 0;
	struct addrinfo *ai;

	if (!node && !service)
		return EAI_NONAME;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return EAI_FAMILY;
	if (service && *service) {
		char *end;

		port = strtoul(service, &end, 10);
		if (*end || port > 65535)
			return EAI_SERVICE;
	}
	memset(&a, 0, sizeof(a));
	a.family = family == AF_INET6 ? LSK_AF_INET6 : LSK_AF_INET;
	if (!node) {
		if (!(flags & AI_PASSIVE))
			a.addr[a.family == LSK_AF_INET6 ? 15 : 0] = 1;
		if (!(flags & AI_PASSIVE) && a.family == LSK_AF_INET)
			memcpy(a.addr, "\x7f\0\0\x01", 4);
	} else if (family != AF_INET6 && pton4(node, a.addr)) {
		a.family = LSK_AF_INET;
	} else if (family != AF_INET && pton6(node, a.addr)) {
		a.family = LSK_AF_INET6;
	} else if (flags & AI_NUMERICHOST) {
		return EAI_NONAME;
	} else if (lsk_resolve(node, family == AF_INET6 ? LSK_AF_INET6 :
			       family == AF_INET ? LSK_AF_INET : 0, &a) < 0) {
		return EAI_NONAME;
	}
	ai = ai_new(&a, (uint16_t)__builtin_bswap16((uint16_t)port),
		    socktype, protocol);
	if (!ai)
		return EAI_MEMORY;
	*res = ai;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res);
		res = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0: return "Success";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_MEMORY: return "Memory allocation failure";
	}
	return "Unknown error";
}
