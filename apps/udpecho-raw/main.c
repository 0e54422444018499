/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * udpecho-raw: a UDP echo server directly on uknetdev, without a network
 * stack. It answers ARP requests for its IPv4 address, ICMP echo requests
 * (ping) and UDP datagrams to its port, each by turning the received
 * frame around in place (addresses swapped, IPv4 header checksum
 * recomputed) and sending the same buffer back.
 *
 * usage: udpecho-raw [ip=A.B.C.D] [port=N] [mode=poll|irq] [count=N]
 *                    [queues=N]
 *   ip     address to answer for (default 10.0.2.15, QEMU user net)
 *   port   UDP port (default 7)
 *   mode   irq: sleep on the receive interrupt when idle (default where
 *          the device has interrupts), poll: busy-poll
 *   count  exit after echoing N datagrams (default 0: never)
 *   queues use N receive/transmit queue pairs (default 1; at most what
 *          the device offers): every queue is served in turn and a reply
 *          leaves on the queue its request came in on. The exit line
 *          gives each queue's counters.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/netdev.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>

#define ETH_HLEN	14
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define IPPROTO_ICMP	1
#define IPPROTO_UDP	17
#define BURST		32
#define BUF_SIZE	2048
#define HEADROOM	64
#define MAX_QUEUES	16

static uint32_t my_ip;		/* network byte order */
static uint16_t my_port = 7;
static unsigned long want_count;
static unsigned long echoed, arps, pings;
static struct uk_netdev *dev;
static uint16_t nq = 1;
static volatile int rx_event;

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void swap(uint8_t *a, uint8_t *b, size_t n)
{
	uint8_t t[6];

	memcpy(t, a, n);
	memcpy(a, b, n);
	memcpy(b, t, n);
}

/* Internet checksum (RFC 1071) of @len bytes. */
static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (; len > 1; p += 2, len -= 2)
		s += get16(p);
	if (len)
		s += (uint32_t)p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static int parse_ip(const char *s, uint32_t *ip)
{
	unsigned int b[4];
	char tail;

	if (sscanf(s, "%u.%u.%u.%u%c", &b[0], &b[1], &b[2], &b[3],
		   &tail) != 4 || b[0] > 255 || b[1] > 255 || b[2] > 255 ||
	    b[3] > 255)
		return -EINVAL;
	*ip = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
	return 0;
}

/* Turn the Ethernet header around: back to the sender, from us. */
static void eth_reply(uint8_t *f)
{
	memcpy(f, f + 6, 6);
	memcpy(f + 6, uk_netdev_hwaddr_get(dev)->a, 6);
}

static int handle_arp(uint8_t *f, size_t len)
{
	uint8_t *a = f + ETH_HLEN;

	if (len < ETH_HLEN + 28 || get16(a) != 1 || get16(a + 2) != ETH_P_IP ||
	    a[4] != 6 || a[5] != 4 || get16(a + 6) != 1 ||
	    memcmp(a + 24, &my_ip, 4))
		return 0;
	put16(a + 6, 2);			/* reply */
	memcpy(a + 18, a + 8, 10);		/* target = sender */
	memcpy(a + 8, uk_netdev_hwaddr_get(dev)->a, 6);
	memcpy(a + 14, &my_ip, 4);
	eth_reply(f);
	arps++;
	return 1;
}

static int tx_csum;		/* the device completes checksums */

static int handle_ip(struct uk_netbuf *nb, uint8_t *f, size_t len)
{
	uint8_t *ip = f + ETH_HLEN, *l4;
	size_t ihl, tot;

	if (len < ETH_HLEN + 20 || (ip[0] >> 4) != 4)
		return 0;
	ihl = (ip[0] & 15) * 4U;
	tot = get16(ip + 2);
	if (ihl < 20 || tot < ihl || ETH_HLEN + tot > len ||
	    memcmp(ip + 16, &my_ip, 4) || csum(ip, ihl) != 0 ||
	    (get16(ip + 6) & 0x3fff))		/* no fragments */
		return 0;
	l4 = ip + ihl;
	if (ip[9] == IPPROTO_UDP) {
		if (tot < ihl + 8 || get16(l4 + 2) != my_port)
			return 0;
		/* Swapping addresses and ports leaves the UDP checksum
		 * (a sum over both) unchanged. A frame from the host's own
		 * stack may carry only the pseudo-header sum (partial
		 * checksum): the device completes it on the way back, or
		 * we do. */
		swap(l4, l4 + 2, 2);
		if ((nb->flags & UK_NETBUF_F_CSUM_PARTIAL) && !tx_csum) {
			if ((size_t)nb->csum_start + nb->csum_offset + 2 >
			    ETH_HLEN + tot)
				return 0;
			put16(f + nb->csum_start + nb->csum_offset,
			      csum(f + nb->csum_start,
				   ETH_HLEN + tot - nb->csum_start));
			nb->flags = 0;
		}
		echoed++;
	} else if (ip[9] == IPPROTO_ICMP) {
		if (tot < ihl + 8 || l4[0] != 8)	/* echo request */
			return 0;
		l4[0] = 0;
		nb->flags = 0;
		put16(l4 + 2, 0);
		put16(l4 + 2, csum(l4, tot - ihl));
		pings++;
	} else {
		return 0;
	}
	swap(ip + 12, ip + 16, 4);
	ip[8] = 64;				/* TTL */
	put16(ip + 10, 0);
	put16(ip + 10, csum(ip, ihl));
	eth_reply(f);
	return 1;
}

/* Whether the frame became a reply to send back. */
static int handle(struct uk_netbuf *nb)
{
	uint8_t *f = nb->data;

	if (nb->next || nb->len < ETH_HLEN)
		return 0;
	switch (get16(f + 12)) {
	case ETH_P_ARP:
		return handle_arp(f, nb->len);
	case ETH_P_IP:
		return handle_ip(nb, f, nb->len);
	}
	return 0;
}

static uint16_t alloc_rx(void *argp, struct uk_netbuf *pkts[], uint16_t n)
{
	struct uk_alloc *a = argp;
	uint16_t i;

	for (i = 0; i < n; i++)
		if (!(pkts[i] = uk_netbuf_alloc_buf(a, BUF_SIZE, 64,
						    HEADROOM)))
			break;
	return i;
}

static void on_rx(struct uk_netdev *d __unused, uint16_t q __unused,
		  void *arg __unused)
{
	rx_event = 1;
}

static int setup(int irq)
{
	struct uk_netdev_info info;
	struct uk_netdev_rxqueue_conf rxc = {
		.alloc_rxpkts = alloc_rx,
		.alloc_rxpkts_argp = uk_alloc_get_default(),
		.callback = irq ? on_rx : NULL,
	};
	struct uk_netdev_txqueue_conf txc = { 0 };
	uint16_t max;
	int rc;

	uk_netdev_info_get(dev, &info);
	if (info.nb_encap_rx > HEADROOM || info.nb_encap_tx > HEADROOM)
		return -ENOTSUP;
	max = UK_MIN(info.max_rx_queues, info.max_tx_queues);
	printf("udpecho-raw: %u queue pair%s asked, the device offers %u\n",
	       nq, nq > 1 ? "s" : "", max);
	nq = UK_MIN(nq, max);
	if ((rc = uk_netdev_configure(dev, &(struct uk_netdev_conf){
			.nb_rx_queues = nq, .nb_tx_queues = nq })) < 0)
		return rc;
	for (uint16_t q = 0; q < nq; q++)
		if ((rc = uk_netdev_rxq_configure(dev, q, 0, &rxc)) < 0 ||
		    (rc = uk_netdev_txq_configure(dev, q, 0, &txc)) < 0)
			return rc;
	if ((rc = uk_netdev_start(dev)) < 0)
		return rc;
	tx_csum = !!(info.features & UK_NETDEV_F_TX_CSUM);
	return (info.features & UK_NETDEV_F_RXQ_INTR) ? 1 : 0;
}

static void wait_rx(void)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int pending = 0;

	/* Sleep only when every queue is empty with its interrupt on. */
	for (uint16_t q = 0; q < nq; q++)
		if (uk_netdev_rxq_intr_enable(dev, q) != 0)
			pending = 1;
	if (!pending && !rx_event)
		ukplat_lcpu_halt_irq_until(0);
	rx_event = 0;
	ukplat_lcpu_restore_irqf(flags);
}

static void linger(unsigned int ms)
{
	uint64_t end = ukplat_monotonic_clock() + ms * 1000000ULL;
	unsigned long flags = ukplat_lcpu_save_irqf();

	while (ukplat_monotonic_clock() < end)
		ukplat_lcpu_halt_irq_until(end);
	ukplat_lcpu_restore_irqf(flags);
}

/* One burst on queue @q, answered on the same queue; returns whether
 * it received anything, or -errno. */
static int serve(uint16_t q, struct uk_netbuf *pkts[],
		 struct uk_netbuf *out[])
{
	int n = uk_netdev_rx_burst(dev, q, pkts, BURST), nout = 0, rc;

	if (n <= 0)
		return n;
	for (int i = 0; i < n; i++) {
		if (handle(pkts[i])) {
			/* keeps CSUM_PARTIAL for the device */
			pkts[i]->flags &= UK_NETBUF_F_CSUM_PARTIAL;
			out[nout++] = pkts[i];
		} else {
			uk_netbuf_free(pkts[i]);
		}
	}
	rc = nout ? uk_netdev_tx_burst(dev, q, out, (uint16_t)nout) : 0;
	for (int i = rc < 0 ? 0 : rc; i < nout; i++)
		uk_netbuf_free(out[i]);
	return 1;
}

int main(int argc, char *argv[])
{
	const char *mode = NULL;
	struct uk_netbuf *pkts[BURST], *out[BURST];
	const uint8_t *mac;
	int irq, rc;

	parse_ip("10.0.2.15", &my_ip);
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "ip=", 3)) {
			if (parse_ip(argv[i] + 3, &my_ip) < 0) {
				printf("udpecho-raw: bad address %s\n", argv[i] + 3);
				return 2;
			}
		} else if (!strncmp(argv[i], "port=", 5)) {
			my_port = (uint16_t)atoi(argv[i] + 5);
		} else if (!strncmp(argv[i], "mode=", 5)) {
			mode = argv[i] + 5;
		} else if (!strncmp(argv[i], "count=", 6)) {
			want_count = strtoul(argv[i] + 6, NULL, 10);
		} else if (!strncmp(argv[i], "queues=", 7) &&
			   atoi(argv[i] + 7) >= 1 &&
			   atoi(argv[i] + 7) <= MAX_QUEUES) {
			nq = (uint16_t)atoi(argv[i] + 7);
		} else {
			printf("usage: udpecho-raw [ip=A.B.C.D] [port=N] [mode=poll|irq] [count=N] [queues=1-%d]\n",
			       MAX_QUEUES);
			return 2;
		}
	}
	dev = uk_netdev_get(0);
	if (!dev) {
		printf("udpecho-raw: no network device\n");
		return 1;
	}
	rc = setup(!mode || !strcmp(mode, "irq"));
	if (rc < 0) {
		printf("udpecho-raw: cannot start netdev0 (%d)\n", rc);
		return 1;
	}
	irq = rc && (!mode || !strcmp(mode, "irq"));
	mac = uk_netdev_hwaddr_get(dev)->a;
	printf("udpecho-raw: %u.%u.%u.%u port %u on netdev0 (%s %02x:%02x:%02x:%02x:%02x:%02x), %s mode\n",
	       my_ip & 255, (my_ip >> 8) & 255, (my_ip >> 16) & 255,
	       my_ip >> 24, my_port, dev->drv_name, mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5], irq ? "interrupt" : "polling");
	printf("udpecho-raw: checksum offload: tx %s\n", tx_csum ? "yes" : "no");
	while (!want_count || echoed < want_count) {
		int busy = 0;

		for (uint16_t q = 0; q < nq; q++) {
			rc = serve(q, pkts, out);
			if (rc < 0) {
				printf("udpecho-raw: receive error %d on queue %u\n",
				       rc, q);
				return 1;
			}
			busy |= rc;
		}
		if (!busy && irq)
			wait_rx();
	}
	/* Let the device send the last replies before the image ends. */
	linger(200);
	printf("udpecho-raw: %lu datagrams echoed, %lu ARP and %lu ping replies; rx %lu tx %lu packets\n",
	       echoed, arps, pings,
	       (unsigned long)uk_netdev_stats_get(dev)->rx_packets,
	       (unsigned long)uk_netdev_stats_get(dev)->tx_packets);
	for (uint16_t q = 0; nq > 1 && q < nq; q++) {
		const struct uk_netdev_qstats *qs = uk_netdev_qstats_get(dev, q);

		if (qs)
			printf("udpecho-raw: queue %u: rx %lu tx %lu\n", q,
			       (unsigned long)qs->rx_packets,
			       (unsigned long)qs->tx_packets);
	}
	return 0;
}
