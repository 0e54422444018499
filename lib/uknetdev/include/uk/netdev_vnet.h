/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtio-net packet header (virtio 1.x, 5.1.6) as drivers use it:
 * virtio-net devices put it before every packet, and so do Linux tap
 * interfaces opened with IFF_VNET_HDR. These helpers translate between
 * it and a netbuf's offload fields, so every such driver makes the same
 * checks.
 */
#ifndef __UK_NETDEV_VNET_H__
#define __UK_NETDEV_VNET_H__

#include <stdint.h>
#include <uk/netbuf.h>

#define UK_NETDEV_VNET_F_NEEDS_CSUM	1
#define UK_NETDEV_VNET_F_DATA_VALID	2
#define UK_NETDEV_VNET_GSO_NONE		0
#define UK_NETDEV_VNET_GSO_TCPV4	1
#define UK_NETDEV_VNET_GSO_TCPV6	4
#define UK_NETDEV_VNET_GSO_ECN		0x80

/* Little endian, as on every platform we have; the modern header adds
 * a 16-bit num_buffers behind it. */
struct uk_netdev_vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;	/* TSO: Ethernet, IP and TCP headers */
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
};

/*
 * Fill @h for sending @nb on a device with the UK_NETDEV_F_* @features
 * (TX_CSUM, TSO4, TSO6). -ENOTSUP: @nb asks for an offload the device
 * lacks; -EINVAL: a TSO packet the device cannot cut.
 */
int uk_netdev_vnet_hdr_tx(struct uk_netdev_vnet_hdr *h,
			  const struct uk_netbuf *nb, uint32_t features);

/*
 * Set the offload fields of received @nb from @h; @gso: merged packets
 * were asked for. -EINVAL: a merged packet nobody asked for, or of a
 * kind we do not know (drop it).
 */
int uk_netdev_vnet_hdr_rx(struct uk_netbuf *nb,
			  const struct uk_netdev_vnet_hdr *h, int gso);

#endif /* __UK_NETDEV_VNET_H__ */
