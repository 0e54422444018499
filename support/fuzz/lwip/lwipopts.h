/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip options of the fuzz harness (fuzz_lwip.c): the protocols, limits
 * and hooks of the image's port/lwipopts.h (lib/lwip), but NO_SYS=1 (no
 * threads, no sockets: the harness drives lwip's raw API itself) and
 * everything allocated with malloc, so that ASan sees every buffer.
 * Not built: DHCP, DNS, AutoIP (they only read answers to their own
 * queries), raw pcbs and the socket layer.
 */
#ifndef __LWIP_LWIPOPTS_H__
#define __LWIP_LWIPOPTS_H__

#define NO_SYS				1
#define SYS_LIGHTWEIGHT_PROT		0
#define LWIP_NETCONN			0
#define LWIP_SOCKET			0

#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			1
#define MEM_ALIGNMENT			8
#define MEMP_NUM_TCP_PCB		16
#define MEMP_NUM_TCP_PCB_LISTEN		4
#define MEMP_NUM_UDP_PCB		4
#define MEMP_NUM_TCP_SEG		256
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define PBUF_POOL_SIZE			64
#define PBUF_POOL_BUFSIZE		1536

#define LWIP_IPV4			1
#define LWIP_IPV6			1
#define LWIP_ARP			1
#define LWIP_ETHERNET			1
#define LWIP_ICMP			1
#define LWIP_RAW			0
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_DHCP			0
#define LWIP_DNS			0
#define LWIP_IGMP			1
#define LWIP_IPV6_MLD			1
#define LWIP_IPV6_AUTOCONFIG		1
#define LWIP_IPV6_DHCP6			0
#define LWIP_ICMP6			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
/* the image's default (CONFIG_LIBLWIP_IP_REASS_BUFS) */
#define IP_REASS_MAX_PBUFS		64
#define IPV6_FRAG_COPYHEADER		1
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_LOOPBACK		0
#define LWIP_HAVE_LOOPIF		0

#define TCP_MSS				1460
#define TCP_WND				(32 * TCP_MSS)
#define LWIP_WND_SCALE			1
#define TCP_RCV_SCALE			3
#define TCP_SND_BUF			(16 * TCP_MSS)
#define TCP_SND_QUEUELEN		((4 * TCP_SND_BUF) / TCP_MSS)
#define TCP_LISTEN_BACKLOG		1
struct tcp_pcb_listen;
int ukif_tcp_listen_full(struct tcp_pcb_listen *lpcb);
#define LWIP_HOOK_TCP_LISTEN_FULL(lpcb)	ukif_tcp_listen_full(lpcb)
#define LWIP_TCP_KEEPALIVE		1
#define TCP_QUEUE_OOSEQ			1
#define LWIP_TCP_SACK_OUT		0

/* checksums: per netif, so that the harness can turn the checks off */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define CHECKSUM_GEN_IP			1
#define CHECKSUM_GEN_UDP		1
#define CHECKSUM_GEN_TCP		1
#define CHECKSUM_CHECK_IP		1
#define CHECKSUM_CHECK_UDP		1
#define CHECKSUM_CHECK_TCP		1

/* the image's hooks and statistics (lib/lwip/timewait.c, limits.c) */
#include "../../../lib/lwip/port/lwipopts-shared.h"

/* the initial sequence number of every connection (the image's lwip
 * derives it from its timer ticks): fixed, so that an input can
 * acknowledge what the harness sent */
#define LWIP_HOOK_TCP_ISN(lip, lport, rip, rport)	0x10000u

/* a random number: the harness's, reset for every input */
unsigned int fuzz_lwip_rand(void);
#define LWIP_RAND()			fuzz_lwip_rand()

#endif /* __LWIP_LWIPOPTS_H__ */
