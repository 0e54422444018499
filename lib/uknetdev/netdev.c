/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: the device table and the state checks around the driver
 * operations.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/config.h>
#include <uk/netdev.h>
#include <uk/print.h>

static struct uk_netdev *devs[CONFIG_LIBUKNETDEV_MAXDEVS];
static unsigned int ndevs;
static uint16_t nrxq[CONFIG_LIBUKNETDEV_MAXDEVS];
static uint16_t ntxq[CONFIG_LIBUKNETDEV_MAXDEVS];

int uk_netdev_register(struct uk_netdev *dev)
{
	if (ndevs == CONFIG_LIBUKNETDEV_MAXDEVS) {
		uk_pr_err("netdev: table full, %s device dropped\n",
			  dev->drv_name);
		return -ENOSPC;
	}
	dev->id = (uint16_t)ndevs;
	dev->state = UK_NETDEV_UNCONFIGURED;
	devs[ndevs++] = dev;
	uk_pr_info("netdev%u: %s, %02x:%02x:%02x:%02x:%02x:%02x, mtu %u\n",
		   dev->id, dev->drv_name, dev->hwaddr.a[0], dev->hwaddr.a[1],
		   dev->hwaddr.a[2], dev->hwaddr.a[3], dev->hwaddr.a[4],
		   dev->hwaddr.a[5], dev->mtu);
	return dev->id;
}

unsigned int uk_netdev_count(void)
{
	return ndevs;
}

struct uk_netdev *uk_netdev_get(unsigned int id)
{
	return id < ndevs ? devs[id] : NULL;
}

void uk_netdev_info_get(struct uk_netdev *dev, struct uk_netdev_info *info)
{
	*info = (struct uk_netdev_info){ 0 };
	dev->ops->info_get(dev, info);
	if (!info->max_tx_segs)
		info->max_tx_segs = 1;
}

int uk_netdev_configure(struct uk_netdev *dev,
			const struct uk_netdev_conf *conf)
{
	struct uk_netdev_info info;
	int rc;

	if (dev->state == UK_NETDEV_RUNNING)
		return -EBUSY;
	uk_netdev_info_get(dev, &info);
	if (!conf->nb_rx_queues || conf->nb_rx_queues > info.max_rx_queues ||
	    !conf->nb_tx_queues || conf->nb_tx_queues > info.max_tx_queues)
		return -EINVAL;
	if (conf->rx_offloads & ~(info.features & UK_NETDEV_F_RX_GSO))
		return -ENOTSUP;
	rc = dev->ops->configure(dev, conf);
	if (rc < 0)
		return rc;
	nrxq[dev->id] = conf->nb_rx_queues;
	ntxq[dev->id] = conf->nb_tx_queues;
	dev->state = UK_NETDEV_CONFIGURED;
	return 0;
}

int uk_netdev_rxq_configure(struct uk_netdev *dev, uint16_t qid,
			    uint16_t nb_desc,
			    const struct uk_netdev_rxqueue_conf *conf)
{
	if (dev->state != UK_NETDEV_CONFIGURED)
		return -EBUSY;
	if (qid >= nrxq[dev->id] || !conf || !conf->alloc_rxpkts)
		return -EINVAL;
	return dev->ops->rxq_configure(dev, qid, nb_desc, conf);
}

int uk_netdev_txq_configure(struct uk_netdev *dev, uint16_t qid,
			    uint16_t nb_desc,
			    const struct uk_netdev_txqueue_conf *conf)
{
	if (dev->state != UK_NETDEV_CONFIGURED)
		return -EBUSY;
	if (qid >= ntxq[dev->id] || !conf)
		return -EINVAL;
	return dev->ops->txq_configure(dev, qid, nb_desc, conf);
}

int uk_netdev_start(struct uk_netdev *dev)
{
	int rc;

	if (dev->state != UK_NETDEV_CONFIGURED)
		return -EBUSY;
	rc = dev->ops->start(dev);
	if (rc < 0)
		return rc;
	dev->state = UK_NETDEV_RUNNING;
	return 0;
}

int uk_netdev_rxq_intr_enable(struct uk_netdev *dev, uint16_t qid)
{
	if (qid >= nrxq[dev->id])
		return -EINVAL;
	if (!dev->ops->rxq_intr_enable)
		return -ENOTSUP;
	return dev->ops->rxq_intr_enable(dev, qid);
}

int uk_netdev_rxq_intr_disable(struct uk_netdev *dev, uint16_t qid)
{
	if (qid >= nrxq[dev->id])
		return -EINVAL;
	if (!dev->ops->rxq_intr_disable)
		return -ENOTSUP;
	return dev->ops->rxq_intr_disable(dev, qid);
}
