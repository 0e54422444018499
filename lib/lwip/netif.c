/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip on uknetdev: the first network device becomes lwip's default
 * interface, set up before main() (a constructor, so threads can block).
 *
 * Receive: a thread takes bursts from queue 0, copies each packet into
 * a pbuf and hands the burst to lwip itself, under lwip's core lock
 * (not through the tcpip thread's mailbox). When the device has receive
 * interrupts the thread sleeps on them, otherwise it polls with a short
 * sleep. With UK_NETDEV_F_RX_GSO (tap) the host may hand us TCP segments
 * merged into one packet of up to 64 KiB, which lwip takes as one.
 * Transmit: each frame is copied into one netbuf with the driver's
 * headroom and sent with a burst of one; a full queue is retried after
 * yielding. A device that is done with a packet's buffers when tx_burst
 * returns (UK_NETDEV_F_TX_DONE: tap, which copies with writev) gets
 * netbufs over lwip's own pbufs instead, no copy.
 *
 * Offloads, when the device has them: lwip leaves TCP checksums to the
 * device (UK_NETBUF_F_CSUM_PARTIAL; UDP stays in software, since a
 * fragmented datagram cannot be summed by the device), and does not
 * check what the device or the host checked or never put on a wire
 * (PBUF_FLAG_L4_CSUM_OK, lib/lwip/patches/0001). With TSO, the full-sized
 * segments of one flow that one tcp_output() call sends back to back
 * are joined, headers dropped, into one netbuf chain that the device
 * cuts up again: one request (or write() on linuxu) instead of one per
 * segment. Only what tcp_output() sends is joined, and its end (hooks of
 * patches/0002) sends it, so nothing waits beyond the call; a window
 * probe or keep-alive, sent from elsewhere, goes out at once.
 *
 * Addressing: netdev.ip=A.B.C.D/N and netdev.gw=A.B.C.D, else DHCP
 * (waiting up to CONFIG_LIBLWIP_DHCP_WAIT_MS before main() starts);
 * netdev.dns=A.B.C.D sets the DNS server (DHCP may give one too). IPv6
 * gets a link-local address and stateless autoconfiguration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/netdev.h>
#include <uk/netbuf.h>
#include <uk/sched.h>
#include <uk/wait.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include "lwip/opt.h"
#include "lwip/tcpip.h"
#include "lwip/netif.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/ip.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "netparam.h"

#define RX_BURST	32
#define RX_BUFSIZE	2048
/* with merged receive: 64 KiB packets in 5 buffers instead of 33 (each
 * one an iovec entry of the read on linuxu) */
#define RX_GSO_BUFSIZE	(16 * 1024 - 256)
#define RX_IDLE_NS	200000ULL	/* polling: sleep when idle */
#define RX_WAIT_NS	1000000000ULL	/* interrupts: wake up anyway */
#define TX_TRIES	1000

#define ETH_HLEN	14
#define ETHTYPE_IP4	0x0800
#define ETHTYPE_IP6	0x86dd
#define TCPF_PSH	0x08
#define TCPF_ACK	0x10

#ifdef CONFIG_LIBLWIP_ANNOUNCE
#define CONFIG_LIBLWIP_ANNOUNCE_ON	1
#else
#define CONFIG_LIBLWIP_ANNOUNCE_ON	0
#endif

static struct netif ukif;
static struct uk_netdev *dev;
static struct uk_alloc *nalloc;
static uint16_t tx_headroom, rx_headroom;
static size_t rx_bufsize = RX_BUFSIZE;
static int irq_mode;
static uint32_t dev_features;
static uint16_t dev_tx_segs;
static struct uk_waitq rx_wq = UK_WAITQ_INIT(rx_wq);
static volatile int rx_event;

static uint16_t alloc_rx(void *argp __unused, struct uk_netbuf *pkts[],
			 uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		if (!(pkts[i] = uk_netbuf_alloc_buf(nalloc,
						    rx_bufsize + rx_headroom,
						    64, rx_headroom)))
			break;
	return i;
}

static void on_rx(struct uk_netdev *d __unused, uint16_t q __unused,
		  void *arg __unused)
{
	rx_event = 1;
	uk_waitq_wake(&rx_wq, 1);
}

/* Internet checksum of @len bytes, folded, not inverted. */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t s)
{
	for (; len > 1; p += 2, len -= 2)
		s += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		s += (uint32_t)p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

static struct pbuf *to_pbuf(struct uk_netbuf *nb)
{
	size_t len = uk_netbuf_len(nb), off = 0;
	struct pbuf *p;

	if (!len || len > 0xffff)
		return NULL;
	/* one allocation of the packet's size (a merged packet would take
	 * 43 pool pbufs); pool pbufs when that cannot be had */
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
	if (!p)
		p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p)
		return NULL;
	for (; nb; nb = nb->next) {
		if (nb->len && pbuf_take_at(p, nb->data, (u16_t)nb->len,
					    (u16_t)off) != ERR_OK) {
			pbuf_free(p);
			return NULL;
		}
		off += nb->len;
	}
	return p;
}

/*
 * A packet for lwip: what the device checked, or the host's stack left
 * with a partial checksum (it never crossed a wire), needs no check.
 * A merged packet of 64 KiB does not fit a pbuf with its Ethernet
 * header: it goes to IP without it.
 */
static void rx_packet(struct uk_netbuf *nb)
{
	const uint8_t *f = nb->data;
	int ip = 0;
	struct pbuf *p;

	if (nb->flags & (UK_NETBUF_F_CSUM_PARTIAL | UK_NETBUF_F_DATA_VALID)) {
		if (uk_netbuf_len(nb) > 0xffff && nb->len > ETH_HLEN &&
		    ((f[12] << 8 | f[13]) == ETHTYPE_IP4 ||
		     (f[12] << 8 | f[13]) == ETHTYPE_IP6)) {
			uk_netbuf_header(nb, -ETH_HLEN);
			ip = 1;
		}
		p = to_pbuf(nb);
		if (p)
			p->flags |= PBUF_FLAG_L4_CSUM_OK;
	} else {
		p = to_pbuf(nb);
	}
	if (!p)
		return;
	/* both take the packet, whatever becomes of it */
	if (ip)
		ip_input(p, &ukif);
	else
		ethernet_input(p, &ukif);
}

static void rx_wait(void)
{
	uint64_t deadline = ukplat_monotonic_clock() + RX_WAIT_NS;

	if (!irq_mode) {
		uk_sched_sleep_ns(RX_IDLE_NS);
		return;
	}
	rx_event = 0;
	if (uk_netdev_rxq_intr_enable(dev, 0) == 1)
		return;		/* packets arrived meanwhile */
	uk_waitq_wait_event_deadline(&rx_wq, rx_event, deadline);
}

static void rx_thread(void *arg __unused)
{
	struct uk_netbuf *pkts[RX_BURST];
	int n, i;

	for (;;) {
		n = uk_netdev_rx_burst(dev, 0, pkts, RX_BURST);
		if (n < 0) {
			uk_sched_sleep_ns(10 * RX_IDLE_NS);
			continue;
		}
		/* The burst goes into lwip right here, under its core
		 * lock, not through the tcpip thread's mailbox: no message
		 * and no thread switch per packet. */
		if (n > 0)
			LOCK_TCPIP_CORE();
		for (i = 0; i < n; i++) {
			rx_packet(pkts[i]);
			uk_netbuf_free(pkts[i]);
		}
		if (n > 0)
			UNLOCK_TCPIP_CORE();
		if (n == RX_BURST)
			uk_sched_yield();
		else if (n == 0)
			rx_wait();
	}
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Where the headers of a TCP frame end: IPv4 (unfragmented) or IPv6
 * without extension headers. */
struct tcp_frame {
	uint16_t l4;		/* offset of the TCP header */
	uint16_t hlen;		/* Ethernet, IP and TCP headers */
	uint8_t v6;
};

static int tcp_frame(const uint8_t *f, size_t len, struct tcp_frame *t)
{
	const uint8_t *ip = f + ETH_HLEN;

	if (len < ETH_HLEN + 40)
		return 0;
	if (get16(f + 12) == ETHTYPE_IP4) {
		if (ip[0] >> 4 != 4 || (ip[0] & 0xf) < 5 || ip[9] != 6 ||
		    (get16(ip + 6) & 0x3fff))
			return 0;
		t->l4 = (uint16_t)(ETH_HLEN + (ip[0] & 0xf) * 4);
		t->v6 = 0;
	} else if (get16(f + 12) == ETHTYPE_IP6) {
		if (ip[0] >> 4 != 6 || ip[6] != 6)
			return 0;
		t->l4 = ETH_HLEN + 40;
		t->v6 = 1;
	} else {
		return 0;
	}
	if (len < t->l4 + 20U)
		return 0;
	t->hlen = (uint16_t)(t->l4 + (f[t->l4 + 12] >> 4) * 4);
	return t->hlen >= t->l4 + 20 && t->hlen <= len;
}

/* Leave the TCP checksum of the frame in @nb, @len bytes of it long
 * (longer with joined segments), to the device: the pseudo header's
 * sum in the checksum field. */
static void csum_partial(struct uk_netbuf *nb, const struct tcp_frame *t,
			 size_t len)
{
	uint8_t *f = nb->data;
	size_t l4len = len - t->l4;
	uint32_t s;

	/* the pseudo header: addresses, protocol and L4 length */
	s = t->v6 ? sum16(f + ETH_HLEN + 8, 32, 0) :
		    sum16(f + ETH_HLEN + 12, 8, 0);
	s = sum16((const uint8_t[]){ 0, 6, (uint8_t)(l4len >> 24),
				     (uint8_t)(l4len >> 16),
				     (uint8_t)(l4len >> 8), (uint8_t)l4len },
		  6, s);
	put16(f + t->l4 + 16, s);
	nb->flags |= UK_NETBUF_F_CSUM_PARTIAL;
	nb->csum_start = t->l4;
	nb->csum_offset = 16;
}

static err_t tx_send(struct uk_netbuf *nb)
{
	int rc = 0, tries;

	for (tries = 0; tries < TX_TRIES; tries++) {
		rc = uk_netdev_tx_burst(dev, 0, &nb, 1);
		if (rc != 0)
			break;
		uk_sched_yield();
	}
	if (rc == 1)
		return ERR_OK;
	uk_netbuf_free(nb);
	return ERR_IF;
}

/* The segments joined so far (TSO), all of gso_size payload bytes but
 * maybe the last. Only touched with lwip's core lock held. */
static struct {
	struct uk_netbuf *head, *tail;
	struct tcp_frame t;
	unsigned int segs;
	unsigned int nbufs;	/* netbufs of the chain */
	uint8_t *flagp;		/* the head's TCP flags, in lwip's pbuf */
	uint8_t flags;		/* as lwip wrote them */
	size_t len;		/* of the whole packet */
	uint16_t gso_size;
	uint16_t last;		/* payload of the last segment */
	uint32_t next_seq;
	int psh;		/* the last one pushes: nothing may follow */
	int open;		/* inside tcp_output(), whose end flushes */
} txj;

static int tso_ok(const struct tcp_frame *t)
{
	return dev_features & (t->v6 ? UK_NETDEV_F_TSO6 : UK_NETDEV_F_TSO4);
}

/* Does @f continue the joined flow: the same headers but for the IP
 * length, identification and checksum and the TCP sequence number,
 * checksum and push flag? */
static int same_flow(const uint8_t *f, const struct tcp_frame *t)
{
	const uint8_t *h = txj.head->data, *ip = f + ETH_HLEN;
	const uint8_t *hip = h + ETH_HLEN, *tcp = f + t->l4, *htcp = h + t->l4;

	if (t->l4 != txj.t.l4 || t->hlen != txj.t.hlen || t->v6 != txj.t.v6 ||
	    memcmp(f, h, ETH_HLEN))
		return 0;
	if (t->v6) {
		if (memcmp(ip, hip, 4) || memcmp(ip + 6, hip + 6, 34))
			return 0;
	} else if (memcmp(ip, hip, 2) || memcmp(ip + 6, hip + 6, 4) ||
		   memcmp(ip + 12, hip + 12, t->l4 - ETH_HLEN - 12)) {
		return 0;
	}
	return !memcmp(tcp, htcp, 4) && !memcmp(tcp + 8, htcp + 8, 5) &&
	       !memcmp(tcp + 14, htcp + 14, 2) &&
	       !memcmp(tcp + 18, htcp + 18, t->hlen - t->l4 - 18);
}

static void tx_flush_joined(void)
{
	struct uk_netbuf *nb = txj.head;
	uint8_t *f, *ip;

	if (!nb)
		return;
	txj.head = NULL;
	f = nb->data;
	ip = f + ETH_HLEN;
	if (txj.segs > 1) {
		if (txj.t.v6) {
			put16(ip + 4, (uint32_t)(txj.len - txj.t.l4));
			nb->gso_type = UK_NETBUF_GSO_TCPV6;
		} else {
			put16(ip + 2, (uint32_t)(txj.len - ETH_HLEN));
			put16(ip + 10, 0);
			put16(ip + 10, (uint16_t)~sum16(ip, txj.t.l4 - ETH_HLEN,
							0));
			nb->gso_type = UK_NETBUF_GSO_TCPV4;
		}
		nb->gso_size = txj.gso_size;
		csum_partial(nb, &txj.t, txj.len);
	}
	if (txj.psh)
		f[txj.t.l4 + 13] |= TCPF_PSH;
	tx_send(nb);
	/* sent without a copy: lwip's segment gets its flags back for a
	 * retransmission (the rest of the headers it writes anew) */
	if (txj.flagp)
		*txj.flagp = txj.flags;
}

void ukif_tx_join_begin(void)
{
	txj.open = 1;
}

void ukif_tx_join_end(void)
{
	txj.open = 0;
	tx_flush_joined();
}

/*
 * Join the TCP frame in @nb to the segments before it, or start anew
 * with it; 0 when it cannot be joined (no payload, other flags than
 * ACK and PSH).
 */
static int tx_join(struct uk_netbuf *nb, const struct tcp_frame *t,
		   int nocopy)
{
	uint8_t *f = nb->data;
	size_t pay = uk_netbuf_len(nb) - t->hlen;
	unsigned int nbufs = uk_netbuf_count(nb);
	uint8_t flags = f[t->l4 + 13];
	uint32_t seq = get32(f + t->l4 + 4);

	if (!txj.open || !pay || (flags & ~(TCPF_ACK | TCPF_PSH)) ||
	    !(flags & TCPF_ACK))
		return 0;
	if (txj.head && !txj.psh && txj.nbufs + nbufs <= dev_tx_segs &&
	    txj.last == txj.gso_size && pay <= txj.gso_size &&
	    seq == txj.next_seq && txj.len + pay <= UK_NETDEV_GSO_MAX &&
	    same_flow(f, t)) {
		/* its headers are all in the first netbuf (tcp_frame) */
		uk_netbuf_header(nb, -(long)t->hlen);
		nb->flags = 0;
		txj.tail->next = nb;
		while (nb->next)
			nb = nb->next;
		txj.tail = nb;
		txj.segs++;
		txj.nbufs += nbufs;
		txj.len += pay;
		txj.last = (uint16_t)pay;
		txj.next_seq += (uint32_t)pay;
		txj.psh = !!(flags & TCPF_PSH);
		return 1;
	}
	tx_flush_joined();
	txj.head = nb;
	txj.tail = nb;
	while (txj.tail->next)
		txj.tail = txj.tail->next;
	txj.t = *t;
	txj.segs = 1;
	txj.nbufs = nbufs;
	txj.len = uk_netbuf_len(nb);
	txj.gso_size = txj.last = (uint16_t)pay;
	txj.next_seq = seq + (uint32_t)pay;
	txj.psh = !!(flags & TCPF_PSH);
	txj.flagp = nocopy ? f + t->l4 + 13 : NULL;
	txj.flags = flags;
	/* PSH goes on the last segment only: the flush puts it back */
	f[t->l4 + 13] &= (uint8_t)~TCPF_PSH;
	return 1;
}

/* A netbuf over one pbuf of a frame sent without a copy; the first one
 * holds a reference to the frame's pbuf chain, dropped with it. */
static void nocopy_free(struct uk_netbuf *nb)
{
	if (nb->priv)
		pbuf_free(nb->priv);
	uk_free(nalloc, nb);
}

/* The frame in @p as a chain of netbufs over its pbufs (a device with
 * UK_NETDEV_F_TX_DONE is done with them when it returns), or NULL. The
 * headers must be in the first one (tcp_frame() checks the rest). */
static struct uk_netbuf *tx_nocopy(struct pbuf *p)
{
	struct uk_netbuf *head = NULL, **link = &head;
	const struct pbuf *q;
	unsigned int n = 0;

	for (q = p; q; q = q->next)
		if (q->len && ++n > dev_tx_segs)
			return NULL;
	for (q = p; q; q = q->next) {
		struct uk_netbuf *nb;

		if (!q->len)
			continue;
		nb = uk_malloc(nalloc, sizeof(*nb));
		if (!nb) {
			uk_netbuf_free(head);
			return NULL;
		}
		uk_netbuf_init(nb, q->payload, q->len, 0, nocopy_free);
		nb->len = q->len;
		if (!head) {
			pbuf_ref(p);
			nb->priv = p;
		}
		*link = nb;
		link = &nb->next;
	}
	return head;
}

static err_t ukif_linkoutput(struct netif *nif __unused, struct pbuf *p)
{
	struct uk_netbuf *nb = NULL;
	struct tcp_frame t;
	int nocopy = 0;

	/* Without a copy when the device is done with the buffers when it
	 * returns, there is no headroom to leave and the frame's first
	 * pbuf holds a whole Ethernet header (ARP, IP, TCP write theirs
	 * into the first). */
	if ((dev_features & UK_NETDEV_F_TX_DONE) && !tx_headroom &&
	    p->len >= ETH_HLEN) {
		nb = tx_nocopy(p);
		nocopy = !!nb;
	}
	/* TCP, whose checksum the device computes, must have its headers
	 * in the first netbuf to be seen as such: else a copy */
	if (nb && nb->next && (dev_features & UK_NETDEV_F_TX_CSUM) &&
	    !tcp_frame(nb->data, nb->len, &t)) {
		uk_netbuf_free(nb);
		nb = NULL;
		nocopy = 0;
	}
	if (!nb) {
		nb = uk_netbuf_alloc_buf(nalloc, p->tot_len + tx_headroom, 64,
					 tx_headroom);
		if (!nb)
			return ERR_MEM;
		pbuf_copy_partial(p, nb->data, p->tot_len, 0);
		nb->len = p->tot_len;
	}
	if ((dev_features & UK_NETDEV_F_TX_CSUM) &&
	    tcp_frame(nb->data, nb->len, &t)) {
		csum_partial(nb, &t, uk_netbuf_len(nb));
		if (tso_ok(&t) && tx_join(nb, &t, nocopy))
			return ERR_OK;
	}
	tx_flush_joined();	/* what came before goes first */
	return tx_send(nb);
}

static err_t ukif_init(struct netif *nif)
{
	const struct uk_netdev_hwaddr *mac = uk_netdev_hwaddr_get(dev);

	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, mac->a, ETH_HWADDR_LEN);
	nif->mtu = uk_netdev_mtu_get(dev);
	if (!nif->mtu || nif->mtu > 1500)
		nif->mtu = 1500;
	nif->mtu6 = nif->mtu;
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		     NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	if (dev_features & UK_NETDEV_F_TX_CSUM)
		NETIF_SET_CHECKSUM_CTRL(nif, NETIF_CHECKSUM_ENABLE_ALL &
					~NETIF_CHECKSUM_GEN_TCP);
	nif->output = etharp_output;
	nif->output_ip6 = ethip6_output;
	nif->linkoutput = ukif_linkoutput;
	netif_set_hostname(nif, "tessera");
	return ERR_OK;
}

static int dev_start(void)
{
	struct uk_netdev_info info;
	struct uk_netdev_rxqueue_conf rxc = {
		.alloc_rxpkts = alloc_rx,
	};
	struct uk_netdev_txqueue_conf txc = { 0 };
	int rc;

	uk_netdev_info_get(dev, &info);
	tx_headroom = info.nb_encap_tx;
	rx_headroom = info.nb_encap_rx;
	irq_mode = !!(info.features & UK_NETDEV_F_RXQ_INTR);
	if (irq_mode)
		rxc.callback = on_rx;
	dev_features = info.features;
	if (info.features & UK_NETDEV_F_RX_GSO)
		rx_bufsize = RX_GSO_BUFSIZE;
	/* joining segments takes chains, and checksums left to the device */
	dev_tx_segs = (info.features & UK_NETDEV_F_TX_SG) &&
		      (info.features & UK_NETDEV_F_TX_CSUM) ?
		      info.max_tx_segs : 1;
	if ((rc = uk_netdev_configure(dev, &(struct uk_netdev_conf){
			.nb_rx_queues = 1, .nb_tx_queues = 1,
			.rx_offloads = info.features & UK_NETDEV_F_RX_GSO })) < 0 ||
	    (rc = uk_netdev_rxq_configure(dev, 0, 0, &rxc)) < 0 ||
	    (rc = uk_netdev_txq_configure(dev, 0, 0, &txc)) < 0 ||
	    (rc = uk_netdev_start(dev)) < 0)
		return rc;
	return 0;
}

/* "A.B.C.D/N" into address and mask; N defaults to 24. */
static int parse_cidr(const char *s, ip4_addr_t *ip, ip4_addr_t *mask)
{
	char buf[32], *slash;
	unsigned long plen = 24;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		char *end;

		*slash = 0;
		plen = strtoul(slash + 1, &end, 10);
		if (*end || end == slash + 1 || plen > 32)
			return -1;
	}
	if (!ip4addr_aton(buf, ip))
		return -1;
	ip4_addr_set_u32(mask, plen ? lwip_htonl(0xffffffffUL << (32 - plen)) : 0);
	return 0;
}

static void tcpip_ready(void *arg)
{
	sys_sem_signal(arg);
}

static void print_addr(const char *how)
{
	char ip[IP4ADDR_STRLEN_MAX], gw[IP4ADDR_STRLEN_MAX];

	if (!CONFIG_LIBLWIP_ANNOUNCE_ON)
		return;
	ip4addr_ntoa_r(netif_ip4_addr(&ukif), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_gw(&ukif), gw, sizeof(gw));
	printf("lwip: netdev0 (%s) %s/%d gw %s (%s); offloads:%s%s%s%s%s%s\n",
	       dev->drv_name, ip,
	       __builtin_popcount(ip4_addr_get_u32(netif_ip4_netmask(&ukif))),
	       gw, how,
	       dev_features & UK_NETDEV_F_TX_CSUM ? " tx-csum" : "",
	       dev_features & UK_NETDEV_F_RX_CSUM ? " rx-csum" : "",
	       dev_tx_segs > 1 && (dev_features & UK_NETDEV_F_TSO4) ?
	       " tso4" : "",
	       dev_tx_segs > 1 && (dev_features & UK_NETDEV_F_TSO6) ?
	       " tso6" : "",
	       dev_features & UK_NETDEV_F_RX_GSO ? " rx-gso" : "",
	       dev_features & (UK_NETDEV_F_TX_CSUM | UK_NETDEV_F_RX_CSUM |
			       UK_NETDEV_F_RX_GSO) ? "" : " none");
}

__attribute__((constructor)) static void lwip_setup(void)
{
	ip4_addr_t ip, mask, gw;
	const char *sip = lwip_param_ip(), *sgw = lwip_param_gw();
	const char *sdns = lwip_param_dns();
	sys_sem_t ready;
	uint64_t end;
	int rc;

	nalloc = uk_alloc_get_default();
	sys_sem_new(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	sys_sem_wait(&ready);
	sys_sem_free(&ready);

	dev = uk_netdev_get(0);
	if (!dev) {
		uk_pr_info("no network device: sockets have no interface\n");
		return;
	}
	rc = dev_start();
	if (rc < 0) {
		uk_pr_err("cannot start netdev0 (%d)\n", rc);
		return;
	}
	ip4_addr_set_zero(&ip);
	ip4_addr_set_zero(&mask);
	ip4_addr_set_zero(&gw);
	if (sip && parse_cidr(sip, &ip, &mask) < 0) {
		uk_pr_err("netdev.ip=%s: not A.B.C.D/N; using DHCP\n", sip);
		sip = NULL;
	}
	if (sip && sgw && !ip4addr_aton(sgw, &gw))
		uk_pr_err("netdev.gw=%s: not an IPv4 address\n", sgw);

	LOCK_TCPIP_CORE();
	netif_add(&ukif, &ip, &mask, &gw, NULL, ukif_init, tcpip_input);
	netif_set_default(&ukif);
	netif_create_ip6_linklocal_address(&ukif, 1);
	ukif.ip6_autoconfig_enabled = 1;
	netif_set_link_up(&ukif);
	netif_set_up(&ukif);
	if (sdns) {
		ip_addr_t d;

		if (ipaddr_aton(sdns, &d))
			dns_setserver(0, &d);
		else
			uk_pr_err("netdev.dns=%s: not an address\n", sdns);
	}
	if (!sip)
		dhcp_start(&ukif);
	UNLOCK_TCPIP_CORE();

	if (!uk_thread_create(NULL, "netdev-rx", NULL, rx_thread, NULL)) {
		uk_pr_err("cannot create the receive thread\n");
		return;
	}
	if (sip) {
		print_addr("static");
		return;
	}
	end = ukplat_monotonic_clock() +
	      CONFIG_LIBLWIP_DHCP_WAIT_MS * 1000000ULL;
	while (!dhcp_supplied_address(&ukif) &&
	       ukplat_monotonic_clock() < end)
		uk_sched_sleep_ns(10000000ULL);
	if (dhcp_supplied_address(&ukif))
		print_addr("dhcp");
	else
		uk_pr_warn("no DHCP lease yet; main() starts anyway\n");
}
