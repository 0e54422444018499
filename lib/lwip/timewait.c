/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A new connection over one in TIME_WAIT (lwip's IP input hooks,
 * port/lwipopts.h).
 *
 * lwip answers a SYN that reaches a connection in TIME_WAIT with an
 * acknowledgement of the old connection; the client's answer, a reset,
 * is ignored there (RFC 1337). So a client that reconnects from the same
 * address and port after the image closed first (an HTTP server after
 * "Connection: close") retries its SYN until TIME_WAIT is over: two
 * minutes. RFC 1122 (4.2.2.13) lets a SYN whose sequence number is
 * beyond everything the old connection received reopen it, which Linux
 * and the BSDs do (the fresh initial sequence number of the same client
 * is higher). Here such a SYN ends the TIME_WAIT (no segment is sent)
 * before lwip sees it, and then meets the listener as any new
 * connection. Other segments are left alone.
 */
#include <string.h>
#include "lwip/opt.h"
#include "lwip/ip.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"

#define SYN_ONLY(f) (((f) & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) == TCP_SYN)

static u16_t be16(const u8_t *p)
{
	return (u16_t)(p[0] << 8 | p[1]);
}

static u32_t be32(const u8_t *p)
{
	return (u32_t)p[0] << 24 | (u32_t)p[1] << 16 | (u32_t)p[2] << 8 | p[3];
}

/* @tcp: a TCP header of a SYN from @src to @dst (network order bytes,
 * @alen of each: 4 or 16). */
static void reopen(const u8_t *src, const u8_t *dst, int alen,
		   const u8_t *tcp)
{
	u16_t sport = be16(tcp), dport = be16(tcp + 2);
	u32_t seq = be32(tcp + 4);
	struct tcp_pcb *pcb;

	for (pcb = tcp_tw_pcbs; pcb; pcb = pcb->next) {
		if (pcb->local_port != dport || pcb->remote_port != sport)
			continue;
		if (alen == 4) {
			if (!IP_IS_V4_VAL(pcb->local_ip) ||
			    memcmp(&ip_2_ip4(&pcb->local_ip)->addr, dst, 4) ||
			    memcmp(&ip_2_ip4(&pcb->remote_ip)->addr, src, 4))
				continue;
		} else {
			if (!IP_IS_V6_VAL(pcb->local_ip) ||
			    memcmp(ip_2_ip6(&pcb->local_ip)->addr, dst, 16) ||
			    memcmp(ip_2_ip6(&pcb->remote_ip)->addr, src, 16))
				continue;
		}
		if (TCP_SEQ_GT(seq, pcb->rcv_nxt))
			tcp_abort(pcb);
		return;
	}
}

int ukif_ip4_input(struct pbuf *p, struct netif *inp)
{
	const u8_t *h = p->payload;
	unsigned int hl;

	(void)inp;
	if (!tcp_tw_pcbs || p->len < 20 || (h[0] >> 4) != 4 ||
	    h[9] != IP_PROTO_TCP)
		return 0;
	hl = (h[0] & 15) * 4u;
	/* not a fragment; the TCP header in the first pbuf */
	if (hl < 20 || (be16(h + 6) & 0x3fff) || p->len < hl + 20 ||
	    be16(h + 2) < hl + 20 || !SYN_ONLY(h[hl + 13]))
		return 0;
	reopen(h + 12, h + 16, 4, h + hl);
	return 0;
}

int ukif_ip6_input(struct pbuf *p, struct netif *inp)
{
	const u8_t *h = p->payload;

	(void)inp;
	/* TCP right after the fixed header (no extension headers) */
	if (!tcp_tw_pcbs || p->len < 60 || (h[0] >> 4) != 6 ||
	    h[6] != IP_PROTO_TCP || be16(h + 4) < 20 || !SYN_ONLY(h[40 + 13]))
		return 0;
	reopen(h + 8, h + 24, 16, h + 40);
	return 0;
}
