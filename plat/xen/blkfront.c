/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: blkfront, a ukblkdev driver for the vbd devices of xenbus. One
 * shared ring page (blkif protocol, native x86_64 layout) granted to the
 * backend, one event channel for both directions. A ukblkdev request's
 * buffers are cut at page boundaries into segments, each page granted to
 * the backend for the request's lifetime (sectors first_sect..last_sect
 * of that page); up to 11 segments go into one ring request, so a large
 * or scattered request may take several ring slots, which complete
 * together (the first error wins). Responses arrive through the event
 * channel; the grants end before the request completes.
 * Flushes use BLKIF_OP_FLUSH_DISKCACHE (feature-flush-cache) or a
 * zero-segment barrier (feature-barrier); without either the device has
 * no write cache to flush.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/blkdev.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/time.h>
#include <xen-plat/xen.h>
#include <xen-plat/gnttab.h>
#include <xen-plat/xenbus.h>

/* ring.h leaves the barriers to us: x86 keeps stores in order and loads
 * in order, only a store followed by a load needs a fence. */
#define xen_mb()	__asm__ __volatile__("mfence" ::: "memory")
#define xen_rmb()	__asm__ __volatile__("" ::: "memory")
#define xen_wmb()	__asm__ __volatile__("" ::: "memory")
#include <xen/io/ring.h>
#include <xen/io/blkif.h>
#include <xen/io/protocols.h>
#include "ring_checks.h"

#define PAGE		4096UL
#define SEGS		BLKIF_MAX_SEGMENTS_PER_REQUEST
#define NSLOTS		__CONST_RING_SIZE(blkif, PAGE)
/* Our limits for one ukblkdev request: at most MAX_SEGS buffers and
 * MAX_BYTES, which is at most MAX_BYTES / PAGE + MAX_SEGS pages and so
 * at most MAX_PARTS ring slots. */
#define MAX_SEGS	16
#define MAX_BYTES	(128U << 10)
#define MAX_PARTS	((MAX_BYTES / PAGE + MAX_SEGS + SEGS - 1) / SEGS)
#define CONNECT_NS	(30ULL * UKPLAT_NSEC_PER_SEC)

UK_CTASSERT(MAX_PARTS <= NSLOTS);

/* A ring slot in use: the request it is a part of and its grants. */
struct slot {
	struct uk_blkreq *req;
	uint8_t ngrants;
	grant_ref_t grants[SEGS];
};

/* One page-sized piece of a request's buffers. */
struct piece {
	uint64_t pfn;
	uint8_t first, last;	/* 512-byte sectors in the page */
};

struct blkfront {
	struct uk_blkdev bd;
	struct xenbus_device *dev;
	blkif_front_ring_t ring;
	evtchn_port_t port;
	unsigned int shift;		/* log2(sector size / 512) */
	unsigned int nfree;
	uint16_t free[NSLOTS];		/* free slot ids */
	struct slot slots[NSLOTS];
	uint8_t flush_op;
	int broken;			/* the backend broke the ring rules */
};

static inline struct blkfront *to_bf(struct uk_blkdev *bd)
{
	return (struct blkfront *)bd;
}

/* req->drv while in flight: parts outstanding (low 16 bits) and the
 * first error (negated, above). */
#define DRV_PARTS(d)	((unsigned int)((d) & 0xffff))
#define DRV_ERR(d)	(-(int)((d) >> 16))

static void end_grants(struct slot *s)
{
	for (unsigned int i = 0; i < s->ngrants; i++)
		if (xen_gnttab_end_access(s->grants[i]) < 0)
			/* The backend answered yet still maps the page:
			 * leave the grant alone rather than free it. */
			uk_pr_err("blkfront: grant %u still mapped\n",
				  s->grants[i]);
	s->ngrants = 0;
}

/* Cut @req's buffers into page pieces; returns their number. */
static unsigned int cut(const struct uk_blkreq *req, struct piece *p)
{
	unsigned int n = 0;

	for (uint16_t k = 0; k < req->nsegs; k++) {
		uintptr_t a = (uintptr_t)req->segs[k].buf;
		uint32_t len = req->segs[k].len;

		while (len) {
			uint32_t off = a & (PAGE - 1);
			uint32_t chunk = UK_MIN(len, (uint32_t)(PAGE - off));

			p[n].pfn = a / PAGE;
			p[n].first = (uint8_t)(off / 512);
			p[n].last = (uint8_t)((off + chunk) / 512 - 1);
			n++;
			a += chunk;
			len -= chunk;
		}
	}
	return n;
}

static int bf_submit(struct uk_blkdev *bd, struct uk_blkreq *req)
{
	struct blkfront *b = to_bf(bd);
	struct piece pieces[MAX_BYTES / PAGE + MAX_SEGS];
	unsigned int n = 0, parts, done = 0;
	uint64_t sector = req->sector << b->shift;
	domid_t be = b->dev->otherend_id;
	int notify;

	if (b->broken)
		return -EIO;
	if (req->op == UK_BLKREQ_FLUSH) {
		parts = 1;
	} else {
		if (req->nsegs > MAX_SEGS ||
		    req->nsectors << b->shift > MAX_BYTES / 512)
			return -EINVAL;
		n = cut(req, pieces);
		parts = (n + SEGS - 1) / SEGS;
	}
	if (b->nfree < parts)
		return -EBUSY;
	req->drv = parts;
	for (unsigned int part = 0; part < parts; part++) {
		uint16_t id = b->free[b->nfree - 1];
		struct slot *s = &b->slots[id];
		blkif_request_t *r = RING_GET_REQUEST(&b->ring,
						      b->ring.req_prod_pvt);
		unsigned int k = 0;

		s->req = req;
		s->ngrants = 0;
		r->id = id;
		r->handle = (blkif_vdev_t)b->dev->id;
		r->sector_number = sector;
		if (req->op == UK_BLKREQ_FLUSH) {
			r->operation = b->flush_op;
			r->sector_number = 0;
		} else {
			r->operation = req->op == UK_BLKREQ_WRITE ?
				BLKIF_OP_WRITE : BLKIF_OP_READ;
		}
		for (; k < SEGS && done < n; k++, done++) {
			struct piece *p = &pieces[done];
			/* the backend writes into our pages on a read */
			int ref = xen_gnttab_grant_access(be, p->pfn,
					req->op == UK_BLKREQ_WRITE);

			if (ref < 0) {
				/* Out of grants: undo this request. */
				end_grants(s);
				s->req = NULL;
				for (unsigned int q = 0; q < part; q++) {
					struct slot *o = &b->slots[
						b->free[b->nfree + q]];
					end_grants(o);
					o->req = NULL;
				}
				b->nfree += part;
				b->ring.req_prod_pvt -= part;
				return -EBUSY;
			}
			s->grants[s->ngrants++] = (grant_ref_t)ref;
			r->seg[k].gref = (grant_ref_t)ref;
			r->seg[k].first_sect = p->first;
			r->seg[k].last_sect = p->last;
			sector += p->last - p->first + 1U;
		}
		r->nr_segments = (uint8_t)k;
		b->nfree--;
		b->ring.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&b->ring, notify);
	if (notify)
		xen_evtchn_notify(b->port);
	return 0;
}

/* Complete what the backend has answered; interrupts off. */
static void bf_poll(struct uk_blkdev *bd)
{
	struct blkfront *b = to_bf(bd);
	int more;

	do {
		RING_IDX prod = READ_ONCE(b->ring.sring->rsp_prod);

		xen_rmb();	/* the responses after the index */
		if (!xen_ring_rsp_prod_ok(prod, b->ring.rsp_cons,
					  b->ring.req_prod_pvt)) {
			if (!b->broken)
				uk_pr_err("blkfront: responses past the requests: "
					  "device stopped\n");
			b->broken = 1;
			return;
		}
		while (b->ring.rsp_cons != prod) {
			blkif_response_t *rsp = RING_GET_RESPONSE(&b->ring,
							b->ring.rsp_cons);
			/* each field read once, then only the copies */
			uint64_t id = READ_ONCE(rsp->id);
			int16_t status = READ_ONCE(rsp->status);
			struct uk_blkreq *req;
			int err = 0;

			b->ring.rsp_cons++;
			if (id >= NSLOTS || !b->slots[id].req) {
				uk_pr_err("blkfront: response for no request (id %llu)\n",
					  (unsigned long long)id);
				continue;
			}
			req = b->slots[id].req;
			end_grants(&b->slots[id]);
			b->slots[id].req = NULL;
			b->free[b->nfree++] = (uint16_t)id;
			if (status == BLKIF_RSP_EOPNOTSUPP)
				err = -EOPNOTSUPP;
			else if (status != BLKIF_RSP_OKAY)
				err = -EIO;
			if (err && !DRV_ERR(req->drv))
				req->drv |= (uintptr_t)-err << 16;
			req->drv--;
			if (!DRV_PARTS(req->drv))
				uk_blkdev_complete(bd, req, DRV_ERR(req->drv));
		}
		RING_FINAL_CHECK_FOR_RESPONSES(&b->ring, more);
	} while (more);
}

static void bf_event(evtchn_port_t port __unused, void *arg)
{
	bf_poll(&((struct blkfront *)arg)->bd);
}

static const struct uk_blkdev_ops bf_ops = {
	.submit = bf_submit,
	.poll = bf_poll,
};

static int read_flag(struct xenbus_device *dev, const char *node)
{
	unsigned long long v = 0;

	return xenbus_read_otherend_uint(dev, node, &v) == 0 && v;
}

/* Ring, grant and event channel to the backend; state Initialised. */
static int bf_connect(struct blkfront *b)
{
	struct xenbus_device *dev = b->dev;
	blkif_sring_t *sring;
	int ref, rc;

	sring = uk_memalign(uk_alloc_get_default(), PAGE, PAGE);
	if (!sring)
		return -ENOMEM;
	memset(sring, 0, PAGE);
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&b->ring, sring, PAGE);
	ref = xen_gnttab_grant_page(dev->otherend_id, sring, 0);
	if (ref < 0)
		return ref;
	rc = xenbus_evtchn_alloc(dev, &b->port);
	if (rc < 0)
		return rc;
	rc = xen_evtchn_bind(b->port, bf_event, b);
	if (rc < 0)
		return rc;
	if ((rc = xenbus_printf(dev, "ring-ref", "%d", ref)) < 0 ||
	    (rc = xenbus_printf(dev, "event-channel", "%u", b->port)) < 0 ||
	    (rc = xenbus_printf(dev, "protocol", "%s",
				XEN_IO_PROTO_ABI_NATIVE)) < 0)
		return rc;
	return xenbus_switch_state(dev, XenbusStateInitialised);
}

static int bf_add(struct xenbus_device *dev)
{
	struct blkfront *b = uk_calloc(uk_alloc_get_default(), 1, sizeof(*b));
	uint64_t deadline = ukplat_monotonic_clock() + CONNECT_NS;
	unsigned long long sectors = 0, ss = 512, info = 0;
	char mode[8] = "w";
	struct uk_blkdev_info *i;
	int rc;

	if (!b)
		return -ENOMEM;
	b->dev = dev;
	dev->priv = b;
	for (unsigned int k = 0; k < NSLOTS; k++)
		b->free[b->nfree++] = (uint16_t)(NSLOTS - 1 - k);
	rc = xenbus_wait_otherend(dev, XENBUS_STATE_BIT(XenbusStateInitWait) |
				  XENBUS_STATE_BIT(XenbusStateConnected),
				  deadline);
	if (rc >= 0)
		rc = bf_connect(b);
	if (rc >= 0)
		rc = xenbus_wait_otherend(dev,
			XENBUS_STATE_BIT(XenbusStateConnected) |
			XENBUS_STATE_BIT(XenbusStateClosing) |
			XENBUS_STATE_BIT(XenbusStateClosed), deadline);
	if (rc >= 0 && rc != XenbusStateConnected)
		rc = -ENODEV;
	if (rc < 0) {
		uk_pr_err("blkfront: %s: no connection to the backend %s: error %d\n",
			  dev->nodename, dev->otherend, -rc);
		/* The backend may hold our ring: keep the memory. */
		return rc;
	}
	rc = xenbus_read_otherend_uint(dev, "sectors", &sectors);
	if (rc < 0)
		return rc;
	xenbus_read_otherend_uint(dev, "sector-size", &ss);
	xenbus_read_otherend_uint(dev, "info", &info);
	xenbus_read_otherend(dev, "mode", mode, sizeof(mode));
	if (ss < 512 || ss > PAGE || (ss & (ss - 1))) {
		uk_pr_err("blkfront: %s: odd sector size %llu\n", dev->nodename,
			  ss);
		return -EINVAL;
	}
	while ((512U << b->shift) < ss)
		b->shift++;
	if (read_flag(dev, "feature-flush-cache"))
		b->flush_op = BLKIF_OP_FLUSH_DISKCACHE;
	else if (read_flag(dev, "feature-barrier"))
		b->flush_op = BLKIF_OP_WRITE_BARRIER;
	i = &b->bd.info;
	/* "sectors" counts 512-byte units whatever the sector size */
	i->sectors = sectors >> b->shift;
	i->sector_size = (uint32_t)ss;
	i->max_sectors = MAX_BYTES / (uint32_t)ss;
	i->max_segs = MAX_SEGS;
	i->align = (uint16_t)ss;
	i->read_only = mode[0] == 'r' || (info & VDISK_READONLY);
	i->flush = b->flush_op != 0;
	i->intr = 1;
	b->bd.ops = &bf_ops;
	b->bd.drv_name = "xen-blkfront";
	b->bd.priv = b;
	rc = xenbus_switch_state(dev, XenbusStateConnected);
	if (rc < 0)
		return rc;
	rc = uk_blkdev_register(&b->bd);
	return rc < 0 ? rc : 0;
}

static struct xenbus_driver blkfront_driver = {
	.type = "vbd",
	.add = bf_add,
};
XENBUS_DRIVER_REGISTER(&blkfront_driver);
