/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: netfront, the PV network frontend of xen/io/netif.h, as a uknetdev
 * device per device/vif/<id> that xenbus finds. One queue pair, one event
 * channel, MTU 1500, no offloads: the frontend tells the backend
 * feature-no-csum-offload (every frame it sends us carries complete
 * checksums) and asks for neither scatter-gather nor GSO, so a frame is
 * one ring slot each way. The backend copies received frames into our
 * pages (request-rx-copy) and notifies us when we ask for it
 * (feature-rx-notify).
 *
 * Pages: each receive slot has a page of its own, granted to the backend
 * once (writable) and posted again as soon as its frame is copied into
 * a netbuf from the user's alloc_rxpkts; each transmit slot has a page
 * granted once (read-only) into which xmit copies the frame, so the
 * user's netbufs are released at once and never shared. Slot i of the
 * receive ring always holds page i (the backend answers receive requests
 * in order); transmit pages go by a free list, the request id naming the
 * page.
 *
 * The handshake runs in start(): wait for the backend's InitWait, grant
 * the rings and pages, allocate the event channel, write the ring
 * references, the channel and the features, switch to Connected and wait
 * for the backend's Connected. The link is up while the backend is
 * Connected. A destructor disconnects (Closing, then Closed once the
 * backend follows) and revokes the grants when the application exits.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/essentials.h>
#include <uk/netdev.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <xen-plat/xen.h>
#include <xen-plat/gnttab.h>
#include <xen-plat/xenbus.h>

/* The ring macros' barriers: x86 orders stores with stores and loads
 * with loads, so only the compiler must keep them in place. */
#define xen_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb()	__asm__ __volatile__("" ::: "memory")
#define xen_wmb()	__asm__ __volatile__("" ::: "memory")
#include <xen/io/ring.h>
#include <xen/io/netif.h>
#include "ring_checks.h"

#define PAGE		4096UL
#define RX_SLOTS	((unsigned int)__CONST_RING_SIZE(netif_rx, PAGE))
#define TX_SLOTS	((unsigned int)__CONST_RING_SIZE(netif_tx, PAGE))
#define FRAME_MAX	1514		/* MTU 1500 plus the Ethernet header */
#define FRAME_MIN	14
#define WAIT_NS		10000000000ULL	/* for the backend's state changes */
#define CLOSE_WAIT_NS	1000000000ULL

struct netfront {
	struct uk_netdev nd;
	struct xenbus_device *xdev;
	struct uk_alloc *a;
	struct netfront *next;		/* destructor's list */

	netif_tx_front_ring_t tx;
	netif_rx_front_ring_t rx;
	grant_ref_t tx_ring_ref, rx_ring_ref;
	evtchn_port_t port;
	int connected;			/* rings and grants set up */
	volatile int backend_up;	/* backend Connected */
	int broken;			/* the backend broke the ring rules */
	volatile int otherend_moved;	/* its state changed since */

	void *rx_page[RX_SLOTS];
	grant_ref_t rx_ref[RX_SLOTS];
	struct uk_netdev_rxqueue_conf rxconf;
	volatile int rx_intr;		/* rx interrupts wanted */

	void *tx_page[TX_SLOTS];
	grant_ref_t tx_ref[TX_SLOTS];
	uint16_t tx_free[TX_SLOTS];	/* stack of free transmit ids */
	uint8_t tx_busy[TX_SLOTS];	/* ids given to the backend */
	unsigned int tx_nfree;
};

static struct netfront *all;

static inline struct netfront *to_nf(struct uk_netdev *nd)
{
	return (struct netfront *)nd;
}

static void nf_info(struct uk_netdev *nd __unused, struct uk_netdev_info *info)
{
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	info->max_mtu = 1500;
	info->features = UK_NETDEV_F_RXQ_INTR;
}

static int nf_configure(struct uk_netdev *nd __unused,
			const struct uk_netdev_conf *conf __unused)
{
	return 0;
}

static int nf_rxq_configure(struct uk_netdev *nd, uint16_t qid __unused,
			    uint16_t nb_desc __unused,
			    const struct uk_netdev_rxqueue_conf *conf)
{
	to_nf(nd)->rxconf = *conf;
	return 0;
}

static int nf_txq_configure(struct uk_netdev *nd __unused,
			    uint16_t qid __unused, uint16_t nb_desc __unused,
			    const struct uk_netdev_txqueue_conf *conf __unused)
{
	return 0;
}

/* The backend's event (interrupt context): received frames wake the
 * user when it asked for it. Transmit completions are collected by
 * xmit, which never asks for their events. */
static void nf_event(evtchn_port_t port __unused, void *arg)
{
	struct netfront *nf = arg;

	if (!nf->rx_intr || !RING_HAS_UNCONSUMED_RESPONSES(&nf->rx))
		return;
	nf->rx_intr = 0;
	if (nf->rxconf.callback)
		nf->rxconf.callback(&nf->nd, 0, nf->rxconf.callback_argp);
}

/* Interrupt context: no xenstore here; nf_link() reads the state. */
static void nf_otherend_changed(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv;

	if (nf)
		nf->otherend_moved = 1;
}

/* Post the page of receive ring slot @idx to the backend. */
static void rx_post(struct netfront *nf, RING_IDX idx)
{
	netif_rx_request_t *req = RING_GET_REQUEST(&nf->rx, idx);
	unsigned int slot = idx & (RX_SLOTS - 1);

	req->id = (uint16_t)slot;
	req->gref = nf->rx_ref[slot];
}

static void rx_push(struct netfront *nf)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
	if (notify)
		xen_evtchn_notify(nf->port);
}

/* Free pages, grants and the event channel: the state before start(). */
static void teardown(struct netfront *nf)
{
	unsigned int i;

	if (nf->port) {
		evtchn_close_t c = { .port = nf->port };

		xen_evtchn_unbind(nf->port);
		xen_evtchn_op(EVTCHNOP_close, &c);
		nf->port = 0;
	}
	/* A grant the backend still maps stays, with its page: the page
	 * must not be reused while the backend may write to it. */
	for (i = 0; i < RX_SLOTS; i++) {
		if (nf->rx_page[i] && xen_gnttab_end_access(nf->rx_ref[i]) == 0)
			uk_pfree(nf->a, nf->rx_page[i], 1);
		nf->rx_page[i] = NULL;
	}
	for (i = 0; i < TX_SLOTS; i++) {
		if (nf->tx_page[i] && xen_gnttab_end_access(nf->tx_ref[i]) == 0)
			uk_pfree(nf->a, nf->tx_page[i], 1);
		nf->tx_page[i] = NULL;
	}
	if (nf->rx.sring && xen_gnttab_end_access(nf->rx_ring_ref) == 0)
		uk_pfree(nf->a, nf->rx.sring, 1);
	if (nf->tx.sring && xen_gnttab_end_access(nf->tx_ring_ref) == 0)
		uk_pfree(nf->a, nf->tx.sring, 1);
	nf->rx.sring = NULL;
	nf->tx.sring = NULL;
	nf->connected = 0;
}

/* A page granted to the backend: 0, or -errno with nothing left over. */
static int grant_page(struct netfront *nf, void **page, grant_ref_t *ref,
		      int readonly)
{
	int r;

	*page = uk_palloc(nf->a, 1);
	if (!*page)
		return -ENOMEM;
	memset(*page, 0, PAGE);
	r = xen_gnttab_grant_page(nf->xdev->otherend_id, *page, readonly);
	if (r < 0) {
		uk_pfree(nf->a, *page, 1);
		*page = NULL;
		return r;
	}
	*ref = (grant_ref_t)r;
	return 0;
}

static int setup_rings(struct netfront *nf)
{
	netif_tx_sring_t *txs;
	netif_rx_sring_t *rxs;
	unsigned int i;
	int rc;

	rc = grant_page(nf, (void **)&txs, &nf->tx_ring_ref, 0);
	if (rc < 0)
		return rc;
	SHARED_RING_INIT(txs);
	FRONT_RING_INIT(&nf->tx, txs, PAGE);
	rc = grant_page(nf, (void **)&rxs, &nf->rx_ring_ref, 0);
	if (rc < 0)
		return rc;
	SHARED_RING_INIT(rxs);
	FRONT_RING_INIT(&nf->rx, rxs, PAGE);
	for (i = 0; i < RX_SLOTS; i++) {
		rc = grant_page(nf, &nf->rx_page[i], &nf->rx_ref[i], 0);
		if (rc < 0)
			return rc;
		rx_post(nf, nf->rx.req_prod_pvt++);
	}
	/* Seen by the backend when it connects. */
	RING_PUSH_REQUESTS(&nf->rx);
	nf->tx_nfree = 0;
	for (i = 0; i < TX_SLOTS; i++) {
		rc = grant_page(nf, &nf->tx_page[i], &nf->tx_ref[i], 1);
		if (rc < 0)
			return rc;
		nf->tx_free[nf->tx_nfree++] = (uint16_t)i;
	}
	return 0;
}

static int write_keys(struct netfront *nf)
{
	struct xenbus_device *d = nf->xdev;
	int rc;

	if ((rc = xenbus_printf(d, "tx-ring-ref", "%u", nf->tx_ring_ref)) ||
	    (rc = xenbus_printf(d, "rx-ring-ref", "%u", nf->rx_ring_ref)) ||
	    (rc = xenbus_printf(d, "event-channel", "%u", nf->port)) ||
	    (rc = xenbus_printf(d, "request-rx-copy", "1")) ||
	    (rc = xenbus_printf(d, "feature-rx-notify", "1")) ||
	    (rc = xenbus_printf(d, "feature-sg", "0")) ||
	    (rc = xenbus_printf(d, "feature-gso-tcpv4", "0")) ||
	    (rc = xenbus_printf(d, "feature-gso-tcpv6", "0")) ||
	    (rc = xenbus_printf(d, "feature-no-csum-offload", "1")) ||
	    (rc = xenbus_printf(d, "feature-ipv6-csum-offload", "0")))
		return rc;
	return 0;
}

static int nf_start(struct uk_netdev *nd)
{
	struct netfront *nf = to_nf(nd);
	struct xenbus_device *d = nf->xdev;
	unsigned long long copy = 0;
	int rc;

	rc = xenbus_wait_otherend(d, XENBUS_STATE_BIT(XenbusStateInitWait) |
				  XENBUS_STATE_BIT(XenbusStateConnected),
				  ukplat_monotonic_clock() + WAIT_NS);
	if (rc < 0) {
		uk_pr_err("netfront: %s: backend not ready (%d)\n",
			  d->nodename, rc);
		return rc;
	}
	if (xenbus_read_otherend_uint(d, "feature-rx-copy", &copy) < 0 ||
	    !copy) {
		uk_pr_err("netfront: %s: the backend cannot copy received frames\n",
			  d->nodename);
		return -ENOTSUP;
	}
	rc = setup_rings(nf);
	if (rc == 0)
		rc = xenbus_evtchn_alloc(d, &nf->port);
	if (rc == 0)
		rc = xen_evtchn_bind(nf->port, nf_event, nf);
	nf->connected = 1;
	if (rc == 0)
		rc = write_keys(nf);
	if (rc == 0)
		rc = xenbus_switch_state(d, XenbusStateConnected);
	if (rc == 0)
		rc = xenbus_wait_otherend(d,
					  XENBUS_STATE_BIT(XenbusStateConnected),
					  ukplat_monotonic_clock() + WAIT_NS);
	if (rc < 0) {
		uk_pr_err("netfront: %s: cannot connect to the backend (%d)\n",
			  d->nodename, rc);
		xenbus_switch_state(d, XenbusStateClosed);
		teardown(nf);
		return rc;
	}
	nf->otherend_moved = 0;
	nf->backend_up = 1;
	xen_evtchn_notify(nf->port);
	uk_pr_info("netfront: netdev%u: %s connected to domain %u\n", nd->id,
		   d->nodename, d->otherend_id);
	return 0;
}

/* The backend broke the ring's rules: stop using the device. */
static void backend_broken(struct netfront *nf, const char *why)
{
	if (!nf->broken)
		uk_pr_err("netfront: netdev%u: backend sent %s: stopped\n",
			  nf->nd.id, why);
	nf->broken = 1;
	nf->backend_up = 0;
}

/* Receive response @idx, each field read once. */
static void rx_rsp_read(struct netfront *nf, RING_IDX idx,
			struct nf_rx_rsp *r)
{
	netif_rx_response_t *rsp = RING_GET_RESPONSE(&nf->rx, idx);

	r->id = READ_ONCE(rsp->id);
	r->offset = READ_ONCE(rsp->offset);
	r->flags = READ_ONCE(rsp->flags);
	r->status = READ_ONCE(rsp->status);
}

static int nf_recv(struct uk_netdev *nd, uint16_t qid __unused,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	struct netfront *nf = to_nf(nd);
	RING_IDX cons = nf->rx.rsp_cons, prod;
	struct uk_netbuf *nbs[32];
	uint16_t nnb = 0, used = 0;
	int got = 0;

	/* Not started, or closed at exit. */
	if (!nf->connected || !nf->backend_up)
		return 0;
	prod = READ_ONCE(nf->rx.sring->rsp_prod);
	xen_rmb();	/* the responses after their index */
	if (!xen_ring_rsp_prod_ok(prod, cons, nf->rx.req_prod_pvt)) {
		backend_broken(nf, "receive responses past the requests");
		return 0;
	}
	while (cons != prod && got < count) {
		unsigned int slot = cons & (RX_SLOTS - 1);
		struct nf_rx_rsp r;
		struct uk_netbuf *nb;

		rx_rsp_read(nf, cons, &r);
		if (r.flags & (NETRXF_more_data | NETRXF_extra_info)) {
			/* Never asked for: drop the whole frame. */
			nd->stats.rx_errors++;
			while (cons != prod &&
			       (READ_ONCE(RING_GET_RESPONSE(&nf->rx,
							    cons)->flags) &
				(NETRXF_more_data | NETRXF_extra_info))) {
				rx_post(nf, nf->rx.req_prod_pvt++);
				cons++;
			}
			continue;
		}
		if (nf_rx_rsp_ok(&r, slot, FRAME_MIN, FRAME_MAX, PAGE) < 0) {
			nd->stats.rx_errors++;
			rx_post(nf, nf->rx.req_prod_pvt++);
			cons++;
			continue;
		}
		if (used == nnb) {
			uint16_t want = (uint16_t)UK_MIN(count - got, 32);

			nnb = nf->rxconf.alloc_rxpkts(
				nf->rxconf.alloc_rxpkts_argp, nbs, want);
			used = 0;
			if (!nnb) {
				/* Keep the frame in its slot for later. */
				nd->stats.rx_nobufs++;
				break;
			}
		}
		nb = nbs[used++];
		if (uk_netbuf_tailroom(nb) < (size_t)r.status) {
			uk_netbuf_free(nb);
			nd->stats.rx_errors++;
			rx_post(nf, nf->rx.req_prod_pvt++);
			cons++;
			continue;
		}
		memcpy(nb->data, (char *)nf->rx_page[slot] + r.offset,
		       (size_t)r.status);
		nb->len = (size_t)r.status;
		nb->next = NULL;
		nb->flags = 0;
		pkts[got++] = nb;
		rx_post(nf, nf->rx.req_prod_pvt++);
		cons++;
	}
	while (used < nnb)
		uk_netbuf_free(nbs[used++]);
	nf->rx.rsp_cons = cons;
	rx_push(nf);
	return got;
}

/* Collect the backend's transmit responses: their pages are free. */
static void tx_reclaim(struct netfront *nf)
{
	RING_IDX cons = nf->tx.rsp_cons;
	RING_IDX prod = READ_ONCE(nf->tx.sring->rsp_prod);

	xen_rmb();
	if (!xen_ring_rsp_prod_ok(prod, cons, nf->tx.req_prod_pvt)) {
		backend_broken(nf, "transmit responses past the requests");
		return;
	}
	for (; cons != prod; cons++) {
		netif_tx_response_t *rsp = RING_GET_RESPONSE(&nf->tx, cons);
		int16_t status = READ_ONCE(rsp->status);
		uint16_t id = READ_ONCE(rsp->id);

		if (status == NETIF_RSP_NULL)
			continue;
		if (status != NETIF_RSP_OKAY)
			nf->nd.stats.tx_errors++;
		/* an id not in flight (never sent, or answered twice)
		 * would put one page in the free list twice */
		if (!xen_rsp_id_ok(id, nf->tx_busy, TX_SLOTS)) {
			nf->nd.stats.tx_errors++;
			continue;
		}
		nf->tx_busy[id] = 0;
		nf->tx_free[nf->tx_nfree++] = id;
	}
	nf->tx.rsp_cons = cons;
}

static int nf_xmit(struct uk_netdev *nd, uint16_t qid __unused,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	struct netfront *nf = to_nf(nd);
	int sent = 0, notify;

	if (!nf->backend_up)
		return -ENETDOWN;
	tx_reclaim(nf);
	for (; sent < count && nf->tx_nfree; sent++) {
		struct uk_netbuf *nb = pkts[sent];
		size_t len = uk_netbuf_len(nb), off = 0;
		netif_tx_request_t *req;
		uint16_t id;

		if (len < FRAME_MIN || len > FRAME_MAX) {
			if (!sent)
				return -EMSGSIZE;
			break;
		}
		/* no offload is claimed: a partial checksum would go out */
		if ((nb->flags & UK_NETBUF_F_CSUM_PARTIAL) || nb->gso_type) {
			if (!sent)
				return -ENOTSUP;
			break;
		}
		id = nf->tx_free[--nf->tx_nfree];
		nf->tx_busy[id] = 1;
		for (struct uk_netbuf *p = nb; p; p = p->next) {
			memcpy((char *)nf->tx_page[id] + off, p->data, p->len);
			off += p->len;
		}
		req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt++);
		req->gref = nf->tx_ref[id];
		req->offset = 0;
		req->flags = 0;
		req->id = id;
		req->size = (uint16_t)len;
		uk_netbuf_free(nb);
	}
	if (sent) {
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
		if (notify)
			xen_evtchn_notify(nf->port);
	}
	return sent;
}

static int nf_intr_enable(struct uk_netdev *nd, uint16_t qid __unused)
{
	struct netfront *nf = to_nf(nd);
	int more;

	if (!nf->rxconf.callback)
		return -ENOTSUP;
	nf->rx_intr = 1;
	if (!nf->backend_up)
		return 0;
	/* Ask for an event at the next response, then look again: one
	 * that came in between would send none. */
	RING_FINAL_CHECK_FOR_RESPONSES(&nf->rx, more);
	return more ? 1 : 0;
}

static int nf_intr_disable(struct uk_netdev *nd, uint16_t qid __unused)
{
	to_nf(nd)->rx_intr = 0;
	return 0;
}

static int nf_link(struct uk_netdev *nd)
{
	struct netfront *nf = to_nf(nd);

	if (nf->connected && nf->otherend_moved) {
		nf->otherend_moved = 0;
		nf->backend_up = !nf->broken &&
				 xenbus_read_state(nf->xdev->otherend) ==
				 XenbusStateConnected;
	}
	return nf->backend_up;
}

static const struct uk_netdev_ops nf_ops = {
	.info_get = nf_info,
	.configure = nf_configure,
	.rxq_configure = nf_rxq_configure,
	.txq_configure = nf_txq_configure,
	.start = nf_start,
	.rxq_intr_enable = nf_intr_enable,
	.rxq_intr_disable = nf_intr_disable,
	.recv = nf_recv,
	.xmit = nf_xmit,
	.link_get = nf_link,
};

/* "aa:bb:cc:dd:ee:ff" into @mac: 0, or -EINVAL. */
static int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		unsigned int v = 0;

		for (int k = 0; k < 2; k++, s++) {
			unsigned int c = (unsigned char)*s;

			if (c >= '0' && c <= '9')
				v = v * 16 + c - '0';
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = v * 16 + (c | 0x20) - 'a' + 10;
			else
				return -EINVAL;
		}
		if (*s != (i < 5 ? ':' : '\0'))
			return -EINVAL;
		s++;
		mac[i] = (uint8_t)v;
	}
	return 0;
}

static int nf_add(struct xenbus_device *d)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct netfront *nf;
	char path[96], mac[32];
	uint8_t hw[6];
	int rc;

	snprintf(path, sizeof(path), "%s/mac", d->nodename);
	rc = xenstore_read(XENSTORE_TX_NONE, path, mac, sizeof(mac));
	if (rc < 0) {
		uk_pr_err("netfront: %s: no MAC address (%d)\n", d->nodename,
			  rc);
		return rc;
	}
	if (parse_mac(mac, hw) < 0) {
		uk_pr_err("netfront: %s: bad MAC address \"%s\"\n",
			  d->nodename, mac);
		return -EINVAL;
	}
	nf = uk_calloc(a, 1, sizeof(*nf));
	if (!nf)
		return -ENOMEM;
	memcpy(nf->nd.hwaddr.a, hw, sizeof(hw));
	nf->a = a;
	nf->xdev = d;
	nf->nd.ops = &nf_ops;
	nf->nd.drv_name = "xen-netfront";
	nf->nd.mtu = 1500;
	nf->nd.priv = nf;
	rc = uk_netdev_register(&nf->nd);
	if (rc < 0) {
		uk_free(a, nf);
		return rc;
	}
	d->priv = nf;
	nf->next = all;
	all = nf;
	return 0;
}

/* At exit: tell the backends we go, and take the pages back. */
__attribute__((destructor)) static void nf_disconnect(void)
{
	for (struct netfront *nf = all; nf; nf = nf->next) {
		struct xenbus_device *d = nf->xdev;
		uint64_t end = ukplat_monotonic_clock() + CLOSE_WAIT_NS;

		if (!nf->connected)
			continue;
		nf->backend_up = 0;
		xenbus_switch_state(d, XenbusStateClosing);
		xenbus_wait_otherend(d, XENBUS_STATE_BIT(XenbusStateClosing) |
				     XENBUS_STATE_BIT(XenbusStateClosed), end);
		xenbus_switch_state(d, XenbusStateClosed);
		xenbus_wait_otherend(d, XENBUS_STATE_BIT(XenbusStateClosed) |
				     XENBUS_STATE_BIT(XenbusStateInitWait),
				     end);
		teardown(nf);
	}
}

static struct xenbus_driver nf_driver = {
	.type = "vif",
	.add = nf_add,
	.otherend_changed = nf_otherend_changed,
};
XENBUS_DRIVER_REGISTER(&nf_driver);
