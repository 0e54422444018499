/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The network addressing parameters, registered under the name "netdev"
 * (this file is compiled with UK_LIBNAME=netdev): netdev.ip=A.B.C.D/N,
 * netdev.gw=A.B.C.D, netdev.dns=A.B.C.D. netif.c reads them.
 */
#include <stddef.h>
#include <uk/libparam.h>
#include "netparam.h"

static const char *ip;
static const char *gw;
static const char *dns;

UK_LIBPARAM_PARAM_DESC(ip, charp, "static IPv4 address/prefix (else DHCP)");
UK_LIBPARAM_PARAM_DESC(gw, charp, "IPv4 default gateway");
UK_LIBPARAM_PARAM_DESC(dns, charp, "DNS server");

const char *lwip_param_ip(void)
{
	return ip && *ip ? ip : NULL;
}

const char *lwip_param_gw(void)
{
	return gw && *gw ? gw : NULL;
}

const char *lwip_param_dns(void)
{
	return dns && *dns ? dns : NULL;
}
