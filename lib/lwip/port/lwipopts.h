/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip configuration for Tessera: an OS port (threads, tcpip thread with
 * core locking), IPv4 and IPv6, TCP, UDP, ICMP, DHCP, DNS, the socket API
 * (wrapped by socket.c into vfscore descriptors), memory from malloc.
 */
#ifndef __LWIP_LWIPOPTS_H__
#define __LWIP_LWIPOPTS_H__

#include <uk/config.h>

/* ---- system ---- */
#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_TCPIP_CORE_LOCKING_INPUT	0
#define TCPIP_THREAD_NAME		"lwip"
#define TCPIP_THREAD_STACKSIZE		(64 * 1024)
#define TCPIP_THREAD_PRIO		0
#define TCPIP_MBOX_SIZE			1024
#define DEFAULT_THREAD_STACKSIZE	(64 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE	128
#define DEFAULT_UDP_RECVMBOX_SIZE	128
#define DEFAULT_TCP_RECVMBOX_SIZE	128
#define DEFAULT_ACCEPTMBOX_SIZE		128
#define LWIP_NETCONN_SEM_PER_THREAD	0

/* ---- memory: everything from the C library's malloc ---- */
#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			1
#define MEM_ALIGNMENT			8
#define MEMP_NUM_NETCONN		CONFIG_LIBLWIP_SOCKETS
#define MEMP_NUM_TCP_PCB		CONFIG_LIBLWIP_SOCKETS
#define MEMP_NUM_TCP_PCB_LISTEN		64
#define MEMP_NUM_UDP_PCB		64
#define MEMP_NUM_TCP_SEG		4096
#define MEMP_NUM_NETBUF			256
#define MEMP_NUM_TCPIP_MSG_INPKT	1024
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)
#define PBUF_POOL_SIZE			1024
#define PBUF_POOL_BUFSIZE		1536

/* ---- protocols ---- */
#define LWIP_IPV4			1
#define LWIP_IPV6			1
#define LWIP_ARP			1
#define LWIP_ETHERNET			1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_DHCP			1
#define LWIP_DNS			1
#define LWIP_IGMP			1
#define LWIP_IPV6_MLD			1
#define LWIP_IPV6_AUTOCONFIG		1
#define LWIP_IPV6_DHCP6			0
#define LWIP_ICMP6			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
/* Fragments waiting for reassembly, IPv4 and IPv6 together, in buffers
 * of PBUF_POOL_BUFSIZE (one per fragment of a 1500-byte frame): a 64 KiB
 * datagram needs 45. lwip's default of 10 dropped every datagram of
 * about 15,000 bytes or more. Beyond the limit the oldest datagram is
 * dropped (IP_REASS_FREE_OLDEST); limits.c counts and reports drops. */
#define IP_REASS_MAX_PBUFS		CONFIG_LIBLWIP_IP_REASS_BUFS
#define IPV6_FRAG_COPYHEADER		1
#define DNS_MAX_SERVERS			2
#define LWIP_DHCP_GET_NTP_SRV		0
#define LWIP_NETIF_HOSTNAME		1
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_API			1
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1

/* ---- TCP ---- */
#define TCP_MSS				1460
#define TCP_WND				CONFIG_LIBLWIP_TCP_WND
#define LWIP_WND_SCALE			1
#define TCP_RCV_SCALE			3
#define TCP_SND_BUF			(128 * 1024)
/* writable again (poll, select) with this much room; lwip counts it in
 * 16 bits */
#define TCP_SNDLOWAT			(16 * TCP_MSS)
#define TCP_SND_QUEUELEN		((4 * TCP_SND_BUF) / TCP_MSS)
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	128
/* A SYN that finds the backlog full drops the listener's oldest half-open
 * connection (limits.c; lib/lwip/patches/0003) */
struct tcp_pcb_listen;
int ukif_tcp_listen_full(struct tcp_pcb_listen *lpcb);
#define LWIP_HOOK_TCP_LISTEN_FULL(lpcb)	ukif_tcp_listen_full(lpcb)
#define LWIP_TCP_KEEPALIVE		1
#define TCP_QUEUE_OOSEQ			1
#define LWIP_TCP_SACK_OUT		0

/* ---- sockets ---- */
#define LWIP_NETCONN			1
#define LWIP_SOCKET			1
#define LWIP_COMPAT_SOCKETS		0
#define LWIP_POSIX_SOCKETS_IO_NAMES	0
#define LWIP_SOCKET_SELECT		1
#define LWIP_SOCKET_POLL		1
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
#define LWIP_SO_RCVBUF			1
#define LWIP_SO_LINGER			1
#define SO_REUSE			1
#define LWIP_FIONREAD_LINUXMODE		1
#define LWIP_TIMEVAL_PRIVATE		0
#define LWIP_DNS_API_DEFINE_ERRORS	1
#define LWIP_DNS_API_DECLARE_STRUCTS	1
#define RECV_BUFSIZE_DEFAULT		(1024 * 1024)
#define LWIP_SOCKET_OFFSET		0
/* Debian's patch "port" (its Linux port) makes sockets.c set and read
 * the address length through these; lwip's own struct sockaddr, which
 * sockets.c uses here, has sa_len: what sockets.c did before. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin)	((sin)->sin_len = sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6)	((sin6)->sin6_len = sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr)	((addr)->sa.sa_len)

/* ---- checksums: in software, but TCP's on a device with checksum
 * offload (netif.c); packets the device checked are not checked again */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define CHECKSUM_GEN_IP			1
#define CHECKSUM_GEN_UDP		1
#define CHECKSUM_GEN_TCP		1
#define CHECKSUM_CHECK_IP		1
#define CHECKSUM_CHECK_UDP		1
#define CHECKSUM_CHECK_TCP		1

/* ---- hooks (netif.c) ---- */
/* TSO: join the segments of one tcp_output() call, then send them */
void ukif_tx_join_begin(void);
void ukif_tx_join_end(void);
#define LWIP_HOOK_TCP_OUTPUT_BEGIN(pcb)	ukif_tx_join_begin()
#define LWIP_HOOK_TCP_OUTPUT_DONE(pcb)	ukif_tx_join_end()

/* ---- debugging and statistics ---- */
#include "lwipopts-shared.h"
void ukif_limits_check(void);
#define LWIP_TCPIP_THREAD_ALIVE()	ukif_limits_check()
#ifdef CONFIG_LIBLWIP_DEBUG
#define LWIP_DEBUG			1
#endif

#endif /* __LWIP_LWIPOPTS_H__ */
