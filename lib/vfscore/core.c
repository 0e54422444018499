/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the vfs lock, vnode references, file system types, mounts,
 * path lookup (".", "..", symlinks, mount points) and getcwd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include "vfs_impl.h"

static struct uk_mutex vfs_mutex = UK_MUTEX_INITIALIZER(vfs_mutex, 1);
static struct uk_fs_type *fs_types;
static struct uk_mount *mounts;
static dev_t next_dev = 1;

struct uk_vnode *vfs_root;
struct uk_vnode *vfs_cwd;
mode_t vfs_umask = 022;

void uk_vfs_lock(void)
{
	uk_mutex_lock(&vfs_mutex);
}

void uk_vfs_unlock(void)
{
	uk_mutex_unlock(&vfs_mutex);
}

void uk_vfs_now(struct timespec *ts)
{
	uint64_t ns = ukplat_wall_clock();

	ts->tv_sec = (time_t)(ns / 1000000000ULL);
	ts->tv_nsec = (long)(ns % 1000000000ULL);
}

void uk_vnode_init(struct uk_vnode *vn, struct uk_mount *m,
		   const struct uk_vnode_ops *ops, mode_t mode)
{
	memset(vn, 0, sizeof(*vn));
	vn->mode = mode;
	vn->nlink = 1;
	vn->refcnt = 1;
	vn->mount = m;
	vn->ops = ops;
	uk_vfs_now(&vn->mtime);
	vn->atime = vn->mtime;
	vn->ctime = vn->mtime;
}

void uk_vnode_get(struct uk_vnode *vn)
{
	uk_vfs_lock();
	vn->refcnt++;
	uk_vfs_unlock();
}

void uk_vnode_put(struct uk_vnode *vn)
{
	if (!vn)
		return;
	uk_vfs_lock();
	if (--vn->refcnt == 0 && vn->ops->inactive)
		vn->ops->inactive(vn);
	uk_vfs_unlock();
}

int uk_fs_register(struct uk_fs_type *fs)
{
	struct uk_fs_type *t;

	uk_vfs_lock();
	for (t = fs_types; t; t = t->next) {
		if (!strcmp(t->name, fs->name)) {
			uk_vfs_unlock();
			return -EEXIST;
		}
	}
	fs->next = fs_types;
	fs_types = fs;
	uk_vfs_unlock();
	return 0;
}

int vfs_readonly(struct uk_vnode *vn)
{
	return vn->mount && (vn->mount->flags & MS_RDONLY);
}

void vfs_fill_stat(struct uk_vnode *vn, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->mount ? vn->mount->dev : 0;
	st->st_ino = vn->ino;
	st->st_nlink = vn->nlink;
	st->st_mode = vn->mode;
	st->st_uid = vn->uid;
	st->st_gid = vn->gid;
	st->st_rdev = vn->rdev;
	st->st_size = vn->size;
	st->st_blksize = 4096;
	st->st_blocks = vn->blocks;
	st->st_atim = vn->atime;
	st->st_mtim = vn->mtime;
	st->st_ctim = vn->ctime;
}

int vfs_dir_empty(struct uk_vnode *dir)
{
	struct uk_vfs_dirent de;	/* on the stack: rmdir must work
					 * when memory is exhausted */
	uint64_t cookie = 2;
	int r;

	if (!dir->ops->readdir)
		return 1;
	r = dir->ops->readdir(dir, &cookie, &de);
	if (r < 0)
		return r;
	return r == 0;
}

/* The vnode a mount covers, for every mount stacked on the way up. */
static struct uk_vnode *under_mounts(struct uk_vnode *vn)
{
	while (vn->mount && vn == vn->mount->root && vn->mount->covered)
		vn = vn->mount->covered;
	return vn;
}

/* New reference to the parent directory of @dir, crossing mounts. */
static struct uk_vnode *parent_of(struct uk_vnode *dir)
{
	struct uk_vnode *p;

	if (dir == vfs_root)
		p = dir;
	else {
		p = under_mounts(dir);
		if (p == vfs_root || !p->parent)
			p = p == vfs_root ? p : dir;
		else
			p = p->parent;
	}
	p->refcnt++;
	return p;
}

/* Replaces @vn (a reference) by the root of what is mounted on it. */
static struct uk_vnode *over_mounts(struct uk_vnode *vn)
{
	while (vn->covered_by) {
		struct uk_vnode *r = vn->covered_by->root;

		r->refcnt++;
		uk_vnode_put(vn);
		vn = r;
	}
	return vn;
}

void nd_release(struct nameidata *nd)
{
	uk_vnode_put(nd->vn);
	uk_vnode_put(nd->dir);
	nd->vn = NULL;
	nd->dir = NULL;
}

/*
 * Replaces the path in @buf (UK_VFS_PATH_MAX bytes) up to @rest by the
 * target of @link, in place: the rest moves to the end of the buffer, the
 * target is read in front of it and the rest joins it. No allocation.
 */
static int splice_link(struct uk_vnode *link, char *buf, char **rest)
{
	size_t restlen = strlen(*rest), room;
	ssize_t n;

	if (!link->ops->readlink)
		return -EINVAL;
	if (restlen >= UK_VFS_PATH_MAX - 1)
		return -ENAMETOOLONG;
	room = UK_VFS_PATH_MAX - restlen - 1;
	memmove(buf + room, *rest, restlen + 1);
	n = link->ops->readlink(link, buf, room);
	if (n <= 0)
		return n ? (int)n : -ENOENT;
	/* A target that fills the room may have been cut. */
	if ((size_t)n >= room)
		return -ENAMETOOLONG;
	memmove(buf + n, buf + room, restlen + 1);
	*rest = buf;
	return 0;
}

/*
 * The path buffer of a lookup. Lookups never fail for want of memory:
 * when the heap is exhausted (a full ramfs), one lookup at a time uses
 * the reserve, so files can still be found, stat'ed and removed. Both are
 * taken and given back under the vfs lock.
 */
static char lookup_reserve[UK_VFS_PATH_MAX];
static int lookup_reserve_used;

static char *path_buf_get(void)
{
	char *b = malloc(UK_VFS_PATH_MAX);

	if (!b && !lookup_reserve_used) {
		lookup_reserve_used = 1;
		b = lookup_reserve;
	}
	return b;
}

static void path_buf_put(char *b)
{
	if (b == lookup_reserve)
		lookup_reserve_used = 0;
	else
		free(b);
}

int vfs_lookup(struct uk_vnode *base, const char *path, int flags,
	       struct nameidata *nd)
{
	struct uk_vnode *cur, *child;
	size_t plen;
	int links = 0, r;
	char *buf, *p;

	nd->dir = NULL;
	nd->vn = NULL;
	nd->name[0] = '\0';
	nd->trailing_slash = 0;
	if (!path)
		return -EFAULT;
	plen = strlen(path);
	if (plen == 0)
		return -ENOENT;
	if (plen >= UK_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!vfs_root)
		return -ENOENT;
	uk_vfs_lock();
	buf = path_buf_get();
	if (!buf) {
		uk_vfs_unlock();
		return -ENOMEM;
	}
	memcpy(buf, path, plen + 1);
	cur = buf[0] == '/' ? vfs_root : (base ? base : vfs_cwd);
	cur->refcnt++;
	p = buf;
	for (;;) {
		char *comp, *q;
		size_t len;
		int last, slash;

		while (*p == '/')
			p++;
		if (!*p) {
			/* Only slashes left: the result is where we are. */
			nd->dir = cur;
			cur->refcnt++;
			nd->vn = cur;
			nd->name[0] = '\0';
			r = 0;
			break;
		}
		comp = p;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - comp);
		slash = *p == '/';
		for (q = p; *q == '/'; q++)
			;
		last = !*q;
		if (len > UK_VFS_NAME_MAX) {
			r = -ENAMETOOLONG;
			goto err;
		}
		if (!S_ISDIR(cur->mode)) {
			r = -ENOTDIR;
			goto err;
		}
		memcpy(nd->name, comp, len);
		nd->name[len] = '\0';
		if (!strcmp(nd->name, ".")) {
			child = cur;
			child->refcnt++;
		} else if (!strcmp(nd->name, "..")) {
			child = parent_of(cur);
		} else {
			r = cur->ops->lookup ?
				cur->ops->lookup(cur, nd->name, &child) :
				-ENOENT;
			if (r == -ENOENT && last && (flags & LK_PARENT)) {
				nd->dir = cur;
				nd->vn = NULL;
				nd->trailing_slash = slash;
				r = 0;
				break;
			}
			if (r)
				goto err;
			child = over_mounts(child);
		}
		/* A trailing slash follows a last symlink, except for the
		 * calls that create or remove the name itself, which never
		 * follow it then (as Linux: mkdir("link/") is EEXIST,
		 * rmdir("link/") ENOTDIR, open("link/", O_CREAT) EISDIR). */
		if (S_ISLNK(child->mode) &&
		    (!last || (slash ? !(flags & LK_PARENT) :
				       (flags & LK_FOLLOW)))) {
			if (++links > UK_VFS_SYMLOOP_MAX) {
				uk_vnode_put(child);
				r = -ELOOP;
				goto err;
			}
			r = splice_link(child, buf, &p);
			uk_vnode_put(child);
			if (r)
				goto err;
			if (buf[0] == '/') {
				uk_vnode_put(cur);
				cur = vfs_root;
				cur->refcnt++;
			}
			continue;
		}
		if (last) {
			if (slash && !S_ISDIR(child->mode) &&
			    (flags & (LK_PARENT | LK_CREATE)) !=
			    (LK_PARENT | LK_CREATE)) {
				uk_vnode_put(child);
				r = -ENOTDIR;
				goto err;
			}
			nd->dir = cur;
			nd->vn = child;
			nd->trailing_slash = slash;
			r = 0;
			break;
		}
		uk_vnode_put(cur);
		cur = child;
	}
	path_buf_put(buf);
	uk_vfs_unlock();
	return r;
err:
	uk_vnode_put(cur);
	path_buf_put(buf);
	uk_vfs_unlock();
	nd->dir = NULL;
	nd->vn = NULL;
	return r;
}

int vfs_lookup_at(int dirfd, const char *path, int flags,
		  struct nameidata *nd)
{
	struct uk_file *f = NULL;
	struct uk_vnode *base = NULL;
	int r;

	if (path && path[0] != '/' && dirfd != AT_FDCWD) {
		f = uk_fd_get(dirfd);
		if (!f)
			return -EBADF;
		if (!f->vnode) {
			uk_file_put(f);
			return -ENOTDIR;
		}
		base = f->vnode;
		if (!S_ISDIR(base->mode) && path[0]) {
			uk_file_put(f);
			return -ENOTDIR;
		}
	}
	r = vfs_lookup(base, path, flags, nd);
	if (f)
		uk_file_put(f);
	return r;
}

static struct uk_fs_type *find_fs(const char *name)
{
	struct uk_fs_type *t;

	for (t = fs_types; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

int vfs_fs_known(const char *name)
{
	int r;

	uk_vfs_lock();
	r = find_fs(name) != NULL;
	uk_vfs_unlock();
	return r;
}

void vfs_fs_names(char *buf, size_t size)
{
	const struct uk_fs_type *t;
	size_t n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	uk_vfs_lock();
	for (t = fs_types; t && n < size; t = t->next)
		n += snprintf(buf + n, size - n, "%s%s", n ? " " : "",
			      t->name);
	uk_vfs_unlock();
}

int uk_vfs_mount(const char *source, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	struct nameidata nd;
	struct uk_fs_type *fs;
	struct uk_mount *m;
	int r;

	if (!target || !fstype)
		return -EFAULT;
	uk_vfs_lock();
	fs = find_fs(fstype);
	if (!fs) {
		r = -ENODEV;
		goto out;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		r = -ENOMEM;
		goto out;
	}
	m->fs = fs;
	m->flags = flags & MS_RDONLY;
	m->dev = next_dev;
	if (!vfs_root) {
		if (strcmp(target, "/")) {
			free(m);
			r = -ENOENT;
			goto out;
		}
		r = fs->mount(m, source, data);
		if (r) {
			free(m);
			goto out;
		}
		next_dev++;
		vfs_root = m->root;
		vfs_root->refcnt++;
		vfs_cwd = vfs_root;
		vfs_cwd->refcnt++;
		m->next = mounts;
		mounts = m;
		goto out;
	}
	r = vfs_lookup(NULL, target, LK_FOLLOW, &nd);
	if (r) {
		free(m);
		goto out;
	}
	if (!S_ISDIR(nd.vn->mode)) {
		r = -ENOTDIR;
	} else if (nd.vn->covered_by ||
		   (nd.vn->mount && nd.vn == nd.vn->mount->root)) {
		r = -EBUSY;
	} else {
		r = fs->mount(m, source, data);
	}
	if (r) {
		nd_release(&nd);
		free(m);
		goto out;
	}
	next_dev++;
	m->covered = nd.vn;	/* keeps the lookup's reference */
	nd.vn->covered_by = m;
	uk_vnode_put(nd.dir);
	m->next = mounts;
	mounts = m;
out:
	uk_vfs_unlock();
	return r;
}

/* 1 when @vn is on mount @m or below a mount stacked on @m. */
static int on_mount(struct uk_vnode *vn, struct uk_mount *m)
{
	while (vn) {
		if (vn->mount == m)
			return 1;
		if (!vn->mount || !vn->mount->covered)
			return 0;
		vn = vn->mount->covered;
	}
	return 0;
}

int uk_vfs_umount(const char *target, int flags)
{
	struct uk_mount *m, **pp;
	struct nameidata nd;
	int r;

	if (flags & ~(MNT_FORCE | MNT_DETACH | 0x4 | 0x8))
		return -EINVAL;
	uk_vfs_lock();
	r = vfs_lookup(NULL, target, LK_FOLLOW, &nd);
	if (r)
		goto out;
	m = nd.vn->mount;
	if (!m || nd.vn != m->root) {
		r = -EINVAL;
		goto rel;
	}
	if (!m->covered) {
		r = -EBUSY;
		goto rel;
	}
	for (pp = &mounts; *pp; pp = &(*pp)->next)
		if ((*pp)->covered && (*pp)->covered->mount == m)
			break;
	if (*pp || on_mount(vfs_cwd, m) || vfs_fd_uses_mount(m)) {
		r = -EBUSY;
		goto rel;
	}
	nd_release(&nd);
	r = m->fs->unmount ? m->fs->unmount(m) : 0;
	if (r)
		goto out;
	for (pp = &mounts; *pp != m; pp = &(*pp)->next)
		;
	*pp = m->next;
	m->covered->covered_by = NULL;
	uk_vnode_put(m->covered);
	free(m);
	goto out;
rel:
	nd_release(&nd);
out:
	uk_vfs_unlock();
	return r;
}

int vfs_getcwd(char *buf, size_t size)
{
	struct uk_vfs_dirent *de;
	struct uk_vnode *vn;
	char *tmp;
	size_t pos;
	int r = 0;

	if (size == 0)
		return -EINVAL;
	tmp = malloc(UK_VFS_PATH_MAX);
	de = malloc(sizeof(*de));
	if (!tmp || !de) {
		free(tmp);
		free(de);
		return -ENOMEM;
	}
	pos = UK_VFS_PATH_MAX - 1;
	tmp[pos] = '\0';
	uk_vfs_lock();
	vn = vfs_cwd;
	/* No root file system mounted: no working folder either. */
	if (!vn || vn->nlink == 0) {
		r = -ENOENT;
		goto out;
	}
	for (;;) {
		struct uk_vnode *par;
		uint64_t cookie = 2;
		size_t len;

		vn = under_mounts(vn);
		if (vn == vfs_root || !vn->parent)
			break;
		par = vn->parent;
		for (;;) {
			r = par->ops->readdir ?
				par->ops->readdir(par, &cookie, de) : 0;
			if (r <= 0)
				break;
			if (de->ino == vn->ino)
				break;
		}
		if (r <= 0) {
			r = r ? r : -ENOENT;
			goto out;
		}
		len = strlen(de->name);
		if (len + 1 > pos) {
			r = -ENAMETOOLONG;
			goto out;
		}
		pos -= len;
		memcpy(tmp + pos, de->name, len);
		tmp[--pos] = '/';
		vn = par;
	}
	if (!tmp[pos])
		tmp[--pos] = '/';
	if (UK_VFS_PATH_MAX - pos > size) {
		r = -ERANGE;
		goto out;
	}
	memcpy(buf, tmp + pos, UK_VFS_PATH_MAX - pos);
	r = (int)(UK_VFS_PATH_MAX - pos);
out:
	uk_vfs_unlock();
	free(tmp);
	free(de);
	return r;
}

int vfs_chdir_vnode(struct uk_vnode *vn)
{
	if (!S_ISDIR(vn->mode))
		return -ENOTDIR;
	uk_vfs_lock();
	vn->refcnt++;
	uk_vnode_put(vfs_cwd);
	vfs_cwd = vn;
	uk_vfs_unlock();
	return 0;
}

/* Every mount, for statfs by path. */
int vfs_statfs_vnode(struct uk_vnode *vn, struct statfs *st)
{
	struct uk_mount *m = vn->mount;

	memset(st, 0, sizeof(*st));
	st->f_bsize = 4096;
	st->f_frsize = 4096;
	st->f_namelen = UK_VFS_NAME_MAX;
	if (!m)
		return 0;
	st->f_fsid.__val[0] = (int)m->dev;
	st->f_flags = (long)m->flags;
	if (m->fs->statfs)
		return m->fs->statfs(m, st);
	return 0;
}
