/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio core (virtio 1.x spec, PCI transport): devices found on the PCI
 * bus (modern or legacy interface), feature negotiation, the status
 * handshake and split virtqueues. A device driver (virtio-net, ...)
 * registers with VIRTIO_DRIVER_REGISTER for its device type; its add()
 * gets the device after reset, ACKNOWLEDGE and DRIVER, and must:
 *
 *	virtio_negotiate(vdev, wanted features)		-> FEATURES_OK
 *	virtio_vq_setup(vdev, i, ...) for each queue
 *	virtio_driver_ok(vdev)				-> DRIVER_OK
 *
 * On an error the core sets FAILED and reports what went wrong.
 */
#ifndef __VIRTIO_VIRTIO_H__
#define __VIRTIO_VIRTIO_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/init.h>

/* Device status bits */
#define VIRTIO_STATUS_ACK		0x01
#define VIRTIO_STATUS_DRIVER		0x02
#define VIRTIO_STATUS_DRIVER_OK		0x04
#define VIRTIO_STATUS_FEATURES_OK	0x08
#define VIRTIO_STATUS_NEEDS_RESET	0x40
#define VIRTIO_STATUS_FAILED		0x80

/* Device-independent feature bits */
#define VIRTIO_F_RING_EVENT_IDX		29
#define VIRTIO_F_VERSION_1		32

#define VIRTIO_TYPE_NET			1
#define VIRTIO_TYPE_BLOCK		2
#define VIRTIO_TYPE_9P			9

struct virtio_dev;
struct virtqueue;
struct pci_dev;

typedef void (*virtqueue_callback_t)(struct virtqueue *vq, void *arg);

/* Split virtqueue layout (spec 2.7) */
struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

#define VRING_AVAIL_F_NO_INTERRUPT	1

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

struct virtqueue {
	struct virtio_dev *vdev;
	uint16_t index;
	uint16_t size;			/* descriptors, a power of two */
	uint16_t num_free;
	uint16_t free_head;		/* free list through desc.next */
	uint16_t last_used;		/* next used entry to read */
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	void **cookies;			/* per head descriptor */
	/* Ours only, never read back from the rings (a device could
	 * change those): the free list, and per head the chain's length
	 * and the bytes the device may write. */
	uint16_t *next;
	uint16_t *chain;
	uint32_t *inlen;
	uint16_t used_seen;		/* used->idx last read */
	uint8_t broken;			/* the device broke the ring rules */
	uint32_t bad_len;		/* used lengths past what was posted */
	virtqueue_callback_t callback;
	void *cb_arg;
	volatile uint16_t *notify;	/* modern: notification address */
	void *mem;			/* the ring allocation */
};

/* One buffer of a request: device-readable (out) or -writable (in). */
struct virtio_sg {
	void *addr;
	uint32_t len;
};

struct virtio_dev {
	struct pci_dev *pdev;
	uint16_t type;			/* VIRTIO_TYPE_* */
	uint8_t legacy;			/* legacy I/O-port interface */
	uint8_t msix;			/* MSI-X on (vector 0 shared) */
	uint16_t msix_vecs;		/* entries in the MSI-X table */
	uint16_t msix_used;		/* entries given out (0 included) */
	uint16_t iobase;		/* legacy */
	volatile uint8_t *common;	/* modern: common configuration */
	volatile uint8_t *isr;
	volatile uint8_t *devcfg;
	volatile uint8_t *notify_base;
	uint32_t notify_mult;
	uint64_t features;		/* negotiated */
	uint16_t nvqs;
	struct virtqueue **vqs;		/* the queues set up, by index */
	const char *drv_name;
	void *priv;			/* the device driver's */
};

struct virtio_driver {
	const char *name;
	uint16_t type;			/* VIRTIO_TYPE_* it drives */
	int (*add)(struct virtio_dev *vdev);
	struct virtio_driver *next;
};

void virtio_driver_register(struct virtio_driver *drv);

#define VIRTIO_DRIVER_REGISTER(d)					\
	static int UK_CONCAT(__virtio_drv_reg_, __LINE__)(void)	\
	{								\
		virtio_driver_register(d);				\
		return 0;						\
	}								\
	uk_early_initcall(UK_CONCAT(__virtio_drv_reg_, __LINE__))

static inline int virtio_has_feature(const struct virtio_dev *vdev,
				     unsigned int bit)
{
	return !!(vdev->features & (1ULL << bit));
}

/* The feature bits the device offers (legacy: the low 32 only). */
uint64_t virtio_device_features(struct virtio_dev *vdev);

/*
 * Accept the offered features among @wanted (VERSION_1 is added for the
 * modern interface, which requires it), set FEATURES_OK and check the
 * device kept it. Returns 0, or -ENOTSUP with the reason printed and the
 * device FAILED.
 */
int virtio_negotiate(struct virtio_dev *vdev, uint64_t wanted);

/* Read @len bytes at @off of the device-specific configuration. */
void virtio_config_read(struct virtio_dev *vdev, unsigned int off,
			void *buf, unsigned int len);

/*
 * Set up queue @index with at most @max_size descriptors (0: what the
 * device offers; legacy devices always use their own size), @cb called
 * from the device's interrupt for used buffers (NULL: none). Returns 0
 * and the queue in @vqp, or -errno (no such queue, no memory).
 */
int virtio_vq_setup(struct virtio_dev *vdev, uint16_t index,
		    uint16_t max_size, virtqueue_callback_t cb, void *cb_arg,
		    struct virtqueue **vqp);

/* DRIVER_OK, after which the device works; registers the interrupt when
 * a queue has a callback. Returns 0 or -errno. */
int virtio_driver_ok(struct virtio_dev *vdev);

/* Mark the device FAILED (a driver error after the handshake began). */
void virtio_fail(struct virtio_dev *vdev, const char *why);

/*
 * Queue one request of @nout device-readable then @nin device-writable
 * buffers, returned by virtio_vq_get() with @cookie (not NULL). Returns
 * 0, or -ENOSPC when fewer than nout + nin descriptors are free. The
 * device only sees it after virtio_vq_kick().
 */
int virtio_vq_add(struct virtqueue *vq, const struct virtio_sg *sg,
		  unsigned int nout, unsigned int nin, void *cookie);

/* Tell the device about the requests added. */
void virtio_vq_kick(struct virtqueue *vq);

/*
 * The next request the device finished (its cookie, and in @len the
 * bytes it wrote), or NULL if there is none. Frees its descriptors.
 * Everything the device wrote is read once and checked against what was
 * posted: a used entry naming no request in flight, or a used index
 * ahead of the requests in flight, marks the queue broken (an error is
 * printed; the queue returns nothing more); a length beyond the
 * request's device-writable buffers returns the request with @len 0.
 * virtio_vq_get_id() also gives the chain's head descriptor in @id.
 */
void *virtio_vq_get(struct virtqueue *vq, uint32_t *len);
void *virtio_vq_get_id(struct virtqueue *vq, uint32_t *len, uint16_t *id);

/* Checks of virtio_vq_get(), for tests: 0 when a used index of @idx
 * (as read) is possible (no further ahead than the descriptors in
 * flight), else -EIO; 0 when entry @id, @len is a request
 * in flight that the device could write @len bytes of, -EIO when @id
 * is not one, -EMSGSIZE when @len is too long. */
int virtio_vq_check_idx(const struct virtqueue *vq, uint16_t idx);
int virtio_vq_check_used(const struct virtqueue *vq, uint32_t id,
			 uint32_t len);

/* virtio-net: a received frame of @len bytes (with its @hdr_len-byte
 * header) holds an Ethernet header and fits the @room bytes posted. */
int virtio_net_rx_len_ok(uint32_t len, uint32_t hdr_len, size_t room);

/* Whether the device finished requests that virtio_vq_get() has not
 * returned yet. */
static inline int virtio_vq_has_used(const struct virtqueue *vq)
{
	return !vq->broken &&
	       __atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE) !=
		vq->last_used;
}

/* Ask for (enable) or stop (disable) used-buffer interrupts of @vq.
 * Enable returns 1 if used buffers are already waiting (poll again
 * rather than wait), else 0. */
int virtio_vq_intr_enable(struct virtqueue *vq);
void virtio_vq_intr_disable(struct virtqueue *vq);

#endif /* __VIRTIO_VIRTIO_H__ */
