/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs: a host folder shared over 9P2000.L (uk9p) as a vfscore file
 * system. Every vnode owns a fid walked to its file; files open a second
 * fid (or one for reading and one for writing) on first read or write,
 * directories one for Treaddir. Vnodes are kept in a table by qid path
 * while vfscore holds them, so a file reached by two names or looked up
 * twice is one vnode (mount points and hard links depend on that); a
 * directory holds a reference to its parent for "..". Attributes are
 * fetched again at every lookup, so changes made on the host show. A
 * file in use that is unlinked or renamed over gets its open fids first,
 * so its descriptors go on reaching it. vfscore calls every operation with
 * its lock held.
 *
 * The server (QEMU) resolves Tgetattr and Tsetattr, and walks from a fid,
 * by the path the fid was walked to, even on an open fid. Once the last
 * name of a file in use is gone, that path is dead or names another file,
 * so a removed node ("gone") is taken out of the table and never asks the
 * server about its path again: its nlink is 0 and its size, mode and times
 * are kept here; reads and writes use its open fids, which stay valid; a
 * truncation only moves the local size, zeroing what later shows again.
 * A node that keeps other names when the one its fid was walked to goes
 * (hard links) gets a fid walked to another name in that folder, or is
 * "stale" until a lookup brings it a fresh fid: its path operations fail
 * with ESTALE rather than reach whatever file takes the old name.
 *
 *	vfs.rootfs=9pfs 9pfs.tag=fs0		(the root from tag fs0)
 *	vfs.fstab=/mnt:9pfs::share		(tag "share" on /mnt)
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <uk/9p.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include <uk/libparam.h>

#define NHASH		256
#define DIRBUF		32768
#define P9FS_MAGIC	0x01021997	/* what Linux reports for v9fs */

static const char *tag = "fs0";
UK_LIBPARAM_PARAM_DESC(tag, charp,
		       "mount tag of the 9P share for vfs.rootfs=9pfs");

struct p9_node {
	struct uk_vnode vn;
	uint32_t fid;		/* walked to the file, not open */
	uint32_t rfid, wfid;	/* open for reading / writing, or NOFID */
	uint64_t qpath;
	struct p9_node *hnext;
	int gone;		/* last name removed: see the top comment */
	int stale;		/* fid's name removed, others left */
	uint64_t fdir;		/* qid path of the folder of fid's walk */
	char *fname;		/* and the name (NULL: the mount's root) */
	off_t extent;		/* gone files: size of the server's file */
	/* directories: Treaddir state */
	uint32_t dfid;
	char *dbuf;
	size_t dlen, dpos;
	uint64_t doff;		/* 9P offset of what follows dbuf */
	uint64_t dcookie;	/* vfscore cookie of the entry at dpos */
	int deof;
};

struct p9fs {
	struct uk_9p_client *c;
	struct p9_node *hash[NHASH];
	/* The last lookup: vfscore looks a name up just before it removes
	 * or replaces it, so this spares a walk to find its node. */
	struct p9_node *last, *last_dir;
	char last_name[NAME_MAX + 1];
};

static const struct uk_vnode_ops p9_ops;

static struct p9_node *node_of(struct uk_vnode *vn)
{
	return (struct p9_node *)vn;
}

static struct uk_9p_client *client_of(struct uk_vnode *vn)
{
	return ((struct p9fs *)vn->mount->priv)->c;
}

static void set_attr(struct p9_node *n, const struct uk_9p_attr *a)
{
	struct uk_vnode *vn = &n->vn;

	vn->mode = (mode_t)a->mode;
	vn->nlink = (nlink_t)a->nlink;
	vn->uid = (uid_t)a->uid;
	vn->gid = (gid_t)a->gid;
	vn->rdev = (dev_t)a->rdev;
	vn->size = (off_t)a->size;
	vn->blocks = (blkcnt_t)a->blocks;
	vn->ino = (ino_t)a->qid.path;
	vn->atime.tv_sec = (time_t)a->atime_sec;
	vn->atime.tv_nsec = (long)a->atime_nsec;
	vn->mtime.tv_sec = (time_t)a->mtime_sec;
	vn->mtime.tv_nsec = (long)a->mtime_nsec;
	vn->ctime.tv_sec = (time_t)a->ctime_sec;
	vn->ctime.tv_nsec = (long)a->ctime_nsec;
}

static int refresh(struct p9_node *n)
{
	struct uk_9p_attr a;
	int r;

	if (n->gone || n->stale)
		return 0;
	r = uk_9p_getattr(client_of(&n->vn), n->fid, UK_9P_GETATTR_BASIC, &a);
	if (!r)
		set_attr(n, &a);
	return r;
}

static struct p9_node *find(struct p9fs *fs, uint64_t qpath)
{
	struct p9_node *n;

	for (n = fs->hash[qpath % NHASH]; n; n = n->hnext)
		if (n->qpath == qpath)
			return n;
	return NULL;
}

/* Makes @n's parent @dir (directories only), moving the reference. */
static void set_parent(struct p9_node *n, struct uk_vnode *dir)
{
	struct uk_vnode *old = n->vn.parent;

	if (!S_ISDIR(n->vn.mode) || old == dir)
		return;
	uk_vnode_get(dir);
	n->vn.parent = dir;
	uk_vnode_put(old);
}

/* Notes that @n's fid was walked to @name in @dir (NULL: the root). */
static void set_fid_name(struct p9_node *n, struct uk_vnode *dir,
			 const char *name)
{
	free(n->fname);
	n->fname = dir ? strdup(name) : NULL;
	n->fdir = dir ? node_of(dir)->qpath : 0;
	n->stale = 0;
}

/*
 * The vnode of the file @fid stands for (a reference), with @dir as the
 * parent of a directory; @fid was walked to @name in @dir. Takes over
 * @fid: it becomes the vnode's fid.
 */
static int node_get(struct uk_mount *m, uint32_t fid, struct uk_vnode *dir,
		    const char *name, struct uk_vnode **out)
{
	struct p9fs *fs = m->priv;
	struct uk_9p_attr a;
	struct p9_node *n;
	int r;

	r = uk_9p_getattr(fs->c, fid, UK_9P_GETATTR_BASIC, &a);
	if (r) {
		uk_9p_clunk(fs->c, fid);
		return r;
	}
	n = find(fs, a.qid.path);
	if (n) {
		/* Keep the fid just walked: the old one's path may be a name
		 * since removed (hard links). */
		uk_9p_clunk(fs->c, n->fid);
		n->fid = fid;
		set_fid_name(n, dir, name);
		set_attr(n, &a);
		if (dir)
			set_parent(n, dir);
		uk_vnode_get(&n->vn);
		*out = &n->vn;
		return 0;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		uk_9p_clunk(fs->c, fid);
		return -ENOMEM;
	}
	uk_vnode_init(&n->vn, m, &p9_ops, (mode_t)a.mode);
	set_attr(n, &a);
	n->fid = fid;
	set_fid_name(n, dir, name);
	n->rfid = UK_9P_NOFID;
	n->wfid = UK_9P_NOFID;
	n->dfid = UK_9P_NOFID;
	n->qpath = a.qid.path;
	if (dir && S_ISDIR(n->vn.mode)) {
		uk_vnode_get(dir);
		n->vn.parent = dir;
	}
	n->hnext = fs->hash[n->qpath % NHASH];
	fs->hash[n->qpath % NHASH] = n;
	*out = &n->vn;
	return 0;
}

static void unhash(struct p9fs *fs, struct p9_node *n)
{
	struct p9_node **pp;

	for (pp = &fs->hash[n->qpath % NHASH]; *pp; pp = &(*pp)->hnext) {
		if (*pp == n) {
			*pp = n->hnext;
			break;
		}
	}
	if (fs->last == n || fs->last_dir == n)
		fs->last = NULL;
}

static int p9_lookup(struct uk_vnode *dir, const char *name,
		     struct uk_vnode **out)
{
	struct p9fs *fs = dir->mount->priv;
	uint32_t fid;
	int r;

	fs->last = NULL;
	if (node_of(dir)->gone)
		return -ENOENT;
	r = uk_9p_walk(fs->c, node_of(dir)->fid, &fid, 1, &name, NULL);
	if (r)
		return r;
	r = node_get(dir->mount, fid, dir, name, out);
	if (!r && strlen(name) < sizeof(fs->last_name)) {
		fs->last = node_of(*out);
		fs->last_dir = node_of(dir);
		strcpy(fs->last_name, name);
	}
	return r;
}

/* The node of @name in @dir if vfscore holds one (no reference), else
 * NULL. */
static struct p9_node *target(struct uk_vnode *dir, const char *name)
{
	struct p9fs *fs = dir->mount->priv;
	struct uk_9p_qid q;
	struct p9_node *n;
	uint32_t fid;

	if (fs->last && fs->last_dir == node_of(dir) &&
	    !strcmp(fs->last_name, name))
		return fs->last;
	if (uk_9p_walk(fs->c, node_of(dir)->fid, &fid, 1, &name, &q))
		return NULL;
	n = find(fs, q.path);
	uk_9p_clunk(fs->c, fid);
	return n;
}

/*
 * @n keeps other names but its fid's one in @dir is gone: walks a new
 * fid to another name of it in @dir, if there is one, else makes it
 * stale (see the top comment).
 */
static void refid(struct p9_node *n, struct uk_vnode *dir)
{
	struct uk_9p_client *c = client_of(dir);
	struct uk_9p_dirent *e;
	const char *name;
	uint64_t off = 0;
	uint32_t dfid, fid;
	size_t pos, len;
	char *buf;
	ssize_t got;

	n->stale = 1;
	e = malloc(sizeof(*e));
	buf = malloc(DIRBUF);
	if (!e || !buf)
		goto out;
	if (uk_9p_walk(c, node_of(dir)->fid, &dfid, 0, NULL, NULL))
		goto out;
	if (uk_9p_lopen(c, dfid, UK_9P_O_RDONLY | UK_9P_O_DIRECTORY, NULL,
			NULL))
		goto clunk;
	while ((got = uk_9p_readdir(c, dfid, off, buf, DIRBUF)) > 0) {
		len = (size_t)got;
		pos = 0;
		while (uk_9p_dirent_next(buf, len, &pos, e) > 0) {
			off = e->offset;
			if (e->qid.path != n->qpath)
				continue;
			name = e->name;
			if (uk_9p_walk(c, node_of(dir)->fid, &fid, 1, &name,
				       NULL))
				continue;
			uk_9p_clunk(c, n->fid);
			n->fid = fid;
			set_fid_name(n, dir, name);
			goto clunk;
		}
	}
clunk:
	uk_9p_clunk(c, dfid);
out:
	free(buf);
	free(e);
}

/* @n lost its name @name in @dir; at the last one it is gone (see the
 * top comment). */
static void lost_name(struct p9_node *n, struct uk_vnode *dir,
		      const char *name)
{
	struct p9fs *fs = n->vn.mount->priv;

	if (S_ISDIR(n->vn.mode) || n->vn.nlink <= 1) {
		n->vn.nlink = 0;
		n->gone = 1;
		n->extent = n->vn.size;
		unhash(fs, n);
		return;
	}
	n->vn.nlink--;
	if (n->fname && n->fdir == node_of(dir)->qpath &&
	    !strcmp(n->fname, name))
		refid(n, dir);
}

static int p9_create(struct uk_vnode *dir, const char *name, mode_t mode,
		     dev_t rdev, struct uk_vnode **out)
{
	struct uk_9p_client *c = client_of(dir);
	struct p9_node *d = node_of(dir), *n;
	uint32_t ofid, fid;
	int r;

	(void)rdev;
	if (d->gone)
		return -ENOENT;
	if (S_ISDIR(mode)) {
		r = uk_9p_mkdir(c, d->fid, name, mode & 07777, 0, NULL);
		if (r)
			return r;
		return p9_lookup(dir, name, out);
	}
	if (!S_ISREG(mode))
		return -EPERM;	/* no device nodes or FIFOs on a share */
	/* Tlcreate turns a clone of the directory's fid into the file. */
	r = uk_9p_walk(c, d->fid, &ofid, 0, NULL, NULL);
	if (r)
		return r;
	r = uk_9p_lcreate(c, ofid, name,
			  UK_9P_O_RDWR | UK_9P_O_CREAT | UK_9P_O_EXCL,
			  mode & 07777, 0, NULL, NULL);
	if (r) {
		uk_9p_clunk(c, ofid);
		return r;
	}
	r = uk_9p_walk(c, d->fid, &fid, 1, &name, NULL);
	if (!r)
		r = node_get(dir->mount, fid, dir, name, out);
	if (r) {
		uk_9p_clunk(c, ofid);
		return r;
	}
	n = node_of(*out);
	if (n->rfid == UK_9P_NOFID && n->wfid == UK_9P_NOFID) {
		n->rfid = ofid;
		n->wfid = ofid;
	} else {
		uk_9p_clunk(c, ofid);
	}
	return 0;
}

static int p9_symlink(struct uk_vnode *dir, const char *name,
		      const char *target)
{
	if (node_of(dir)->gone)
		return -ENOENT;
	return uk_9p_symlink(client_of(dir), node_of(dir)->fid, name, target,
			     0, NULL);
}

static int p9_link(struct uk_vnode *dir, const char *name,
		   struct uk_vnode *vn)
{
	int r;

	if (node_of(dir)->gone || node_of(vn)->gone)
		return -ENOENT;
	if (node_of(vn)->stale)
		return -ESTALE;
	r = uk_9p_link(client_of(dir), node_of(dir)->fid, node_of(vn)->fid,
		       name);
	if (!r)
		refresh(node_of(vn));
	return r;
}

static int io_fid(struct p9_node *n, int write, uint32_t *out);

/*
 * Before @name in @dir goes away (unlink, rename over it): the node there
 * (or NULL), and if it is a file in use (vfscore holds more than the
 * reference of its lookup), its open fids now, while its path still
 * leads to it, so its descriptors keep reading and writing it as on Linux.
 */
static struct p9_node *keep_open(struct uk_vnode *dir, const char *name)
{
	struct p9_node *n = target(dir, name);
	uint32_t io;

	if (n && S_ISREG(n->vn.mode) && n->vn.refcnt > 1) {
		io_fid(n, 0, &io);
		io_fid(n, 1, &io);
	}
	return n;
}

static int p9_unlink(struct uk_vnode *dir, const char *name)
{
	struct p9_node *n = keep_open(dir, name);
	int r;

	r = uk_9p_unlinkat(client_of(dir), node_of(dir)->fid, name, 0);
	if (!r && n)
		lost_name(n, dir, name);
	((struct p9fs *)dir->mount->priv)->last = NULL;
	return r;
}

static int p9_rmdir(struct uk_vnode *dir, const char *name)
{
	struct p9_node *n = target(dir, name);
	int r;

	r = uk_9p_unlinkat(client_of(dir), node_of(dir)->fid, name,
			   UK_9P_AT_REMOVEDIR);
	if (!r && n)
		lost_name(n, dir, name);
	((struct p9fs *)dir->mount->priv)->last = NULL;
	return r;
}

static int p9_rename(struct uk_vnode *odir, const char *oname,
		     struct uk_vnode *ndir, const char *nname)
{
	struct uk_9p_client *c = client_of(odir);
	struct uk_9p_qid q;
	struct p9_node *n, *over;
	uint32_t fid;
	int r;

	over = keep_open(ndir, nname);
	r = uk_9p_renameat(c, node_of(odir)->fid, oname, node_of(ndir)->fid,
			   nname);
	if (r)
		return r;
	if (over)
		lost_name(over, ndir, nname);
	((struct p9fs *)odir->mount->priv)->last = NULL;
	/* The server moved fids walked to the old name to the new one; a
	 * directory we know moved: ".." is now @ndir. */
	if (!uk_9p_walk(c, node_of(ndir)->fid, &fid, 1, &nname, &q)) {
		n = find(odir->mount->priv, q.path);
		if (n && n->fname && n->fdir == node_of(odir)->qpath &&
		    !strcmp(n->fname, oname))
			set_fid_name(n, ndir, nname);
		if (n)
			set_parent(n, ndir);
		uk_9p_clunk(c, fid);
	}
	return 0;
}

static void dir_reset(struct p9_node *n)
{
	n->dlen = 0;
	n->dpos = 0;
	n->doff = 0;
	n->dcookie = 2;
	n->deof = 0;
}

static int p9_readdir(struct uk_vnode *dir, uint64_t *cookie,
		      struct uk_vfs_dirent *de)
{
	struct uk_9p_client *c = client_of(dir);
	struct p9_node *n = node_of(dir);
	struct uk_9p_dirent e;
	ssize_t got;
	int r;

	if (n->gone)
		return 0;	/* a removed directory is empty */
	if (n->dfid == UK_9P_NOFID) {
		uint32_t fid;

		r = uk_9p_walk(c, n->fid, &fid, 0, NULL, NULL);
		if (r)
			return r;
		r = uk_9p_lopen(c, fid, UK_9P_O_RDONLY | UK_9P_O_DIRECTORY,
				NULL, NULL);
		if (r) {
			uk_9p_clunk(c, fid);
			return r;
		}
		n->dfid = fid;
		dir_reset(n);
	}
	if (!n->dbuf) {
		n->dbuf = malloc(DIRBUF);
		if (!n->dbuf)
			return -ENOMEM;
	}
	/* Another position than where we stopped: count from the start. */
	if (*cookie != n->dcookie || *cookie == 2)
		dir_reset(n);
	for (;;) {
		if (n->dpos >= n->dlen) {
			if (n->deof)
				return 0;
			got = uk_9p_readdir(c, n->dfid, n->doff, n->dbuf,
					    DIRBUF);
			if (got < 0)
				return (int)got;
			n->dlen = (size_t)got;
			n->dpos = 0;
			if (!got) {
				n->deof = 1;
				return 0;
			}
		}
		r = uk_9p_dirent_next(n->dbuf, n->dlen, &n->dpos, &e);
		if (r < 0)
			return r;
		if (!r)
			continue;
		n->doff = e.offset;
		if (!strcmp(e.name, ".") || !strcmp(e.name, ".."))
			continue;
		if (n->dcookie++ < *cookie)
			continue;
		de->ino = (ino_t)e.qid.path;
		de->type = e.type;
		strcpy(de->name, e.name);
		*cookie = n->dcookie;
		return 1;
	}
}

static ssize_t p9_readlink(struct uk_vnode *vn, char *buf, size_t len)
{
	if (node_of(vn)->gone)
		return -ENOENT;
	if (node_of(vn)->stale)
		return -ESTALE;
	return uk_9p_readlink(client_of(vn), node_of(vn)->fid, buf, len);
}

/* Opens a fid of @n for reading (@write 0) or writing (@write 1): read
 * and write when the server allows, else just the one. */
static int io_fid(struct p9_node *n, int write, uint32_t *out)
{
	struct uk_9p_client *c = client_of(&n->vn);
	uint32_t *slot = write ? &n->wfid : &n->rfid, *other, fid;
	int r;

	if (*slot != UK_9P_NOFID) {
		*out = *slot;
		return 0;
	}
	if (n->gone)
		return -EBADF;	/* its path leads elsewhere now */
	if (n->stale)
		return -ESTALE;
	other = write ? &n->rfid : &n->wfid;
	r = uk_9p_walk(c, n->fid, &fid, 0, NULL, NULL);
	if (r)
		return r;
	if (*other == UK_9P_NOFID &&
	    !uk_9p_lopen(c, fid, UK_9P_O_RDWR, NULL, NULL)) {
		*slot = fid;
		*other = fid;
		*out = fid;
		return 0;
	}
	r = uk_9p_lopen(c, fid, write ? UK_9P_O_WRONLY : UK_9P_O_RDONLY,
			NULL, NULL);
	if (r) {
		uk_9p_clunk(c, fid);
		return r;
	}
	*slot = fid;
	*out = fid;
	return 0;
}

/*
 * Reads and writes in iounit-sized requests. A short read is the end of
 * the file; a short write is retried with the rest. An error after some
 * bytes moved reports those bytes, as read(2) and write(2) do.
 */
static ssize_t transfer(struct uk_vnode *vn, int write, void *buf,
			size_t len, off_t off)
{
	struct uk_9p_client *c = client_of(vn);
	size_t done = 0;
	uint32_t fid;
	ssize_t n;
	int r;

	r = io_fid(node_of(vn), write, &fid);
	if (r)
		return r;
	while (done < len) {
		size_t want = len - done;
		uint64_t at = (uint64_t)off + done;

		if (want > uk_9p_iounit(c))
			want = uk_9p_iounit(c);
		n = write ? uk_9p_write(c, fid, at, (char *)buf + done,
					(uint32_t)want) :
			uk_9p_read(c, fid, at, (char *)buf + done,
				   (uint32_t)want);
		if (n < 0)
			return done ? (ssize_t)done : n;
		done += (size_t)n;
		if (n == 0 || (!write && (size_t)n < want))
			break;
	}
	return (ssize_t)done;
}

/*
 * A gone file ends at vn->size, which a truncation may have put before or
 * after the end of the server's file (extent): reads stop at vn->size
 * and read zeros past the extent.
 */
static ssize_t p9_read(struct uk_vnode *vn, void *buf, size_t len, off_t off)
{
	ssize_t got;

	if (!node_of(vn)->gone)
		return transfer(vn, 0, buf, len, off);
	if (off >= vn->size)
		return 0;
	if ((off_t)len > vn->size - off)
		len = (size_t)(vn->size - off);
	got = transfer(vn, 0, buf, len, off);
	if (got >= 0 && (size_t)got < len) {
		memset((char *)buf + got, 0, len - (size_t)got);
		got = (ssize_t)len;
	}
	return got;
}

/* Zeros [@from, @to) of the server's file of a gone node. */
static int zero_fill(struct uk_vnode *vn, off_t from, off_t to)
{
	static const char zeros[4096];
	ssize_t n;

	while (from < to) {
		size_t want = sizeof(zeros);

		if ((off_t)want > to - from)
			want = (size_t)(to - from);
		n = transfer(vn, 1, (void *)zeros, want, from);
		if (n < 0)
			return (int)n;
		if (n == 0)
			return -EIO;
		from += n;
	}
	return 0;
}

/* Data a gone file's truncation dropped may still be in the server's file
 * between vn->size and the extent: zeros before @upto shows it again. */
static int gone_hide(struct uk_vnode *vn, off_t upto)
{
	struct p9_node *n = node_of(vn);

	if (upto > n->extent)
		upto = n->extent;
	if (vn->size >= upto)
		return 0;
	return zero_fill(vn, vn->size, upto);
}

static ssize_t p9_write(struct uk_vnode *vn, const void *buf, size_t len,
			off_t off)
{
	struct p9_node *nd = node_of(vn);
	ssize_t n;
	int r;

	if (nd->gone) {
		r = gone_hide(vn, off);
		if (r)
			return r;
	}
	n = transfer(vn, 1, (void *)buf, len, off);
	if (n > 0 && off + (off_t)n > vn->size)
		vn->size = off + (off_t)n;
	if (nd->gone && vn->size > nd->extent)
		nd->extent = vn->size;
	return n;
}

static int p9_truncate(struct uk_vnode *vn, off_t len)
{
	struct uk_9p_setattr sa;
	int r;

	if (node_of(vn)->gone) {
		/* No path to truncate by: move the end locally. */
		r = gone_hide(vn, len);
		if (!r)
			vn->size = len;
		return r;
	}
	if (node_of(vn)->stale)
		return -ESTALE;
	memset(&sa, 0, sizeof(sa));
	sa.valid = UK_9P_SETATTR_SIZE;
	sa.size = (uint64_t)len;
	r = uk_9p_setattr(client_of(vn), node_of(vn)->fid, &sa);
	if (!r)
		vn->size = len;
	return r;
}

static int p9_sync(struct uk_vnode *vn)
{
	struct p9_node *n = node_of(vn);

	if (n->wfid == UK_9P_NOFID)
		return 0;
	return uk_9p_fsync(client_of(vn), n->wfid);
}

static int p9_setattr(struct uk_vnode *vn, unsigned int what)
{
	struct uk_9p_setattr sa;

	/* vfscore keeps the new values in @vn, all a gone file has. */
	if (node_of(vn)->gone)
		return 0;
	if (node_of(vn)->stale)
		return -ESTALE;
	memset(&sa, 0, sizeof(sa));
	if (what & UK_VATTR_MODE) {
		sa.valid |= UK_9P_SETATTR_MODE;
		sa.mode = (uint32_t)(vn->mode & 07777);
	}
	if (what & UK_VATTR_OWNER) {
		sa.valid |= UK_9P_SETATTR_UID;
		sa.uid = (uint32_t)vn->uid;
	}
	if (what & UK_VATTR_GROUP) {
		sa.valid |= UK_9P_SETATTR_GID;
		sa.gid = (uint32_t)vn->gid;
	}
	if (what & UK_VATTR_ATIME) {
		sa.valid |= UK_9P_SETATTR_ATIME | UK_9P_SETATTR_ATIME_SET;
		sa.atime_sec = (uint64_t)vn->atime.tv_sec;
		sa.atime_nsec = (uint64_t)vn->atime.tv_nsec;
	}
	if (what & UK_VATTR_MTIME) {
		sa.valid |= UK_9P_SETATTR_MTIME | UK_9P_SETATTR_MTIME_SET;
		sa.mtime_sec = (uint64_t)vn->mtime.tv_sec;
		sa.mtime_nsec = (uint64_t)vn->mtime.tv_nsec;
	}
	if (!sa.valid)
		return 0;
	return uk_9p_setattr(client_of(vn), node_of(vn)->fid, &sa);
}

static void p9_inactive(struct uk_vnode *vn)
{
	struct p9fs *fs = vn->mount->priv;
	struct p9_node *n = node_of(vn);
	struct uk_vnode *parent = vn->parent;

	unhash(fs, n);
	if (n->wfid != UK_9P_NOFID && n->wfid != n->rfid)
		uk_9p_clunk(fs->c, n->wfid);
	if (n->rfid != UK_9P_NOFID)
		uk_9p_clunk(fs->c, n->rfid);
	if (n->dfid != UK_9P_NOFID)
		uk_9p_clunk(fs->c, n->dfid);
	uk_9p_clunk(fs->c, n->fid);
	free(n->dbuf);
	free(n->fname);
	free(n);
	uk_vnode_put(parent);
}

static const struct uk_vnode_ops p9_ops = {
	.lookup = p9_lookup,
	.create = p9_create,
	.symlink = p9_symlink,
	.link = p9_link,
	.unlink = p9_unlink,
	.rmdir = p9_rmdir,
	.rename = p9_rename,
	.readdir = p9_readdir,
	.readlink = p9_readlink,
	.read = p9_read,
	.write = p9_write,
	.truncate = p9_truncate,
	.sync = p9_sync,
	.inactive = p9_inactive,
	.setattr = p9_setattr,
};

/* Prints why @t cannot be mounted, naming the tags there are. */
static void no_share(const char *t)
{
	struct uk_9p_trans *tr = uk_9p_trans_first();

	if (!tr) {
		uk_pr_err("no 9P share with mount tag \"%s\": no 9P device found (QEMU: -fsdev local,id=f0,path=DIR,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=%s)\n",
			  t, t);
		return;
	}
	uk_pr_err("no 9P share with mount tag \"%s\"; the shares are:\n",
		  t);
	for (; tr; tr = tr->next)
		uk_pr_err("  \"%s\" (%s)\n", tr->tag, tr->name);
}

static int p9fs_mount(struct uk_mount *m, const char *source,
		      const void *data)
{
	const char *t = source && *source ? source : tag;
	struct uk_9p_qid q;
	struct p9fs *fs;
	uint32_t fid;
	int r;

	(void)data;
	if (!t || !*t)
		return -EINVAL;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	r = uk_9p_connect(t, 0, &fs->c);
	if (r) {
		if (r == -ENODEV)
			no_share(t);
		else if (r == -EBUSY)
			uk_pr_err("the share \"%s\" is already mounted\n",
				  t);
		free(fs);
		return r;
	}
	r = uk_9p_attach(fs->c, "root", "", 0, &fid, &q);
	if (r) {
		uk_pr_err("attaching to share \"%s\" failed: error %d\n",
			  t, -r);
		goto err;
	}
	m->priv = fs;
	r = node_get(m, fid, NULL, NULL, &m->root);
	if (r) {
		uk_pr_err("the root of share \"%s\": error %d\n", t, -r);
		goto err;
	}
	uk_pr_info("mounted share \"%s\" (msize %u)\n", t,
		   uk_9p_msize(fs->c));
	return 0;
err:
	m->priv = NULL;
	uk_9p_disconnect(fs->c);
	free(fs);
	return r;
}

static int p9fs_unmount(struct uk_mount *m)
{
	struct p9fs *fs = m->priv;

	uk_vnode_put(m->root);
	m->root = NULL;
	uk_9p_disconnect(fs->c);
	free(fs);
	return 0;
}

static int p9fs_statfs(struct uk_mount *m, struct statfs *st)
{
	struct p9fs *fs = m->priv;
	struct uk_9p_statfs s;
	int r;

	r = uk_9p_statfs(fs->c, node_of(m->root)->fid, &s);
	if (r)
		return r;
	st->f_type = P9FS_MAGIC;
	st->f_bsize = s.bsize;
	st->f_frsize = s.bsize;
	st->f_blocks = s.blocks;
	st->f_bfree = s.bfree;
	st->f_bavail = s.bavail;
	st->f_files = s.files;
	st->f_ffree = s.ffree;
	st->f_namelen = s.namelen;
	return 0;
}

static struct uk_fs_type p9fs_type = {
	.name = "9pfs",
	.mount = p9fs_mount,
	.unmount = p9fs_unmount,
	.statfs = p9fs_statfs,
};

static int p9fs_init(void)
{
	return uk_fs_register(&p9fs_type);
}
uk_lib_initcall(p9fs_init);
