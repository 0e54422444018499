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
#include <uk/swrand.h>
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

static ssize_t random_read(struct uk_file *f, void *buf, size_t len,
			   off_t *off)
{
	(void)f;
	(void)off;
	uk_swrand_fill(buf, len);
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

static struct devnode nodes[] = {
	{ "console", &uk_vfs_console_fops, UK_DEVFS_CONSOLE, 0620, { 0 } },
	{ "null", &null_fops, UK_DEVFS_NULL, 0666, { 0 } },
	{ "random", &random_fops, UK_DEVFS_RANDOM, 0666, { 0 } },
	{ "tty", &uk_vfs_console_fops, UK_DEVFS_TTY, 0666, { 0 } },
	{ "urandom", &random_fops, UK_DEVFS_URANDOM, 0666, { 0 } },
	{ "zero", &zero_fops, UK_DEVFS_ZERO, 0666, { 0 } },
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
