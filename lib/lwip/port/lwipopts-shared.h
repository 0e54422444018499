/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lwip options the image (lwipopts.h here) and the lwip fuzzer
 * (support/fuzz/lwip/lwipopts.h) share: the input hooks of timewait.c
 * and limits.c, and the statistics limits.c reports (reassembly: ip_frag,
 * ip6_frag and mib2's ipreasmfails; the per-packet counters of the other
 * layers stay off).
 */
#ifndef __LWIP_LWIPOPTS_SHARED_H__
#define __LWIP_LWIPOPTS_SHARED_H__

/* a SYN may reopen a connection in TIME_WAIT (timewait.c) */
struct pbuf;
struct netif;
int ukif_ip4_input(struct pbuf *p, struct netif *inp);
int ukif_ip6_input(struct pbuf *p, struct netif *inp);
#define LWIP_HOOK_IP4_INPUT(p, inp)	ukif_ip4_input(p, inp)
#define LWIP_HOOK_IP6_INPUT(p, inp)	ukif_ip6_input(p, inp)

#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		0
#define LINK_STATS			0
#define ETHARP_STATS			0
#define IP_STATS			0
#define IPFRAG_STATS			1
#define ICMP_STATS			0
#define IGMP_STATS			0
#define UDP_STATS			0
#define TCP_STATS			0
#define MEM_STATS			0
#define MEMP_STATS			0
#define SYS_STATS			0
#define IP6_STATS			0
#define ICMP6_STATS			0
#define IP6_FRAG_STATS			1
#define MLD6_STATS			0
#define ND6_STATS			0
#define MIB2_STATS			1

#endif /* __LWIP_LWIPOPTS_SHARED_H__ */
