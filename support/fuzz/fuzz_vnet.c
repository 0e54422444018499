/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a virtio-net device hands the driver: the virtio-net header
 * (lib/uknetdev/vnet.c) and the used ring of a split virtqueue
 * (plat/drivers/virtio/virtqueue.c). Input:
 *	hdr[10] gso[1] len[2] frame[len]	the header, translated to a
 *		netbuf and back (every feature offered): the netbuf's
 *		fields as documented, the header sent back consistent
 *		and inside the frame
 *	log2size[1] then, until the input ends, chains of descriptors
 *		posted (a byte: their count) and used entries the device
 *		writes (id[2] len[4], a byte saying how many): every
 *		buffer comes back once at most, the free list stays whole
 */
#include <errno.h>
#include <uk/netdev.h>
#include <uk/netdev_vnet.h>
#include <virtio/virtio.h>
#include "fuzz.h"

size_t uk_netbuf_len(const struct uk_netbuf *nb)
{
	size_t n = 0;

	for (; nb; nb = nb->next)
		n += nb->len;
	return n;
}

static void header(struct fuzz_in *in)
{
	struct uk_netdev_vnet_hdr h, h2;
	struct uk_netbuf nb;
	uint8_t raw[sizeof(h)], *frame;
	size_t got, len;
	int gso, r;

	memcpy(raw, fuzz_bytes(in, sizeof(raw), &got), got);
	if (got < sizeof(raw))
		return;
	memcpy(&h, raw, sizeof(h));
	gso = fuzz_u8(in) & 1;
	len = fuzz_u16(in);
	frame = (uint8_t *)fuzz_bytes(in, len, &len);
	memset(&nb, 0xa5, sizeof(nb));
	r = uk_netdev_vnet_hdr_rx(&nb, &h, gso);
	FUZZ_ASSERT(r == 0 || r == -EINVAL, "rx: %d", r);
	if (r)
		return;
	FUZZ_ASSERT(!(nb.flags & ~(UK_NETBUF_F_CSUM_PARTIAL |
				   UK_NETBUF_F_DATA_VALID)),
		    "rx flags %#x", nb.flags);
	FUZZ_ASSERT(nb.gso_type == UK_NETBUF_GSO_NONE ||
		    (gso && (nb.gso_type == UK_NETBUF_GSO_TCPV4 ||
			     nb.gso_type == UK_NETBUF_GSO_TCPV6)),
		    "rx gso type %u (asked: %d)", nb.gso_type, gso);
	/* send it back: the frame in a buffer of exactly its length */
	nb.next = NULL;
	nb.data = malloc(len ? len : 1);
	memcpy(nb.data, frame, len);
	nb.len = len;
	r = uk_netdev_vnet_hdr_tx(&h2, &nb, UK_NETDEV_F_TX_CSUM |
				  UK_NETDEV_F_TSO4 | UK_NETDEV_F_TSO6);
	FUZZ_ASSERT(r == 0 || r == -EINVAL, "tx: %d", r);
	if (!r && (nb.flags & UK_NETBUF_F_CSUM_PARTIAL))
		FUZZ_ASSERT(h2.csum_start == nb.csum_start &&
			    h2.csum_offset == nb.csum_offset,
			    "tx checksum fields changed");
	if (!r && nb.gso_type != UK_NETBUF_GSO_NONE)
		FUZZ_ASSERT(h2.hdr_len <= len && h2.gso_size == nb.gso_size,
			    "tx TSO header %u of a %zu-byte frame",
			    h2.hdr_len, len);
	free(nb.data);
}

static void ring(struct fuzz_in *in)
{
	uint16_t size = (uint16_t)(1u << (fuzz_u8(in) % 9));
	struct virtqueue vq = { .size = size, .num_free = size };
	int *given = calloc(size, sizeof(int));
	int tokens[256];
	struct virtio_sg sg[256];
	unsigned int outstanding = 0;

	vq.desc = calloc(size, sizeof(*vq.desc));
	vq.avail = calloc(1, sizeof(*vq.avail) + size * sizeof(uint16_t));
	vq.used = calloc(1, sizeof(*vq.used) +
			 size * sizeof(struct vring_used_elem));
	vq.cookies = calloc(size, sizeof(void *));
	/* the driver's own links and sizes, as virtio_pci.c sets them up */
	vq.next = calloc(size, 2 * sizeof(uint16_t) + sizeof(uint32_t));
	vq.chain = vq.next + size;
	vq.inlen = (uint32_t *)(vq.chain + size);
	for (uint16_t i = 0; i < size; i++)
		vq.next[i] = (uint16_t)(i + 1);
	for (int i = 0; i < 256; i++)
		sg[i] = (struct virtio_sg){ &tokens[i], 1 };

	while (fuzz_left(in) && !vq.broken) {
		uint8_t op = fuzz_u8(in);
		unsigned int n = op & 0x7f;

		if (!(op & 0x80)) {
			/* post a chain of n descriptors */
			int r;

			if (!n)
				n = 1;
			r = virtio_vq_add(&vq, sg, n / 2, n - n / 2,
					  &tokens[outstanding & 255]);
			FUZZ_ASSERT(r == 0 || (r == -ENOSPC && n > vq.num_free),
				    "add of %u: %d with %u free", n, r,
				    vq.num_free);
			if (!r)
				outstanding++;
			continue;
		}
		/* the device uses n entries, then the driver takes them */
		for (unsigned int k = 0; k < n; k++) {
			uint16_t idx = vq.used->idx;

			vq.used->ring[idx & (size - 1)].id = fuzz_u16(in);
			vq.used->ring[idx & (size - 1)].len = fuzz_u32(in);
			vq.used->idx = (uint16_t)(idx + 1);
		}
		for (unsigned int k = 0; k < 2u * size; k++) {
			uint32_t len;
			int *t = virtio_vq_get(&vq, &len);

			if (!t)
				break;
			FUZZ_ASSERT(t >= tokens && t < tokens + 256,
				    "a cookie never posted");
			FUZZ_ASSERT(vq.num_free <= size, "%u free of %u",
				    vq.num_free, size);
			FUZZ_ASSERT(len <= 128, "length %u past the buffers "
				    "posted", len);
		}
		/* a device that broke the rules stops the queue (the loop) */
	}
	/* the free list holds num_free distinct descriptors */
	for (uint16_t i = 0, d = vq.free_head; i < vq.num_free; i++) {
		FUZZ_ASSERT(d < size, "free list runs out of the table");
		FUZZ_ASSERT(!given[d], "descriptor %u twice free", d);
		given[d] = 1;
		d = vq.next[d];
	}
	free(given);
	free(vq.next);
	free(vq.cookies);
	free((void *)vq.used);
	free((void *)vq.avail);
	free((void *)vq.desc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };

	header(&in);
	ring(&in);
	return 0;
}
