/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: a fixed directory of character devices. Each node is a vnode
 * with its own file ops; the directory is read-only (EACCES/EPERM for
 * changes).
 */
#include <errno.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <uk/devfs.h>
#include <uk/init.h>
#include <uk/plat/time.h>
#include <uk/vfs.h>

#define DEVFS_MAGIC	0x1373

static ssize_t null_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off)
{
	(void)f;
	(void)buf;
	(void)len;
	(void)off;
	return 0;
}

static ssize_t sink_write(struct uk_file *f, const void *buf, size_t len,
			  off_t *off)
{
	(void)f;
	(void)buf;
	(void)off;
	return (ssize_t)len;
}

static ssize_t zero_read(struct uk_file *f, void *buf, size_t len,
			 off_t *off)
{
	(void)f;
	(void)off;
	memset(buf, 0, len);
	return (ssize_t)len;
}

static uint64_t rng[4];

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t next64(void)
{
	uint64_t r, t;

	if (!(rng[0] | rng[1] | rng[2] | rng[3])) {
		uint64_t s = ukplat_wall_clock() ^
			     (ukplat_monotonic_clock() << 17);

		rng[0] = splitmix(&s);
		rng[1] = splitmix(&s);
		rng[2] = splitmix(&s);
		rng[3] = splitmix(&s);
	}
	r = rotl(rng[1] * 5, 7) * 9;
	t = rng[1] << 17;
	rng[2] ^= rng[0];
	rng[3] ^= rng[1];
	rng[1] ^= rng[2];
	rng[0] ^= rng[3];
	rng[2] ^= t;
	rng[3] = rotl(rng[3], 45);
	return r;
}

void uk_devfs_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	uk_vfs_lock();
	while (len) {
		uint64_t v = next64();
		size_t k = len < 8 ? len : 8;

		memcpy(p, &v, k);
		p += k;
		len -= k;
	}
	uk_vfs_unlock();
}

static ssize_t random_read(struct uk_file *f, void *buf, size_t len,
			   off_t *off)
{
	(void)f;
	(void)off;
	uk_devfs_random(buf, len);
	return (ssize_t)len;
}

static const struct uk_file_ops null_fops = {
	.read = null_read,
	.write = sink_write,
};

static const struct uk_file_ops zero_fops = {
	.read = zero_read,
	.write = sink_write,
};

static const struct uk_file_ops random_fops = {
	.read = random_read,
	.write = sink_write,
};

struct devnode {
	const char *name;
	const struct uk_file_ops *fops;
	dev_t rdev;
	mode_t perm;
	struct uk_vnode vn;
};

#define MKDEV(ma, mi) (((dev_t)(ma) << 8) | (mi))

static struct devnode nodes[] = {
	{ "console", &uk_vfs_console_fops, MKDEV(5, 1), 0620, { 0 } },
	{ "null", &null_fops, MKDEV(1, 3), 0666, { 0 } },
	{ "random", &random_fops, MKDEV(1, 8), 0666, { 0 } },
	{ "tty", &uk_vfs_console_fops, MKDEV(5, 0), 0666, { 0 } },
	{ "urandom", &random_fops, MKDEV(1, 9), 0666, { 0 } },
	{ "zero", &zero_fops, MKDEV(1, 5), 0666, { 0 } },
};
#define NNODES (sizeof(nodes) / sizeof(nodes[0]))

static struct uk_vnode devfs_root;
static int mounted;

static int devfs_lookup(struct uk_vnode *dir, const char *name,
			struct uk_vnode **out)
{
	size_t i;

	(void)dir;
	for (i = 0; i < NNODES; i++) {
		if (!strcmp(nodes[i].name, name)) {
			uk_vnode_get(&nodes[i].vn);
			*out = &nodes[i].vn;
			return 0;
		}
	}
	return -ENOENT;
}

static int devfs_readdir(struct uk_vnode *dir, uint64_t *cookie,
			 struct uk_vfs_dirent *de)
{
	size_t i = (size_t)*cookie - 2;

	(void)dir;
	if (i >= NNODES)
		return 0;
	de->ino = nodes[i].vn.ino;
	de->type = DT_CHR;
	strcpy(de->name, nodes[i].name);
	*cookie += 1;
	return 1;
}

static const struct uk_vnode_ops devfs_dir_ops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
};

static const struct uk_vnode_ops devfs_node_ops = { 0 };

static int devfs_mount(struct uk_mount *m, const char *source,
		       const void *data)
{
	size_t i;

	(void)source;
	(void)data;
	if (mounted)
		return -EBUSY;
	uk_vnode_init(&devfs_root, m, &devfs_dir_ops, S_IFDIR | 0755);
	devfs_root.ino = 1;
	devfs_root.nlink = 2;
	for (i = 0; i < NNODES; i++) {
		struct uk_vnode *vn = &nodes[i].vn;

		uk_vnode_init(vn, m, &devfs_node_ops,
			      S_IFCHR | nodes[i].perm);
		vn->refcnt = 0;
		vn->ino = 2 + i;
		vn->rdev = nodes[i].rdev;
		vn->fops = nodes[i].fops;
	}
	m->root = &devfs_root;
	mounted = 1;
	return 0;
}

static int devfs_unmount(struct uk_mount *m)
{
	(void)m;
	mounted = 0;
	return 0;
}

static int devfs_statfs(struct uk_mount *m, struct statfs *st)
{
	(void)m;
	st->f_type = DEVFS_MAGIC;
	st->f_files = NNODES + 1;
	return 0;
}

static struct uk_fs_type devfs_type = {
	.name = "devfs",
	.mount = devfs_mount,
	.unmount = devfs_unmount,
	.statfs = devfs_statfs,
};

static int devfs_init(void)
{
	return uk_fs_register(&devfs_type);
}
uk_lib_initcall(devfs_init);
