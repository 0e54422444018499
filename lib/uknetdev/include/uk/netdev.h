/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: the network device API. Drivers (virtio-net, tap) register a
 * struct uk_netdev; users (a stack, or an application doing raw packet
 * I/O) find it by index and drive it:
 *
 *	dev = uk_netdev_get(0);
 *	uk_netdev_info_get(dev, &info);		queues, headroom, offloads
 *	uk_netdev_configure(dev, &(struct uk_netdev_conf){ 1, 1 });
 *	uk_netdev_rxq_configure(dev, 0, 0, &rxconf);	buffers come from
 *	uk_netdev_txq_configure(dev, 0, 0, &txconf);	rxconf.alloc_rxpkts
 *	uk_netdev_start(dev);
 *	n = uk_netdev_rx_burst(dev, 0, pkts, 32);
 *	n = uk_netdev_tx_burst(dev, 0, pkts, n);
 *
 * Receive: the driver fills buffers it obtains from the user's
 * alloc_rxpkts callback and hands back complete packets, data pointing at
 * the Ethernet header. Polling: call uk_netdev_rx_burst() whenever you
 * like. Interrupt mode: uk_netdev_rxq_intr_enable() after a burst that
 * returned fewer packets than asked (the queue is empty); the queue's
 * callback then runs (in interrupt context) when packets arrive, and
 * interrupts stay off until enabled again (mixed mode: poll while busy,
 * sleep on the interrupt when idle). Platforms without interrupts
 * (linuxu) return -ENOTSUP and are polled.
 *
 * Transmit: uk_netdev_tx_burst() takes packets with info.nb_encap_tx
 * bytes of headroom free for the driver's header; the packets it accepts
 * belong to the driver, which frees them (uk_netbuf_free) once sent; the
 * caller keeps the rest (queue full).
 *
 * Several queues: info.max_rx_queues/max_tx_queues say how many the
 * device has (virtio-net: its queue pairs, which want equal counts);
 * configure that many, set each up, and serve each with the same calls
 * and its qid. uk_netdev_qstats_get() gives a queue's own counters.
 *
 * Functions return 0 (or a count) on success and -errno on failure. A
 * device's queues are not locked: one thread per queue, or the user's
 * own locking.
 */
#ifndef __UK_NETDEV_H__
#define __UK_NETDEV_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/config.h>
#include <uk/netbuf.h>

#define UK_NETDEV_HWADDR_LEN	6

struct uk_netdev;

struct uk_netdev_hwaddr {
	uint8_t a[UK_NETDEV_HWADDR_LEN];
};

/* Offload capabilities (info.features) */
#define UK_NETDEV_F_TX_CSUM	0x01	/* tx: UK_NETBUF_F_CSUM_PARTIAL */
#define UK_NETDEV_F_RX_CSUM	0x02	/* rx: UK_NETBUF_F_DATA_VALID set */
#define UK_NETDEV_F_RXQ_INTR	0x04	/* receive interrupts available */
#define UK_NETDEV_F_TX_SG	0x08	/* tx: chains of max_tx_segs netbufs */
#define UK_NETDEV_F_TSO4	0x10	/* tx: UK_NETBUF_GSO_TCPV4 */
#define UK_NETDEV_F_TSO6	0x20	/* tx: UK_NETBUF_GSO_TCPV6 */
#define UK_NETDEV_F_RX_GSO	0x40	/* rx: merged TCP packets, if asked */
/* tx: the device is done with a packet's buffers when tx_burst returns
 * (it copied or dropped them), so they may point into memory the caller
 * changes or frees right after: no copy needed to send from it */
#define UK_NETDEV_F_TX_DONE	0x80

/* The largest packet with gso_type: an IP datagram of 64 KiB - 1 bytes
 * behind its Ethernet header. */
#define UK_NETDEV_GSO_MAX	(14 + 65535)

struct uk_netdev_info {
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint16_t nb_encap_tx;	/* headroom tx packets need for the driver */
	uint16_t nb_encap_rx;	/* headroom rx buffers need for the driver */
	uint16_t max_mtu;
	uint16_t max_tx_segs;	/* netbufs in one tx chain (1: no chains) */
	uint32_t features;	/* UK_NETDEV_F_* */
};

struct uk_netdev_conf {
	uint16_t nb_rx_queues;
	uint16_t nb_tx_queues;
	/* UK_NETDEV_F_RX_GSO (if in info.features): receive packets of up
	 * to UK_NETDEV_GSO_MAX bytes, chained over as many rx buffers as
	 * they need. 0: only frames of the MTU. */
	uint32_t rx_offloads;
};

/*
 * Fill @pkts with up to @count fresh netbufs for receiving, each with at
 * least info.nb_encap_rx bytes of headroom and room for an MTU-sized
 * frame (1514 bytes) after it; returns how many it gave.
 */
typedef uint16_t (*uk_netdev_alloc_rxpkts_t)(void *argp,
					     struct uk_netbuf *pkts[],
					     uint16_t count);

/* Called in interrupt context when queue @qid received packets. */
typedef void (*uk_netdev_queue_event_t)(struct uk_netdev *dev, uint16_t qid,
					void *argp);

struct uk_netdev_rxqueue_conf {
	uk_netdev_alloc_rxpkts_t alloc_rxpkts;
	void *alloc_rxpkts_argp;
	uk_netdev_queue_event_t callback;	/* NULL: polling only */
	void *callback_argp;
};

struct uk_netdev_txqueue_conf {
	int unused;	/* nothing to set yet */
};

enum uk_netdev_state {
	UK_NETDEV_UNCONFIGURED = 0,
	UK_NETDEV_CONFIGURED,
	UK_NETDEV_RUNNING,
};

struct uk_netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_errors, rx_nobufs;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_full;
};

/* Queues with their own counters; the device totals count them all. */
#define UK_NETDEV_QSTATS_MAX	CONFIG_LIBUKNETDEV_QSTATS

/* Packets handed out by rx_burst and taken by tx_burst on one queue. */
struct uk_netdev_qstats {
	uint64_t rx_packets, tx_packets;
};

/* What a driver implements; all but the intr pair are required. The
 * driver may assume the state checks of the uk_netdev_* wrappers. */
struct uk_netdev_ops {
	void (*info_get)(struct uk_netdev *dev, struct uk_netdev_info *info);
	int (*configure)(struct uk_netdev *dev,
			 const struct uk_netdev_conf *conf);
	int (*rxq_configure)(struct uk_netdev *dev, uint16_t qid,
			     uint16_t nb_desc,
			     const struct uk_netdev_rxqueue_conf *conf);
	int (*txq_configure)(struct uk_netdev *dev, uint16_t qid,
			     uint16_t nb_desc,
			     const struct uk_netdev_txqueue_conf *conf);
	int (*start)(struct uk_netdev *dev);
	int (*rxq_intr_enable)(struct uk_netdev *dev, uint16_t qid);
	int (*rxq_intr_disable)(struct uk_netdev *dev, uint16_t qid);
	/* >= 0: packets received/accepted; -errno */
	int (*recv)(struct uk_netdev *dev, uint16_t qid,
		    struct uk_netbuf *pkts[], uint16_t count);
	int (*xmit)(struct uk_netdev *dev, uint16_t qid,
		    struct uk_netbuf *pkts[], uint16_t count);
	/* 1 link up, 0 down */
	int (*link_get)(struct uk_netdev *dev);
};

struct uk_netdev {
	const struct uk_netdev_ops *ops;
	const char *drv_name;		/* "virtio-net", "tap" */
	struct uk_netdev_hwaddr hwaddr;
	uint16_t mtu;
	uint16_t id;			/* index, set by uk_netdev_register */
	enum uk_netdev_state state;
	struct uk_netdev_stats stats;
	struct uk_netdev_qstats qstats[UK_NETDEV_QSTATS_MAX];
	void *priv;			/* the driver's */
};

/* Drivers: add @dev to the table; returns its index or -ENOSPC. */
int uk_netdev_register(struct uk_netdev *dev);

/* Number of registered devices, and device @id (NULL if none). */
unsigned int uk_netdev_count(void);
struct uk_netdev *uk_netdev_get(unsigned int id);

void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info);

/* Number of queues to use, within info.max_*_queues; before start. */
int uk_netdev_configure(struct uk_netdev *dev,
			const struct uk_netdev_conf *conf);

/* Set up queue @qid with @nb_desc descriptors (0: the driver's choice);
 * after configure, before start. The rx queue is filled with buffers from
 * conf->alloc_rxpkts at start. */
int uk_netdev_rxq_configure(struct uk_netdev *dev, uint16_t qid,
			    uint16_t nb_desc,
			    const struct uk_netdev_rxqueue_conf *conf);
int uk_netdev_txq_configure(struct uk_netdev *dev, uint16_t qid,
			    uint16_t nb_desc,
			    const struct uk_netdev_txqueue_conf *conf);

/* Start receiving and sending; every configured queue must be set up. */
int uk_netdev_start(struct uk_netdev *dev);

/* Interrupt mode of rx queue @qid (see above); -ENOTSUP without
 * interrupts or without a callback. */
int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t qid);
int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t qid);

static inline const struct uk_netdev_hwaddr *
uk_netdev_hwaddr_get(const struct uk_netdev *dev)
{
	return &dev->hwaddr;
}

static inline uint16_t uk_netdev_mtu_get(const struct uk_netdev *dev)
{
	return dev->mtu;
}

/* 1 when the link is up, 0 when down. */
static inline int uk_netdev_link_get(struct uk_netdev *dev)
{
	return dev->ops->link_get ? dev->ops->link_get(dev) : 1;
}

/* Receive up to @count packets into @pkts; returns how many, or -errno.
 * Counts rx_packets/rx_bytes. */
static inline int uk_netdev_rx_burst(struct uk_netdev *dev, uint16_t qid,
				     struct uk_netbuf *pkts[], uint16_t count)
{
	int n = dev->ops->recv(dev, qid, pkts, count);

	for (int i = 0; i < n; i++)
		dev->stats.rx_bytes += uk_netbuf_len(pkts[i]);
	if (n > 0) {
		dev->stats.rx_packets += (unsigned int)n;
		if (qid < UK_NETDEV_QSTATS_MAX)
			dev->qstats[qid].rx_packets += (unsigned int)n;
	}
	return n;
}

/* Send up to @count packets of @pkts; returns how many the driver took
 * (the first ones), or -errno. Counts tx_packets/tx_bytes/tx_full. */
static inline int uk_netdev_tx_burst(struct uk_netdev *dev, uint16_t qid,
				     struct uk_netbuf *pkts[], uint16_t count)
{
	uint64_t bytes = 0;
	int n;

	for (int i = 0; i < count; i++)
		bytes += uk_netbuf_len(pkts[i]);
	n = dev->ops->xmit(dev, qid, pkts, count);
	if (n < 0) {
		dev->stats.tx_errors += count;
		return n;
	}
	for (int i = n; i < count; i++)
		bytes -= uk_netbuf_len(pkts[i]);
	dev->stats.tx_packets += (unsigned int)n;
	dev->stats.tx_bytes += bytes;
	if (qid < UK_NETDEV_QSTATS_MAX)
		dev->qstats[qid].tx_packets += (unsigned int)n;
	if (n < count)
		dev->stats.tx_full++;
	return n;
}

static inline const struct uk_netdev_stats *
uk_netdev_stats_get(const struct uk_netdev *dev)
{
	return &dev->stats;
}

/* Counters of queue @qid, NULL beyond UK_NETDEV_QSTATS_MAX. */
static inline const struct uk_netdev_qstats *
uk_netdev_qstats_get(const struct uk_netdev *dev, uint16_t qid)
{
	return qid < UK_NETDEV_QSTATS_MAX ? &dev->qstats[qid] : NULL;
}

#endif /* __UK_NETDEV_H__ */
