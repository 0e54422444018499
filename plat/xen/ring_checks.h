/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checks of what a backend (another domain) writes into a shared ring,
 * private to plat/xen. Shared memory is read once into locals (READ_ONCE)
 * and only the locals are checked and used: a backend that changes a
 * field after we looked cannot make us use a value we did not check.
 * The checks are pure functions so that the unit tests
 * (tests/test_rings.c) can give them what no real backend sends.
 */
#ifndef __XEN_RING_CHECKS_H__
#define __XEN_RING_CHECKS_H__

#include <stddef.h>
#include <stdint.h>

/* One read of shared memory, never repeated or merged by the compiler. */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

/*
 * The backend published responses up to @prod; we consumed up to @cons
 * and requested up to @req: it may not answer more than was asked
 * (indices are free-running and wrap).
 */
static inline int xen_ring_rsp_prod_ok(uint32_t prod, uint32_t cons,
				       uint32_t req)
{
	return prod - cons <= req - cons;
}

/* A byte ring of @size (console, xenstore): the other end's index @theirs
 * is at most @size ahead of ours (@ours) when it produces, and never
 * ahead of what we produced when it consumes (@producer: ours is the
 * producer index). */
static inline int xen_bytes_idx_ok(uint32_t ours, uint32_t theirs,
				   size_t size, int producer)
{
	return producer ? ours - theirs <= size : theirs - ours <= size;
}

/* A netfront receive response, as read once. */
struct nf_rx_rsp {
	uint16_t id;
	uint16_t offset;
	uint16_t flags;
	int16_t status;		/* frame length, or an error (< 0) */
};

/* 0 when response @r for slot @slot holds a frame of @min..@max bytes
 * within its @page-byte page, else -1. */
static inline int nf_rx_rsp_ok(const struct nf_rx_rsp *r, unsigned int slot,
			       int min, int max, unsigned long page)
{
	if (r->id != slot || r->status < min || r->status > max)
		return -1;
	return (unsigned long)r->offset + (unsigned long)r->status <= page ?
	       0 : -1;
}

/* A transmit or block response's @id names a request in flight:
 * @busy[id] set (ids below @n). */
static inline int xen_rsp_id_ok(uint64_t id, const uint8_t *busy,
				unsigned int n)
{
	return id < n && busy[id];
}

/* A xenstore reply's length field (read once, in our copy of the
 * header) within the protocol's @max (XENSTORE_PAYLOAD_MAX). */
static inline int xen_xs_len_ok(uint32_t len, size_t max)
{
	return len <= max;
}

#endif /* __XEN_RING_CHECKS_H__ */
