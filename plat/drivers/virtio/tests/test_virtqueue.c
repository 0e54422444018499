/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtqueue.c against a broken or hostile device. QEMU's devices keep
 * the rules, so the tests play the device: a queue in memory, requests
 * added by the driver side, then used entries written as a device
 * would, including ones no device may write. Each must be refused.
 */
#include <errno.h>
#include <string.h>
#include <uk/config.h>
#include <uk/test.h>
#include <virtio/virtio.h>

#define QSIZE 8

static struct vring_desc desc[QSIZE];
static struct {
	uint16_t flags, idx, ring[QSIZE];
} avail;
static struct {
	uint16_t flags, idx;
	struct vring_used_elem ring[QSIZE];
} used;
static void *cookies[QSIZE];
static uint16_t priv16[2 * QSIZE];
static uint32_t inlen[QSIZE];
static struct virtqueue vq;
static char buf[4][64];

static void vq_reset(void)
{
	memset(&vq, 0, sizeof(vq));
	memset(desc, 0, sizeof(desc));
	memset(&avail, 0, sizeof(avail));
	memset(&used, 0, sizeof(used));
	memset(cookies, 0, sizeof(cookies));
	vq.size = QSIZE;
	vq.num_free = QSIZE;
	vq.desc = desc;
	vq.avail = (void *)&avail;
	vq.used = (void *)&used;
	vq.cookies = cookies;
	vq.next = priv16;
	vq.chain = priv16 + QSIZE;
	vq.inlen = inlen;
	for (uint16_t i = 0; i < QSIZE; i++)
		vq.next[i] = (uint16_t)(i + 1);
}

/* One request: 16 bytes out, 64 in; its head descriptor. */
static uint16_t post(void *cookie)
{
	struct virtio_sg sg[2] = { { buf[0], 16 }, { cookie, 64 } };
	uint16_t head = vq.free_head;

	UK_TEST_EXPECT_EQ(virtio_vq_add(&vq, sg, 1, 1, cookie), 0);
	return head;
}

/* The device puts @id, @len in the used ring and publishes it. */
static void device_used(uint32_t id, uint32_t len)
{
	used.ring[used.idx % QSIZE] = (struct vring_used_elem){ id, len };
	__atomic_store_n(&used.idx, (uint16_t)(used.idx + 1),
			 __ATOMIC_RELEASE);
}

UK_TESTCASE(virtqueue, good_device)
{
	uint32_t len = 0;
	uint16_t h0, h1, id;

	vq_reset();
	h0 = post(buf[1]);
	h1 = post(buf[2]);
	UK_TEST_EXPECT_EQ(vq.num_free, QSIZE - 4);
	device_used(h1, 64);
	device_used(h0, 10);
	UK_TEST_EXPECT(virtio_vq_get_id(&vq, &len, &id) == buf[2]);
	UK_TEST_EXPECT_EQ(len, 64);
	UK_TEST_EXPECT_EQ(id, h1);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == buf[1]);
	UK_TEST_EXPECT_EQ(len, 10);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == NULL);
	UK_TEST_EXPECT_EQ(vq.num_free, QSIZE);
	UK_TEST_EXPECT(!vq.broken);
}

/* A length past the posted buffers: the request comes back with 0. */
UK_TESTCASE(virtqueue, used_length_past_the_buffer)
{
	uint32_t len = 1;
	uint16_t h;

	vq_reset();
	h = post(buf[1]);
	UK_TEST_EXPECT_EQ(virtio_vq_check_used(&vq, h, 64), 0);
	UK_TEST_EXPECT_EQ(virtio_vq_check_used(&vq, h, 65), -EMSGSIZE);
	device_used(h, 65536);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == buf[1]);
	UK_TEST_EXPECT_EQ(len, 0);
	UK_TEST_EXPECT_EQ(vq.num_free, QSIZE);
	UK_TEST_EXPECT(!vq.broken);
	/* the queue goes on working */
	h = post(buf[2]);
	device_used(h, 5);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == buf[2]);
	UK_TEST_EXPECT_EQ(len, 5);
}

/* Used entries naming no request in flight stop the queue. */
UK_TESTCASE(virtqueue, used_id_not_in_flight)
{
	uint32_t len;
	uint16_t h;

	vq_reset();
	h = post(buf[1]);
	UK_TEST_EXPECT_EQ(virtio_vq_check_used(&vq, QSIZE, 0), -EIO);
	UK_TEST_EXPECT_EQ(virtio_vq_check_used(&vq, 0xffffffff, 0), -EIO);
	/* the second descriptor of the chain is no head */
	UK_TEST_EXPECT_EQ(virtio_vq_check_used(&vq, h + 1, 0), -EIO);
	device_used(QSIZE + 3, 1);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == NULL);
	UK_TEST_EXPECT(vq.broken);
	UK_TEST_EXPECT(!virtio_vq_has_used(&vq));

	/* the same request returned twice */
	vq_reset();
	h = post(buf[1]);
	post(buf[2]);
	device_used(h, 1);
	device_used(h, 1);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == buf[1]);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == NULL);
	UK_TEST_EXPECT(vq.broken);
}

/* A used index further ahead than the descriptors in flight. */
UK_TESTCASE(virtqueue, used_index_runs_ahead)
{
	uint32_t len;
	uint16_t h;

	vq_reset();
	h = post(buf[1]);
	UK_TEST_EXPECT_EQ(virtio_vq_check_idx(&vq, 2), 0);
	UK_TEST_EXPECT_EQ(virtio_vq_check_idx(&vq, 3), -EIO);
	UK_TEST_EXPECT_EQ(virtio_vq_check_idx(&vq, 0xffff), -EIO);
	used.ring[0] = (struct vring_used_elem){ h, 1 };
	__atomic_store_n(&used.idx, 1000, __ATOMIC_RELEASE);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == NULL);
	UK_TEST_EXPECT(vq.broken);
}

/* The device rewrites descriptors (next links, flags): the free list is
 * ours, so freeing walks the chain as it was posted. */
UK_TESTCASE(virtqueue, descriptors_rewritten)
{
	uint32_t len;
	uint16_t h;

	vq_reset();
	h = post(buf[1]);
	desc[h].next = 0xffff;
	desc[h].flags = VRING_DESC_F_NEXT;
	desc[(h + 1) % QSIZE].next = h;
	desc[(h + 1) % QSIZE].flags = VRING_DESC_F_NEXT;
	device_used(h, 1);
	UK_TEST_EXPECT(virtio_vq_get(&vq, &len) == buf[1]);
	UK_TEST_EXPECT_EQ(vq.num_free, QSIZE);
	/* all eight descriptors can be posted again, none twice */
	for (int i = 0; i < QSIZE / 2; i++)
		post(buf[1 + i % 3]);
	UK_TEST_EXPECT_EQ(vq.num_free, 0);
	UK_TEST_EXPECT_EQ(virtio_vq_add(&vq, (struct virtio_sg[]){
		{ buf[0], 1 } }, 1, 0, buf[0]), -ENOSPC);
}

#if CONFIG_PLAT_VIRTIO_NET
UK_TESTCASE(virtqueue, net_rx_length)
{
	UK_TEST_EXPECT(virtio_net_rx_len_ok(12 + 60, 12, 1514));
	UK_TEST_EXPECT(virtio_net_rx_len_ok(12 + 1514, 12, 1514));
	UK_TEST_EXPECT(!virtio_net_rx_len_ok(12 + 1515, 12, 1514));
	UK_TEST_EXPECT(!virtio_net_rx_len_ok(12 + 13, 12, 1514));
	UK_TEST_EXPECT(!virtio_net_rx_len_ok(0xffffffff, 12, 1514));
	UK_TEST_EXPECT(!virtio_net_rx_len_ok(0, 12, 1514));
}
#endif
