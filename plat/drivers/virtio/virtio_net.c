/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net (virtio 1.x spec, 5.1) as a uknetdev device. Queue pair k
 * is receiveq 2k / transmitq 2k+1. Multiqueue (5.1.6.5.5): with
 * VIRTIO_NET_F_MQ and VIRTIO_NET_F_CTRL_VQ the device has
 * max_virtqueue_pairs pairs and the control queue after them; it uses
 * pair 0 only until the driver, once running, asks for more with
 * VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET, which start() does when the user
 * configured several pairs (one pair: no control queue, no command).
 * Every request is two descriptors: the virtio-net header from
 * a driver-owned array indexed by the head descriptor (so users need no
 * headroom), then the packet (one descriptor per netbuf of a chain on
 * transmit). Checksum offload: VIRTIO_NET_F_CSUM (transmit) and
 * VIRTIO_NET_F_GUEST_CSUM (receive) when the device offers them;
 * segmentation offload (5.1.6.2): VIRTIO_NET_F_HOST_TSO4/_TSO6 with
 * VIRTIO_NET_F_CSUM, so a TCP packet of up to 64 KiB goes out as one
 * request that the device cuts into segments of gso_size.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/netdev.h>
#include <uk/netdev_vnet.h>
#include <uk/print.h>
#include <uk/plat/time.h>
#include <pci/pci.h>
#include <virtio/virtio.h>

#define VIRTIO_NET_F_CSUM		0
#define VIRTIO_NET_F_GUEST_CSUM		1
#define VIRTIO_NET_F_MAC		5
#define VIRTIO_NET_F_HOST_TSO4		11
#define VIRTIO_NET_F_HOST_TSO6		12
#define VIRTIO_NET_F_STATUS		16
#define VIRTIO_NET_F_CTRL_VQ		17
#define VIRTIO_NET_F_MQ			22

/* Control queue command (5.1.6.5) */
#define VIRTIO_NET_CTRL_MQ		4
#define VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET	0
#define VIRTIO_NET_OK			0
#define CTRL_TIMEOUT_NS			1000000000ULL

#define VIRTIO_NET_S_LINK_UP		1

#define CFG_MAC				0
#define CFG_STATUS			6
#define CFG_MAX_PAIRS			8

#define MAX_PAIRS			8
#define RX_FRAME			1514
#define MAX_TX_SEGS			16

struct vnet_hdr {
	struct uk_netdev_vnet_hdr h;
	uint16_t num_buffers;	/* modern only (header of 12 bytes) */
};

struct vnet_queue {
	struct virtqueue *vq;
	struct vnet_hdr *hdrs;		/* per head descriptor */
	struct uk_netdev_rxqueue_conf conf;
	uint8_t intr;			/* rx: interrupts wanted */
};

struct vnet {
	struct uk_netdev nd;
	struct virtio_dev *vdev;
	uint32_t features;		/* UK_NETDEV_F_*, from the device's */
	uint32_t hdr_len;
	uint16_t nqueues;
	uint16_t max_pairs;		/* that we may use */
	uint16_t dev_pairs;		/* max_virtqueue_pairs */
	struct vnet_queue rxq[MAX_PAIRS], txq[MAX_PAIRS];
	struct virtqueue *ctrlq;
	struct {			/* one control request at a time */
		uint8_t class, cmd;
		uint16_t pairs;
		uint8_t ack;
	} ctrl;
};

static inline struct vnet *to_vnet(struct uk_netdev *nd)
{
	return (struct vnet *)nd;
}

static void vnet_info(struct uk_netdev *nd, struct uk_netdev_info *info)
{
	struct vnet *n = to_vnet(nd);

	info->max_rx_queues = n->max_pairs;
	info->max_tx_queues = n->max_pairs;
	info->max_mtu = 1500;
	info->max_tx_segs = MAX_TX_SEGS;
	info->features = n->features;
}

static int vnet_configure(struct uk_netdev *nd,
			  const struct uk_netdev_conf *conf)
{
	/* Queues come in pairs: the device would deliver to a receive
	 * queue without buffers behind a lone transmit queue. */
	if (conf->nb_rx_queues != conf->nb_tx_queues)
		return -EINVAL;
	to_vnet(nd)->nqueues = conf->nb_rx_queues;
	return 0;
}

static void rx_event(struct virtqueue *vq, void *arg)
{
	struct vnet *n = arg;
	struct vnet_queue *q = &n->rxq[vq->index / 2];

	if (!q->intr)
		return;
	/* One event per enable: the user re-enables after draining. */
	q->intr = 0;
	virtio_vq_intr_disable(vq);
	if (q->conf.callback)
		q->conf.callback(&n->nd, (uint16_t)(vq->index / 2),
				 q->conf.callback_argp);
}

static int setup_queue(struct vnet *n, struct vnet_queue *q, uint16_t index,
		       uint16_t nb_desc, virtqueue_callback_t cb)
{
	struct uk_alloc *a = uk_alloc_get_default();
	int rc;

	if (q->vq)
		return 0;	/* virtqueues cannot be set up twice */
	rc = virtio_vq_setup(n->vdev, index, nb_desc, cb, n, &q->vq);
	if (rc < 0)
		return rc;
	q->hdrs = uk_calloc(a, q->vq->size, sizeof(*q->hdrs));
	return q->hdrs ? 0 : -ENOMEM;
}

static int vnet_rxq_configure(struct uk_netdev *nd, uint16_t qid,
			      uint16_t nb_desc,
			      const struct uk_netdev_rxqueue_conf *conf)
{
	struct vnet *n = to_vnet(nd);

	n->rxq[qid].conf = *conf;
	return setup_queue(n, &n->rxq[qid], (uint16_t)(2 * qid), nb_desc,
			   rx_event);
}

static int vnet_txq_configure(struct uk_netdev *nd, uint16_t qid,
			      uint16_t nb_desc,
			      const struct uk_netdev_txqueue_conf *c __unused)
{
	struct vnet *n = to_vnet(nd);

	return setup_queue(n, &n->txq[qid], (uint16_t)(2 * qid + 1),
			   nb_desc, NULL);
}

/* Give the rx queue as many buffers as it has room for. */
static void rx_refill(struct vnet *n, struct vnet_queue *q)
{
	struct uk_netbuf *nbs[32];
	int added = 0;

	while (q->vq->num_free >= 2) {
		uint16_t want = (uint16_t)UK_MIN(q->vq->num_free / 2, 32U);
		uint16_t got = q->conf.alloc_rxpkts(q->conf.alloc_rxpkts_argp,
						    nbs, want);

		for (uint16_t i = 0; i < got; i++) {
			struct uk_netbuf *nb = nbs[i];
			struct virtio_sg sg[2] = {
				{ &q->hdrs[q->vq->free_head], n->hdr_len },
				{ nb->data, (uint32_t)(nb->buflen -
					uk_netbuf_headroom(nb)) },
			};

			if (sg[1].len < RX_FRAME ||
			    virtio_vq_add(q->vq, sg, 0, 2, nb) < 0) {
				uk_netbuf_free(nb);
				n->nd.stats.rx_errors++;
				continue;
			}
			added++;
		}
		if (got < want) {
			n->nd.stats.rx_nobufs++;
			break;
		}
	}
	if (added)
		virtio_vq_kick(q->vq);
}

/* Tell the device to use @pairs queue pairs (polled: the device answers
 * at once, and there is a single request in flight). */
static int set_pairs(struct vnet *n, uint16_t pairs)
{
	struct virtio_sg sg[3] = {
		{ &n->ctrl.class, 2 },
		{ &n->ctrl.pairs, sizeof(n->ctrl.pairs) },
		{ &n->ctrl.ack, 1 },
	};
	uint64_t end;
	int rc;

	n->ctrl.class = VIRTIO_NET_CTRL_MQ;
	n->ctrl.cmd = VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET;
	n->ctrl.pairs = pairs;		/* little endian, like x86 */
	n->ctrl.ack = 0xff;
	rc = virtio_vq_add(n->ctrlq, sg, 2, 1, &n->ctrl);
	if (rc < 0)
		return rc;
	virtio_vq_kick(n->ctrlq);
	end = ukplat_monotonic_clock() + CTRL_TIMEOUT_NS;
	while (!virtio_vq_has_used(n->ctrlq))
		if (ukplat_monotonic_clock() > end)
			return -ETIMEDOUT;
	virtio_vq_get(n->ctrlq, NULL);
	return n->ctrl.ack == VIRTIO_NET_OK ? 0 : -EIO;
}

static int vnet_start(struct uk_netdev *nd)
{
	struct vnet *n = to_vnet(nd);
	int rc;

	for (uint16_t i = 0; i < n->nqueues; i++)
		if (!n->rxq[i].vq || !n->txq[i].vq)
			return -EINVAL;
	if (n->nqueues > 1 && !n->ctrlq) {
		rc = virtio_vq_setup(n->vdev, (uint16_t)(2 * n->dev_pairs), 0,
				     NULL, n, &n->ctrlq);
		if (rc < 0)
			return rc;
	}
	rc = virtio_driver_ok(n->vdev);
	if (rc < 0)
		return rc;
	if (n->nqueues > 1) {
		rc = set_pairs(n, n->nqueues);
		if (rc < 0) {
			virtio_fail(n->vdev, "it did not take the queue pair count");
			return rc;
		}
	}
	uk_pr_info("virtio-net: netdev%u: %u queue pair%s of %u\n", nd->id,
		   n->nqueues, n->nqueues > 1 ? "s" : "", n->max_pairs);
	for (uint16_t i = 0; i < n->nqueues; i++) {
		virtio_vq_intr_disable(n->rxq[i].vq);
		rx_refill(n, &n->rxq[i]);
	}
	return 0;
}

/* A received frame of @len bytes with its @hdr_len-byte header fits
 * the @room bytes posted for it and holds an Ethernet header. */
int virtio_net_rx_len_ok(uint32_t len, uint32_t hdr_len, size_t room)
{
	return len >= hdr_len + 14 && len - hdr_len <= room;
}

static int vnet_recv(struct uk_netdev *nd, uint16_t qid,
		     struct uk_netbuf *pkts[], uint16_t count)
{
	struct vnet *n = to_vnet(nd);
	struct vnet_queue *q = &n->rxq[qid];
	int got = 0;

	while (got < count) {
		struct uk_netbuf *nb;
		struct vnet_hdr *h;
		uint32_t len;

		uint16_t id;

		/* len and id checked against what was posted (virtqueue.c) */
		nb = virtio_vq_get_id(q->vq, &len, &id);
		if (!nb)
			break;
		/* the header slot is that of the chain's head descriptor */
		h = &q->hdrs[id];
		/* no merged packets: GUEST_TSO is not negotiated */
		if (!virtio_net_rx_len_ok(len, n->hdr_len,
				    nb->buflen - uk_netbuf_headroom(nb)) ||
		    uk_netdev_vnet_hdr_rx(nb, &h->h, 0) < 0) {
			uk_netbuf_free(nb);
			nd->stats.rx_errors++;
			continue;
		}
		nb->len = len - n->hdr_len;
		nb->next = NULL;
		pkts[got++] = nb;
	}
	if (got)
		rx_refill(n, q);
	return got;
}

static void tx_reclaim(struct vnet_queue *q)
{
	struct uk_netbuf *nb;

	while ((nb = virtio_vq_get(q->vq, NULL)))
		uk_netbuf_free(nb);
}

static int vnet_xmit(struct uk_netdev *nd, uint16_t qid,
		     struct uk_netbuf *pkts[], uint16_t count)
{
	struct vnet *n = to_vnet(nd);
	struct vnet_queue *q = &n->txq[qid];
	struct virtio_sg sg[MAX_TX_SEGS + 1];
	int sent = 0;

	tx_reclaim(q);
	for (; sent < count; sent++) {
		struct uk_netbuf *nb = pkts[sent];
		struct vnet_hdr *h = &q->hdrs[q->vq->free_head];
		unsigned int k = 1;
		int rc;

		rc = uk_netdev_vnet_hdr_tx(&h->h, nb, n->features);
		if (rc < 0) {
			if (!sent)
				return rc;
			break;
		}
		h->num_buffers = 0;
		sg[0].addr = h;
		sg[0].len = n->hdr_len;
		for (struct uk_netbuf *p = nb; p && k <= MAX_TX_SEGS;
		     p = p->next) {
			if (!p->len)
				continue;
			sg[k].addr = p->data;
			sg[k++].len = (uint32_t)p->len;
		}
		if (k > MAX_TX_SEGS && uk_netbuf_count(nb) > MAX_TX_SEGS) {
			if (!sent)
				return -EMSGSIZE;
			break;
		}
		if (virtio_vq_add(q->vq, sg, k, 0, nb) < 0)
			break;	/* full */
	}
	if (sent)
		virtio_vq_kick(q->vq);
	return sent;
}

static int vnet_intr_enable(struct uk_netdev *nd, uint16_t qid)
{
	struct vnet_queue *q = &to_vnet(nd)->rxq[qid];

	if (!q->conf.callback)
		return -ENOTSUP;
	q->intr = 1;
	return virtio_vq_intr_enable(q->vq);
}

static int vnet_intr_disable(struct uk_netdev *nd, uint16_t qid)
{
	struct vnet_queue *q = &to_vnet(nd)->rxq[qid];

	q->intr = 0;
	virtio_vq_intr_disable(q->vq);
	return 0;
}

static int vnet_link(struct uk_netdev *nd)
{
	struct vnet *n = to_vnet(nd);
	uint16_t st;

	if (!virtio_has_feature(n->vdev, VIRTIO_NET_F_STATUS))
		return 1;
	virtio_config_read(n->vdev, CFG_STATUS, &st, sizeof(st));
	return !!(st & VIRTIO_NET_S_LINK_UP);
}

static const struct uk_netdev_ops vnet_ops = {
	.info_get = vnet_info,
	.configure = vnet_configure,
	.rxq_configure = vnet_rxq_configure,
	.txq_configure = vnet_txq_configure,
	.start = vnet_start,
	.rxq_intr_enable = vnet_intr_enable,
	.rxq_intr_disable = vnet_intr_disable,
	.recv = vnet_recv,
	.xmit = vnet_xmit,
	.link_get = vnet_link,
};

static int vnet_add(struct virtio_dev *vdev)
{
	struct vnet *n = uk_calloc(uk_alloc_get_default(), 1, sizeof(*n));
	uint64_t want, mq;
	int rc;

	if (!n)
		return -ENOMEM;
	want = 1ULL << VIRTIO_NET_F_CSUM | 1ULL << VIRTIO_NET_F_GUEST_CSUM |
	       1ULL << VIRTIO_NET_F_MAC | 1ULL << VIRTIO_NET_F_STATUS;
	/* TSO needs the device to finish checksums */
	if (virtio_device_features(vdev) & 1ULL << VIRTIO_NET_F_CSUM)
		want |= 1ULL << VIRTIO_NET_F_HOST_TSO4 |
			1ULL << VIRTIO_NET_F_HOST_TSO6;
	/* The control queue only serves multiqueue here: without MQ the
	 * device gets the same features as a single-queue driver's. */
	mq = 1ULL << VIRTIO_NET_F_CTRL_VQ | 1ULL << VIRTIO_NET_F_MQ;
	if ((virtio_device_features(vdev) & mq) == mq)
		want |= mq;
	rc = virtio_negotiate(vdev, want);
	if (rc < 0)
		return rc;
	n->vdev = vdev;
	n->max_pairs = n->dev_pairs = 1;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MQ) &&
	    virtio_has_feature(vdev, VIRTIO_NET_F_CTRL_VQ)) {
		virtio_config_read(vdev, CFG_MAX_PAIRS, &n->dev_pairs,
				   sizeof(n->dev_pairs));
		/* 1..0x8000 by the spec; the control queue must be one the
		 * transport can set up. */
		if (n->dev_pairs < 1 || 2U * n->dev_pairs >= 64)
			n->dev_pairs = 1;
		n->max_pairs = (uint16_t)UK_MIN(n->dev_pairs, MAX_PAIRS);
	}
	n->features = UK_NETDEV_F_RXQ_INTR | UK_NETDEV_F_TX_SG;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_CSUM))
		n->features |= UK_NETDEV_F_TX_CSUM;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_HOST_TSO4))
		n->features |= UK_NETDEV_F_TSO4;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_HOST_TSO6))
		n->features |= UK_NETDEV_F_TSO6;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_GUEST_CSUM))
		n->features |= UK_NETDEV_F_RX_CSUM;
	vdev->priv = n;
	/* num_buffers is there with VERSION_1 (or MRG_RXBUF, not used) */
	n->hdr_len = virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ? 12 : 10;
	n->nd.ops = &vnet_ops;
	n->nd.drv_name = "virtio-net";
	n->nd.mtu = 1500;
	n->nd.priv = n;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
		virtio_config_read(vdev, CFG_MAC, n->nd.hwaddr.a,
				   UK_NETDEV_HWADDR_LEN);
	} else {
		static const uint8_t fallback[6] = { 0x02, 0, 0, 0, 0, 1 };

		memcpy(n->nd.hwaddr.a, fallback, sizeof(fallback));
		n->nd.hwaddr.a[5] = (uint8_t)(n->nd.hwaddr.a[5] +
					      vdev->pdev->slot);
	}
	rc = uk_netdev_register(&n->nd);
	return rc < 0 ? rc : 0;
}

static struct virtio_driver vnet_driver = {
	.name = "virtio-net",
	.type = VIRTIO_TYPE_NET,
	.add = vnet_add,
};
VIRTIO_DRIVER_REGISTER(&vnet_driver);
