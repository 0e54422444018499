/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet frames into lwip (the fetched lwip 2.1.3 with Debian's and
 * our patches, lib/lwip/patches) as lib/lwip/netif.c hands them over:
 * each frame copied into one pbuf (or a chain of pool pbufs, netif.c's
 * fallback) and given to ethernet_input() on an interface with the
 * image's MTU, flags and addresses, marked PBUF_FLAG_L4_CSUM_OK when
 * the "device" checked it. The image's IP input hooks (lib/lwip/
 * timewait.c) and listen-backlog hook (lib/lwip/limits.c) are compiled
 * in. lwip runs with NO_SYS=1 (lwipopts.h of support/fuzz/lwip): our
 * netif glue needs uknetdev and threads, so the harness stands in for
 * it. A TCP listener (port 80, backlog 2, IPv4 and IPv6) accepts,
 * echoes and closes; a UDP pcb (port 7) echoes; an outgoing connection
 * may be opened. Input:
 *	opts[1]	bit 0: checksums checked (otherwise the interface checks
 *		none); bit 1: connect to 10.0.2.2:80 first
 *	then frames: flags[1] delay[1] len[2] frame[len]
 *		flags bit 0: checked by the device (L4 checksum good, up
 *		to 64 KiB as with merged receive; otherwise at most MTU +
 *		14 bytes); bit 1: in pool pbufs (a chain)
 *		delay: the fake clock advances (0-199: 10 ms steps; 200-
 *		255: 5 s steps, beyond TIME_WAIT and reassembly ages), then
 *		lwip's timers run
 * Checked beyond the sanitizers and lwip's own assertions: every frame
 * sent fits the MTU. After each input the connections are aborted and
 * the neighbour caches and reassembly queues emptied (LeakSanitizer sees
 * what stays behind), so that inputs do not depend on each other.
 */
#include "lwip/init.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/ip4_frag.h"
#include "lwip/ip6_frag.h"
#include "lwip/nd6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "netif/ethernet.h"
#include "fuzz.h"

#define MTU		1500
#define FRAME_MAX	(MTU + 14)

static struct netif nif;
static struct udp_pcb *upcb;
static u32_t now_ms;
static unsigned int rnd;

u32_t sys_now(void)
{
	return now_ms;
}

unsigned int fuzz_lwip_rand(void)
{
	rnd = rnd * 1103515245u + 12345u;
	return rnd >> 8;
}

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
	const struct pbuf *q;
	unsigned int sum = 0;

	(void)n;
	FUZZ_ASSERT(p->tot_len <= FRAME_MAX && p->tot_len >= 14,
		    "a frame of %u bytes sent", p->tot_len);
	for (q = p; q; q = q->next)
		for (u16_t i = 0; i < q->len; i++)
			sum += ((const u8_t *)q->payload)[i];
	(void)sum;
	return ERR_OK;
}

static err_t nif_init(struct netif *n)
{
	static const u8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(n->hwaddr, mac, sizeof(mac));
	n->mtu = MTU;
	n->mtu6 = MTU;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		   NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	n->output = etharp_output;
	n->output_ip6 = ethip6_output;
	n->linkoutput = linkoutput;
	return ERR_OK;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	u8_t buf[64];
	u16_t n;

	(void)arg;
	(void)err;
	if (!p) {
		tcp_close(pcb);
		return ERR_OK;
	}
	tcp_recved(pcb, p->tot_len);
	n = pbuf_copy_partial(p, buf, sizeof(buf), 0);
	pbuf_free(p);
	if (tcp_write(pcb, buf, n, TCP_WRITE_FLAG_COPY) == ERR_OK)
		tcp_output(pcb);
	return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
	(void)arg;
	(void)err;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	tcp_recv(pcb, on_recv);
	tcp_err(pcb, on_err);
	return ERR_OK;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	(void)err;
	tcp_recv(pcb, on_recv);
	return ERR_OK;
}

static void on_udp(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		   const ip_addr_t *addr, u16_t port)
{
	(void)arg;
	udp_sendto(pcb, p, addr, port);
	pbuf_free(p);
}

static void advance(u32_t ms)
{
	now_ms += ms;
	sys_check_timeouts();
}

static void setup(void)
{
	ip4_addr_t ip, mask, gw;
	struct tcp_pcb *l;

	lwip_init();
	IP4_ADDR(&ip, 10, 0, 2, 15);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 10, 0, 2, 2);
	netif_add(&nif, &ip, &mask, &gw, NULL, nif_init, ethernet_input);
	netif_set_default(&nif);
	netif_create_ip6_linklocal_address(&nif, 1);
	nif.ip6_autoconfig_enabled = 1;
	netif_set_link_up(&nif);
	netif_set_up(&nif);
	/* duplicate address detection done: the link-local address valid */
	for (int i = 0; i < 10; i++)
		advance(1000);
	FUZZ_ASSERT(ip6_addr_isvalid(netif_ip6_addr_state(&nif, 0)),
		    "link-local address state %#x",
		    netif_ip6_addr_state(&nif, 0));

	l = tcp_new_ip_type(IPADDR_TYPE_ANY);
	FUZZ_ASSERT(l && tcp_bind(l, IP_ANY_TYPE, 80) == ERR_OK, "tcp bind");
	l = tcp_listen_with_backlog(l, 2);
	FUZZ_ASSERT(l, "tcp listen");
	tcp_accept(l, on_accept);
	upcb = udp_new_ip_type(IPADDR_TYPE_ANY);
	FUZZ_ASSERT(upcb && udp_bind(upcb, IP_ANY_TYPE, 7) == ERR_OK,
		    "udp bind");
	udp_recv(upcb, on_udp, NULL);
}

/* Back to the state after setup(): nothing of the input kept. */
static void reset(void)
{
	while (tcp_active_pcbs)
		tcp_abort(tcp_active_pcbs);
	while (tcp_tw_pcbs)
		tcp_abort(tcp_tw_pcbs);
	for (int i = 0; i <= IP_REASS_MAXAGE; i++)
		ip_reass_tmr();
	for (int i = 0; i <= IPV6_REASS_MAXAGE; i++)
		ip6_reass_tmr();
	etharp_cleanup_netif(&nif);
	nd6_cleanup_netif(&nif);
	/* the link-local address as setup() left it (an input may have
	 * made it a duplicate), the autoconfigured ones gone */
	netif_ip6_addr_set_state(&nif, 0, IP6_ADDR_PREFERRED);
	for (int i = 1; i < LWIP_IPV6_NUM_ADDRESSES; i++)
		netif_ip6_addr_set_state(&nif, i, IP6_ADDR_INVALID);
	nif.mtu6 = MTU;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct fuzz_in in = { data, size };
	u8_t opts;

	if (!ready) {
		setup();
		ready = 1;
	}
	rnd = 1;
	opts = fuzz_u8(&in);
	NETIF_SET_CHECKSUM_CTRL(&nif, (opts & 1) ? NETIF_CHECKSUM_ENABLE_ALL :
				NETIF_CHECKSUM_ENABLE_ALL &
				~(NETIF_CHECKSUM_CHECK_IP |
				  NETIF_CHECKSUM_CHECK_UDP |
				  NETIF_CHECKSUM_CHECK_TCP |
				  NETIF_CHECKSUM_CHECK_ICMP |
				  NETIF_CHECKSUM_CHECK_ICMP6));
	if (opts & 2) {
		struct tcp_pcb *c = tcp_new();
		ip_addr_t peer = IPADDR4_INIT_BYTES(10, 0, 2, 2);

		if (c && tcp_connect(c, &peer, 80, on_connected) != ERR_OK)
			tcp_abort(c);
	}
	while (fuzz_left(&in)) {
		u8_t flags = fuzz_u8(&in), delay = fuzz_u8(&in);
		size_t len = fuzz_u16(&in), got;
		const u8_t *f;
		struct pbuf *p;

		if (!(flags & 1) && len > FRAME_MAX)
			len = FRAME_MAX;
		f = fuzz_bytes(&in, len, &got);
		advance(delay < 200 ? delay * 10u : (delay - 199u) * 5000u);
		if (!got)
			continue;
		p = pbuf_alloc(PBUF_RAW, (u16_t)got,
			       (flags & 2) ? PBUF_POOL : PBUF_RAM);
		if (!p)
			continue;
		FUZZ_ASSERT(pbuf_take(p, f, (u16_t)got) == ERR_OK, "pbuf_take");
		if (flags & 1)
			p->flags |= PBUF_FLAG_L4_CSUM_OK;
		if (nif.input(p, &nif) != ERR_OK)
			pbuf_free(p);
	}
	reset();
	return 0;
}
