/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * procfs: a fixed, read-only tree mounted on /proc at boot. A file's
 * content is generated whole on each read (files.c) and the part at the
 * read's offset copied out: a reader that reads in pieces may see the
 * figures move between pieces (Linux generates once per open), and
 * every file is smaller than one read of a page. Sizes read as 0, as
 * on Linux.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "procfs.h"

#define PROC_SUPER_MAGIC	0x9fa0
#define GEN_BUF			4096

enum { ROOT = 0, PID = 1 };

struct pnode {
	const char *name;
	int parent;		/* index of the directory holding it */
	mode_t mode;
	procfs_gen gen;		/* file content or link target */
	struct uk_vnode vn;
};

static struct pnode nodes[] = {
	[ROOT] = { "", -1, S_IFDIR | 0555, NULL, { 0 } },
	[PID] = { "1", ROOT, S_IFDIR | 0555, NULL, { 0 } },
	{ "self", ROOT, S_IFLNK | 0777, procfs_self, { 0 } },
	{ "meminfo", ROOT, S_IFREG | 0444, procfs_meminfo, { 0 } },
	{ "cpuinfo", ROOT, S_IFREG | 0444, procfs_cpuinfo, { 0 } },
	{ "uptime", ROOT, S_IFREG | 0444, procfs_uptime, { 0 } },
	{ "loadavg", ROOT, S_IFREG | 0444, procfs_loadavg, { 0 } },
	{ "version", ROOT, S_IFREG | 0444, procfs_version, { 0 } },
	{ "stat", PID, S_IFREG | 0444, procfs_pid_stat, { 0 } },
	{ "statm", PID, S_IFREG | 0444, procfs_pid_statm, { 0 } },
	{ "status", PID, S_IFREG | 0444, procfs_pid_status, { 0 } },
	{ "cmdline", PID, S_IFREG | 0444, procfs_pid_cmdline, { 0 } },
	{ "comm", PID, S_IFREG | 0444, procfs_pid_comm, { 0 } },
	{ "exe", PID, S_IFLNK | 0777, procfs_pid_exe, { 0 } },
};
#define NNODES ((int)(sizeof(nodes) / sizeof(nodes[0])))

static int mounted;

static int index_of(struct uk_vnode *vn)
{
	return (int)((struct pnode *)vn->priv - nodes);
}

static int procfs_lookup(struct uk_vnode *dir, const char *name,
			 struct uk_vnode **out)
{
	int d = index_of(dir);

	for (int i = 0; i < NNODES; i++) {
		if (nodes[i].parent == d && !strcmp(nodes[i].name, name)) {
			uk_vnode_get(&nodes[i].vn);
			*out = &nodes[i].vn;
			return 0;
		}
	}
	return -ENOENT;
}

static unsigned char dtype(mode_t mode)
{
	if (S_ISDIR(mode))
		return DT_DIR;
	if (S_ISLNK(mode))
		return DT_LNK;
	return DT_REG;
}

/* The cookie, less 2, is the index of the next node to consider. */
static int procfs_readdir(struct uk_vnode *dir, uint64_t *cookie,
			  struct uk_vfs_dirent *de)
{
	int d = index_of(dir);

	for (uint64_t i = *cookie - 2; i < (uint64_t)NNODES; i++) {
		if (nodes[i].parent != d)
			continue;
		de->ino = nodes[i].vn.ino;
		de->type = dtype(nodes[i].mode);
		strcpy(de->name, nodes[i].name);
		*cookie = i + 3;
		return 1;
	}
	*cookie = NNODES + 2;
	return 0;
}

/* Generate @vn's content into a scratch buffer; NULL when out of memory. */
static char *generate(struct uk_vnode *vn, size_t *len)
{
	struct pnode *p = vn->priv;
	char *buf = malloc(GEN_BUF);

	if (buf)
		*len = p->gen(buf, GEN_BUF);
	return buf;
}

static ssize_t procfs_read(struct uk_vnode *vn, void *out, size_t len,
			   off_t off)
{
	size_t n;
	char *buf = generate(vn, &n);

	if (!buf)
		return -ENOMEM;
	if (off < 0 || (uint64_t)off >= n) {
		free(buf);
		return 0;
	}
	if (len > n - (size_t)off)
		len = n - (size_t)off;
	memcpy(out, buf + off, len);
	free(buf);
	return (ssize_t)len;
}

static ssize_t procfs_readlink(struct uk_vnode *vn, char *out, size_t len)
{
	size_t n;
	char *buf = generate(vn, &n);

	if (!buf)
		return -ENOMEM;
	if (len > n)
		len = n;
	memcpy(out, buf, len);
	free(buf);
	return (ssize_t)len;
}

static const struct uk_vnode_ops procfs_dir_ops = {
	.lookup = procfs_lookup,
	.readdir = procfs_readdir,
};

static const struct uk_vnode_ops procfs_file_ops = {
	.read = procfs_read,
	.readlink = procfs_readlink,
};

static int procfs_mount(struct uk_mount *m, const char *source,
			const void *data)
{
	(void)source;
	(void)data;
	if (mounted)
		return -EBUSY;
	for (int i = 0; i < NNODES; i++) {
		struct uk_vnode *vn = &nodes[i].vn;

		uk_vnode_init(vn, m, S_ISDIR(nodes[i].mode) ?
			      &procfs_dir_ops : &procfs_file_ops,
			      nodes[i].mode);
		/* Only the root's reference (the mount's) is held. */
		if (i != ROOT)
			vn->refcnt = 0;
		vn->ino = 1 + (ino_t)i;
		vn->nlink = S_ISDIR(nodes[i].mode) ? 2 : 1;
		vn->priv = &nodes[i];
		vn->parent = nodes[i].parent >= 0 ?
			&nodes[nodes[i].parent].vn : NULL;
	}
	m->root = &nodes[ROOT].vn;
	mounted = 1;
	return 0;
}

static int procfs_unmount(struct uk_mount *m)
{
	(void)m;
	mounted = 0;
	return 0;
}

static int procfs_statfs(struct uk_mount *m, struct statfs *st)
{
	(void)m;
	st->f_type = PROC_SUPER_MAGIC;
	st->f_bsize = 4096;
	st->f_files = NNODES;
	return 0;
}

static struct uk_fs_type procfs_type = {
	.name = "proc",
	.mount = procfs_mount,
	.unmount = procfs_unmount,
	.statfs = procfs_statfs,
};

static int procfs_register(void)
{
	return uk_fs_register(&procfs_type);
}
uk_lib_initcall(procfs_register);

/*
 * On /proc once the root file system is up (and filled from the initrd);
 * an image without a root file system has no /proc.
 */
static int procfs_mount_proc(void)
{
	int r = uk_vfs_mkdir("/proc", 0555);

	if (r && r != -EEXIST) {
		if (r != -ENOENT)
			uk_pr_warn("procfs: cannot create /proc: error %d\n",
				   -r);
		return 0;
	}
	r = uk_vfs_mount("proc", "/proc", "proc", MS_RDONLY, NULL);
	if (r)
		uk_pr_err("procfs: cannot mount /proc: error %d\n", -r);
	return 0;
}
uk_sys_initcall(procfs_mount_proc);
