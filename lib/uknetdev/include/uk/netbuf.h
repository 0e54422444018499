/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: uk_netbuf, the packet buffer passed between network drivers
 * and their users. A netbuf describes one buffer: [buf, buf + buflen) is
 * the whole memory, [data, data + len) the bytes of the packet in it; the
 * space before data is headroom, where a driver or protocol prepends its
 * header with uk_netbuf_header(). Netbufs chain with ->next into one
 * packet (scatter-gather); only the head's packet flags count. A netbuf
 * has a reference count; uk_netbuf_free() drops one reference of every
 * netbuf in the chain and releases a netbuf when its count reaches zero,
 * through its destructor (if set) or by returning its memory to the
 * allocator it came from.
 *
 * Netbufs are allocated by the user (application or stack) from its own
 * allocator or pool, e.g. receive buffers from the alloc_rxpkts callback
 * given to uk_netdev_rxq_configure().
 */
#ifndef __UK_NETBUF_H__
#define __UK_NETBUF_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>

struct uk_alloc;
struct uk_netbuf;

typedef void (*uk_netbuf_dtor_t)(struct uk_netbuf *nb);

/* Packet flags (head netbuf only) */
/* Transmit: the L4 checksum is to be completed by the device: the sum of
 * the pseudo header is at csum_start + csum_offset, the device sums from
 * csum_start to the end and stores the result there. Receive: the packet
 * arrived that way (e.g. from the host's own stack) and is valid. */
#define UK_NETBUF_F_CSUM_PARTIAL	0x01
/* Receive: the device checked the L4 checksum; it is valid. */
#define UK_NETBUF_F_DATA_VALID		0x02

/*
 * Segmentation offload (gso_type, head netbuf only): a TCP packet with
 * more payload than one segment, behind the headers of its first segment
 * (IP length that of the whole packet). Transmit (TSO, with the device's
 * UK_NETDEV_F_TSO4/_TSO6 and UK_NETBUF_F_CSUM_PARTIAL): the device cuts
 * it into segments of gso_size payload bytes, the last one shorter.
 * Receive (UK_NETDEV_F_RX_GSO, when asked for): segments that the host
 * merged; gso_size is the size they had.
 */
#define UK_NETBUF_GSO_NONE		0
#define UK_NETBUF_GSO_TCPV4		1
#define UK_NETBUF_GSO_TCPV6		2

struct uk_netbuf {
	struct uk_netbuf *next;	/* next part of the same packet */
	void *data;		/* first byte of packet data */
	size_t len;		/* bytes of packet data in this netbuf */
	void *buf;		/* start of the buffer memory */
	size_t buflen;		/* size of the buffer memory */
	uint16_t flags;		/* UK_NETBUF_F_* */
	uint16_t csum_start;	/* for UK_NETBUF_F_CSUM_PARTIAL, from data */
	uint16_t csum_offset;	/* of the checksum field, from csum_start */
	uint8_t gso_type;	/* UK_NETBUF_GSO_* */
	uint16_t gso_size;	/* payload bytes per segment, with gso_type */
	int refcount;
	uk_netbuf_dtor_t dtor;	/* called to release, or NULL */
	struct uk_alloc *a;	/* allocation to free when dtor is NULL */
	void *alloc_base;	/* what was allocated from a */
	void *priv;		/* for the owner, untouched by drivers */
};

/*
 * Allocate a netbuf with a buffer of @size bytes (aligned to @align, a
 * power of two or 0) from @a, in one allocation (the struct after the
 * buffer, so the buffer has the alignment); data starts after @headroom
 * bytes with len 0. Returns NULL when @a has no memory or headroom > size.
 */
struct uk_netbuf *uk_netbuf_alloc_buf(struct uk_alloc *a, size_t size,
				      size_t align, size_t headroom);

/*
 * Describe caller-owned memory [@mem, @mem + @size) with @nb (which the
 * caller also owns, e.g. both from a pool): data after @headroom, len 0,
 * one reference. @dtor (may be NULL: nothing is freed) is called when
 * the last reference goes. Returns @nb, or NULL if headroom > size.
 */
struct uk_netbuf *uk_netbuf_init(struct uk_netbuf *nb, void *mem,
				 size_t size, size_t headroom,
				 uk_netbuf_dtor_t dtor);

/* Take one more reference on @nb (not on the rest of its chain). */
static inline void uk_netbuf_ref(struct uk_netbuf *nb)
{
	__atomic_add_fetch(&nb->refcount, 1, __ATOMIC_SEQ_CST);
}

/* Drop one reference on every netbuf of the chain starting at @nb,
 * releasing those that reach zero. NULL is allowed. */
void uk_netbuf_free(struct uk_netbuf *nb);

/* Bytes of headroom and tailroom of one netbuf. */
static inline size_t uk_netbuf_headroom(const struct uk_netbuf *nb)
{
	return (size_t)((const char *)nb->data - (const char *)nb->buf);
}

static inline size_t uk_netbuf_tailroom(const struct uk_netbuf *nb)
{
	return nb->buflen - uk_netbuf_headroom(nb) - nb->len;
}

/*
 * Move the start of data by -@delta bytes: a positive @delta prepends
 * @delta bytes of headroom to the data (to write a header), a negative
 * one strips bytes from the front. Returns 0, or -ENOSPC (not enough
 * headroom) / -EINVAL (stripping more than len), leaving @nb unchanged.
 */
int uk_netbuf_header(struct uk_netbuf *nb, long delta);

/* Append the chain @tail at the end of the chain @head. */
void uk_netbuf_append(struct uk_netbuf *head, struct uk_netbuf *tail);

/* Total packet length and number of netbufs of the chain at @nb. */
size_t uk_netbuf_len(const struct uk_netbuf *nb);
unsigned int uk_netbuf_count(const struct uk_netbuf *nb);

#endif /* __UK_NETBUF_H__ */
