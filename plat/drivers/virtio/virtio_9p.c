/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-9p (virtio 1.x spec, 5.11 "9P transport") as a uk9p transport.
 * The device configuration holds the mount tag (tag_len[2] then the
 * bytes, with VIRTIO_9P_F_MOUNT_TAG); the device has one request queue.
 * A request is the message's buffers (device-readable) followed by the
 * reply's (device-writable) in one chain; uk9p sends one request at a
 * time per device and waits for the queue's interrupt (asleep, or with
 * the CPU halted), so QEMU's threads get the host CPU instead of a
 * spinning vCPU.
 */
#include <errno.h>
#include <string.h>
#include <uk/9p.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <pci/pci.h>
#include <uk/plat/lcpu.h>
#include <virtio/virtio.h>

#define VIRTIO_9P_F_MOUNT_TAG	0
#define CFG_TAG_LEN		0
#define CFG_TAG			2
#define TAG_MAX			64	/* our limit, longer tags are cut */
#define MAX_BUFS		4	/* out + in buffers of one request */

struct v9p {
	struct uk_9p_trans trans;
	struct virtio_dev *vdev;
	struct virtqueue *vq;
	uint32_t len;		/* of the reply, once done */
	int done;		/* the request submitted has its reply */
	char tag[TAG_MAX + 1];
};

static int v9p_submit(struct uk_9p_trans *t, const struct uk_9p_iov *out,
		      unsigned int nout, const struct uk_9p_iov *in,
		      unsigned int nin)
{
	struct v9p *d = t->priv;
	struct virtio_sg sg[MAX_BUFS];
	unsigned int i, n = 0;
	int rc;

	if (nout + nin > MAX_BUFS)
		return -EINVAL;
	for (i = 0; i < nout; i++, n++) {
		sg[n].addr = out[i].base;
		sg[n].len = (uint32_t)out[i].len;
	}
	for (i = 0; i < nin; i++, n++) {
		sg[n].addr = in[i].base;
		sg[n].len = (uint32_t)in[i].len;
	}
	d->done = 0;
	rc = virtio_vq_add(d->vq, sg, nout, nin, d);
	if (rc < 0)
		return rc;
	virtio_vq_kick(d->vq);
	return 0;
}

static ssize_t v9p_poll(struct uk_9p_trans *t)
{
	struct v9p *d = t->priv;
	unsigned long flags;
	uint32_t len;

	flags = ukplat_lcpu_save_irqf();
	while (!d->done && virtio_vq_has_used(d->vq)) {
		if (virtio_vq_get(d->vq, &len) == d) {
			d->len = len;
			d->done = 1;
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	/* A reply has at least a header: 0 bytes would read as "not yet". */
	return d->done ? (d->len ? (ssize_t)d->len : -EIO) : 0;
}

static int v9p_intr(struct uk_9p_trans *t, int on)
{
	struct v9p *d = t->priv;

	if (!on) {
		virtio_vq_intr_disable(d->vq);
		return 0;
	}
	return d->done || virtio_vq_intr_enable(d->vq);
}

/* The queue's interrupt: wake the waiter in uk9p. */
static void v9p_event(struct virtqueue *vq __unused, void *arg)
{
	struct v9p *d = arg;

	uk_9p_trans_event(&d->trans);
}

static const struct uk_9p_trans_ops v9p_ops = {
	.submit = v9p_submit,
	.poll = v9p_poll,
	.intr = v9p_intr,
};

static int v9p_add(struct virtio_dev *vdev)
{
	struct v9p *d = uk_calloc(uk_alloc_get_default(), 1, sizeof(*d));
	uint16_t tlen = 0;
	int rc;

	if (!d)
		return -ENOMEM;
	rc = virtio_negotiate(vdev, 1ULL << VIRTIO_9P_F_MOUNT_TAG);
	if (rc < 0)
		return rc;
	d->vdev = vdev;
	vdev->priv = d;
	if (virtio_has_feature(vdev, VIRTIO_9P_F_MOUNT_TAG)) {
		virtio_config_read(vdev, CFG_TAG_LEN, &tlen, sizeof(tlen));
		if (tlen > TAG_MAX) {
			uk_pr_warn("virtio-9p: mount tag of %u bytes cut to %u\n",
				   tlen, TAG_MAX);
			tlen = TAG_MAX;
		}
		virtio_config_read(vdev, CFG_TAG, d->tag, tlen);
	}
	d->tag[tlen] = '\0';
	if (!tlen) {
		virtio_fail(vdev, "no mount tag");
		return -EINVAL;
	}
	rc = virtio_vq_setup(vdev, 0, 0, v9p_event, d, &d->vq);
	if (rc < 0) {
		virtio_fail(vdev, "cannot set up its request queue");
		return rc;
	}
	rc = virtio_driver_ok(vdev);
	if (rc < 0)
		return rc;
	d->trans.tag = d->tag;
	d->trans.name = "virtio-9p";
	d->trans.ops = &v9p_ops;
	d->trans.priv = d;
	rc = uk_9p_trans_register(&d->trans);
	if (rc < 0) {
		uk_pr_err("virtio-9p: a second device with mount tag \"%s\" is ignored\n",
			  d->tag);
		return rc;	/* the device is live: keep its memory */
	}
	uk_pr_info("virtio-9p: mount tag \"%s\" (%s interface)\n", d->tag,
		   vdev->legacy ? "legacy" : "modern");
	return 0;
}

static struct virtio_driver v9p_driver = {
	.name = "virtio-9p",
	.type = VIRTIO_TYPE_9P,
	.add = v9p_add,
};
VIRTIO_DRIVER_REGISTER(&v9p_driver);
