/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukblkdev: the device table, the checks every request passes before it
 * reaches a driver, completion bookkeeping (statistics, callbacks,
 * waking waiters) and the synchronous helper.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <uk/config.h>
#include <uk/blkdev.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#include <uk/wait.h>
#endif

/* How long a waiter trusts the interrupt before polling the device. */
#define POLL_NS		1000000ULL

static struct uk_blkdev *devs[CONFIG_LIBUKBLKDEV_MAXDEVS];
static unsigned int ndevs;
#if CONFIG_LIBUKSCHED
static struct uk_waitq waitqs[CONFIG_LIBUKBLKDEV_MAXDEVS];
#endif

static int is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

int uk_blkdev_register(struct uk_blkdev *dev)
{
	const struct uk_blkdev_info *i = &dev->info;

	if (!dev->ops || !dev->ops->submit || !dev->ops->poll ||
	    i->sector_size < 512 || !is_pow2(i->sector_size) ||
	    !is_pow2(i->align) || !i->max_segs || !i->max_sectors ||
	    (uint64_t)i->max_sectors * i->sector_size > UINT32_MAX) {
		uk_pr_err("%s device with an impossible description dropped\n",
			  dev->drv_name);
		return -EINVAL;
	}
	if (ndevs == CONFIG_LIBUKBLKDEV_MAXDEVS) {
		uk_pr_err("table full, %s device dropped\n",
			  dev->drv_name);
		return -ENOSPC;
	}
	dev->id = (uint16_t)ndevs;
	dev->inflight = 0;
	dev->stats = (struct uk_blkdev_stats){ 0 };
#if CONFIG_LIBUKSCHED
	uk_waitq_init(&waitqs[ndevs]);
#endif
	devs[ndevs++] = dev;
	uk_pr_info("blkdev%u: %s, %llu sectors of %u bytes%s%s\n", dev->id,
		   dev->drv_name, (unsigned long long)i->sectors,
		   i->sector_size, i->read_only ? ", read-only" : "",
		   i->flush ? ", write cache" : "");
	return dev->id;
}

unsigned int uk_blkdev_count(void)
{
	return ndevs;
}

struct uk_blkdev *uk_blkdev_get(unsigned int id)
{
	return id < ndevs ? devs[id] : NULL;
}

void uk_blkdev_complete(struct uk_blkdev *dev, struct uk_blkreq *req,
			int result)
{
	struct uk_blkdev_stats *s = &dev->stats;
	uint64_t bytes = req->nsectors * dev->info.sector_size;

	switch (req->op) {
	case UK_BLKREQ_READ:
		s->reads++;
		if (!result)
			s->read_bytes += bytes;
		break;
	case UK_BLKREQ_WRITE:
		s->writes++;
		if (!result)
			s->written_bytes += bytes;
		break;
	default:
		s->flushes++;
		break;
	}
	if (result)
		s->errors++;
	if (dev->inflight)
		dev->inflight--;
	req->result = result;
	__atomic_store_n(&req->state, UK_BLKREQ_DONE, __ATOMIC_RELEASE);
	if (req->done)
		req->done(req, req->done_arg);
#if CONFIG_LIBUKSCHED
	uk_waitq_wake(&waitqs[dev->id], -1);
#endif
}

/* The checks of <uk/blkdev.h>; 0 or -errno, req->nsectors set. */
static int check(const struct uk_blkdev *dev, struct uk_blkreq *req)
{
	const struct uk_blkdev_info *i = &dev->info;
	uint64_t n = 0;

	if (req->state == UK_BLKREQ_PENDING)
		return -EINVAL;		/* still in flight */
	switch (req->op) {
	case UK_BLKREQ_FLUSH:
		req->nsectors = 0;
		return req->nsegs ? -EINVAL : 0;
	case UK_BLKREQ_WRITE:
		if (i->read_only)
			return -EROFS;
		break;
	case UK_BLKREQ_READ:
		break;
	default:
		return -EINVAL;
	}
	if (!req->segs || !req->nsegs || req->nsegs > i->max_segs)
		return -EINVAL;
	for (uint16_t k = 0; k < req->nsegs; k++) {
		const struct uk_blkreq_seg *s = &req->segs[k];

		if (!s->len || s->len & (i->sector_size - 1) ||
		    (uintptr_t)s->buf & (i->align - 1))
			return -EINVAL;
		n += s->len / i->sector_size;
	}
	if (n > i->max_sectors)
		return -EINVAL;
	if (req->sector >= i->sectors || n > i->sectors - req->sector)
		return -ENOSPC;
	req->nsectors = n;
	return 0;
}

int uk_blkdev_submit(struct uk_blkdev *dev, struct uk_blkreq *req)
{
	unsigned long flags;
	int rc = check(dev, req);

	if (rc < 0) {
		dev->stats.rejected++;
		return rc;
	}
	req->result = 0;
	req->state = UK_BLKREQ_PENDING;
	flags = ukplat_lcpu_save_irqf();
	dev->inflight++;
	if (req->op == UK_BLKREQ_FLUSH && !dev->info.flush) {
		/* Nothing cached: durable already. */
		uk_blkdev_complete(dev, req, 0);
		ukplat_lcpu_restore_irqf(flags);
		return 0;
	}
	rc = dev->ops->submit(dev, req);
	if (rc < 0) {
		dev->inflight--;
		req->state = UK_BLKREQ_IDLE;
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

void uk_blkdev_poll(struct uk_blkdev *dev)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	dev->ops->poll(dev);
	ukplat_lcpu_restore_irqf(flags);
}

static int done(const struct uk_blkreq *req)
{
	return __atomic_load_n(&req->state, __ATOMIC_ACQUIRE) ==
		UK_BLKREQ_DONE;
}

/* Without interrupts (or before a scheduler runs with them): poll, and
 * let other threads run in between. */
static void wait_polling(struct uk_blkdev *dev, struct uk_blkreq *req)
{
	while (!done(req)) {
		uk_blkdev_poll(dev);
#if CONFIG_LIBUKSCHED
		if (!done(req) && uk_sched_started())
			uk_sched_yield();
#endif
	}
}

int uk_blkdev_wait(struct uk_blkdev *dev, struct uk_blkreq *req)
{
	unsigned long flags;

	if (req->state == UK_BLKREQ_IDLE)
		return -EINVAL;		/* never submitted */
	if (!dev->info.intr) {
		wait_polling(dev, req);
		return req->result;
	}
#if CONFIG_LIBUKSCHED
	if (uk_sched_started()) {
		while (!done(req)) {
			uint64_t until = ukplat_monotonic_clock() + POLL_NS;

			if (uk_waitq_wait_event_deadline(&waitqs[dev->id],
							 done(req), until))
				uk_blkdev_poll(dev);
		}
		return req->result;
	}
#endif
	flags = ukplat_lcpu_save_irqf();
	while (!done(req)) {
		ukplat_lcpu_halt_irq_until(ukplat_monotonic_clock() + POLL_NS);
		if (!done(req))
			dev->ops->poll(dev);
	}
	ukplat_lcpu_restore_irqf(flags);
	return req->result;
}

int uk_blkdev_sync_io(struct uk_blkdev *dev, enum uk_blkreq_op op,
		      uint64_t sector, void *buf, uint32_t count)
{
	struct uk_blkreq req;
	int rc;

	if (count > dev->info.max_sectors) {
		dev->stats.rejected++;
		return -EINVAL;
	}
	uk_blkreq_init(&req, op, sector, buf, count * dev->info.sector_size,
		       NULL, NULL);
	while ((rc = uk_blkdev_submit(dev, &req)) == -EBUSY) {
		/* Queue full: let requests finish, then retry. */
		uk_blkdev_poll(dev);
#if CONFIG_LIBUKSCHED
		if (uk_sched_started())
			uk_sched_yield();
#endif
	}
	if (rc < 0)
		return rc;
	return uk_blkdev_wait(dev, &req);
}
