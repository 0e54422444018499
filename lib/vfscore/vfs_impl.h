/* SPDX-License-Identifier: BSD-3-Clause */
/* vfscore: internal interfaces shared by the sources of the library. */
#ifndef __VFSCORE_IMPL_H__
#define __VFSCORE_IMPL_H__

#include <errno.h>
#include <uk/vfs.h>

/* Lookup flags. */
#define LK_FOLLOW	0x1	/* follow a symlink in the last component */
#define LK_PARENT	0x2	/* the last component may be absent */
#define LK_CREATE	0x4	/* with LK_PARENT: an existing non-directory
				 * last component followed by a slash is
				 * returned (trailing_slash set), not ENOTDIR,
				 * so callers that create can say EEXIST or
				 * EISDIR as Linux does */

struct nameidata {
	struct uk_vnode *dir;	/* directory of the last component (ref) */
	struct uk_vnode *vn;	/* the result (ref), NULL if absent */
	char name[UK_VFS_NAME_MAX + 1];	/* last component, "" for "/" */
	int trailing_slash;
};

extern struct uk_vnode *vfs_root;
extern struct uk_vnode *vfs_cwd;
extern mode_t vfs_umask;

/* Resolves @path from directory @base (NULL: the cwd) with the vfs lock
 * held. On success the caller must nd_release(). */
int vfs_lookup(struct uk_vnode *base, const char *path, int flags,
	       struct nameidata *nd);
void nd_release(struct nameidata *nd);
/* Resolves @path relative to descriptor @dirfd (AT_FDCWD: the cwd);
 * takes and keeps the vfs lock only for the lookup. */
int vfs_lookup_at(int dirfd, const char *path, int flags,
		  struct nameidata *nd);

int vfs_readonly(struct uk_vnode *vn);
/* Whether a file system type @name is registered; the names of those
 * that are, separated by blanks, into @buf (cut to @size). */
int vfs_fs_known(const char *name);
void vfs_fs_names(char *buf, size_t size);
void vfs_fill_stat(struct uk_vnode *vn, struct stat *st);
int vfs_dir_empty(struct uk_vnode *dir);
int vfs_getcwd(char *buf, size_t size);
int vfs_chdir_vnode(struct uk_vnode *vn);
int vfs_statfs_vnode(struct uk_vnode *vn, struct statfs *st);

/* Opens @vn (a reference the file takes over) as a struct uk_file. */
int vfs_open_vnode(struct uk_vnode *vn, int flags, struct uk_file **out);
/* @f's last reference is gone: remove its epoll items (epoll.c). */
void vfs_epoll_detach(struct uk_file *f);
/* The file ops of vnodes (files and directories). */
extern const struct uk_file_ops vfs_vnode_fops;

/* Binds fds 0, 1 and 2 to the console. */
int vfs_console_init(void);

/* Closes every descriptor and drops the file; used by dup2 and close. */
int vfs_fd_close(int fd);
int vfs_fd_dup(int oldfd, int newfd, int flags, int min);
int vfs_fd_getflags(int fd);
int vfs_fd_setflags(int fd, int cloexec);
/* 1 when some open file's vnode lives on mount @m. */
int vfs_fd_uses_mount(struct uk_mount *m);
/* 1 when a descriptor is free (open() checks before creating a file). */
int vfs_fd_available(void);

/* Linux's open file description lock commands, for a C library
 * without them (newlib). */
#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

/* fcntl's record lock commands (F_GETLK..., F_OFD_GETLK...) on @fd. */
struct flock;
int vfs_reclock(int fd, int cmd, struct flock *fl);
/* The process closes a descriptor of @f: its POSIX locks on the file go. */
void vfs_reclock_close(struct uk_file *f);
/* @f itself goes: its OFD locks go. */
void vfs_reclock_release(struct uk_file *f);

/* Sets errno from a -errno result: returns -1, or @r when >= 0. */
static inline long vfs_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#endif /* __VFSCORE_IMPL_H__ */
