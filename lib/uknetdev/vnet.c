/* SPDX-License-Identifier: BSD-3-Clause */
/* The virtio-net header to and from a netbuf's offload fields. */
#include <errno.h>
#include <string.h>
#include <uk/netdev.h>
#include <uk/netdev_vnet.h>

int uk_netdev_vnet_hdr_tx(struct uk_netdev_vnet_hdr *h,
			  const struct uk_netbuf *nb, uint32_t features)
{
	const uint8_t *tcp;
	int v4;

	memset(h, 0, sizeof(*h));
	if (nb->flags & UK_NETBUF_F_CSUM_PARTIAL) {
		if (!(features & UK_NETDEV_F_TX_CSUM))
			return -ENOTSUP;
		h->flags = UK_NETDEV_VNET_F_NEEDS_CSUM;
		h->csum_start = nb->csum_start;
		h->csum_offset = nb->csum_offset;
	}
	if (nb->gso_type == UK_NETBUF_GSO_NONE)
		return 0;
	v4 = nb->gso_type == UK_NETBUF_GSO_TCPV4;
	if ((v4 && !(features & UK_NETDEV_F_TSO4)) ||
	    (!v4 && (nb->gso_type != UK_NETBUF_GSO_TCPV6 ||
		     !(features & UK_NETDEV_F_TSO6))))
		return -ENOTSUP;
	/* the device needs the checksum to finish and a whole TCP header
	 * in the first netbuf to copy into every segment */
	if (!(nb->flags & UK_NETBUF_F_CSUM_PARTIAL) || !nb->gso_size ||
	    (size_t)nb->csum_start + 20 > nb->len ||
	    uk_netbuf_len(nb) > UK_NETDEV_GSO_MAX)
		return -EINVAL;
	tcp = (const uint8_t *)nb->data + nb->csum_start;
	h->gso_type = v4 ? UK_NETDEV_VNET_GSO_TCPV4 : UK_NETDEV_VNET_GSO_TCPV6;
	h->gso_size = nb->gso_size;
	h->hdr_len = (uint16_t)(nb->csum_start + (tcp[12] >> 4) * 4);
	return h->hdr_len <= nb->len ? 0 : -EINVAL;
}

int uk_netdev_vnet_hdr_rx(struct uk_netbuf *nb,
			  const struct uk_netdev_vnet_hdr *h, int gso)
{
	nb->flags = 0;
	nb->gso_type = UK_NETBUF_GSO_NONE;
	nb->gso_size = 0;
	if (h->flags & UK_NETDEV_VNET_F_NEEDS_CSUM) {
		nb->flags |= UK_NETBUF_F_CSUM_PARTIAL;
		nb->csum_start = h->csum_start;
		nb->csum_offset = h->csum_offset;
	} else if (h->flags & UK_NETDEV_VNET_F_DATA_VALID) {
		nb->flags |= UK_NETBUF_F_DATA_VALID;
	}
	switch (h->gso_type & ~UK_NETDEV_VNET_GSO_ECN) {
	case UK_NETDEV_VNET_GSO_NONE:
		return 0;
	case UK_NETDEV_VNET_GSO_TCPV4:
		nb->gso_type = UK_NETBUF_GSO_TCPV4;
		break;
	case UK_NETDEV_VNET_GSO_TCPV6:
		nb->gso_type = UK_NETBUF_GSO_TCPV6;
		break;
	default:
		return -EINVAL;
	}
	nb->gso_size = h->gso_size;
	return gso ? 0 : -EINVAL;
}
