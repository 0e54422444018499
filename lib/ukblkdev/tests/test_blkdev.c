/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukblkdev tests over a RAM-backed device whose requests wait in a small
 * queue until polled (no interrupts): request checks and their errno
 * values, asynchronous completion, multi-segment requests, a full queue,
 * flush with and without a write cache, the synchronous helper and the
 * statistics; the helper's poll fallback when interrupts are lost, and
 * (with a scheduler) a waiter sleeping until another thread completes.
 */
#include <errno.h>
#include <string.h>
#include <uk/blkdev.h>
#include <uk/config.h>
#include <uk/test.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define RAM_SECTORS	64
#define RAM_SS		512
#define RAM_QUEUE	4

struct ramdev {
	struct uk_blkdev dev;
	uint8_t data[RAM_SECTORS * RAM_SS];
	struct uk_blkreq *queue[RAM_QUEUE];
	unsigned int nq;
	unsigned int flushes_seen;
};

static struct ramdev rd, rd_ro;

static int ram_submit(struct uk_blkdev *dev, struct uk_blkreq *req)
{
	struct ramdev *r = dev->priv;

	if (r->nq == RAM_QUEUE)
		return -EBUSY;
	r->queue[r->nq++] = req;
	return 0;
}

/* Carry out the queued requests, newest first (out of order). */
static void ram_poll(struct uk_blkdev *dev)
{
	struct ramdev *r = dev->priv;

	while (r->nq) {
		struct uk_blkreq *req = r->queue[--r->nq];
		uint8_t *p = r->data + req->sector * RAM_SS;

		for (uint16_t k = 0; k < req->nsegs; k++) {
			const struct uk_blkreq_seg *s = &req->segs[k];

			if (req->op == UK_BLKREQ_READ)
				memcpy(s->buf, p, s->len);
			else
				memcpy(p, s->buf, s->len);
			p += s->len;
		}
		if (req->op == UK_BLKREQ_FLUSH)
			r->flushes_seen++;
		uk_blkdev_complete(dev, req, 0);
	}
}

static const struct uk_blkdev_ops ram_ops = {
	.submit = ram_submit,
	.poll = ram_poll,
};

static void ram_setup(struct ramdev *r, int ro, int flush)
{
	if (r->dev.ops)
		return;		/* registered by an earlier case */
	r->dev.ops = &ram_ops;
	r->dev.drv_name = "ramtest";
	r->dev.priv = r;
	r->dev.info = (struct uk_blkdev_info){
		.sectors = RAM_SECTORS, .sector_size = RAM_SS,
		.max_sectors = 16, .max_segs = 3, .align = 16,
		.read_only = (uint8_t)ro, .flush = (uint8_t)flush,
	};
	uk_blkdev_register(&r->dev);
}

static uint8_t buf[16 * RAM_SS] __aligned(16);
static uint8_t buf2[16 * RAM_SS] __aligned(16);

UK_TESTCASE(ukblkdev, register_checks)
{
	static struct uk_blkdev bad = {
		.ops = &ram_ops, .drv_name = "bad",
		.info = { .sectors = 8, .sector_size = 768, .max_sectors = 1,
			  .max_segs = 1, .align = 1 },
	};
	unsigned int n = uk_blkdev_count();

	UK_TEST_EXPECT_EQ(uk_blkdev_register(&bad), -EINVAL);
	bad.info.sector_size = 512;
	bad.info.align = 3;
	UK_TEST_EXPECT_EQ(uk_blkdev_register(&bad), -EINVAL);
	bad.info.align = 0;
	UK_TEST_EXPECT_EQ(uk_blkdev_register(&bad), -EINVAL);
	bad.info.align = 1;
	bad.info.max_sectors = 1U << 24;	/* 8 GiB in one request */
	UK_TEST_EXPECT_EQ(uk_blkdev_register(&bad), -EINVAL);
	UK_TEST_EXPECT_EQ(uk_blkdev_count(), n);
	bad.info.max_sectors = 1;
	UK_TEST_EXPECT_EQ(uk_blkdev_register(&bad), (int)n);
	UK_TEST_EXPECT_EQ(uk_blkdev_count(), n + 1);
	UK_TEST_EXPECT(uk_blkdev_get(n) == &bad);
	UK_TEST_EXPECT_EQ(bad.id, n);
	UK_TEST_EXPECT_NULL(uk_blkdev_get(n + 1));
}

UK_TESTCASE(ukblkdev, sync_roundtrip)
{
	struct uk_blkdev *d = &rd.dev;
	struct uk_blkdev_stats before;

	ram_setup(&rd, 0, 1);
	before = *uk_blkdev_stats(d);
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, 48, buf, 16),
			  0);
	memset(buf2, 0, sizeof(buf2));
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, 48, buf2, 16),
			  0);
	UK_TEST_EXPECT_MEMEQ(buf, buf2, sizeof(buf));
	UK_TEST_EXPECT_EQ(d->stats.writes - before.writes, 1);
	UK_TEST_EXPECT_EQ(d->stats.reads - before.reads, 1);
	UK_TEST_EXPECT_EQ(d->stats.written_bytes - before.written_bytes,
			  16 * RAM_SS);
	UK_TEST_EXPECT_EQ(d->stats.read_bytes - before.read_bytes,
			  16 * RAM_SS);
	UK_TEST_EXPECT_EQ(d->inflight, 0);
}

UK_TESTCASE(ukblkdev, request_errors)
{
	struct uk_blkdev *d = &rd.dev;
	struct uk_blkreq_seg segs[4];
	struct uk_blkreq req;
	uint64_t rejected;

	ram_setup(&rd, 0, 1);
	ram_setup(&rd_ro, 1, 0);
	rejected = d->stats.rejected;
	/* past the end: -ENOSPC */
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, RAM_SECTORS,
					    buf, 1), -ENOSPC);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, 60, buf, 5),
			  -ENOSPC);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, ~0ULL, buf, 2),
			  -ENOSPC);
	/* the last sector itself is fine */
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, 63, buf, 1), 0);
	/* shapes: -EINVAL */
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf + 1, 1),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf, 0),
			  -EINVAL);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf, 17),
			  -EINVAL);
	uk_blkreq_init(&req, UK_BLKREQ_READ, 0, buf, 100, NULL, NULL);
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &req), -EINVAL);
	uk_blkreq_init(&req, (enum uk_blkreq_op)7, 0, buf, 512, NULL, NULL);
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &req), -EINVAL);
	for (int k = 0; k < 4; k++)
		segs[k] = (struct uk_blkreq_seg){ buf + k * RAM_SS, RAM_SS };
	uk_blkreq_init(&req, UK_BLKREQ_READ, 0, NULL, 0, NULL, NULL);
	req.segs = segs;
	req.nsegs = 4;		/* max_segs is 3 */
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &req), -EINVAL);
	uk_blkreq_init(&req, UK_BLKREQ_FLUSH, 0, buf, 512, NULL, NULL);
	req.nsegs = 1;		/* a flush carries no data */
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &req), -EINVAL);
	UK_TEST_EXPECT_EQ(d->stats.rejected - rejected, 10);
	/* read-only: writes -EROFS, reads and flushes work */
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_ro.dev, UK_BLKREQ_WRITE, 0,
					    buf, 1), -EROFS);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_ro.dev, UK_BLKREQ_READ, 0,
					    buf, 1), 0);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_ro.dev, UK_BLKREQ_FLUSH, 0,
					    NULL, 0), 0);
	UK_TEST_EXPECT_EQ(d->inflight, 0);
}

static int cb_calls;
static uint64_t cb_order[8];

static void count_done(struct uk_blkreq *req, void *arg)
{
	UK_TEST_EXPECT_EQ(req->state, UK_BLKREQ_DONE);
	cb_order[cb_calls++ & 7] = (uintptr_t)arg;
}

UK_TESTCASE(ukblkdev, async_multiseg_and_full_queue)
{
	struct uk_blkdev *d = &rd.dev;
	struct uk_blkreq reqs[RAM_QUEUE + 1], rd3;
	struct uk_blkreq_seg segs[3] = {
		{ buf2, RAM_SS }, { buf2 + 4 * RAM_SS, 2 * RAM_SS },
		{ buf2 + 8 * RAM_SS, RAM_SS },
	};

	ram_setup(&rd, 0, 1);
	cb_calls = 0;
	for (int i = 0; i < RAM_QUEUE; i++) {
		memset(buf + i * RAM_SS, 'a' + i, RAM_SS);
		uk_blkreq_init(&reqs[i], UK_BLKREQ_WRITE, (uint64_t)i,
			       buf + i * RAM_SS, RAM_SS, count_done,
			       (void *)(uintptr_t)(i + 1));
		UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &reqs[i]), 0);
		UK_TEST_EXPECT_EQ(reqs[i].state, UK_BLKREQ_PENDING);
	}
	/* resubmitting one in flight is refused */
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &reqs[0]), -EINVAL);
	uk_blkreq_init(&reqs[RAM_QUEUE], UK_BLKREQ_READ, 0, buf2, RAM_SS,
		       count_done, NULL);
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &reqs[RAM_QUEUE]), -EBUSY);
	UK_TEST_EXPECT_EQ(reqs[RAM_QUEUE].state, UK_BLKREQ_IDLE);
	UK_TEST_EXPECT_EQ(d->inflight, RAM_QUEUE);
	UK_TEST_EXPECT_EQ(cb_calls, 0);
	uk_blkdev_poll(d);
	UK_TEST_EXPECT_EQ(cb_calls, RAM_QUEUE);
	UK_TEST_EXPECT_EQ(cb_order[0], RAM_QUEUE);	/* out of order */
	UK_TEST_EXPECT_EQ(d->inflight, 0);
	for (int i = 0; i < RAM_QUEUE; i++)
		UK_TEST_EXPECT_EQ(uk_blkdev_wait(d, &reqs[i]), 0);
	/* one read of sectors 0, 1-2, 3 into three scattered buffers */
	memset(buf2, 0, sizeof(buf2));
	uk_blkreq_init(&rd3, UK_BLKREQ_READ, 0, NULL, 0, NULL, NULL);
	rd3.segs = segs;
	rd3.nsegs = 3;
	UK_TEST_EXPECT_EQ(uk_blkdev_submit(d, &rd3), 0);
	UK_TEST_EXPECT_EQ(rd3.nsectors, 4);
	UK_TEST_EXPECT_EQ(uk_blkdev_wait(d, &rd3), 0);
	UK_TEST_EXPECT_EQ(buf2[0], 'a');
	UK_TEST_EXPECT_EQ(buf2[4 * RAM_SS], 'b');
	UK_TEST_EXPECT_EQ(buf2[5 * RAM_SS + 511], 'c');
	UK_TEST_EXPECT_EQ(buf2[8 * RAM_SS], 'd');
	UK_TEST_EXPECT_EQ(buf2[RAM_SS], 0);
}

UK_TESTCASE(ukblkdev, flush)
{
	uint64_t f = rd.dev.stats.flushes, fro = rd_ro.dev.stats.flushes;
	unsigned int seen = rd.flushes_seen;

	ram_setup(&rd, 0, 1);
	ram_setup(&rd_ro, 1, 0);
	/* with a write cache the driver gets it */
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd.dev, UK_BLKREQ_FLUSH, 0, NULL,
					    0), 0);
	UK_TEST_EXPECT_EQ(rd.flushes_seen - seen, 1);
	UK_TEST_EXPECT_EQ(rd.dev.stats.flushes - f, 1);
	/* without one it completes at once, the driver never sees it */
	seen = rd_ro.flushes_seen;
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_ro.dev, UK_BLKREQ_FLUSH, 0,
					    NULL, 0), 0);
	UK_TEST_EXPECT_EQ(rd_ro.flushes_seen, seen);
	UK_TEST_EXPECT_EQ(rd_ro.dev.stats.flushes - fro, 1);
}

/*
 * A device that says it interrupts but never does: its requests finish
 * only when polled. uk_blkdev_sync_io() must still end, through its
 * periodic poll (every millisecond), whether it halts (no scheduler) or
 * sleeps on the wait queue.
 */
static struct ramdev rd_lost;

UK_TESTCASE(ukblkdev, lost_interrupt_poll_fallback)
{
	uint64_t t0;

	if (!rd_lost.dev.ops) {
		ram_setup(&rd_lost, 0, 0);
		rd_lost.dev.info.intr = 1;
	}
	memset(buf, 0x5a, RAM_SS);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_lost.dev, UK_BLKREQ_WRITE, 5,
					    buf, 1), 0);
	memset(buf2, 0, RAM_SS);
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_lost.dev, UK_BLKREQ_READ, 5,
					    buf2, 1), 0);
	UK_TEST_EXPECT_MEMEQ(buf, buf2, RAM_SS);
	/* two polls of about 1 ms, not seconds */
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 500000000ULL);
}

#if CONFIG_LIBUKSCHED
/* The "interrupt" is another thread: it completes the waiter's request,
 * with interrupts off as a handler would, once the waiter has fallen back
 * to polling at least once (waited on: a loaded host may run the two
 * threads in any order, so a fixed delay would prove nothing). */
static volatile int irq_poll_calls;

static void nopoll(struct uk_blkdev *dev __unused)
{
	irq_poll_calls++;	/* the waiter's fallback: finds nothing */
}

static const struct uk_blkdev_ops irq_ops = {
	.submit = ram_submit,
	.poll = nopoll,
};

static struct ramdev rd_irq;

static void fake_irq(void *arg __unused)
{
	unsigned long flags;
	int ms;

	/* bounded: a waiter that never polls fails the test, not hangs it */
	for (ms = 0; !irq_poll_calls && ms < 5000; ms++)
		uk_sched_sleep_ns(1000000);
	flags = ukplat_lcpu_save_irqf();
	ram_poll(&rd_irq.dev);
	ukplat_lcpu_restore_irqf(flags);
}

UK_TESTCASE(ukblkdev, waiter_sleeps_until_completion)
{
	struct uk_thread *t;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	if (!rd_irq.dev.ops) {
		ram_setup(&rd_irq, 0, 0);
		rd_irq.dev.ops = &irq_ops;
		rd_irq.dev.info.intr = 1;
	}
	irq_poll_calls = 0;
	t = uk_thread_create(NULL, "fakeirq", NULL, fake_irq, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	UK_TEST_EXPECT_EQ(uk_blkdev_sync_io(&rd_irq.dev, UK_BLKREQ_READ, 0,
					    buf, 1), 0);
	UK_TEST_EXPECT_EQ(rd_irq.dev.inflight, 0);
	/* it slept, polling now and then, until the other thread ran */
	UK_TEST_EXPECT(irq_poll_calls >= 1);
	uk_thread_join(t, NULL);
}
#endif
