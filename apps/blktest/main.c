/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * blktest: exercises every block device through ukblkdev. It lists the
 * devices, then on each one: reads the text the host put in a sector and
 * compares it, writes a pattern (single- and multi-buffer requests),
 * reads it back and verifies it, checks that out-of-range requests fail
 * with ENOSPC and misaligned or partial-sector buffers with EINVAL, runs
 * a burst of asynchronous reads with completion callbacks, and flushes.
 * On a read-only device the writes must fail with EROFS (and nothing is
 * written). Prints one "ok"/"FAILED" line per check and a summary, and
 * exits 0 only when every check passed.
 *
 * With a scheduler in the image, threads=N more threads rewrite and
 * reread slices of the pattern at the same time, each sleeping in
 * uk_blkdev_sync_io() while its request is in flight.
 *
 * usage: blktest [known=SECTOR:TEXT] [pattern=SECTOR:COUNT] [devs=N]
 *                [threads=N]
 *   known    the host wrote TEXT at the start of SECTOR (512-byte
 *            sectors of the image file) of every device
 *   pattern  write COUNT 512-byte sectors from SECTOR (default 8:24)
 *   devs     the number of devices expected (default: any, at least 1)
 *   threads  threads for the concurrent pass (default 0: none)
 *
 * The pattern byte at offset o of the disk is
 *   ((o / 512) * 7 + (o % 512) * 13 + 1) mod 256,
 * which a host script can recompute to check the image file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/blkdev.h>
#include <uk/config.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define ASYNC_REQS	16
#define MAX_THREADS	8
#define THREAD_ROUNDS	8

static unsigned int passed, failed;
static uint64_t known_sector = UINT64_MAX;
static const char *known_text;
static uint64_t pat_sector = 8, pat_count = 24;
static unsigned long nthreads;

static void check(int ok, unsigned int id, const char *what, int rc)
{
	if (ok) {
		passed++;
		printf("blktest: blkdev%u: ok %s\n", id, what);
	} else {
		failed++;
		printf("blktest: blkdev%u: FAILED %s (rc %d)\n", id, what, rc);
	}
}

static uint8_t pattern_byte(uint64_t off)
{
	return (uint8_t)((off / 512) * 7 + (off % 512) * 13 + 1);
}

static void fill(uint8_t *p, uint64_t off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		p[i] = pattern_byte(off + i);
}

static int verify(const uint8_t *p, uint64_t off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != pattern_byte(off + i))
			return 0;
	return 1;
}

static volatile unsigned int async_done;

static void on_done(struct uk_blkreq *req __unused, void *arg __unused)
{
	async_done++;		/* interrupt context: just count */
}

static void test_known(struct uk_blkdev *d, uint8_t *buf)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	uint64_t byte = known_sector * 512;
	uint64_t s = byte / i->sector_size;
	int rc;

	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, s, buf, 1);
	check(rc == 0 && !memcmp(buf + byte % i->sector_size, known_text,
				 strlen(known_text)),
	      d->id, "the host's text is in the sector it wrote", rc);
}

/* Write the pattern in three requests: one buffer, three buffers, one
 * buffer; read it back in one request and compare. */
static void test_pattern(struct uk_blkdev *d, uint8_t *buf, uint8_t *buf2)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	uint32_t ss = i->sector_size;
	uint64_t off = pat_sector * 512, len = pat_count * 512;
	uint64_t s = off / ss, n = len / ss;
	struct uk_blkreq_seg segs[3];
	struct uk_blkreq req;
	int rc, ok = 1;

	if (off % ss || len % ss || n < 5 || n > i->max_sectors) {
		check(0, d->id, "pattern range fits the sector size", -EINVAL);
		return;
	}
	fill(buf, off, len);
	if (i->read_only) {
		rc = uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, s, buf, 1);
		check(rc == -EROFS, d->id, "read-only: a write fails with EROFS",
		      rc);
		uk_blkreq_init(&req, UK_BLKREQ_WRITE, s, buf, ss, NULL, NULL);
		rc = uk_blkdev_submit(d, &req);
		check(rc == -EROFS, d->id,
		      "read-only: an asynchronous write fails with EROFS", rc);
		return;
	}
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, s, buf, 1);
	ok &= rc == 0;
	/* sectors s+1 .. s+3 from three buffers, the middle one two
	 * sectors long only when the device allows three segments */
	if (i->max_segs >= 3) {
		segs[0] = (struct uk_blkreq_seg){ buf + ss, ss };
		segs[1] = (struct uk_blkreq_seg){ buf + 2 * ss, ss };
		segs[2] = (struct uk_blkreq_seg){ buf + 3 * ss, ss };
		uk_blkreq_init(&req, UK_BLKREQ_WRITE, s + 1, NULL, 0, NULL,
			       NULL);
		req.segs = segs;
		req.nsegs = 3;
		rc = uk_blkdev_submit(d, &req);
		if (!rc)
			rc = uk_blkdev_wait(d, &req);
		check(rc == 0, d->id, "a three-buffer write", rc);
	} else {
		rc = uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, s + 1, buf + ss, 3);
		ok &= rc == 0;
	}
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, s + 4, buf + 4 * ss,
			       (uint32_t)(n - 4));
	ok &= rc == 0;
	check(ok, d->id, "pattern written", rc);
	memset(buf2, 0, len);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, s, buf2, (uint32_t)n);
	check(rc == 0 && verify(buf2, off, len), d->id,
	      "pattern read back and verified", rc);
	/* and again, scattered over three buffers */
	memset(buf2, 0, len);
	if (i->max_segs >= 3) {
		segs[0] = (struct uk_blkreq_seg){ buf2 + 2 * ss, ss };
		segs[1] = (struct uk_blkreq_seg){ buf2, 2 * ss };
		segs[2] = (struct uk_blkreq_seg){ buf2 + 3 * ss, ss };
		uk_blkreq_init(&req, UK_BLKREQ_READ, s, NULL, 0, NULL, NULL);
		req.segs = segs;
		req.nsegs = 3;
		rc = uk_blkdev_submit(d, &req);
		if (!rc)
			rc = uk_blkdev_wait(d, &req);
		check(rc == 0 && verify(buf2 + 2 * ss, off, ss) &&
		      verify(buf2, off + ss, 2 * ss) &&
		      verify(buf2 + 3 * ss, off + 3 * ss, ss), d->id,
		      "a three-buffer read lands in the right buffers", rc);
	}
}

static void test_errors(struct uk_blkdev *d, uint8_t *buf)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	int rc;

	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, i->sectors - 1, buf, 1);
	check(rc == 0, d->id, "the last sector reads", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, i->sectors, buf, 1);
	check(rc == -ENOSPC, d->id, "reading past the end: ENOSPC", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, i->sectors - 1, buf, 2);
	check(rc == -ENOSPC, d->id, "a read across the end: ENOSPC", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_WRITE, i->sectors + 100, buf, 1);
	check(rc == (i->read_only ? -EROFS : -ENOSPC), d->id,
	      i->read_only ? "writing past the end (read-only): EROFS"
			   : "writing past the end: ENOSPC", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf + 1, 1);
	check(rc == -EINVAL, d->id, "a misaligned buffer: EINVAL", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf, 0);
	check(rc == -EINVAL, d->id, "zero sectors: EINVAL", rc);
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_READ, 0, buf,
			       i->max_sectors + 1);
	check(rc == -EINVAL, d->id, "more than max_sectors: EINVAL", rc);
}

/* ASYNC_REQS one-sector reads in flight at once, then wait for all. */
static void test_async(struct uk_blkdev *d, uint8_t *buf)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	static struct uk_blkreq reqs[ASYNC_REQS];
	unsigned int queued = 0;
	int rc = 0, ok = 1;

	async_done = 0;
	for (unsigned int k = 0; k < ASYNC_REQS; k++) {
		uk_blkreq_init(&reqs[k], UK_BLKREQ_READ, k % i->sectors,
			       buf + k * i->sector_size, i->sector_size,
			       on_done, NULL);
		rc = uk_blkdev_submit(d, &reqs[k]);
		if (rc < 0)
			break;
		queued++;
	}
	for (unsigned int k = 0; k < queued; k++)
		ok &= uk_blkdev_wait(d, &reqs[k]) == 0;
	check(ok && queued == ASYNC_REQS && async_done == ASYNC_REQS, d->id,
	      "16 asynchronous reads in flight, 16 callbacks", rc);
}

#if CONFIG_LIBUKSCHED
struct worker {
	struct uk_blkdev *dev;
	uint64_t sector, count;		/* the device's sectors */
	int failed;
};

/* Rewrite the slice with the same pattern and read it back, several
 * times; other workers do the same on their slices meanwhile. */
static void worker(void *arg)
{
	struct worker *w = arg;
	uint32_t ss = uk_blkdev_info(w->dev)->sector_size;
	size_t len = (size_t)(w->count * ss);
	struct uk_alloc *a = uk_alloc_get_default();
	uint8_t *wb = uk_memalign(a, 4096, len), *rb = uk_memalign(a, 4096, len);

	if (!wb || !rb) {
		w->failed = -ENOMEM;
		goto out;
	}
	fill(wb, w->sector * ss, len);
	for (int r = 0; r < THREAD_ROUNDS && !w->failed; r++) {
		memset(rb, 0, len);
		w->failed = uk_blkdev_sync_io(w->dev, UK_BLKREQ_WRITE, w->sector,
					      wb, (uint32_t)w->count);
		if (!w->failed)
			w->failed = uk_blkdev_sync_io(w->dev, UK_BLKREQ_READ,
						      w->sector, rb,
						      (uint32_t)w->count);
		if (!w->failed && !verify(rb, w->sector * ss, len))
			w->failed = -EIO;
	}
out:
	uk_free(a, wb);
	uk_free(a, rb);
}

static void test_threads(struct uk_blkdev *d)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	static struct worker w[MAX_THREADS];
	struct uk_thread *t[MAX_THREADS];
	uint64_t s = pat_sector * 512 / i->sector_size;
	uint64_t n = pat_count * 512 / i->sector_size;
	uint64_t per = n / nthreads;
	int rc = 0;

	if (i->read_only)
		return;
	if (!per) {
		check(0, d->id, "a pattern slice for every thread", -EINVAL);
		return;
	}
	for (unsigned long k = 0; k < nthreads; k++) {
		w[k] = (struct worker){ d, s + k * per, per, 0 };
		t[k] = uk_thread_create(NULL, "blkworker", NULL, worker,
					&w[k]);
		if (!t[k])
			rc = -ENOMEM;
	}
	for (unsigned long k = 0; k < nthreads; k++) {
		if (t[k])
			uk_thread_join(t[k], NULL);
		if (w[k].failed && !rc)
			rc = w[k].failed;
	}
	check(rc == 0, d->id,
	      "threads writing and reading back their slices at once", rc);
}
#endif

static void test_device(struct uk_blkdev *d)
{
	const struct uk_blkdev_info *i = uk_blkdev_info(d);
	const struct uk_blkdev_stats *st;
	size_t bytes = (size_t)UK_MAX(pat_count * 512,
				      ASYNC_REQS * (uint64_t)i->sector_size);
	struct uk_alloc *a = uk_alloc_get_default();
	uint8_t *buf = uk_memalign(a, 4096, bytes + 4096);
	uint8_t *buf2 = uk_memalign(a, 4096, bytes + 4096);
	int rc;

	printf("blktest: blkdev%u: %s, %llu sectors of %u bytes (%llu KiB), read-only %s, write cache %s, at most %u sectors in %u buffers, interrupts %s\n",
	       d->id, d->drv_name, (unsigned long long)i->sectors,
	       i->sector_size,
	       (unsigned long long)(i->sectors * i->sector_size / 1024),
	       i->read_only ? "yes" : "no", i->flush ? "yes" : "no",
	       i->max_sectors, i->max_segs, i->intr ? "yes" : "no");
	if (!buf || !buf2) {
		check(0, d->id, "buffers allocated", -ENOMEM);
		return;
	}
	if (known_text)
		test_known(d, buf);
	test_pattern(d, buf, buf2);
	test_errors(d, buf);
	test_async(d, buf);
#if CONFIG_LIBUKSCHED
	if (nthreads)
		test_threads(d);
#endif
	rc = uk_blkdev_sync_io(d, UK_BLKREQ_FLUSH, 0, NULL, 0);
	check(rc == 0, d->id, "flush", rc);
	st = uk_blkdev_stats(d);
	printf("blktest: blkdev%u: %llu reads (%llu bytes), %llu writes (%llu bytes), %llu flushes, %llu errors, %llu rejected\n",
	       d->id, (unsigned long long)st->reads,
	       (unsigned long long)st->read_bytes,
	       (unsigned long long)st->writes,
	       (unsigned long long)st->written_bytes,
	       (unsigned long long)st->flushes,
	       (unsigned long long)st->errors,
	       (unsigned long long)st->rejected);
	uk_free(a, buf);
	uk_free(a, buf2);
}

static int parse_pair(const char *s, uint64_t *a, const char **rest)
{
	char *end;

	*a = strtoull(s, &end, 0);
	if (end == s || *end != ':')
		return -1;
	*rest = end + 1;
	return 0;
}

int main(int argc, char *argv[])
{
	long want_devs = -1;
	const char *rest;

	for (int k = 1; k < argc; k++) {
		if (!strncmp(argv[k], "known=", 6) &&
		    !parse_pair(argv[k] + 6, &known_sector, &rest) && *rest) {
			known_text = rest;
		} else if (!strncmp(argv[k], "pattern=", 8) &&
			   !parse_pair(argv[k] + 8, &pat_sector, &rest)) {
			pat_count = strtoull(rest, NULL, 0);
		} else if (!strncmp(argv[k], "threads=", 8)) {
			nthreads = strtoul(argv[k] + 8, NULL, 0);
			if (nthreads > MAX_THREADS)
				nthreads = MAX_THREADS;
		} else if (!strncmp(argv[k], "devs=", 5)) {
			want_devs = strtol(argv[k] + 5, NULL, 0);
		} else {
			printf("blktest: unknown argument %s\n", argv[k]);
			return 2;
		}
	}
#if !CONFIG_LIBUKSCHED
	if (nthreads) {
		printf("blktest: threads= needs a scheduler in the image\n");
		return 2;
	}
#endif
	printf("blktest: %u block device(s)\n", uk_blkdev_count());
	if (!uk_blkdev_count()) {
		printf("blktest: FAILED: no block device\n");
		return 1;
	}
	if (want_devs >= 0 && uk_blkdev_count() != (unsigned long)want_devs) {
		printf("blktest: FAILED: expected %ld device(s)\n", want_devs);
		return 1;
	}
	for (unsigned int id = 0; id < uk_blkdev_count(); id++)
		test_device(uk_blkdev_get(id));
	printf("blktest: %u checks passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
