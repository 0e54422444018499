/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio split virtqueues (virtio 1.x spec, 2.7): adding requests as
 * descriptor chains from the free list, publishing them in the avail
 * ring, taking finished ones from the used ring, and interrupt
 * suppression through the avail ring's NO_INTERRUPT flag.
 */
#include <errno.h>
#include <stddef.h>
#include <virtio/virtio.h>

int virtio_vq_add(struct virtqueue *vq, const struct virtio_sg *sg,
		  unsigned int nout, unsigned int nin, void *cookie)
{
	unsigned int n = nout + nin;
	uint16_t head, i, last = 0, aidx;

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
		last = i;
		i = d->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free = (uint16_t)(vq->num_free - n);
	vq->cookies[head] = cookie;
	aidx = vq->avail->idx;
	vq->avail->ring[aidx & (vq->size - 1)] = head;
	/* The entry before the index that publishes it. */
	__atomic_store_n(&vq->avail->idx, (uint16_t)(aidx + 1),
			 __ATOMIC_RELEASE);
	return 0;
}

void *virtio_vq_get(struct virtqueue *vq, uint32_t *len)
{
	volatile struct vring_used_elem *e;
	uint16_t head, i, n = 1;
	void *cookie;

	if (!virtio_vq_has_used(vq))
		return NULL;
	e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	head = (uint16_t)e->id;
	if (head >= vq->size || !vq->cookies[head])
		return NULL;	/* a broken device: ignore the entry */
	if (len)
		*len = e->len;
	vq->last_used++;
	cookie = vq->cookies[head];
	vq->cookies[head] = NULL;
	/* Return the chain to the free list. */
	for (i = head; vq->desc[i].flags & VRING_DESC_F_NEXT; n++)
		i = vq->desc[i].next;
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
	vq->num_free = (uint16_t)(vq->num_free + n);
	return cookie;
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
