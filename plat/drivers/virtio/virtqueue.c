/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio split virtqueues (virtio 1.x spec, 2.7): adding requests as
 * descriptor chains from the free list, publishing them in the avail
 * ring, taking finished ones from the used ring, and interrupt
 * suppression through the avail ring's NO_INTERRUPT flag. The device
 * is not trusted: the free list and chain lengths are kept in our own
 * arrays, and each used index and entry is read once and checked
 * against the requests in flight before it is used.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/print.h>
#include <virtio/virtio.h>

int virtio_vq_add(struct virtqueue *vq, const struct virtio_sg *sg,
		  unsigned int nout, unsigned int nin, void *cookie)
{
	unsigned int n = nout + nin;
	uint16_t head, i, aidx;
	uint32_t in = 0;

	if (!n || !cookie)
		return -EINVAL;
	if (n > vq->num_free)
		return -ENOSPC;
	head = i = vq->free_head;
	for (unsigned int k = 0; k < n; k++) {
		volatile struct vring_desc *d = &vq->desc[i];

		d->addr = (uintptr_t)sg[k].addr;
		d->len = sg[k].len;
		d->flags = (uint16_t)((k < nout ? 0 : VRING_DESC_F_WRITE) |
				      (k + 1 < n ? VRING_DESC_F_NEXT : 0));
		d->next = vq->next[i];
		if (k >= nout)
			in += sg[k].len;
		i = vq->next[i];
	}
	vq->free_head = i;
	vq->num_free = (uint16_t)(vq->num_free - n);
	vq->cookies[head] = cookie;
	vq->chain[head] = (uint16_t)n;
	vq->inlen[head] = in;
	aidx = vq->avail->idx;
	vq->avail->ring[aidx & (vq->size - 1)] = head;
	/* The entry before the index that publishes it. */
	__atomic_store_n(&vq->avail->idx, (uint16_t)(aidx + 1),
			 __ATOMIC_RELEASE);
	return 0;
}

int virtio_vq_check_idx(const struct virtqueue *vq, uint16_t idx)
{
	/* no more entries than requests in flight since last_used */
	return (uint16_t)(idx - vq->last_used) <=
	       (uint16_t)(vq->size - vq->num_free) ? 0 : -EIO;
}

int virtio_vq_check_used(const struct virtqueue *vq, uint32_t id,
			 uint32_t len)
{
	if (id >= vq->size || !vq->cookies[id])
		return -EIO;
	return len > vq->inlen[id] ? -EMSGSIZE : 0;
}

static void vq_broken(struct virtqueue *vq, const char *why)
{
	vq->broken = 1;
	uk_pr_err("queue %u: the device %s: queue stopped\n",
		  vq->index, why);
}

void *virtio_vq_get_id(struct virtqueue *vq, uint32_t *len, uint16_t *id)
{
	volatile struct vring_used_elem *e;
	uint32_t head, l;
	uint16_t i, n;
	void *cookie;
	int rc;

	if (vq->broken)
		return NULL;
	if (vq->used_seen == vq->last_used) {
		/* each used index read once, checked before it is used */
		i = __atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE);
		if (i == vq->last_used)
			return NULL;
		if (virtio_vq_check_idx(vq, i) < 0) {
			vq_broken(vq, "used more buffers than it was given");
			return NULL;
		}
		vq->used_seen = i;
	}
	e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	head = e->id;
	l = e->len;
	rc = virtio_vq_check_used(vq, head, l);
	if (rc == -EIO) {
		vq_broken(vq, "returned a buffer not in flight");
		return NULL;
	}
	if (rc < 0) {
		if (!vq->bad_len++)
			uk_pr_err("queue %u: the device wrote %u bytes "
				  "into %u: request dropped\n", vq->index,
				  l, vq->inlen[head]);
		l = 0;
	}
	if (len)
		*len = l;
	if (id)
		*id = (uint16_t)head;
	vq->last_used++;
	cookie = vq->cookies[head];
	vq->cookies[head] = NULL;
	/* Return the chain to the free list, walking our own links. */
	n = vq->chain[head];
	for (i = (uint16_t)head; --n; )
		i = vq->next[i];
	vq->next[i] = vq->free_head;
	vq->free_head = (uint16_t)head;
	vq->num_free = (uint16_t)(vq->num_free + vq->chain[head]);
	return cookie;
}

void *virtio_vq_get(struct virtqueue *vq, uint32_t *len)
{
	return virtio_vq_get_id(vq, len, NULL);
}

int virtio_vq_intr_enable(struct virtqueue *vq)
{
	vq->avail->flags = 0;
	/* The flag must be visible before we look at the used index, or a
	 * buffer used in between goes unnoticed. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return virtio_vq_has_used(vq);
}

void virtio_vq_intr_disable(struct virtqueue *vq)
{
	vq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
}
