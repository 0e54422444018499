/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip on uknetdev: the first network device becomes lwip's default
 * interface, set up before main() (a constructor, so threads can block).
 *
 * Receive: a thread takes bursts from queue 0, copies each frame into a
 * pbuf (finishing a partial L4 checksum the host left to us) and hands
 * it to the tcpip thread. When the device has receive interrupts the
 * thread sleeps on them, otherwise it polls with a short sleep.
 * Transmit: each frame is copied into one netbuf with the driver's
 * headroom and sent with a burst of one; a full queue is retried after
 * yielding.
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
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "netparam.h"

#define RX_BURST	32
#define RX_BUFSIZE	2048
#define RX_IDLE_NS	200000ULL	/* polling: sleep when idle */
#define RX_WAIT_NS	1000000000ULL	/* interrupts: wake up anyway */
#define TX_TRIES	1000

#ifdef CONFIG_LIBLWIP_ANNOUNCE
#define CONFIG_LIBLWIP_ANNOUNCE_ON	1
#else
#define CONFIG_LIBLWIP_ANNOUNCE_ON	0
#endif

static struct netif ukif;
static struct uk_netdev *dev;
static struct uk_alloc *nalloc;
static uint16_t tx_headroom, rx_headroom;
static int irq_mode;
static struct uk_waitq rx_wq = UK_WAITQ_INIT(rx_wq);
static volatile int rx_event;

static uint16_t alloc_rx(void *argp __unused, struct uk_netbuf *pkts[],
			 uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		if (!(pkts[i] = uk_netbuf_alloc_buf(nalloc,
						    RX_BUFSIZE + rx_headroom,
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

/*
 * A frame from the host's own stack may carry only the pseudo-header
 * sum in its L4 checksum field: complete it over the L4 data.
 */
static void finish_csum(struct uk_netbuf *nb)
{
	uint8_t *f = nb->data;
	uint16_t c;

	if (!(nb->flags & UK_NETBUF_F_CSUM_PARTIAL) || nb->next ||
	    (size_t)nb->csum_start + nb->csum_offset + 2 > nb->len)
		return;
	c = (uint16_t)~sum16(f + nb->csum_start, nb->len - nb->csum_start, 0);
	f[nb->csum_start + nb->csum_offset] = (uint8_t)(c >> 8);
	f[nb->csum_start + nb->csum_offset + 1] = (uint8_t)c;
}

static struct pbuf *to_pbuf(struct uk_netbuf *nb)
{
	size_t len = uk_netbuf_len(nb), off = 0;
	struct pbuf *p;

	if (!len || len > 0xffff)
		return NULL;
	finish_csum(nb);
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
		for (i = 0; i < n; i++) {
			struct pbuf *p = to_pbuf(pkts[i]);

			uk_netbuf_free(pkts[i]);
			if (p && ukif.input(p, &ukif) != ERR_OK)
				pbuf_free(p);
		}
		if (n == RX_BURST)
			uk_sched_yield();
		else if (n == 0)
			rx_wait();
	}
}

static err_t ukif_linkoutput(struct netif *nif __unused, struct pbuf *p)
{
	struct uk_netbuf *nb;
	int rc = 0, tries;

	nb = uk_netbuf_alloc_buf(nalloc, p->tot_len + tx_headroom, 64,
				 tx_headroom);
	if (!nb)
		return ERR_MEM;
	pbuf_copy_partial(p, nb->data, p->tot_len, 0);
	nb->len = p->tot_len;
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
	if ((rc = uk_netdev_configure(dev, &(struct uk_netdev_conf){ 1, 1 })) < 0 ||
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
	printf("lwip: netdev0 (%s) %s/%d gw %s (%s)\n", dev->drv_name, ip,
		   __builtin_popcount(ip4_addr_get_u32(netif_ip4_netmask(&ukif))),
		   gw, how);
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
