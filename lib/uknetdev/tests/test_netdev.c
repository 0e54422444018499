/* SPDX-License-Identifier: BSD-3-Clause */
/* uknetdev tests: netbuf headroom, chains and references; the device
 * state machine and statistics over a loopback device; the virtio-net
 * header helpers. */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/netdev.h>
#include <uk/netdev_vnet.h>
#include <uk/test.h>

static int dtor_calls;

static void count_dtor(struct uk_netbuf *nb __unused)
{
	dtor_calls++;
}

UK_TESTCASE(uknetdev, netbuf_headroom)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netbuf *nb = uk_netbuf_alloc_buf(a, 2048, 64, 128);

	UK_TEST_EXPECT_NOT_NULL(nb);
	if (!nb)
		return;
	UK_TEST_EXPECT_EQ((uintptr_t)nb->buf % 64, 0);
	UK_TEST_EXPECT_EQ(uk_netbuf_headroom(nb), 128);
	UK_TEST_EXPECT_EQ(uk_netbuf_tailroom(nb), 2048 - 128);
	nb->len = 100;
	UK_TEST_EXPECT_EQ(uk_netbuf_header(nb, 14), 0);
	UK_TEST_EXPECT_EQ(nb->len, 114);
	UK_TEST_EXPECT_EQ(uk_netbuf_headroom(nb), 114);
	UK_TEST_EXPECT_EQ(uk_netbuf_header(nb, 115), -ENOSPC);
	UK_TEST_EXPECT_EQ(uk_netbuf_header(nb, -115), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_netbuf_header(nb, -14), 0);
	UK_TEST_EXPECT_EQ(nb->len, 100);
	UK_TEST_EXPECT_NULL(uk_netbuf_alloc_buf(a, 64, 0, 65));
	uk_netbuf_free(nb);
}

UK_TESTCASE(uknetdev, netbuf_chain_refs)
{
	static char mem[3][256];
	static struct uk_netbuf nbs[3];
	struct uk_netbuf *h;

	dtor_calls = 0;
	for (int i = 0; i < 3; i++) {
		UK_TEST_EXPECT(uk_netbuf_init(&nbs[i], mem[i], 256, 16,
					      count_dtor) == &nbs[i]);
		nbs[i].len = 10 * (i + 1);
	}
	h = &nbs[0];
	uk_netbuf_append(h, &nbs[1]);
	uk_netbuf_append(h, &nbs[2]);
	UK_TEST_EXPECT_EQ(uk_netbuf_count(h), 3);
	UK_TEST_EXPECT_EQ(uk_netbuf_len(h), 60);
	uk_netbuf_ref(&nbs[1]);
	uk_netbuf_free(h);
	UK_TEST_EXPECT_EQ(dtor_calls, 2);	/* nbs[1] still referenced */
	UK_TEST_EXPECT_EQ(nbs[1].refcount, 1);
	uk_netbuf_free(&nbs[1]);
	UK_TEST_EXPECT_EQ(dtor_calls, 3);
	uk_netbuf_free(NULL);
}

/* Loopback: what is sent on queue 0 is received on queue 0. */
#define LO_RING 4
static struct uk_netbuf *lo_ring[LO_RING];
static unsigned int lo_n;

static void lo_info(struct uk_netdev *dev __unused,
		    struct uk_netdev_info *info)
{
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	info->max_mtu = 1500;
}

static int lo_configure(struct uk_netdev *dev __unused,
			const struct uk_netdev_conf *conf __unused)
{
	return 0;
}

static int lo_rxq(struct uk_netdev *dev __unused, uint16_t qid __unused,
		  uint16_t nb __unused,
		  const struct uk_netdev_rxqueue_conf *c __unused)
{
	return 0;
}

static int lo_txq(struct uk_netdev *dev __unused, uint16_t qid __unused,
		  uint16_t nb __unused,
		  const struct uk_netdev_txqueue_conf *c __unused)
{
	return 0;
}

static int lo_start(struct uk_netdev *dev __unused)
{
	return 0;
}

static int lo_recv(struct uk_netdev *dev __unused, uint16_t qid __unused,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	int n = 0;

	while (n < count && lo_n) {
		pkts[n++] = lo_ring[0];
		memmove(lo_ring, lo_ring + 1, --lo_n * sizeof(lo_ring[0]));
	}
	return n;
}

static int lo_xmit(struct uk_netdev *dev __unused, uint16_t qid __unused,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	int n = 0;

	while (n < count && lo_n < LO_RING)
		lo_ring[lo_n++] = pkts[n++];
	return n;
}

static const struct uk_netdev_ops lo_ops = {
	.info_get = lo_info, .configure = lo_configure,
	.rxq_configure = lo_rxq, .txq_configure = lo_txq,
	.start = lo_start, .recv = lo_recv, .xmit = lo_xmit,
};

static uint16_t no_bufs(void *argp __unused, struct uk_netbuf *p[] __unused,
			uint16_t c __unused)
{
	return 0;
}

UK_TESTCASE(uknetdev, loopback_device)
{
	static struct uk_netdev lo = { .ops = &lo_ops, .drv_name = "lo",
				       .mtu = 1500 };
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev_rxqueue_conf rxc = { .alloc_rxpkts = no_bufs };
	struct uk_netdev_txqueue_conf txc = { 0 };
	struct uk_netbuf *pkts[6], *got[6];
	struct uk_netdev_info info;
	int id;

	id = uk_netdev_register(&lo);
	UK_TEST_EXPECT(id >= 0);
	if (id < 0)
		return;
	UK_TEST_EXPECT(uk_netdev_get((unsigned int)id) == &lo);
	UK_TEST_EXPECT_EQ(uk_netdev_start(&lo), -EBUSY);
	UK_TEST_EXPECT_EQ(uk_netdev_configure(&lo,
		&(struct uk_netdev_conf){ .nb_rx_queues = 2,
					  .nb_tx_queues = 1 }), -EINVAL);
	/* a driver that says nothing about chains takes one netbuf */
	uk_netdev_info_get(&lo, &info);
	UK_TEST_EXPECT_EQ(info.max_tx_segs, 1);
	/* lo offers no receive offload: asking for one is refused */
	UK_TEST_EXPECT_EQ(uk_netdev_configure(&lo,
		&(struct uk_netdev_conf){ .nb_rx_queues = 1, .nb_tx_queues = 1,
					  .rx_offloads = UK_NETDEV_F_RX_GSO }),
		-ENOTSUP);
	UK_TEST_EXPECT_EQ(uk_netdev_configure(&lo,
		&(struct uk_netdev_conf){ .nb_rx_queues = 1,
					  .nb_tx_queues = 1 }), 0);
	UK_TEST_EXPECT_EQ(uk_netdev_rxq_configure(&lo, 1, 0, &rxc), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_netdev_rxq_configure(&lo, 0, 0, &rxc), 0);
	UK_TEST_EXPECT_EQ(uk_netdev_txq_configure(&lo, 0, 0, &txc), 0);
	UK_TEST_EXPECT_EQ(uk_netdev_start(&lo), 0);
	UK_TEST_EXPECT_EQ(uk_netdev_rxq_intr_enable(&lo, 0), -ENOTSUP);
	UK_TEST_EXPECT_EQ(uk_netdev_link_get(&lo), 1);
	for (int i = 0; i < 6; i++) {
		pkts[i] = uk_netbuf_alloc_buf(a, 256, 0, 0);
		UK_TEST_EXPECT_NOT_NULL(pkts[i]);
		if (!pkts[i])
			return;
		pkts[i]->len = 60 + i;
	}
	UK_TEST_EXPECT_EQ(uk_netdev_tx_burst(&lo, 0, pkts, 6), LO_RING);
	UK_TEST_EXPECT_EQ(lo.stats.tx_packets, LO_RING);
	UK_TEST_EXPECT_EQ(lo.stats.tx_bytes, 60 + 61 + 62 + 63);
	UK_TEST_EXPECT_EQ(lo.stats.tx_full, 1);
	UK_TEST_EXPECT_EQ(uk_netdev_rx_burst(&lo, 0, got, 6), LO_RING);
	UK_TEST_EXPECT(got[3] == pkts[3]);
	UK_TEST_EXPECT_EQ(lo.stats.rx_bytes, 60 + 61 + 62 + 63);
	UK_TEST_EXPECT_EQ(uk_netdev_rx_burst(&lo, 0, got, 6), 0);
	for (int i = 0; i < 6; i++)
		uk_netbuf_free(pkts[i]);
}

/* Two queue pairs, each its own loopback: per-queue counters. */
static struct uk_netbuf *mq_ring[2][LO_RING];
static unsigned int mq_n[2];

static void mq_info(struct uk_netdev *dev __unused,
		    struct uk_netdev_info *info)
{
	info->max_rx_queues = 2;
	info->max_tx_queues = 2;
	info->max_mtu = 1500;
}

static int mq_recv(struct uk_netdev *dev __unused, uint16_t qid,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	int n = 0;

	while (n < count && mq_n[qid]) {
		pkts[n++] = mq_ring[qid][0];
		memmove(mq_ring[qid], mq_ring[qid] + 1,
			--mq_n[qid] * sizeof(mq_ring[qid][0]));
	}
	return n;
}

static int mq_xmit(struct uk_netdev *dev __unused, uint16_t qid,
		   struct uk_netbuf *pkts[], uint16_t count)
{
	int n = 0;

	while (n < count && mq_n[qid] < LO_RING)
		mq_ring[qid][mq_n[qid]++] = pkts[n++];
	return n;
}

static const struct uk_netdev_ops mq_ops = {
	.info_get = mq_info, .configure = lo_configure,
	.rxq_configure = lo_rxq, .txq_configure = lo_txq,
	.start = lo_start, .recv = mq_recv, .xmit = mq_xmit,
};

UK_TESTCASE(uknetdev, queue_stats)
{
	static struct uk_netdev mq = { .ops = &mq_ops, .drv_name = "mq",
				       .mtu = 1500 };
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev_rxqueue_conf rxc = { .alloc_rxpkts = no_bufs };
	struct uk_netdev_txqueue_conf txc = { 0 };
	struct uk_netbuf *pkts[3], *got[3];

	UK_TEST_EXPECT(uk_netdev_register(&mq) >= 0);
	UK_TEST_EXPECT_EQ(uk_netdev_configure(&mq,
		&(struct uk_netdev_conf){ .nb_rx_queues = 3,
					  .nb_tx_queues = 3 }), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_netdev_configure(&mq,
		&(struct uk_netdev_conf){ .nb_rx_queues = 2,
					  .nb_tx_queues = 2 }), 0);
	for (uint16_t q = 0; q < 2; q++) {
		UK_TEST_EXPECT_EQ(uk_netdev_rxq_configure(&mq, q, 0, &rxc), 0);
		UK_TEST_EXPECT_EQ(uk_netdev_txq_configure(&mq, q, 0, &txc), 0);
	}
	UK_TEST_EXPECT_EQ(uk_netdev_start(&mq), 0);
	for (int i = 0; i < 3; i++) {
		pkts[i] = uk_netbuf_alloc_buf(a, 256, 0, 0);
		UK_TEST_EXPECT_NOT_NULL(pkts[i]);
		if (!pkts[i])
			return;
		pkts[i]->len = 60;
	}
	UK_TEST_EXPECT_EQ(uk_netdev_tx_burst(&mq, 0, pkts, 1), 1);
	UK_TEST_EXPECT_EQ(uk_netdev_tx_burst(&mq, 1, pkts + 1, 2), 2);
	UK_TEST_EXPECT_EQ(uk_netdev_rx_burst(&mq, 1, got, 3), 2);
	UK_TEST_EXPECT(got[0] == pkts[1] && got[1] == pkts[2]);
	UK_TEST_EXPECT_EQ(uk_netdev_qstats_get(&mq, 0)->tx_packets, 1);
	UK_TEST_EXPECT_EQ(uk_netdev_qstats_get(&mq, 0)->rx_packets, 0);
	UK_TEST_EXPECT_EQ(uk_netdev_qstats_get(&mq, 1)->tx_packets, 2);
	UK_TEST_EXPECT_EQ(uk_netdev_qstats_get(&mq, 1)->rx_packets, 2);
	UK_TEST_EXPECT_EQ(uk_netdev_stats_get(&mq)->tx_packets, 3);
	UK_TEST_EXPECT_EQ(uk_netdev_stats_get(&mq)->rx_packets, 2);
	UK_TEST_EXPECT_NULL(uk_netdev_qstats_get(&mq, UK_NETDEV_QSTATS_MAX));
	UK_TEST_EXPECT_EQ(uk_netdev_rx_burst(&mq, 0, got, 3), 1);
	UK_TEST_EXPECT_EQ(uk_netdev_qstats_get(&mq, 0)->rx_packets, 1);
	for (int i = 0; i < 3; i++)
		uk_netbuf_free(pkts[i]);
}

UK_TESTCASE(uknetdev, vnet_hdr_tx)
{
	struct uk_netbuf *nb = uk_netbuf_alloc_buf(uk_alloc_get_default(),
						   2048, 8, 0);
	struct uk_netdev_vnet_hdr h;
	uint8_t *f;

	UK_TEST_EXPECT_NOT_NULL(nb);
	if (!nb)
		return;
	/* Ethernet, IPv4 without options, TCP with 12 bytes of options */
	f = nb->data;
	memset(f, 0, 100);
	nb->len = 100;
	f[14 + 20 + 12] = 8 << 4;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, 0), 0);
	UK_TEST_EXPECT_EQ(h.flags, 0);
	UK_TEST_EXPECT_EQ(h.gso_type, UK_NETDEV_VNET_GSO_NONE);

	nb->flags = UK_NETBUF_F_CSUM_PARTIAL;
	nb->csum_start = 34;
	nb->csum_offset = 16;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, 0), -ENOTSUP);
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM),
			  0);
	UK_TEST_EXPECT_EQ(h.flags, UK_NETDEV_VNET_F_NEEDS_CSUM);
	UK_TEST_EXPECT_EQ(h.csum_start, 34);
	UK_TEST_EXPECT_EQ(h.csum_offset, 16);

	nb->gso_type = UK_NETBUF_GSO_TCPV4;
	nb->gso_size = 1448;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM |
						UK_NETDEV_F_TSO6), -ENOTSUP);
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM |
						UK_NETDEV_F_TSO4), 0);
	UK_TEST_EXPECT_EQ(h.gso_type, UK_NETDEV_VNET_GSO_TCPV4);
	UK_TEST_EXPECT_EQ(h.gso_size, 1448);
	UK_TEST_EXPECT_EQ(h.hdr_len, 34 + 32);
	/* the device cannot cut without a segment size, or a TCP header
	 * beyond the first netbuf */
	nb->gso_size = 0;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM |
						UK_NETDEV_F_TSO4), -EINVAL);
	nb->gso_size = 1448;
	nb->len = 50;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM |
						UK_NETDEV_F_TSO4), -EINVAL);
	nb->len = 100;
	nb->flags = 0;
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_tx(&h, nb, UK_NETDEV_F_TX_CSUM |
						UK_NETDEV_F_TSO4), -EINVAL);
	uk_netbuf_free(nb);
}

UK_TESTCASE(uknetdev, vnet_hdr_rx)
{
	struct uk_netbuf nb = { 0 };

	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_rx(&nb,
		&(struct uk_netdev_vnet_hdr){ .flags =
			UK_NETDEV_VNET_F_NEEDS_CSUM, .csum_start = 34,
			.csum_offset = 6 }, 0), 0);
	UK_TEST_EXPECT_EQ(nb.flags, UK_NETBUF_F_CSUM_PARTIAL);
	UK_TEST_EXPECT_EQ(nb.csum_start, 34);
	UK_TEST_EXPECT_EQ(nb.csum_offset, 6);
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_rx(&nb,
		&(struct uk_netdev_vnet_hdr){ .flags =
			UK_NETDEV_VNET_F_DATA_VALID }, 0), 0);
	UK_TEST_EXPECT_EQ(nb.flags, UK_NETBUF_F_DATA_VALID);
	/* merged packets only when asked for; ECN is no other kind */
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_rx(&nb,
		&(struct uk_netdev_vnet_hdr){ .gso_type =
			UK_NETDEV_VNET_GSO_TCPV6, .gso_size = 1440 }, 0),
		-EINVAL);
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_rx(&nb,
		&(struct uk_netdev_vnet_hdr){ .gso_type =
			UK_NETDEV_VNET_GSO_TCPV4 | UK_NETDEV_VNET_GSO_ECN,
			.gso_size = 1448 }, 1), 0);
	UK_TEST_EXPECT_EQ(nb.gso_type, UK_NETBUF_GSO_TCPV4);
	UK_TEST_EXPECT_EQ(nb.gso_size, 1448);
	/* UDP fragmentation offload (3) was never asked for */
	UK_TEST_EXPECT_EQ(uk_netdev_vnet_hdr_rx(&nb,
		&(struct uk_netdev_vnet_hdr){ .gso_type = 3 }, 1), -EINVAL);
}
