/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the POSIX calls that take a path: open, stat, access, mkdir,
 * rmdir, unlink, rename, link, symlink, readlink, truncate, chdir, getcwd,
 * statfs, utimensat, chmod, chown, mount. Each holds the vfs lock throughout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <uk/syscall.h>
#include "vfs_impl.h"

#define LOCKED(expr)				\
	({					\
		long r_;			\
		uk_vfs_lock();			\
		r_ = (expr);			\
		uk_vfs_unlock();		\
		r_;				\
	})

static int is_dot(const char *name)
{
	return !name[0] || !strcmp(name, ".") || !strcmp(name, "..");
}

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
	int acc = flags & O_ACCMODE, lk = 0, r, fd;
	struct nameidata nd;
	struct uk_vnode *vn;
	struct uk_file *f;

	if (acc == O_ACCMODE)
		return -EINVAL;
	if (!(flags & O_NOFOLLOW) &&
	    !((flags & O_CREAT) && (flags & O_EXCL)))
		lk |= LK_FOLLOW;
	if (flags & O_CREAT)
		lk |= LK_PARENT | LK_CREATE;
	if (!vfs_fd_available())
		return -EMFILE;
	r = vfs_lookup_at(dirfd, path, lk, &nd);
	if (r)
		return r;
	vn = nd.vn;
	if ((flags & O_CREAT) && nd.trailing_slash && !is_dot(nd.name)) {
		/* Linux: a name ending in a slash is never created (".",
		 * ".." and "/" go on to EEXIST or EISDIR below). */
		r = -EISDIR;
		goto out;
	}
	if (!vn) {
		if (vfs_readonly(nd.dir))
			r = -EROFS;
		else if (nd.dir->nlink == 0)
			r = -ENOENT;
		else if (!nd.dir->ops->create)
			r = -EACCES;
		else
			r = nd.dir->ops->create(nd.dir, nd.name,
				S_IFREG | (mode & 07777 & ~vfs_umask), 0, &vn);
		if (r)
			goto out;
		nd.vn = vn;
	} else {
		if ((flags & O_CREAT) && (flags & O_EXCL))
			r = -EEXIST;
		else if (S_ISLNK(vn->mode))
			r = -ELOOP;
		else if (S_ISDIR(vn->mode) &&
			 (acc != O_RDONLY || (flags & O_CREAT)))
			r = -EISDIR;
		else if ((flags & O_DIRECTORY) && !S_ISDIR(vn->mode))
			r = -ENOTDIR;
		else if (acc != O_RDONLY && S_ISREG(vn->mode) &&
			 vfs_readonly(vn))
			r = -EROFS;
		if (r)
			goto out;
		if ((flags & O_TRUNC) && S_ISREG(vn->mode) && vn->size) {
			if (vfs_readonly(vn))
				r = -EROFS;
			else if (!vn->ops->truncate)
				r = -EINVAL;
			else
				r = vn->ops->truncate(vn, 0);
			if (r)
				goto out;
			uk_vfs_now(&vn->mtime);
			vn->ctime = vn->mtime;
		}
	}
	r = vfs_open_vnode(vn, (flags & ~(O_CREAT | O_EXCL | O_NOCTTY |
					  O_TRUNC | O_CLOEXEC)) | O_LARGEFILE,
			   &f);
	if (r)
		goto out;
	nd.vn = NULL;	/* the file holds the reference now */
	fd = uk_fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		uk_file_put(f);
	r = fd;
out:
	nd_release(&nd);
	return r;
}

int uk_vfs_open(const char *path, int flags, mode_t mode)
{
	return (int)LOCKED(do_open(AT_FDCWD, path, flags, mode));
}

UK_LLSYSCALL_R_DEFINE(int, open, const char *, path, int, flags, mode_t, mode)
{
	return LOCKED(do_open(AT_FDCWD, path, flags, mode));
}

UK_LLSYSCALL_R_DEFINE(int, openat, int, dirfd, const char *, path, int, flags,
		      mode_t, mode)
{
	return LOCKED(do_open(dirfd, path, flags, mode));
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return uk_syscall_e_open(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return uk_syscall_e_openat(dirfd, path, flags, mode);
}
#endif

UK_SYSCALL_R_DEFINE(int, creat, const char *, path, mode_t, mode)
{
	return LOCKED(do_open(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC,
			      mode));
}

static int do_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct nameidata nd;
	int r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800))
		return -EINVAL;
	if (path && !path[0] && (flags & AT_EMPTY_PATH)) {
		struct uk_file *f = uk_fd_get(dirfd);

		if (!f)
			return -EBADF;
		r = 0;
		if (f->vnode)
			vfs_fill_stat(f->vnode, st);
		else if (f->ops->stat)
			r = f->ops->stat(f, st);
		else
			memset(st, 0, sizeof(*st));
		uk_file_put(f);
		return r;
	}
	r = vfs_lookup_at(dirfd, path,
			  (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LK_FOLLOW, &nd);
	if (r)
		return r;
	vfs_fill_stat(nd.vn, st);
	nd_release(&nd);
	return 0;
}

/* Linux's name for fstatat. */
UK_LLSYSCALL_R_DEFINE(int, newfstatat, int, dirfd, const char *, path,
		      struct stat *, st, int, flags)
{
	return LOCKED(do_fstatat(dirfd, path, st, flags));
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int fstatat(int dirfd, const char *__restrict path,
	    struct stat *__restrict st, int flags)
{
	return uk_syscall_e_newfstatat(dirfd, path, st, flags);
}
#endif

UK_SYSCALL_R_DEFINE(int, stat, const char *, path, struct stat *, st)
{
	return LOCKED(do_fstatat(AT_FDCWD, path, st, 0));
}

UK_SYSCALL_R_DEFINE(int, lstat, const char *, path, struct stat *, st)
{
	return LOCKED(do_fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW));
}

static int do_access(int dirfd, const char *path, int mode, int flags)
{
	struct nameidata nd;
	int r;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	r = vfs_lookup_at(dirfd, path,
			  (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LK_FOLLOW, &nd);
	if (r)
		return r;
	if ((mode & W_OK) && vfs_readonly(nd.vn) &&
	    (S_ISREG(nd.vn->mode) || S_ISDIR(nd.vn->mode) ||
	     S_ISLNK(nd.vn->mode)))
		r = -EROFS;
	else if ((mode & X_OK) && !S_ISDIR(nd.vn->mode) &&
		 !(nd.vn->mode & 0111))
		r = -EACCES;
	nd_release(&nd);
	return r;
}

/* Linux's faccessat has no flags; faccessat2 has. */
UK_LLSYSCALL_R_DEFINE(int, faccessat, int, dirfd, const char *, path,
		      int, mode)
{
	return LOCKED(do_access(dirfd, path, mode, 0));
}

UK_LLSYSCALL_R_DEFINE(int, faccessat2, int, dirfd, const char *, path,
		      int, mode, int, flags)
{
	return LOCKED(do_access(dirfd, path, mode, flags));
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return uk_syscall_e_faccessat2(dirfd, path, mode, flags);
}
#endif

UK_SYSCALL_R_DEFINE(int, access, const char *, path, int, mode)
{
	return LOCKED(do_access(AT_FDCWD, path, mode, 0));
}

static int do_mkdir(int dirfd, const char *path, mode_t mode)
{
	struct nameidata nd;
	struct uk_vnode *vn;
	int r;

	r = vfs_lookup_at(dirfd, path, LK_PARENT | LK_CREATE, &nd);
	if (r)
		return r;
	if (nd.vn)
		r = -EEXIST;
	else if (vfs_readonly(nd.dir))
		r = -EROFS;
	else if (nd.dir->nlink == 0)
		r = -ENOENT;
	else if (!nd.dir->ops->create)
		r = -EPERM;
	else
		r = nd.dir->ops->create(nd.dir, nd.name,
					S_IFDIR | (mode & 01777 & ~vfs_umask),
					0, &vn);
	if (!r)
		uk_vnode_put(vn);
	nd_release(&nd);
	return r;
}

int uk_vfs_mkdir(const char *path, mode_t mode)
{
	return (int)LOCKED(do_mkdir(AT_FDCWD, path, mode));
}

UK_SYSCALL_R_DEFINE(int, mkdirat, int, dirfd, const char *, path, mode_t, mode)
{
	return LOCKED(do_mkdir(dirfd, path, mode));
}

UK_SYSCALL_R_DEFINE(int, mkdir, const char *, path, mode_t, mode)
{
	return LOCKED(do_mkdir(AT_FDCWD, path, mode));
}

static int do_rmdir(int dirfd, const char *path)
{
	struct nameidata nd;
	int r;

	r = vfs_lookup_at(dirfd, path, LK_PARENT, &nd);
	if (r)
		return r;
	if (!nd.vn)
		r = -ENOENT;
	else if (!strcmp(nd.name, "."))
		r = -EINVAL;
	else if (!strcmp(nd.name, ".."))
		r = -ENOTEMPTY;
	else if (!S_ISDIR(nd.vn->mode))
		r = -ENOTDIR;
	else if (!nd.name[0] || nd.vn == nd.vn->mount->root)
		r = -EBUSY;
	else if (vfs_readonly(nd.dir))
		r = -EROFS;
	else if (!nd.dir->ops->rmdir)
		r = -EPERM;
	else
		r = nd.dir->ops->rmdir(nd.dir, nd.name);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, rmdir, const char *, path)
{
	return LOCKED(do_rmdir(AT_FDCWD, path));
}

static int do_unlink(int dirfd, const char *path)
{
	struct nameidata nd;
	int r;

	r = vfs_lookup_at(dirfd, path, LK_PARENT, &nd);
	if (r)
		return r;
	if (!nd.vn)
		r = -ENOENT;
	else if (S_ISDIR(nd.vn->mode))
		r = -EISDIR;
	else if (vfs_readonly(nd.dir))
		r = -EROFS;
	else if (!nd.dir->ops->unlink)
		r = -EPERM;
	else
		r = nd.dir->ops->unlink(nd.dir, nd.name);
	if (!r) {
		uk_vfs_now(&nd.vn->ctime);
		nd.dir->mtime = nd.vn->ctime;
		nd.dir->ctime = nd.vn->ctime;
	}
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, unlinkat, int, dirfd, const char *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return LOCKED(do_rmdir(dirfd, path));
	return LOCKED(do_unlink(dirfd, path));
}

int uk_vfs_unlink(const char *path)
{
	return (int)LOCKED(do_unlink(AT_FDCWD, path));
}

UK_SYSCALL_R_DEFINE(int, unlink, const char *, path)
{
	return LOCKED(do_unlink(AT_FDCWD, path));
}

#ifdef CONFIG_LIBNOLIBC
int remove(const char *path)
{
	int r = (int)LOCKED(do_unlink(AT_FDCWD, path));

	if (r == -EISDIR)
		r = (int)LOCKED(do_rmdir(AT_FDCWD, path));
	return (int)vfs_ret(r);
}
#endif

/* 1 when directory @anc is @dir or one of its ancestors. */
static int is_ancestor(struct uk_vnode *anc, struct uk_vnode *dir)
{
	for (; dir; dir = dir->parent)
		if (dir == anc)
			return 1;
	return 0;
}

static int do_rename(int odfd, const char *opath, int ndfd, const char *npath)
{
	struct nameidata o, n;
	struct uk_vnode *ov, *nv;
	int r;

	/* As Linux: both parents first, then the last components (so
	 * LK_CREATE: a slash after a non-directory is checked here). */
	r = vfs_lookup_at(odfd, opath, LK_PARENT | LK_CREATE, &o);
	if (r)
		return r;
	r = vfs_lookup_at(ndfd, npath, LK_PARENT | LK_CREATE, &n);
	if (r) {
		nd_release(&o);
		return r;
	}
	ov = o.vn;
	nv = n.vn;
	/* ".", ".." or "/" on either side before a missing one */
	if (is_dot(o.name) || is_dot(n.name))
		r = -EBUSY;
	else if (!ov || n.dir->nlink == 0)
		r = -ENOENT;	/* no source, or a removed target directory */
	else if ((o.trailing_slash || n.trailing_slash) &&
		 !S_ISDIR(ov->mode))
		r = -ENOTDIR;
	else if (o.dir->mount != n.dir->mount)
		r = -EXDEV;
	else if (ov->covered_by || (nv && nv->covered_by) ||
		 ov == ov->mount->root || (nv && nv == nv->mount->root))
		r = -EBUSY;
	else if (vfs_readonly(o.dir))
		r = -EROFS;
	else if (nv == ov)
		r = 0;
	else if (S_ISDIR(ov->mode) && is_ancestor(ov, n.dir))
		r = -EINVAL;
	else if (nv && is_ancestor(nv, o.dir))
		r = -ENOTEMPTY;	/* the target holds the source */
	else if (nv && S_ISDIR(ov->mode) && !S_ISDIR(nv->mode))
		r = -ENOTDIR;
	else if (nv && !S_ISDIR(ov->mode) && S_ISDIR(nv->mode))
		r = -EISDIR;
	else if (nv && S_ISDIR(nv->mode) && (r = vfs_dir_empty(nv)) <= 0)
		r = r ? r : -ENOTEMPTY;
	else if (!o.dir->ops->rename)
		r = -EPERM;
	else
		r = o.dir->ops->rename(o.dir, o.name, n.dir, n.name);
	if (!r && nv != ov) {
		uk_vfs_now(&ov->ctime);
		o.dir->mtime = ov->ctime;
		n.dir->mtime = ov->ctime;
	}
	nd_release(&o);
	nd_release(&n);
	return r;
}

UK_SYSCALL_R_DEFINE(int, renameat, int, olddirfd, const char *, oldpath,
		    int, newdirfd, const char *, newpath)
{
	return LOCKED(do_rename(olddirfd, oldpath, newdirfd, newpath));
}

UK_SYSCALL_R_DEFINE(int, rename, const char *, oldpath, const char *, newpath)
{
	return LOCKED(do_rename(AT_FDCWD, oldpath, AT_FDCWD, newpath));
}

static int do_link(int odfd, const char *opath, int ndfd, const char *npath,
		   int flags)
{
	struct nameidata o, n;
	int r;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = vfs_lookup_at(odfd, opath,
			  (flags & AT_SYMLINK_FOLLOW) ? LK_FOLLOW : 0, &o);
	if (r)
		return r;
	r = vfs_lookup_at(ndfd, npath, LK_PARENT | LK_CREATE, &n);
	if (r) {
		nd_release(&o);
		return r;
	}
	/* Linux's order: the new name first, then the mounts, then what
	 * the old one is */
	if (n.vn)
		r = -EEXIST;
	else if (n.trailing_slash)
		r = -ENOENT;
	else if (o.vn->mount != n.dir->mount)
		r = -EXDEV;
	else if (vfs_readonly(n.dir))
		r = -EROFS;
	else if (n.dir->nlink == 0)
		r = -ENOENT;	/* a removed directory */
	else if (S_ISDIR(o.vn->mode))
		r = -EPERM;
	else if (!n.dir->ops->link)
		r = -EPERM;
	else
		r = n.dir->ops->link(n.dir, n.name, o.vn);
	if (!r)
		uk_vfs_now(&o.vn->ctime);
	nd_release(&o);
	nd_release(&n);
	return r;
}

UK_SYSCALL_R_DEFINE(int, linkat, int, olddirfd, const char *, oldpath,
		    int, newdirfd, const char *, newpath, int, flags)
{
	return LOCKED(do_link(olddirfd, oldpath, newdirfd, newpath, flags));
}

UK_SYSCALL_R_DEFINE(int, link, const char *, oldpath, const char *, newpath)
{
	return LOCKED(do_link(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}

static int do_symlink(const char *target, int dirfd, const char *path)
{
	struct nameidata nd;
	int r;

	if (!target)
		return -EFAULT;
	if (!target[0])
		return -ENOENT;
	if (strlen(target) >= UK_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	r = vfs_lookup_at(dirfd, path, LK_PARENT | LK_CREATE, &nd);
	if (r)
		return r;
	if (nd.vn)
		r = -EEXIST;
	else if (vfs_readonly(nd.dir))
		r = -EROFS;
	else if (nd.trailing_slash || nd.dir->nlink == 0)
		r = -ENOENT;
	else if (!nd.dir->ops->symlink)
		r = -EPERM;
	else
		r = nd.dir->ops->symlink(nd.dir, nd.name, target);
	nd_release(&nd);
	return r;
}

int uk_vfs_symlink(const char *target, const char *path)
{
	return (int)LOCKED(do_symlink(target, AT_FDCWD, path));
}

UK_SYSCALL_R_DEFINE(int, symlinkat, const char *, target, int, dirfd,
		    const char *, linkpath)
{
	return LOCKED(do_symlink(target, dirfd, linkpath));
}

UK_SYSCALL_R_DEFINE(int, symlink, const char *, target, const char *, linkpath)
{
	return LOCKED(do_symlink(target, AT_FDCWD, linkpath));
}

static ssize_t do_readlink(int dirfd, const char *path, char *buf, size_t len)
{
	struct nameidata nd;
	ssize_t r;
	char *tmp;

	if ((ssize_t)len <= 0)
		return -EINVAL;
	r = vfs_lookup_at(dirfd, path, 0, &nd);
	if (r)
		return r;
	if (!S_ISLNK(nd.vn->mode) || !nd.vn->ops->readlink) {
		nd_release(&nd);
		return -EINVAL;
	}
	tmp = malloc(UK_VFS_PATH_MAX);
	if (!tmp) {
		nd_release(&nd);
		return -ENOMEM;
	}
	r = nd.vn->ops->readlink(nd.vn, tmp, UK_VFS_PATH_MAX);
	if (r > (ssize_t)len)
		r = (ssize_t)len;
	if (r > 0)
		memcpy(buf, tmp, (size_t)r);
	free(tmp);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(ssize_t, readlinkat, int, dirfd, const char *, path,
		    char *, buf, size_t, len)
{
	return LOCKED(do_readlink(dirfd, path, buf, len));
}

UK_SYSCALL_R_DEFINE(ssize_t, readlink, const char *, path, char *, buf,
		    size_t, len)
{
	return LOCKED(do_readlink(AT_FDCWD, path, buf, len));
}

static int do_truncate(const char *path, off_t len)
{
	struct nameidata nd;
	int r;

	if (len < 0)
		return -EINVAL;
	r = vfs_lookup(NULL, path, LK_FOLLOW, &nd);
	if (r)
		return r;
	if (S_ISDIR(nd.vn->mode))
		r = -EISDIR;
	else if (!S_ISREG(nd.vn->mode) || !nd.vn->ops->truncate)
		r = -EINVAL;
	else if (vfs_readonly(nd.vn))
		r = -EROFS;
	else
		r = nd.vn->ops->truncate(nd.vn, len);
	if (!r) {
		uk_vfs_now(&nd.vn->mtime);
		nd.vn->ctime = nd.vn->mtime;
	}
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, truncate, const char *, path, off_t, len)
{
	return LOCKED(do_truncate(path, len));
}

static int do_chdir(const char *path)
{
	struct nameidata nd;
	int r;

	r = vfs_lookup(NULL, path, LK_FOLLOW, &nd);
	if (r)
		return r;
	r = vfs_chdir_vnode(nd.vn);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, chdir, const char *, path)
{
	return LOCKED(do_chdir(path));
}

UK_SYSCALL_R_DEFINE(int, fchdir, int, fd)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->vnode ? vfs_chdir_vnode(f->vnode) : -ENOTDIR;
	uk_file_put(f);
	return r;
}

/* Linux's getcwd returns the length with the NUL; libc's returns @buf. */
UK_LLSYSCALL_R_DEFINE(long, getcwd, char *, buf, size_t, size)
{
	int r;

	if (!buf)
		return -EFAULT;
	r = vfs_getcwd(buf, size);
	if (r < 0)
		return r;
	return (long)strlen(buf) + 1;
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;
	long r;

	if (!buf) {
		if (!size)
			size = UK_VFS_PATH_MAX;
		buf = mine = malloc(size);
		if (!buf) {
			errno = ENOMEM;
			return NULL;
		}
	}
	r = uk_syscall_r_getcwd((long)buf, (long)size);
	if (r < 0) {
		free(mine);
		errno = (int)-r;
		return NULL;
	}
	return buf;
}
#endif

static int do_statfs(const char *path, struct statfs *st)
{
	struct nameidata nd;
	int r;

	r = vfs_lookup(NULL, path, LK_FOLLOW, &nd);
	if (r)
		return r;
	r = vfs_statfs_vnode(nd.vn, st);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, statfs, const char *, path, struct statfs *, st)
{
	return LOCKED(do_statfs(path, st));
}

UK_SYSCALL_R_DEFINE(int, fstatfs, int, fd, struct statfs *, st)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	if (f->vnode) {
		r = (int)LOCKED(vfs_statfs_vnode(f->vnode, st));
	} else {
		memset(st, 0, sizeof(*st));
		st->f_type = 0x50495045;	/* PIPEFS_MAGIC */
		st->f_bsize = 4096;
		st->f_namelen = UK_VFS_NAME_MAX;
		r = 0;
	}
	uk_file_put(f);
	return r;
}

UK_SYSCALL_R_DEFINE(mode_t, umask, mode_t, mask)
{
	mode_t old;

	uk_vfs_lock();
	old = vfs_umask;
	vfs_umask = mask & 0777;
	uk_vfs_unlock();
	return old;
}

static int valid_ts(const struct timespec *ts)
{
	return ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT ||
	       (ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L);
}

static int set_times(struct uk_vnode *vn, const struct timespec times[2])
{
	struct timespec now, oa, om, oc;
	unsigned int what = 0;

	if (times && (!valid_ts(&times[0]) || !valid_ts(&times[1])))
		return -EINVAL;
	if (vfs_readonly(vn))
		return -EROFS;
	uk_vfs_now(&now);
	oa = vn->atime;
	om = vn->mtime;
	oc = vn->ctime;
	if (!times || times[0].tv_nsec == UTIME_NOW) {
		vn->atime = now;
		what |= UK_VATTR_ATIME;
	} else if (times[0].tv_nsec != UTIME_OMIT) {
		vn->atime = times[0];
		what |= UK_VATTR_ATIME;
	}
	if (!times || times[1].tv_nsec == UTIME_NOW) {
		vn->mtime = now;
		what |= UK_VATTR_MTIME;
	} else if (times[1].tv_nsec != UTIME_OMIT) {
		vn->mtime = times[1];
		what |= UK_VATTR_MTIME;
	}
	vn->ctime = now;
	if (what && vn->ops->setattr) {
		int r = vn->ops->setattr(vn, what);

		if (r) {
			vn->atime = oa;
			vn->mtime = om;
			vn->ctime = oc;
			return r;
		}
	}
	return 0;
}

static int do_utimensat(int dirfd, const char *path,
			const struct timespec times[2], int flags)
{
	struct nameidata nd;
	int r;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (!path) {
		struct uk_file *f = uk_fd_get(dirfd);

		if (!f)
			return -EBADF;
		r = f->vnode ? set_times(f->vnode, times) : 0;
		uk_file_put(f);
		return r;
	}
	r = vfs_lookup_at(dirfd, path,
			  (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LK_FOLLOW, &nd);
	if (r)
		return r;
	r = set_times(nd.vn, times);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, utimensat, int, dirfd, const char *, path,
		    const struct timespec *, times, int, flags)
{
	return LOCKED(do_utimensat(dirfd, path, times, flags));
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int futimens(int fd, const struct timespec times[2])
{
	return uk_syscall_e_utimensat(fd, NULL, times, 0);
}
#endif

int uk_vfs_utimes(const char *path, const struct timespec *mtime)
{
	struct timespec t[2];

	t[0] = *mtime;
	t[1] = *mtime;
	return (int)LOCKED(do_utimensat(AT_FDCWD, path, t,
					AT_SYMLINK_NOFOLLOW));
}

static int do_chmod(struct uk_vnode *vn, mode_t mode)
{
	mode_t om = vn->mode;
	struct timespec oc = vn->ctime;

	if (vfs_readonly(vn))
		return -EROFS;
	vn->mode = (vn->mode & S_IFMT) | (mode & 07777);
	uk_vfs_now(&vn->ctime);
	if (vn->ops->setattr) {
		int r = vn->ops->setattr(vn, UK_VATTR_MODE);

		if (r) {
			vn->mode = om;
			vn->ctime = oc;
			return r;
		}
	}
	return 0;
}

static int do_chmod_path(const char *path, mode_t mode)
{
	struct nameidata nd;
	int r;

	r = vfs_lookup(NULL, path, LK_FOLLOW, &nd);
	if (r)
		return r;
	r = do_chmod(nd.vn, mode);
	nd_release(&nd);
	return r;
}

int uk_vfs_chmod(const char *path, mode_t mode)
{
	return (int)LOCKED(do_chmod_path(path, mode));
}

UK_SYSCALL_R_DEFINE(int, chmod, const char *, path, mode_t, mode)
{
	return LOCKED(do_chmod_path(path, mode));
}

UK_SYSCALL_R_DEFINE(int, fchmod, int, fd, mode_t, mode)
{
	struct uk_file *f = uk_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->vnode ? (int)LOCKED(do_chmod(f->vnode, mode)) : 0;
	uk_file_put(f);
	return r;
}

/*
 * The one process runs as root, so any owner may be set. As on Linux,
 * a new owner or group takes the set-user-ID bit (and the set-group-ID
 * bit of a group-executable file) off anything but a directory.
 */
static int do_chown(struct uk_vnode *vn, uid_t uid, gid_t gid)
{
	uid_t ou = vn->uid;
	gid_t og = vn->gid;
	mode_t om = vn->mode;
	struct timespec oc = vn->ctime;
	unsigned int what = 0;

	if (vfs_readonly(vn))
		return -EROFS;
	if (uid != (uid_t)-1) {
		vn->uid = uid;
		what |= UK_VATTR_OWNER;
	}
	if (gid != (gid_t)-1) {
		vn->gid = gid;
		what |= UK_VATTR_GROUP;
	}
	if (what && !S_ISDIR(vn->mode)) {
		mode_t clear = S_ISUID;

		if (vn->mode & S_IXGRP)
			clear |= S_ISGID;
		if (vn->mode & clear) {
			vn->mode &= ~clear;
			what |= UK_VATTR_MODE;
		}
	}
	uk_vfs_now(&vn->ctime);
	if (what && vn->ops->setattr) {
		int r = vn->ops->setattr(vn, what);

		if (r) {
			vn->uid = ou;
			vn->gid = og;
			vn->mode = om;
			vn->ctime = oc;
			return r;
		}
	}
	return 0;
}

static int do_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid,
		       int flags)
{
	struct nameidata nd;
	int r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (path && !path[0] && (flags & AT_EMPTY_PATH)) {
		struct uk_file *f = uk_fd_get(dirfd);

		if (!f)
			return -EBADF;
		r = f->vnode ? do_chown(f->vnode, uid, gid) : 0;
		uk_file_put(f);
		return r;
	}
	r = vfs_lookup_at(dirfd, path,
			  (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LK_FOLLOW, &nd);
	if (r)
		return r;
	r = do_chown(nd.vn, uid, gid);
	nd_release(&nd);
	return r;
}

UK_SYSCALL_R_DEFINE(int, fchownat, int, dirfd, const char *, path,
		    uid_t, uid, gid_t, gid, int, flags)
{
	return LOCKED(do_fchownat(dirfd, path, uid, gid, flags));
}

UK_SYSCALL_R_DEFINE(int, chown, const char *, path, uid_t, uid, gid_t, gid)
{
	return LOCKED(do_fchownat(AT_FDCWD, path, uid, gid, 0));
}

UK_SYSCALL_R_DEFINE(int, lchown, const char *, path, uid_t, uid, gid_t, gid)
{
	return LOCKED(do_fchownat(AT_FDCWD, path, uid, gid,
				  AT_SYMLINK_NOFOLLOW));
}

/* A descriptor without a vnode (pipe, socket) has no owner to keep. */
UK_SYSCALL_R_DEFINE(int, fchown, int, fd, uid_t, uid, gid_t, gid)
{
	return LOCKED(do_fchownat(fd, "", uid, gid, AT_EMPTY_PATH));
}

UK_SYSCALL_R_DEFINE(int, mount, const char *, source, const char *, target,
		    const char *, fstype, unsigned long, flags,
		    const void *, data)
{
	return uk_vfs_mount(source, target, fstype, flags, data);
}

UK_SYSCALL_R_DEFINE(int, umount2, const char *, target, int, flags)
{
	return uk_vfs_umount(target, flags);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int umount(const char *target)
{
	return uk_syscall_e_umount2(target, 0);
}
#endif

/* Kernel-internal forms for the initrd extractor (see uk/vfs.h). */
int uk_vfs_lstat(const char *path, struct stat *st)
{
	return (int)LOCKED(do_fstatat(AT_FDCWD, path, st,
				      AT_SYMLINK_NOFOLLOW));
}

int uk_vfs_rmdir(const char *path)
{
	return (int)LOCKED(do_rmdir(AT_FDCWD, path));
}

int uk_vfs_link(const char *oldpath, const char *newpath)
{
	return (int)LOCKED(do_link(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}
