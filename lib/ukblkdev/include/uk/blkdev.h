/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukblkdev: the block device API. Drivers (virtio-blk) fill in a struct
 * uk_blkdev with the device's capabilities and register it; users (a file
 * system, an application doing raw sector I/O) find it by index:
 *
 *	dev = uk_blkdev_get(0);
 *	info = uk_blkdev_info(dev);	sectors, sector_size, read_only ...
 *	rc = uk_blkdev_sync_io(dev, UK_BLKREQ_READ, 0, buf, 8);
 *
 * or submit requests asynchronously and get a callback when each ends:
 *
 *	uk_blkreq_init(&req, UK_BLKREQ_WRITE, sector, buf, bytes, done, arg);
 *	rc = uk_blkdev_submit(dev, &req);  0: queued, -EBUSY: queue full
 *	...
 *	done(&req, arg) runs with req.result 0 or -errno
 *
 * Sectors are the device's own (info.sector_size bytes). A request is a
 * scatter list of buffers (uk_blkreq_init() makes a one-segment list);
 * each buffer must start at a multiple of info.align and be a whole
 * number of sectors long. Checks made before the driver sees a request
 * (its callback does not run then; the error is returned):
 *
 *	-EINVAL	 no segments, a segment of 0 bytes or not a multiple of the
 *		 sector size, a misaligned buffer, more than info.max_segs
 *		 segments or more than info.max_sectors sectors, a bad op
 *	-ENOSPC	 a range not inside the device (sector + count > sectors):
 *		 the device has no space there
 *	-EROFS	 a write to a read-only device
 *	-EBUSY	 the device's queue is full: poll or wait and retry
 *
 * A flush makes the writes completed before it durable; on a device
 * without a volatile write cache (info.flush == 0) it completes at once
 * with 0. Errors the device reports arrive in req.result: -EIO (the
 * device failed the request), -EOPNOTSUPP (it does not know the op).
 *
 * Completion callbacks may run in interrupt context (the device's
 * interrupt), inside uk_blkdev_poll() or (a flush without a write cache)
 * inside uk_blkdev_submit(): they must not sleep. A device
 * has one request queue; requests may complete out of order. The calls
 * are safe against the device's interrupt; several threads submitting to
 * one device need no lock of their own on a single CPU.
 */
#ifndef __UK_BLKDEV_H__
#define __UK_BLKDEV_H__

#include <stddef.h>
#include <stdint.h>

struct uk_blkdev;
struct uk_blkreq;

enum uk_blkreq_op {
	UK_BLKREQ_READ = 0,
	UK_BLKREQ_WRITE,
	UK_BLKREQ_FLUSH,
};

struct uk_blkdev_info {
	uint64_t sectors;	/* capacity, in sectors */
	uint32_t sector_size;	/* bytes, a power of two >= 512 */
	uint32_t max_sectors;	/* most sectors in one request */
	uint16_t max_segs;	/* most buffers in one request */
	uint16_t align;		/* buffers start at a multiple of this */
	uint8_t read_only;	/* writes fail with -EROFS */
	uint8_t flush;		/* the device has a write cache to flush */
	uint8_t intr;		/* completions raise an interrupt */
};

struct uk_blkdev_stats {
	uint64_t reads, writes, flushes;	/* requests completed */
	uint64_t read_bytes, written_bytes;	/* by successful requests */
	uint64_t errors;	/* requests completed with an error */
	uint64_t rejected;	/* refused by the checks above */
};

/* One buffer of a request. */
struct uk_blkreq_seg {
	void *buf;
	uint32_t len;		/* bytes, a multiple of the sector size */
};

typedef void (*uk_blkreq_done_t)(struct uk_blkreq *req, void *arg);

struct uk_blkreq {
	/* set by the user (uk_blkreq_init) */
	enum uk_blkreq_op op;
	uint64_t sector;	/* first sector (ignored for a flush) */
	const struct uk_blkreq_seg *segs;
	uint16_t nsegs;
	uk_blkreq_done_t done;	/* NULL: none (poll req.state) */
	void *done_arg;
	struct uk_blkreq_seg seg;	/* the single segment of _init() */
	/* set by ukblkdev */
	volatile int state;	/* UK_BLKREQ_* below */
	int result;		/* 0 or -errno, once state is DONE */
	uint64_t nsectors;	/* sectors the request covers */
	/* the driver's while the request is in flight */
	uintptr_t drv;
};

#define UK_BLKREQ_IDLE		0
#define UK_BLKREQ_PENDING	1
#define UK_BLKREQ_DONE		2

/* What a driver implements. */
struct uk_blkdev_ops {
	/* Queue @req (already checked); 0, -EBUSY (queue full) or -errno.
	 * Calls uk_blkdev_complete() for it later, from its interrupt or
	 * from poll(). */
	int (*submit)(struct uk_blkdev *dev, struct uk_blkreq *req);
	/* Complete the requests the device has finished. */
	void (*poll)(struct uk_blkdev *dev);
};

struct uk_blkdev {
	const struct uk_blkdev_ops *ops;
	const char *drv_name;		/* "virtio-blk" */
	struct uk_blkdev_info info;	/* filled in before registering */
	uint16_t id;			/* index, set by uk_blkdev_register */
	unsigned int inflight;		/* requests queued, not completed */
	struct uk_blkdev_stats stats;
	void *priv;			/* the driver's */
};

/* Drivers: add @dev to the table; returns its index or -ENOSPC (full),
 * -EINVAL (an impossible info). */
int uk_blkdev_register(struct uk_blkdev *dev);

/* Drivers: @req finished with @result (0 or -errno): counts it, marks it
 * DONE, runs its callback and wakes uk_blkdev_sync_io() waiters. */
void uk_blkdev_complete(struct uk_blkdev *dev, struct uk_blkreq *req,
			int result);

/* Number of registered devices, and device @id (NULL if none). */
unsigned int uk_blkdev_count(void);
struct uk_blkdev *uk_blkdev_get(unsigned int id);

static inline const struct uk_blkdev_info *
uk_blkdev_info(const struct uk_blkdev *dev)
{
	return &dev->info;
}

static inline const struct uk_blkdev_stats *
uk_blkdev_stats(const struct uk_blkdev *dev)
{
	return &dev->stats;
}

/* Fill in @req for @len bytes (whole sectors) at @sector in the single
 * buffer @buf (a flush takes neither: pass 0, NULL and 0). */
static inline void uk_blkreq_init(struct uk_blkreq *req,
				  enum uk_blkreq_op op, uint64_t sector,
				  void *buf, uint32_t len,
				  uk_blkreq_done_t done, void *arg)
{
	req->op = op;
	req->sector = sector;
	req->seg.buf = buf;
	req->seg.len = len;
	req->segs = &req->seg;
	req->nsegs = op == UK_BLKREQ_FLUSH ? 0 : 1;
	req->done = done;
	req->done_arg = arg;
	req->state = UK_BLKREQ_IDLE;
	req->result = 0;
}

/* Check @req (see above) and hand it to the driver; 0 or -errno. @req
 * must stay untouched until it is DONE. */
int uk_blkdev_submit(struct uk_blkdev *dev, struct uk_blkreq *req);

/* Complete what the device has finished (needed on devices without
 * interrupts, harmless on the others). */
void uk_blkdev_poll(struct uk_blkdev *dev);

/* Wait until @req is DONE (see uk_blkdev_sync_io) and return its
 * result. */
int uk_blkdev_wait(struct uk_blkdev *dev, struct uk_blkreq *req);

/*
 * Read or write @count sectors at @sector from/to @buf, or flush (@buf
 * NULL, @count 0), and wait for the outcome: 0 or -errno as above. With
 * a running scheduler the thread sleeps until the completion interrupt;
 * without one the CPU halts until it (or polls the device, which it also
 * does every millisecond in case an interrupt is lost). A full queue is
 * waited out.
 */
int uk_blkdev_sync_io(struct uk_blkdev *dev, enum uk_blkreq_op op,
		      uint64_t sector, void *buf, uint32_t count);

#endif /* __UK_BLKDEV_H__ */
