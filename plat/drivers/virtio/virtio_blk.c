/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-blk (virtio 1.x spec, 5.2) as a ukblkdev device. One request
 * queue (queue 0). Every request is a descriptor chain: the request
 * header (device-readable), one descriptor per data buffer (readable for
 * a write, writable for a read; none for a flush), then the status byte
 * (writable). Headers and status bytes live in driver-owned arrays
 * indexed by the chain's head descriptor, so users need no room around
 * their buffers. Completions arrive through the queue's interrupt (MSI-X
 * or INTx, set up by the transport); with virtio.blk_poll=1 on the
 * command line the queue runs without interrupts and users poll.
 * Features used: RO (writes refused with -EROFS), BLK_SIZE (the logical
 * sector size), SEG_MAX (buffers per request), FLUSH (a write cache to
 * flush; without it flushes complete at once).
 */
#include <errno.h>
#include <stdint.h>
#include <uk/alloc.h>
#include <uk/blkdev.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <pci/pci.h>
#include <virtio/virtio.h>

/* Feature bits (5.2.3) */
#define VIRTIO_BLK_F_SEG_MAX		2
#define VIRTIO_BLK_F_RO			5
#define VIRTIO_BLK_F_BLK_SIZE		6
#define VIRTIO_BLK_F_FLUSH		9

/* Device configuration (5.2.4) */
#define CFG_CAPACITY			0	/* le64, 512-byte units */
#define CFG_SEG_MAX			12	/* le32 */
#define CFG_BLK_SIZE			20	/* le32 */

/* Request types and status values (5.2.6) */
#define VIRTIO_BLK_T_IN			0
#define VIRTIO_BLK_T_OUT		1
#define VIRTIO_BLK_T_FLUSH		4
#define VIRTIO_BLK_S_OK			0
#define VIRTIO_BLK_S_IOERR		1
#define VIRTIO_BLK_S_UNSUPP		2
#define STATUS_UNSET			0xff

/* Our own limits: buffers and bytes in one request. */
#define MAX_SEGS			64
#define MAX_REQ_BYTES			(4U << 20)
#define BUF_ALIGN			512

struct vblk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;	/* always in 512-byte units */
};

struct vblk {
	struct uk_blkdev bd;
	struct virtio_dev *vdev;
	struct virtqueue *vq;
	struct vblk_hdr *hdrs;		/* per head descriptor */
	uint8_t *status;		/* per head descriptor */
	unsigned int shift;		/* log2(sector size / 512) */
};

static _Bool blk_poll;
UK_LIBPARAM_PARAM_DESC(blk_poll, bool,
		       "virtio-blk: no completion interrupts, users poll");

static inline struct vblk *to_vblk(struct uk_blkdev *bd)
{
	return (struct vblk *)bd;
}

static int vblk_submit(struct uk_blkdev *bd, struct uk_blkreq *req)
{
	struct vblk *b = to_vblk(bd);
	struct virtio_sg sg[MAX_SEGS + 2];
	uint16_t head = b->vq->free_head;
	struct vblk_hdr *h = &b->hdrs[head];
	unsigned int n = 1, nout;

	if (req->op == UK_BLKREQ_WRITE && bd->info.read_only)
		return -EROFS;
	if (req->nsegs > MAX_SEGS)
		return -EINVAL;
	if (b->vq->num_free < req->nsegs + 2U)
		return -EBUSY;
	h->reserved = 0;
	h->sector = req->sector << b->shift;
	switch (req->op) {
	case UK_BLKREQ_READ:
		h->type = VIRTIO_BLK_T_IN;
		break;
	case UK_BLKREQ_WRITE:
		h->type = VIRTIO_BLK_T_OUT;
		break;
	default:
		h->type = VIRTIO_BLK_T_FLUSH;
		h->sector = 0;
		break;
	}
	sg[0].addr = h;
	sg[0].len = sizeof(*h);
	for (uint16_t k = 0; k < req->nsegs; k++, n++) {
		sg[n].addr = req->segs[k].buf;
		sg[n].len = req->segs[k].len;
	}
	nout = req->op == UK_BLKREQ_WRITE ? n : 1;
	b->status[head] = STATUS_UNSET;
	sg[n].addr = &b->status[head];
	sg[n++].len = 1;
	req->drv = head;
	if (virtio_vq_add(b->vq, sg, nout, n - nout, req) < 0)
		return -EBUSY;
	virtio_vq_kick(b->vq);
	return 0;
}

/* Complete every request the device has finished. Interrupts are off
 * (interrupt context, or uk_blkdev_poll()). */
static void vblk_poll(struct uk_blkdev *bd)
{
	struct vblk *b = to_vblk(bd);
	struct uk_blkreq *req;

	while ((req = virtio_vq_get(b->vq, NULL))) {
		/* Read it before the callback can reuse the slot. */
		uint8_t st = b->status[req->drv];
		int rc;

		switch (st) {
		case VIRTIO_BLK_S_OK:
			rc = 0;
			break;
		case VIRTIO_BLK_S_UNSUPP:
			rc = -EOPNOTSUPP;
			break;
		default:	/* IOERR, or a status never written */
			rc = -EIO;
			break;
		}
		uk_blkdev_complete(bd, req, rc);
	}
}

static void vblk_event(struct virtqueue *vq __unused, void *arg)
{
	vblk_poll(&((struct vblk *)arg)->bd);
}

static const struct uk_blkdev_ops vblk_ops = {
	.submit = vblk_submit,
	.poll = vblk_poll,
};

static int vblk_add(struct virtio_dev *vdev)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct vblk *b = uk_calloc(a, 1, sizeof(*b));
	struct uk_blkdev_info *i;
	uint64_t capacity;
	uint32_t ss = 512, seg_max = MAX_SEGS;
	int rc;

	if (!b)
		return -ENOMEM;
	rc = virtio_negotiate(vdev, 1ULL << VIRTIO_BLK_F_SEG_MAX |
			      1ULL << VIRTIO_BLK_F_RO |
			      1ULL << VIRTIO_BLK_F_BLK_SIZE |
			      1ULL << VIRTIO_BLK_F_FLUSH);
	if (rc < 0)
		goto err;
	b->vdev = vdev;
	vdev->priv = b;
	virtio_config_read(vdev, CFG_CAPACITY, &capacity, sizeof(capacity));
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE)) {
		virtio_config_read(vdev, CFG_BLK_SIZE, &ss, sizeof(ss));
		if (ss < 512 || ss > 65536 || (ss & (ss - 1))) {
			uk_pr_warn("virtio-blk: odd block size %u, using 512\n",
				   ss);
			ss = 512;
		}
	}
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX)) {
		virtio_config_read(vdev, CFG_SEG_MAX, &seg_max,
				   sizeof(seg_max));
		if (!seg_max || seg_max > MAX_SEGS)
			seg_max = MAX_SEGS;
	}
	rc = virtio_vq_setup(vdev, 0, 0, blk_poll ? NULL : vblk_event, b,
			     &b->vq);
	if (rc < 0) {
		virtio_fail(vdev, "cannot set up its request queue");
		goto err;
	}
	b->hdrs = uk_calloc(a, b->vq->size, sizeof(*b->hdrs));
	b->status = uk_calloc(a, b->vq->size, 1);
	if (!b->hdrs || !b->status) {
		virtio_fail(vdev, "out of memory");
		rc = -ENOMEM;
		goto err;
	}
	/* Room for the header and the status beside the buffers. */
	if (b->vq->size < 3) {
		virtio_fail(vdev, "its queue holds fewer than 3 descriptors");
		rc = -EINVAL;
		goto err;
	}
	if (seg_max > b->vq->size - 2U)
		seg_max = b->vq->size - 2U;
	while ((512U << b->shift) < ss)
		b->shift++;
	i = &b->bd.info;
	i->sectors = capacity >> b->shift;
	i->sector_size = ss;
	i->max_sectors = MAX_REQ_BYTES / ss;
	i->max_segs = (uint16_t)seg_max;
	i->align = BUF_ALIGN;
	i->read_only = (uint8_t)virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	i->flush = (uint8_t)virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
	i->intr = !blk_poll;
	b->bd.ops = &vblk_ops;
	b->bd.drv_name = "virtio-blk";
	b->bd.priv = b;
	rc = virtio_driver_ok(vdev);
	if (rc < 0)
		goto err;
	rc = uk_blkdev_register(&b->bd);
	if (rc < 0) {
		virtio_fail(vdev, "the block device table refused it");
		return rc;	/* the device is live: keep its memory */
	}
	return 0;
err:
	/* Once its queue exists the device may use our memory: keep it. */
	if (!b->vq)
		uk_free(a, b);
	return rc;
}

static struct virtio_driver vblk_driver = {
	.name = "virtio-blk",
	.type = VIRTIO_TYPE_BLOCK,
	.add = vblk_add,
};
VIRTIO_DRIVER_REGISTER(&vblk_driver);
