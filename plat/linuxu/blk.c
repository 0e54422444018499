/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: ukblkdev devices backed by host files (raw disk images),
 * named on the command line:
 *
 *	blk.files=disk.img[,other.img:ro ...]
 *
 * Each file is opened with raw system calls, read-write unless ":ro"
 * follows its name or the host refuses writing (then it is read-only);
 * its size, rounded down to whole 512-byte sectors, is the capacity.
 * Requests are carried out at submit time with preadv()/pwritev(), a
 * flush with fdatasync(); a Linux process has no device interrupts, so
 * finished requests wait in a small ring until the user polls (which
 * uk_blkdev_sync_io() does).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/blkdev.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <linuxu/syscall.h>

#define SYS_PREADV	295
#define SYS_PWRITEV	296
#define SYS_FDATASYNC	75
#define O_RDONLY	0
#define O_RDWR		02
#define O_CLOEXEC	02000000
#define SEEK_END	2

#define MAX_DEVS	4
#define MAX_SEGS	64
#define RING		64		/* finished, not yet polled */
#define PATH_MAX_LEN	256
#define SECTOR		512

static const char *files;
UK_LIBPARAM_PARAM_DESC(files, charp,
		       "host image files as block devices: F[:ro][,F...]");

struct iovec_l {
	void *base;
	unsigned long len;
};

struct fblk {
	struct uk_blkdev bd;
	int fd;
	char path[PATH_MAX_LEN];
	struct uk_blkreq *ring[RING];
	unsigned int head, count;
};

static struct fblk fblks[MAX_DEVS];

/* Carry out @req now; 0 or -errno. */
static int fblk_do(struct fblk *f, struct uk_blkreq *req)
{
	struct iovec_l iov[MAX_SEGS];
	unsigned long want = 0;
	long n;

	if (req->op == UK_BLKREQ_FLUSH) {
		n = linuxu_syscall(SYS_FDATASYNC, f->fd, 0, 0);
		return n < 0 ? -EIO : 0;
	}
	for (uint16_t k = 0; k < req->nsegs; k++) {
		iov[k].base = req->segs[k].buf;
		iov[k].len = req->segs[k].len;
		want += req->segs[k].len;
	}
	n = linuxu_syscall6(req->op == UK_BLKREQ_WRITE ? SYS_PWRITEV
						       : SYS_PREADV,
			    f->fd, (long)iov, req->nsegs,
			    (long)(req->sector * SECTOR), 0, 0);
	return n == (long)want ? 0 : -EIO;
}

static int fblk_submit(struct uk_blkdev *bd, struct uk_blkreq *req)
{
	struct fblk *f = bd->priv;

	if (f->count == RING)
		return -EBUSY;
	if (req->nsegs > MAX_SEGS)
		return -EINVAL;
	if (req->op == UK_BLKREQ_WRITE && bd->info.read_only)
		return -EROFS;
	req->drv = (uintptr_t)(intptr_t)fblk_do(f, req);
	f->ring[(f->head + f->count++) % RING] = req;
	return 0;
}

static void fblk_poll(struct uk_blkdev *bd)
{
	struct fblk *f = bd->priv;

	while (f->count) {
		struct uk_blkreq *req = f->ring[f->head];

		f->head = (f->head + 1) % RING;
		f->count--;
		uk_blkdev_complete(bd, req, (int)(intptr_t)req->drv);
	}
}

static const struct uk_blkdev_ops fblk_ops = {
	.submit = fblk_submit,
	.poll = fblk_poll,
};

/* Open the image named by the @len bytes at @spec ("path[:ro]"). */
static void fblk_open(const char *spec, size_t len)
{
	static unsigned int ndevs;
	struct fblk *f;
	int ro = 0;
	long fd, size;

	if (len > 3 && !memcmp(spec + len - 3, ":ro", 3)) {
		ro = 1;
		len -= 3;
	}
	if (!len || len >= PATH_MAX_LEN) {
		uk_pr_err("bad file name in blk.files\n");
		return;
	}
	if (ndevs == MAX_DEVS) {
		uk_pr_err("at most %d files\n", MAX_DEVS);
		return;
	}
	f = &fblks[ndevs];
	memcpy(f->path, spec, len);
	f->path[len] = '\0';
	fd = -EACCES;
	if (!ro)
		fd = linuxu_syscall(__NR_open, f->path, O_RDWR | O_CLOEXEC, 0);
	if (fd == -EACCES || fd == -EROFS || fd == -EPERM) {
		ro = 1;
		fd = linuxu_syscall(__NR_open, f->path, O_RDONLY | O_CLOEXEC,
				    0);
	}
	if (fd < 0) {
		uk_pr_err("cannot open %s (error %ld)\n", f->path, -fd);
		return;
	}
	size = linuxu_syscall(__NR_lseek, fd, 0, SEEK_END);
	if (size < SECTOR) {
		uk_pr_err("%s is smaller than one sector\n", f->path);
		linuxu_syscall(__NR_close, fd, 0, 0);
		return;
	}
	f->fd = (int)fd;
	f->bd.ops = &fblk_ops;
	f->bd.drv_name = "file";
	f->bd.priv = f;
	f->bd.info = (struct uk_blkdev_info){
		.sectors = (uint64_t)size / SECTOR,
		.sector_size = SECTOR,
		.max_sectors = (4U << 20) / SECTOR,
		.max_segs = MAX_SEGS,
		.align = SECTOR,
		.read_only = (uint8_t)ro,
		.flush = 1,
		.intr = 0,
	};
	if (uk_blkdev_register(&f->bd) < 0) {
		linuxu_syscall(__NR_close, fd, 0, 0);
		return;
	}
	ndevs++;
	uk_pr_info("%s as a block device%s\n", f->path,
		   ro ? " (read-only)" : "");
}

static int fblk_init(void)
{
	const char *p = files, *comma;

	if (!p)
		return 0;
	while (*p) {
		comma = strchr(p, ',');
		fblk_open(p, comma ? (size_t)(comma - p) : strlen(p));
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}
uk_plat_initcall(fblk_init);
