/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio PCI transport (virtio 1.x spec, 4.1): a PCI driver for the
 * virtio vendor ID. Modern devices (and transitional ones offering it)
 * are driven through the vendor capabilities (common, notify, ISR and
 * device configuration structures in memory BARs); devices with only the
 * legacy interface through their I/O BAR 0. The transport resets the
 * device, sets ACKNOWLEDGE and DRIVER, and hands it to the virtio driver
 * of its type. Interrupts: with MSI-X, a vector of its own for each queue
 * with a callback while the device's table has entries, vector 0 shared
 * by the rest (no configuration-change interrupt); without MSI-X, the
 * INTx line, whose handler reads the ISR first.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/asm/portio.h>
#include <uk/print.h>
#include <pci/pci.h>
#include <virtio/virtio.h>

#define VIRTIO_PCI_VENDOR	0x1af4

/* Vendor capability (4.1.4) */
#define CAP_CFG_TYPE		3
#define CAP_BAR			4
#define CAP_OFFSET		8
#define CAP_LENGTH		12
#define CAP_NOTIFY_MULT		16
#define CFG_COMMON		1
#define CFG_NOTIFY		2
#define CFG_ISR			3
#define CFG_DEVICE		4

/* Common configuration (4.1.4.3) */
#define CC_DFSELECT		0
#define CC_DF			4
#define CC_GFSELECT		8
#define CC_GF			12
#define CC_MSIX_CONFIG		16
#define CC_NUMQ			18
#define CC_STATUS		20
#define CC_GENERATION		21
#define CC_QSELECT		22
#define CC_QSIZE		24
#define CC_QMSIX		26
#define CC_QENABLE		28
#define CC_QNOTIFYOFF		30
#define CC_QDESC		32
#define CC_QAVAIL		40
#define CC_QUSED		48

/* Legacy I/O registers (4.1.4.8) */
#define L_DF			0
#define L_GF			4
#define L_QPFN			8
#define L_QSIZE			12
#define L_QSELECT		14
#define L_QNOTIFY		16
#define L_STATUS		18
#define L_ISR			19
#define L_DEVCFG		20	/* without MSI-X */
#define L_MSIX_CONFIG		20	/* with MSI-X */
#define L_QMSIX			22
#define L_DEVCFG_MSIX		24
#define NO_VECTOR		0xffff

#define MAX_VQS			64

static struct virtio_driver *vdrivers;

void virtio_driver_register(struct virtio_driver *drv)
{
	drv->next = vdrivers;
	vdrivers = drv;
}

#define MMIO(type, base, off)	(*(volatile type *)((base) + (off)))

static uint8_t get_status(struct virtio_dev *v)
{
	return v->legacy ? inb(v->iobase + L_STATUS)
			 : MMIO(uint8_t, v->common, CC_STATUS);
}

static void set_status(struct virtio_dev *v, uint8_t s)
{
	if (v->legacy)
		outb(v->iobase + L_STATUS, s);
	else
		MMIO(uint8_t, v->common, CC_STATUS) = s;
}

static void add_status(struct virtio_dev *v, uint8_t s)
{
	set_status(v, get_status(v) | s);
}

void virtio_fail(struct virtio_dev *v, const char *why)
{
	const struct pci_dev *d = v->pdev;

	uk_pr_err("virtio %02x:%02x.%x (%s): %s; device marked FAILED\n",
		  d->bus, d->slot, d->func, v->drv_name ? v->drv_name : "?",
		  why);
	add_status(v, VIRTIO_STATUS_FAILED);
}

uint64_t virtio_device_features(struct virtio_dev *v)
{
	uint32_t lo, hi;

	if (v->legacy)
		return inl(v->iobase + L_DF);
	MMIO(uint32_t, v->common, CC_DFSELECT) = 0;
	lo = MMIO(uint32_t, v->common, CC_DF);
	MMIO(uint32_t, v->common, CC_DFSELECT) = 1;
	hi = MMIO(uint32_t, v->common, CC_DF);
	return (uint64_t)hi << 32 | lo;
}

int virtio_negotiate(struct virtio_dev *v, uint64_t wanted)
{
	uint64_t offered = virtio_device_features(v);

	if (v->legacy) {
		wanted &= 0xffffffffULL;
		v->features = offered & wanted;
		outl(v->iobase + L_GF, (uint32_t)v->features);
		return 0;	/* no FEATURES_OK in the legacy interface */
	}
	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		virtio_fail(v, "modern interface without VERSION_1");
		return -ENOTSUP;
	}
	v->features = offered & (wanted | 1ULL << VIRTIO_F_VERSION_1);
	MMIO(uint32_t, v->common, CC_GFSELECT) = 0;
	MMIO(uint32_t, v->common, CC_GF) = (uint32_t)v->features;
	MMIO(uint32_t, v->common, CC_GFSELECT) = 1;
	MMIO(uint32_t, v->common, CC_GF) = (uint32_t)(v->features >> 32);
	add_status(v, VIRTIO_STATUS_FEATURES_OK);
	if (!(get_status(v) & VIRTIO_STATUS_FEATURES_OK)) {
		virtio_fail(v, "the device refused our features (FEATURES_OK cleared)");
		return -ENOTSUP;
	}
	return 0;
}

void virtio_config_read(struct virtio_dev *v, unsigned int off, void *buf,
			unsigned int len)
{
	uint8_t *p = buf, gen;

	if (v->legacy) {
		uint16_t base = v->iobase + (v->msix ? L_DEVCFG_MSIX : L_DEVCFG);

		for (unsigned int i = 0; i < len; i++)
			p[i] = inb((uint16_t)(base + off + i));
		return;
	}
	/* Retry while the device changes it under us (4.1.4.3.1). */
	do {
		gen = MMIO(uint8_t, v->common, CC_GENERATION);
		for (unsigned int i = 0; i < len; i++)
			p[i] = v->devcfg[off + i];
	} while (gen != MMIO(uint8_t, v->common, CC_GENERATION));
}

/* Ring memory (2.7): descriptors, avail ring, then (at a 4 KiB boundary,
 * which the legacy interface requires) the used ring. */
static size_t ring_bytes(uint16_t n, size_t *used_off)
{
	size_t a = 16UL * n + 6 + 2UL * n;

	*used_off = UK_ALIGN_UP(a, 4096);
	return *used_off + UK_ALIGN_UP(6 + 8UL * n, 4096);
}

static int virtio_vq_interrupt(void *arg)
{
	struct virtqueue *vq = arg;

	if (virtio_vq_has_used(vq))
		vq->callback(vq, vq->cb_arg);
	return 1;
}

/* The next free MSI-X entry for @vq alone (so queues can be served
 * apart, e.g. one per CPU later), else the shared vector 0. */
static uint16_t msix_vector(struct virtio_dev *v, struct virtqueue *vq)
{
	uint16_t vec = v->msix_used;

	if (vec >= v->msix_vecs ||
	    pci_msix_set(v->pdev, vec, virtio_vq_interrupt, vq) < 0)
		return 0;
	v->msix_used++;
	return vec;
}

int virtio_vq_setup(struct virtio_dev *v, uint16_t index, uint16_t max_size,
		    virtqueue_callback_t cb, void *cb_arg,
		    struct virtqueue **vqp)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct virtqueue *vq;
	size_t bytes, used_off;
	uint16_t n;

	if (index >= MAX_VQS)
		return -EINVAL;
	if (v->legacy) {
		outw(v->iobase + L_QSELECT, index);
		n = inw(v->iobase + L_QSIZE);
	} else {
		if (index >= MMIO(uint16_t, v->common, CC_NUMQ))
			return -ENOENT;
		MMIO(uint16_t, v->common, CC_QSELECT) = index;
		n = MMIO(uint16_t, v->common, CC_QSIZE);
		if (max_size && n > max_size) {
			/* a power of two no larger than max_size */
			while (n > max_size)
				n >>= 1;
		}
	}
	if (!n)
		return -ENOENT;
	if (n & (n - 1)) {
		virtio_fail(v, "queue size is not a power of two");
		return -EINVAL;
	}
	vq = uk_calloc(a, 1, sizeof(*vq));
	if (!vq)
		return -ENOMEM;
	bytes = ring_bytes(n, &used_off);
	vq->mem = uk_memalign(a, 4096, bytes);
	vq->cookies = uk_calloc(a, n, sizeof(void *));
	vq->next = uk_calloc(a, n, 2 * sizeof(uint16_t) + sizeof(uint32_t));
	if (!vq->mem || !vq->cookies || !vq->next) {
		uk_free(a, vq->mem);
		uk_free(a, vq->cookies);
		uk_free(a, vq->next);
		uk_free(a, vq);
		return -ENOMEM;
	}
	memset(vq->mem, 0, bytes);
	vq->vdev = v;
	vq->index = index;
	vq->size = n;
	vq->desc = vq->mem;
	vq->avail = (void *)((char *)vq->mem + 16UL * n);
	vq->used = (void *)((char *)vq->mem + used_off);
	vq->callback = cb;
	vq->cb_arg = cb_arg;
	vq->chain = vq->next + n;
	vq->inlen = (uint32_t *)(vq->chain + n);
	for (uint16_t i = 0; i < n; i++)
		vq->next[i] = (uint16_t)(i + 1);
	vq->free_head = 0;
	vq->num_free = n;
	if (!cb)
		vq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	if (v->msix) {
		uint16_t vec = cb ? msix_vector(v, vq) : NO_VECTOR, got;

		if (v->legacy) {
			outw(v->iobase + L_QMSIX, vec);
			got = inw(v->iobase + L_QMSIX);
		} else {
			MMIO(uint16_t, v->common, CC_QMSIX) = vec;
			got = MMIO(uint16_t, v->common, CC_QMSIX);
		}
		if (got != vec) {
			virtio_fail(v, "the device refused the queue's MSI-X vector");
			uk_free(a, vq->mem);
			uk_free(a, vq->cookies);
			uk_free(a, vq->next);
			uk_free(a, vq);
			return -EIO;
		}
	}
	if (v->legacy) {
		outl(v->iobase + L_QPFN,
			 (uint32_t)((uintptr_t)vq->mem >> 12));
	} else {
		uintptr_t d = (uintptr_t)vq->desc, av = (uintptr_t)vq->avail;
		uintptr_t u = (uintptr_t)vq->used;

		MMIO(uint16_t, v->common, CC_QSIZE) = n;
		MMIO(uint32_t, v->common, CC_QDESC) = (uint32_t)d;
		MMIO(uint32_t, v->common, CC_QDESC + 4) = (uint32_t)(d >> 32);
		MMIO(uint32_t, v->common, CC_QAVAIL) = (uint32_t)av;
		MMIO(uint32_t, v->common, CC_QAVAIL + 4) = (uint32_t)(av >> 32);
		MMIO(uint32_t, v->common, CC_QUSED) = (uint32_t)u;
		MMIO(uint32_t, v->common, CC_QUSED + 4) = (uint32_t)(u >> 32);
		vq->notify = (volatile uint16_t *)(v->notify_base +
			MMIO(uint16_t, v->common, CC_QNOTIFYOFF) *
			v->notify_mult);
		MMIO(uint16_t, v->common, CC_QENABLE) = 1;
	}
	v->vqs[index] = vq;
	if (index >= v->nvqs)
		v->nvqs = (uint16_t)(index + 1);
	*vqp = vq;
	return 0;
}

void virtio_vq_kick(struct virtqueue *vq)
{
	struct virtio_dev *v = vq->vdev;

	/* The avail index must be visible before the notification. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (v->legacy)
		outw(v->iobase + L_QNOTIFY, vq->index);
	else
		*vq->notify = vq->index;
}

static void run_callbacks(struct virtio_dev *v)
{
	for (uint16_t i = 0; i < v->nvqs; i++) {
		struct virtqueue *vq = v->vqs[i];

		if (vq && vq->callback && virtio_vq_has_used(vq))
			vq->callback(vq, vq->cb_arg);
	}
}

static int virtio_msix_interrupt(void *arg)
{
	run_callbacks(arg);
	return 1;
}

/* MSI-X vector 0 for the queues, none for configuration changes; 0, or
 * -errno to stay with INTx. */
static int setup_msix(struct virtio_dev *v)
{
	struct pci_dev *d = v->pdev;
	uint16_t got;
	int rc;

	if (!pci_msix_count(d))
		return -ENODEV;
	rc = pci_msix_set(d, 0, virtio_msix_interrupt, v);
	if (rc < 0)
		return rc;
	rc = pci_msix_enable(d);
	if (rc < 0)
		return rc;
	if (v->legacy) {
		outw(v->iobase + L_MSIX_CONFIG, NO_VECTOR);
		got = inw(v->iobase + L_MSIX_CONFIG);
	} else {
		MMIO(uint16_t, v->common, CC_MSIX_CONFIG) = NO_VECTOR;
		got = MMIO(uint16_t, v->common, CC_MSIX_CONFIG);
	}
	if (got != NO_VECTOR) {
		pci_msix_disable(d);
		return -EIO;
	}
	v->msix = 1;
	v->msix_vecs = (uint16_t)UK_MIN(pci_msix_count(d), 0xffffU);
	v->msix_used = 1;	/* entry 0: the shared vector */
	return 0;
}

static int virtio_interrupt(void *arg)
{
	struct virtio_dev *v = arg;
	uint8_t isr = v->legacy ? inb(v->iobase + L_ISR) : *v->isr;

	if (!isr)
		return 0;	/* not ours (shared line) */
	if (isr & 1)
		run_callbacks(v);
	return 1;
}

static unsigned int irq_queues(struct virtio_dev *v)
{
	unsigned int n = 0;

	for (uint16_t i = 0; i < v->nvqs; i++)
		if (v->vqs[i] && v->vqs[i]->callback)
			n++;
	return n;
}

int virtio_driver_ok(struct virtio_dev *v)
{
	int want_irq = 0, rc;

	for (uint16_t i = 0; i < v->nvqs; i++)
		if (v->vqs[i] && v->vqs[i]->callback)
			want_irq = 1;
	if (want_irq && !v->msix) {
		rc = pci_irq_register(v->pdev, virtio_interrupt, v);
		if (rc < 0) {
			virtio_fail(v, "cannot register its interrupt");
			return rc;
		}
	}
	if (v->msix)
		uk_pr_info("virtio %02x:%02x.%x: %u queues with interrupts, %u MSI-X vectors of %u used\n",
			   v->pdev->bus, v->pdev->slot, v->pdev->func,
			   irq_queues(v), v->msix_used, v->msix_vecs);
	add_status(v, VIRTIO_STATUS_DRIVER_OK);
	if (get_status(v) & VIRTIO_STATUS_NEEDS_RESET) {
		virtio_fail(v, "the device needs a reset after DRIVER_OK");
		return -EIO;
	}
	return 0;
}

/* Find the modern interface's structures; 0 or -ENODEV. */
static int map_modern(struct virtio_dev *v, struct pci_dev *d)
{
	unsigned int off = 0;

	while ((off = pci_find_cap(d, PCI_CAP_ID_VNDR, off))) {
		uint8_t type = pci_conf_read8(d, off + CAP_CFG_TYPE);
		uint8_t bar = pci_conf_read8(d, off + CAP_BAR);
		uint32_t o = pci_conf_read32(d, off + CAP_OFFSET);
		uint32_t len = pci_conf_read32(d, off + CAP_LENGTH);
		volatile uint8_t *p;

		if (bar >= PCI_NUM_BARS || !d->bar[bar].size ||
		    d->bar[bar].io || (uint64_t)o + len > d->bar[bar].size)
			continue;
		p = (volatile uint8_t *)(uintptr_t)(d->bar[bar].addr + o);
		/* The first structure of each type is the preferred one. */
		if (type == CFG_COMMON && !v->common)
			v->common = p;
		else if (type == CFG_ISR && !v->isr)
			v->isr = p;
		else if (type == CFG_DEVICE && !v->devcfg)
			v->devcfg = p;
		else if (type == CFG_NOTIFY && !v->notify_base) {
			v->notify_base = p;
			v->notify_mult = pci_conf_read32(d,
						off + CAP_NOTIFY_MULT);
		}
	}
	return v->common && v->isr && v->notify_base ? 0 : -ENODEV;
}

static int virtio_pci_add(struct pci_dev *d)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct virtio_driver *drv;
	struct virtio_dev *v;
	int rc;

	/* 0x1000-0x103f transitional/legacy (type in the subsystem ID),
	 * 0x1040 + type modern-only. */
	if (d->device < 0x1000 || d->device > 0x107f)
		return -ENODEV;
	v = uk_calloc(a, 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->vqs = uk_calloc(a, MAX_VQS, sizeof(*v->vqs));
	if (!v->vqs) {
		uk_free(a, v);
		return -ENOMEM;
	}
	v->pdev = d;
	v->type = d->device >= 0x1040 ? (uint16_t)(d->device - 0x1040)
				      : d->subsys_id;
	pci_enable(d);
	if (map_modern(v, d) < 0) {
		if (d->device >= 0x1040 || !d->bar[0].size || !d->bar[0].io) {
			uk_pr_err("virtio %02x:%02x.%x: neither the modern capabilities nor a legacy I/O BAR\n",
				  d->bus, d->slot, d->func);
			rc = -ENODEV;
			goto out;
		}
		v->legacy = 1;
		v->iobase = (uint16_t)d->bar[0].addr;
	}
	for (drv = vdrivers; drv; drv = drv->next)
		if (drv->type == v->type)
			break;
	if (!drv) {
		rc = -ENODEV;	/* no driver for this type: leave it */
		goto out;
	}
	v->drv_name = drv->name;
	/* Reset, then wait for it to finish (modern devices may take
	 * time; reading 0 back tells). */
	set_status(v, 0);
	for (int i = 0; i < 1000000 && get_status(v); i++)
		;
	add_status(v, VIRTIO_STATUS_ACK);
	add_status(v, VIRTIO_STATUS_DRIVER);
	/* Before the driver reads the device configuration: with MSI-X
	 * on, the legacy interface moves it. */
	setup_msix(v);
	uk_pr_info("virtio %02x:%02x.%x: type %u, %s interface, %s, driver %s\n",
		   d->bus, d->slot, d->func, v->type,
		   v->legacy ? "legacy" : "modern",
		   v->msix ? "MSI-X" : "INTx", drv->name);
	rc = drv->add(v);
	if (rc < 0) {
		if (!(get_status(v) & VIRTIO_STATUS_FAILED))
			virtio_fail(v, "the driver did not take it");
		goto out;
	}
	d->priv = v;
	return 0;
out:
	uk_free(a, v->vqs);
	uk_free(a, v);
	return rc;
}

static const struct pci_device_id virtio_ids[] = {
	{ VIRTIO_PCI_VENDOR, PCI_ANY_ID },
	{ 0, 0 },
};

static struct pci_driver virtio_pci_driver = {
	.name = "virtio-pci",
	.ids = virtio_ids,
	.add = virtio_pci_add,
};
PCI_DRIVER_REGISTER(&virtio_pci_driver);
