/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: vnode operations of the in-memory file system. Directories are
 * lists of named entries in creation order (a readdir cookie is an entry
 * id, stable across removals) with a hash table for lookups that grows
 * with the directory; file data is a two-level table of
 * page-sized chunks allocated on write. vfscore calls every operation
 * with its lock held.
 */
#include <errno.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/ramfs.h>
#include <uk/vfs.h>

#define CH		UK_RAMFS_CHUNK
#define LEAF_N		512	/* chunk pointers per leaf table */
#define LEAF_SPAN	((off_t)CH * LEAF_N)

struct ramfs_dirent {
	struct ramfs_dirent *next, *prev;	/* creation order */
	struct ramfs_dirent *hnext;		/* hash chain */
	uint64_t id;
	struct ramfs_node *node;
	char name[];
};

struct ramfs_node {
	struct uk_vnode vn;
	/* directories */
	struct ramfs_dirent *entries, *tail;
	struct ramfs_dirent **buckets;
	size_t nbuckets, nentries;
	struct ramfs_dirent *cursor;	/* last entry readdir returned */
	uint64_t next_id;
	/* regular files: leaves[i][j] is chunk i * LEAF_N + j */
	char ***leaves;
	size_t nleaves;
	/* symlinks */
	char *target;
	/* a removed directory still in use holds its parent for ".." */
	int holds_parent;
};

struct ramfs {
	ino_t next_ino;
	size_t nchunks;		/* chunks allocated in the whole fs */
};

static const struct uk_vnode_ops ramfs_ops;

static struct ramfs_node *node_of(struct uk_vnode *vn)
{
	return (struct ramfs_node *)vn;
}

static struct ramfs_node *node_new(struct uk_mount *m, mode_t mode)
{
	struct ramfs_node *n = calloc(1, sizeof(*n));
	struct ramfs *fs = m->priv;

	if (!n)
		return NULL;
	uk_vnode_init(&n->vn, m, &ramfs_ops, mode);
	n->vn.ino = fs->next_ino++;
	n->next_id = 2;
	if (S_ISDIR(mode))
		n->vn.nlink = 2;
	return n;
}

static void free_data(struct ramfs_node *n, off_t from)
{
	struct ramfs *fs = n->vn.mount->priv;
	size_t first = (size_t)((from + CH - 1) / CH), i, j;

	for (i = first / LEAF_N; i < n->nleaves; i++) {
		char **leaf = n->leaves[i];

		if (!leaf)
			continue;
		for (j = i == first / LEAF_N ? first % LEAF_N : 0; j < LEAF_N;
		     j++) {
			if (leaf[j]) {
				free(leaf[j]);
				leaf[j] = NULL;
				fs->nchunks--;
				n->vn.blocks -= CH / 512;
			}
		}
		if (i > first / LEAF_N || first % LEAF_N == 0) {
			free(leaf);
			n->leaves[i] = NULL;
		}
	}
}

static void node_free(struct ramfs_node *n)
{
	if (S_ISREG(n->vn.mode)) {
		free_data(n, 0);
		free(n->leaves);
	}
	free(n->target);
	free(n->buckets);
	if (n->holds_parent)
		uk_vnode_put(n->vn.parent);
	free(n);
}

/* Frees @n when no name and no reference is left. */
static void maybe_free(struct ramfs_node *n)
{
	if (n->vn.nlink == 0 && n->vn.refcnt == 0)
		node_free(n);
}

static size_t hash(const char *name)
{
	size_t h = 5381;

	while (*name)
		h = h * 33 + (unsigned char)*name++;
	return h;
}

static struct ramfs_dirent *find(struct ramfs_node *dir, const char *name)
{
	struct ramfs_dirent *e;

	if (dir->buckets)
		e = dir->buckets[hash(name) % dir->nbuckets];
	else
		e = dir->entries;
	for (; e; e = dir->buckets ? e->hnext : e->next)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/* Rebuilds the hash table with about one bucket per entry. */
static void rehash(struct ramfs_node *dir)
{
	size_t nb = dir->nbuckets ? dir->nbuckets * 4 : 64;
	struct ramfs_dirent **b = calloc(nb, sizeof(*b)), *e;

	if (!b)
		return;	/* lookups stay correct, only slower */
	for (e = dir->entries; e; e = e->next) {
		size_t i = hash(e->name) % nb;

		e->hnext = b[i];
		b[i] = e;
	}
	free(dir->buckets);
	dir->buckets = b;
	dir->nbuckets = nb;
}

static int add_entry(struct ramfs_node *dir, const char *name,
		     struct ramfs_node *n)
{
	size_t len = strlen(name);
	struct ramfs_dirent *e = malloc(sizeof(*e) + len + 1);

	if (!e)
		return -ENOMEM;
	memcpy(e->name, name, len + 1);
	e->node = n;
	e->id = dir->next_id++;
	e->next = NULL;
	e->prev = dir->tail;
	if (dir->tail)
		dir->tail->next = e;
	else
		dir->entries = e;
	dir->tail = e;
	dir->nentries++;
	if (dir->buckets) {
		size_t i = hash(name) % dir->nbuckets;

		e->hnext = dir->buckets[i];
		dir->buckets[i] = e;
	}
	if (dir->nentries > (dir->nbuckets ? dir->nbuckets * 2 : 16))
		rehash(dir);
	uk_vfs_now(&dir->vn.mtime);
	dir->vn.ctime = dir->vn.mtime;
	return 0;
}

static int ramfs_lookup(struct uk_vnode *dir, const char *name,
			struct uk_vnode **out)
{
	struct ramfs_dirent *e = find(node_of(dir), name);

	if (!e)
		return -ENOENT;
	uk_vnode_get(&e->node->vn);
	*out = &e->node->vn;
	return 0;
}

static int ramfs_create(struct uk_vnode *dir, const char *name, mode_t mode,
			dev_t rdev, struct uk_vnode **out)
{
	struct ramfs_node *d = node_of(dir), *n;
	int r;

	n = node_new(dir->mount, mode);
	if (!n)
		return -ENOMEM;
	n->vn.rdev = rdev;
	r = add_entry(d, name, n);
	if (r) {
		free(n);
		return r;
	}
	if (S_ISDIR(mode)) {
		n->vn.parent = dir;
		dir->nlink++;
	}
	*out = &n->vn;
	return 0;
}

static int ramfs_symlink(struct uk_vnode *dir, const char *name,
			 const char *target)
{
	struct ramfs_node *n = node_new(dir->mount, S_IFLNK | 0777);
	int r;

	if (!n)
		return -ENOMEM;
	n->target = strdup(target);
	if (!n->target) {
		free(n);
		return -ENOMEM;
	}
	n->vn.size = (off_t)strlen(target);
	n->vn.refcnt = 0;
	r = add_entry(node_of(dir), name, n);
	if (r)
		node_free(n);
	return r;
}

static int ramfs_link(struct uk_vnode *dir, const char *name,
		      struct uk_vnode *vn)
{
	int r = add_entry(node_of(dir), name, node_of(vn));

	if (!r)
		vn->nlink++;
	return r;
}

static void remove_entry(struct ramfs_node *dir, struct ramfs_dirent *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		dir->entries = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		dir->tail = e->prev;
	if (dir->buckets) {
		struct ramfs_dirent **pp =
			&dir->buckets[hash(e->name) % dir->nbuckets];

		while (*pp != e)
			pp = &(*pp)->hnext;
		*pp = e->hnext;
	}
	if (dir->cursor == e)
		dir->cursor = NULL;
	dir->nentries--;
	free(e);
}

static int ramfs_unlink(struct uk_vnode *dir, const char *name)
{
	struct ramfs_dirent *e = find(node_of(dir), name);
	struct ramfs_node *n;

	if (!e)
		return -ENOENT;
	n = e->node;
	remove_entry(node_of(dir), e);
	uk_vfs_now(&dir->mtime);
	n->vn.nlink--;
	maybe_free(n);
	return 0;
}

static int ramfs_rmdir(struct uk_vnode *dir, const char *name)
{
	struct ramfs_dirent *e = find(node_of(dir), name);
	struct ramfs_node *n;

	if (!e)
		return -ENOENT;
	n = e->node;
	if (!S_ISDIR(n->vn.mode))
		return -ENOTDIR;
	if (n->entries)
		return -ENOTEMPTY;
	remove_entry(node_of(dir), e);
	dir->nlink--;
	n->vn.nlink = 0;
	if (n->vn.refcnt) {
		uk_vnode_get(dir);
		n->holds_parent = 1;
	}
	maybe_free(n);
	return 0;
}

static int ramfs_rename(struct uk_vnode *odir, const char *oname,
			struct uk_vnode *ndir, const char *nname)
{
	struct ramfs_dirent *oe, *ne;
	struct ramfs_node *n, *victim;
	int r;

	oe = find(node_of(odir), oname);
	if (!oe)
		return -ENOENT;
	n = oe->node;
	ne = find(node_of(ndir), nname);
	if (ne) {
		/* Point the existing entry at @n, then drop the old one. */
		victim = ne->node;
		if (S_ISDIR(victim->vn.mode) && victim->entries)
			return -ENOTEMPTY;
		ne->node = n;
		if (S_ISDIR(victim->vn.mode)) {
			victim->vn.nlink = 0;
			ndir->nlink--;
			if (victim->vn.refcnt) {
				uk_vnode_get(ndir);
				victim->holds_parent = 1;
			}
		} else {
			victim->vn.nlink--;
		}
		remove_entry(node_of(odir), oe);
		maybe_free(victim);
	} else {
		r = add_entry(node_of(ndir), nname, n);
		if (r)
			return r;
		remove_entry(node_of(odir), oe);
	}
	if (S_ISDIR(n->vn.mode) && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
		n->vn.parent = ndir;
	}
	return 0;
}

static int ramfs_readdir(struct uk_vnode *dir, uint64_t *cookie,
			 struct uk_vfs_dirent *de)
{
	struct ramfs_node *d = node_of(dir);
	struct ramfs_dirent *e = d->entries;

	/* Sequential reads continue after the last entry returned. */
	if (d->cursor && d->cursor->id < *cookie)
		e = d->cursor;
	for (; e; e = e->next) {
		if (e->id < *cookie)
			continue;
		de->ino = e->node->vn.ino;
		de->type = (unsigned char)((e->node->vn.mode & S_IFMT) >> 12);
		strcpy(de->name, e->name);
		*cookie = e->id + 1;
		d->cursor = e;
		return 1;
	}
	return 0;
}

static ssize_t ramfs_readlink(struct uk_vnode *vn, char *buf, size_t len)
{
	struct ramfs_node *n = node_of(vn);
	size_t l = strlen(n->target);

	if (l > len)
		l = len;
	memcpy(buf, n->target, l);
	return (ssize_t)l;
}

/* The chunk holding byte @off, allocated (zeroed) when @alloc. */
static char *chunk_at(struct ramfs_node *n, off_t off, int alloc)
{
	size_t c = (size_t)(off / CH), li = c / LEAF_N, ci = c % LEAF_N;
	struct ramfs *fs = n->vn.mount->priv;
	char **leaf;

	if (li >= n->nleaves) {
		char ***nl;
		size_t nn = n->nleaves ? n->nleaves : 1;

		if (!alloc)
			return NULL;
		while (nn <= li)
			nn *= 2;
		nl = realloc(n->leaves, nn * sizeof(*nl));
		if (!nl)
			return NULL;
		memset(nl + n->nleaves, 0, (nn - n->nleaves) * sizeof(*nl));
		n->leaves = nl;
		n->nleaves = nn;
	}
	leaf = n->leaves[li];
	if (!leaf) {
		if (!alloc)
			return NULL;
		leaf = calloc(LEAF_N, sizeof(*leaf));
		if (!leaf)
			return NULL;
		n->leaves[li] = leaf;
	}
	if (!leaf[ci] && alloc) {
		leaf[ci] = calloc(1, CH);
		if (!leaf[ci])
			return NULL;
		fs->nchunks++;
		n->vn.blocks += CH / 512;
	}
	return leaf[ci];
}

static ssize_t ramfs_read(struct uk_vnode *vn, void *buf, size_t len,
			  off_t off)
{
	struct ramfs_node *n = node_of(vn);
	size_t done = 0;

	if (!S_ISREG(vn->mode))
		return -EINVAL;
	if (off >= vn->size)
		return 0;
	if ((off_t)len > vn->size - off)
		len = (size_t)(vn->size - off);
	while (done < len) {
		off_t o = off + (off_t)done;
		size_t in = (size_t)(o % CH), k = CH - in;
		char *c = chunk_at(n, o, 0);

		if (k > len - done)
			k = len - done;
		if (c)
			memcpy((char *)buf + done, c + in, k);
		else
			memset((char *)buf + done, 0, k);
		done += k;
	}
	return (ssize_t)done;
}

static ssize_t ramfs_write(struct uk_vnode *vn, const void *buf, size_t len,
			   off_t off)
{
	struct ramfs_node *n = node_of(vn);
	size_t done = 0;

	if (!S_ISREG(vn->mode))
		return -EINVAL;
	if (off >= UK_RAMFS_MAX_FILE)
		return len ? -EFBIG : 0;
	if ((off_t)len > UK_RAMFS_MAX_FILE - off)
		len = (size_t)(UK_RAMFS_MAX_FILE - off);
	while (done < len) {
		off_t o = off + (off_t)done;
		size_t in = (size_t)(o % CH), k = CH - in;
		char *c = chunk_at(n, o, 1);

		if (!c)
			break;
		if (k > len - done)
			k = len - done;
		memcpy(c + in, (const char *)buf + done, k);
		done += k;
	}
	if (!done && len)
		return -ENOSPC;
	if (off + (off_t)done > vn->size)
		vn->size = off + (off_t)done;
	return (ssize_t)done;
}

static int ramfs_truncate(struct uk_vnode *vn, off_t len)
{
	struct ramfs_node *n = node_of(vn);

	if (len > UK_RAMFS_MAX_FILE)
		return -EFBIG;
	if (len < vn->size) {
		char *c;

		free_data(n, len);
		/* Zero the tail of a partial last chunk. */
		if (len % CH && (c = chunk_at(n, len, 0)))
			memset(c + len % CH, 0, CH - (size_t)(len % CH));
	}
	vn->size = len;
	return 0;
}

static void ramfs_inactive(struct uk_vnode *vn)
{
	maybe_free(node_of(vn));
}

static const struct uk_vnode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.readlink = ramfs_readlink,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.inactive = ramfs_inactive,
};

static int ramfs_mount(struct uk_mount *m, const char *source,
		       const void *data)
{
	struct ramfs *fs = calloc(1, sizeof(*fs));
	struct ramfs_node *root;

	(void)source;
	(void)data;
	if (!fs)
		return -ENOMEM;
	fs->next_ino = 2;
	m->priv = fs;
	root = node_new(m, S_IFDIR | 0755);
	if (!root) {
		free(fs);
		return -ENOMEM;
	}
	m->root = &root->vn;
	return 0;
}

static void free_tree(struct ramfs_node *dir)
{
	struct ramfs_dirent *e, *next;

	for (e = dir->entries; e; e = next) {
		struct ramfs_node *n = e->node;

		next = e->next;
		if (S_ISDIR(n->vn.mode))
			free_tree(n);
		else if (--n->vn.nlink == 0)
			node_free(n);
		free(e);
	}
	node_free(dir);
}

static int ramfs_unmount(struct uk_mount *m)
{
	free_tree(node_of(m->root));
	free(m->priv);
	return 0;
}

static int ramfs_statfs(struct uk_mount *m, struct statfs *st)
{
	struct ramfs *fs = m->priv;
	struct uk_alloc *a = uk_alloc_get_default();
	long avail = a ? uk_alloc_availmem(a) : 0;

	if (avail < 0)
		avail = 0;
	st->f_type = UK_RAMFS_MAGIC;
	st->f_bsize = CH;
	st->f_frsize = CH;
	st->f_bfree = (fsblkcnt_t)avail / CH;
	st->f_bavail = st->f_bfree;
	st->f_blocks = fs->nchunks + st->f_bfree;
	st->f_files = fs->next_ino + st->f_bfree;
	st->f_ffree = st->f_bfree;
	return 0;
}

static struct uk_fs_type ramfs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
};

static int ramfs_init(void)
{
	return uk_fs_register(&ramfs_type);
}
uk_lib_initcall(ramfs_init);
