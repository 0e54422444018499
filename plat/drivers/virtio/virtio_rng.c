/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-rng (virtio 1.x spec, 5.4): the host's entropy for ukswrand's
 * seed. One request queue (queue 0) of device-writable buffers that the
 * device fills with random bytes. At probe time the driver asks for
 * SEED_BYTES, polling (no interrupt) for at most virtio.rng_timeout_ms,
 * and mixes what it got into ukswrand; SEED_BYTES / 2 or more make the
 * seed strong ("virtio-rng" in uk_swrand_seed_source()). The device
 * stays idle afterwards.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/essentials.h>
#include <uk/libparam.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/swrand.h>
#include <virtio/virtio.h>

#define VIRTIO_TYPE_RNG		4
#define SEED_BYTES		64

static unsigned int rng_timeout_ms = 1000;
UK_LIBPARAM_PARAM_DESC(rng_timeout_ms, uint,
		       "virtio-rng: wait at most this long for the boot seed");

/*
 * Static: after a timeout the device may still write into a buffer it
 * was given, so the buffer must outlive the request.
 */
static uint8_t seed_buf[SEED_BYTES] __aligned(64);

/* Whether the device answered within the deadline. */
static int wait_used(struct virtqueue *vq, uint64_t deadline)
{
	while (!virtio_vq_has_used(vq)) {
		if (ukplat_monotonic_clock() > deadline)
			return 0;
		__asm__ __volatile__("pause");
	}
	return 1;
}

static int vrng_add(struct virtio_dev *vdev)
{
	uint64_t deadline;
	struct virtqueue *vq;
	uint32_t got = 0;
	int rc;

	rc = virtio_negotiate(vdev, 0);
	if (rc < 0)
		return rc;
	rc = virtio_vq_setup(vdev, 0, 0, NULL, NULL, &vq);
	if (rc < 0) {
		virtio_fail(vdev, "cannot set up its request queue");
		return rc;
	}
	rc = virtio_driver_ok(vdev);
	if (rc < 0)
		return rc;

	deadline = ukplat_monotonic_clock() +
		   (uint64_t)rng_timeout_ms * 1000000ULL;
	while (got < SEED_BYTES) {
		struct virtio_sg sg = { seed_buf + got, SEED_BYTES - got };
		uint32_t len;

		rc = virtio_vq_add(vq, &sg, 0, 1, seed_buf);
		if (rc < 0)
			break;
		virtio_vq_kick(vq);
		if (!wait_used(vq, deadline)) {
			uk_pr_warn("virtio-rng: no answer within %u ms (virtio.rng_timeout_ms); %u bytes used\n",
				   rng_timeout_ms, got);
			break;
		}
		/* the virtqueue gives 0 for a length past the posted buffer */
		if (!virtio_vq_get(vq, &len))
			break;
		if (!len)
			break;	/* out of entropy for now */
		got += len;
	}
	if (got)
		uk_swrand_add_entropy(seed_buf, got, "virtio-rng",
				      got >= SEED_BYTES / 2);
	if (got < SEED_BYTES / 2)
		uk_pr_warn("virtio-rng: only %u bytes of seed\n", got);
	memset(seed_buf, 0, got);
	return 0;
}

static struct virtio_driver vrng_driver = {
	.name = "virtio-rng",
	.type = VIRTIO_TYPE_RNG,
	.add = vrng_add,
};
VIRTIO_DRIVER_REGISTER(&vrng_driver);
