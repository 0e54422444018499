/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the virtual file system. Three interfaces meet here:
 *
 * 1. File systems (ramfs, devfs, 9pfs...) register a struct uk_fs_type.
 *    A mounted instance is a struct uk_mount whose root is a vnode; every
 *    file, directory, symlink or device node is a struct uk_vnode with a
 *    table of struct uk_vnode_ops. vfscore does path lookup (".", "..",
 *    symlinks, mount points), argument and type checks, and calls the
 *    operations with one name component and the vfs lock held, so a file
 *    system needs no locking of its own for vnode operations.
 *
 * 2. Open files are struct uk_file: a reference-counted object with a
 *    table of struct uk_file_ops, status flags (O_APPEND, O_NONBLOCK,
 *    the access mode) and a position. vfscore provides the file ops of
 *    vnodes itself; a device vnode may bring its own (vn->fops).
 *
 * 3. Other subsystems (sockets, eventfd, pipes) plug their own file types
 *    into the same descriptor table without a vnode:
 *
 *	static const struct uk_file_ops sock_fops = {
 *		.read = sock_read, .write = sock_write,
 *		.stat = sock_stat, .release = sock_release,
 *	};
 *	struct uk_file *f = uk_file_alloc(&sock_fops, O_RDWR, sk);
 *	if (!f)
 *		return -ENOMEM;
 *	fd = uk_fd_install(f, 0);	// takes over the reference
 *	if (fd < 0)
 *		uk_file_put(f);		// -EMFILE
 *
 *    and find the object of a descriptor again with
 *
 *	struct uk_file *f = uk_fd_get(fd);	// new reference or NULL
 *	if (!f || f->ops != &sock_fops) ... -EBADF / -ENOTSOCK
 *	...
 *	uk_file_put(f);
 *
 *    read()/write()/readv()/close()/dup()/fcntl()/ioctl(FIONBIO)/fstat()
 *    then work on such descriptors. An op left NULL gives the errno Linux
 *    gives for that file kind: read/write EINVAL, ioctl ENOTTY, truncate
 *    EINVAL, sync EINVAL, stat a zeroed struct stat. File ops run without
 *    the vfs lock; they may block (honour O_NONBLOCK in f->flags with
 *    -EAGAIN).
 *
 * Every function returns 0 or a positive value on success and -errno on
 * failure; the POSIX calls (open, read, ...) set errno and return -1.
 */
#ifndef __UK_VFS_H__
#define __UK_VFS_H__

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <uk/mutex.h>

#define UK_VFS_NAME_MAX		255	/* bytes in a name component */
#define UK_VFS_PATH_MAX		4096	/* bytes in a path, with the NUL */
#define UK_VFS_SYMLOOP_MAX	40	/* symlinks followed in one lookup */

struct uk_vnode;
struct uk_mount;
struct uk_file;
struct uk_epitem;
struct iovec;

/* ---- Open files ---- */

struct uk_file_ops {
	/*
	 * Read up to @len bytes at *@off (seekable files; stream files
	 * ignore @off) and advance *@off. Returns the count, 0 at end of
	 * file, or -errno (-EAGAIN when O_NONBLOCK and nothing is ready).
	 */
	ssize_t (*read)(struct uk_file *f, void *buf, size_t len, off_t *off);
	/* As read; with O_APPEND in f->flags a seekable file writes at its
	 * end and sets *@off after the data. */
	ssize_t (*write)(struct uk_file *f, const void *buf, size_t len,
			 off_t *off);
	/* Optional: readv/writev of @cnt (> 1) buffers in one call, for
	 * files where that differs from one call per buffer (a socket
	 * sends one datagram); without them vfscore calls read/write per
	 * buffer. */
	ssize_t (*readv)(struct uk_file *f, const struct iovec *iov, int cnt,
			 off_t *off);
	ssize_t (*writev)(struct uk_file *f, const struct iovec *iov,
			  int cnt, off_t *off);
	int (*stat)(struct uk_file *f, struct stat *st);
	/* Requests vfscore does not handle itself (it does FIONBIO,
	 * FIOCLEX, FIONCLEX); -ENOTTY for unknown ones. */
	int (*ioctl)(struct uk_file *f, unsigned long req, void *arg);
	int (*truncate)(struct uk_file *f, off_t len);
	int (*sync)(struct uk_file *f);
	/* The last reference is gone: free the object behind f->priv. */
	void (*release)(struct uk_file *f);
	/*
	 * Readiness for poll and epoll: the UK_POLL* bits that hold now,
	 * and in *@seq a counter that changes whenever the file becomes
	 * ready again (new data, room to write, an error), which is what
	 * edge-triggered epoll reports. Whoever changes the state calls
	 * uk_file_poll_notify(f) (or, for a file without f->poll_notify,
	 * uk_file_poll_wake()) afterwards. NULL: epoll refuses the file
	 * with EPERM, as Linux does for regular files.
	 */
	unsigned int (*poll)(struct uk_file *f, unsigned long *seq);
};

/* Readiness bits, the values of Linux's POLL* and EPOLL* flags. */
#define UK_POLLIN	0x001
#define UK_POLLPRI	0x002
#define UK_POLLOUT	0x004
#define UK_POLLERR	0x008
#define UK_POLLHUP	0x010
#define UK_POLLRDHUP	0x2000

/*
 * Waiting for readiness: one wake-up count for all files. A waiter
 * reads uk_file_poll_gen(), checks its files, and if none is ready
 * sleeps in uk_file_poll_wait() until the count moves past what it read
 * (so no wake-up between the check and the sleep is lost) or until the
 * monotonic @deadline_ns (0: none); that returns -ETIMEDOUT or 0, or
 * -EINTR when a signal the thread does not block is pending (the call
 * then ends with -EINTR; the signal is delivered on its way out).
 * uk_file_poll_wake() may be called from any thread, not from an
 * interrupt handler.
 *
 * A file whose readiness changes by itself at a known time (a timer)
 * calls uk_file_poll_timer() with that monotonic time from its poll op
 * when it is not ready: waiters then wake no later than that and
 * re-check (a wait that wakes for it returns 0).
 */
unsigned long uk_file_poll_gen(void);
int uk_file_poll_wait(unsigned long gen, uint64_t deadline_ns);
void uk_file_poll_wake(void);
void uk_file_poll_timer(uint64_t deadline_ns);

/*
 * Readiness of @f may have changed: puts the epoll items watching @f on
 * their ready lists (in the order of these calls, which is the order in
 * which epoll_wait reports them) and wakes waiters as
 * uk_file_poll_wake() does. A file type that calls it at every change
 * of a file's readiness (new data, room to write, error, hang-up, a
 * connection to accept) sets f->poll_notify when it creates the file:
 * epoll then asks the file's poll op only after a notification, so
 * epoll_wait costs O(ready items). Without f->poll_notify epoll asks at
 * every wait (timers, devices). Callable with the file type's own locks
 * held, from any thread, not from an interrupt handler.
 */
void uk_file_poll_notify(struct uk_file *f);

/* f->kind: how vfscore treats positions and directories. */
#define UK_FILE_STREAM		0	/* no position: lseek gives ESPIPE */
#define UK_FILE_SEEKABLE	1	/* position in f->pos */
#define UK_FILE_DIR		2	/* a directory; f->pos is a cookie */

struct uk_file {
	const struct uk_file_ops *ops;
	int flags;		/* O_ACCMODE bits and O_APPEND, O_NONBLOCK... */
	int kind;		/* UK_FILE_* */
	off_t pos;
	unsigned long refcnt;
	struct uk_vnode *vnode;	/* NULL for files without a vnode */
	struct uk_mutex lock;	/* serialises position updates */
	void *priv;		/* the file type's own object */
	unsigned long id;	/* unique per file, never reused (epoll) */
	int poll_notify;	/* the type calls uk_file_poll_notify(f) */
	struct uk_epitem *poll_watch;	/* vfscore's: epoll items on it */
};

/* A new file with one reference, kind UK_FILE_STREAM; NULL when out of
 * memory. @flags: open(2) flags (access mode and status flags). */
struct uk_file *uk_file_alloc(const struct uk_file_ops *ops, int flags,
			      void *priv);
void uk_file_get(struct uk_file *f);
void uk_file_put(struct uk_file *f);

/* Puts @f in the lowest free descriptor (with FD_CLOEXEC if @cloexec),
 * taking over the caller's reference. Returns the fd or -EMFILE. */
int uk_fd_install(struct uk_file *f, int cloexec);

/*
 * Anonymous files (eventfd, timerfd, ...): objects that are only a
 * descriptor. uk_anon_fd_create() allocates the file (with
 * f->poll_notify = @poll_notify, see uk_file_poll_notify) and installs
 * it; on failure (-ENOMEM, -EMFILE) @priv has been released as the
 * file's own release op would. uk_anon_stat() answers fstat as Linux does for an
 * anonymous inode (mode 0600, no file type); uk_anon_release() frees a
 * @priv that is one malloc'd block.
 */
int uk_anon_fd_create(const struct uk_file_ops *ops, int flags, void *priv,
		      int cloexec, int poll_notify);
int uk_anon_stat(struct uk_file *f, struct stat *st);
void uk_anon_release(struct uk_file *f);
/* New reference to the file of @fd, or NULL when @fd is not open. */
struct uk_file *uk_fd_get(int fd);

/*
 * RLIMIT_NOFILE. The table holds UK_FD_MAX descriptors (the hard
 * ceiling); new descriptors (uk_fd_install, dup, F_DUPFD) are below the
 * soft limit, which uk_fd_set_limit() moves within 0..UK_FD_MAX (else
 * -EINVAL). Descriptors already open above a lowered limit stay usable,
 * as on Linux.
 */
#define UK_FD_MAX CONFIG_LIBVFSCORE_NR_FDS
unsigned int uk_fd_limit(void);
int uk_fd_set_limit(unsigned long limit);

/* The console (what fds 0, 1 and 2 are at boot): read polls the
 * platform console, write prints, TIOCGWINSZ says 80x24. A device file
 * system may use it for /dev/console. */
extern const struct uk_file_ops uk_vfs_console_fops;

/* ---- Vnodes ---- */

/* One directory entry as a file system reports it. */
struct uk_vfs_dirent {
	ino_t ino;
	unsigned char type;	/* DT_* */
	char name[UK_VFS_NAME_MAX + 1];
};

/*
 * Operations of a vnode. @name is one component, NUL-terminated, never
 * "." or "..", at most UK_VFS_NAME_MAX bytes. vfscore has checked that
 * @dir is a directory, the mount is writable, the types of the vnodes
 * involved, and (for create, mkdir, symlink, link) that @name does not
 * exist. Returned vnodes carry a new reference. NULL ops give -EPERM
 * (namespace changes) or -EINVAL.
 */
struct uk_vnode_ops {
	int (*lookup)(struct uk_vnode *dir, const char *name,
		      struct uk_vnode **out);	/* -ENOENT when absent */
	/* New regular file, directory, or device/fifo node (S_IF* in @mode). */
	int (*create)(struct uk_vnode *dir, const char *name, mode_t mode,
		      dev_t rdev, struct uk_vnode **out);
	int (*symlink)(struct uk_vnode *dir, const char *name,
		       const char *target);
	int (*link)(struct uk_vnode *dir, const char *name,
		    struct uk_vnode *vn);
	/* Remove a non-directory entry / an empty directory (-ENOTEMPTY). */
	int (*unlink)(struct uk_vnode *dir, const char *name);
	int (*rmdir)(struct uk_vnode *dir, const char *name);
	/* Move @oname to @nname, atomically replacing an existing target
	 * (vfscore checked the types and that a target directory is empty,
	 * and that @odir is not an ancestor of @ndir...). */
	int (*rename)(struct uk_vnode *odir, const char *oname,
		      struct uk_vnode *ndir, const char *nname);
	/* The entry at or after *@cookie (cookies start at 2; vfscore
	 * itself returns "." and ".."); advances *@cookie past it. Returns
	 * 1 with @de filled, 0 at the end, or -errno. */
	int (*readdir)(struct uk_vnode *dir, uint64_t *cookie,
		       struct uk_vfs_dirent *de);
	/* Copies the target (no NUL) and returns its length. */
	ssize_t (*readlink)(struct uk_vnode *vn, char *buf, size_t len);
	ssize_t (*read)(struct uk_vnode *vn, void *buf, size_t len,
			off_t off);
	ssize_t (*write)(struct uk_vnode *vn, const void *buf, size_t len,
			 off_t off);	/* updates vn->size */
	int (*truncate)(struct uk_vnode *vn, off_t len);
	int (*sync)(struct uk_vnode *vn);
	/* No reference is left: free @vn if vn->nlink is 0 (optional). */
	void (*inactive)(struct uk_vnode *vn);
	/* vfscore has set the fields named by @what (UK_VATTR_* bits) for
	 * chmod, chown or utimensat: store them (optional; without it they live in
	 * the vnode only). On an error vfscore puts the old values back. */
	int (*setattr)(struct uk_vnode *vn, unsigned int what);
};

#define UK_VATTR_MODE	0x1	/* vn->mode permission bits */
#define UK_VATTR_ATIME	0x2	/* vn->atime */
#define UK_VATTR_MTIME	0x4	/* vn->mtime */
#define UK_VATTR_OWNER	0x8	/* vn->uid */
#define UK_VATTR_GROUP	0x10	/* vn->gid */

struct uk_vnode {
	mode_t mode;		/* S_IF* type and permission bits */
	nlink_t nlink;
	uid_t uid;
	gid_t gid;
	ino_t ino;
	dev_t rdev;
	off_t size;
	blkcnt_t blocks;	/* 512-byte units allocated */
	struct timespec atime, mtime, ctime;
	unsigned long refcnt;	/* vfscore's references (maintained by it) */
	struct uk_vnode *parent;	/* directories: the parent in this fs,
					 * NULL for the fs root (kept by fs) */
	struct uk_mount *mount;	/* the file system instance */
	struct uk_mount *covered_by;	/* a mount on this directory */
	const struct uk_vnode_ops *ops;
	const struct uk_file_ops *fops;	/* own file ops (devices), or NULL */
	void *priv;		/* the file system's data */
	struct uk_file_lock *locks;	/* fcntl record locks (vfscore's) */
};

/* Fills the common fields of a new vnode (refcnt 1, times now). */
void uk_vnode_init(struct uk_vnode *vn, struct uk_mount *m,
		   const struct uk_vnode_ops *ops, mode_t mode);
void uk_vnode_get(struct uk_vnode *vn);
void uk_vnode_put(struct uk_vnode *vn);
/* Sets @ts to the wall-clock time. */
void uk_vfs_now(struct timespec *ts);

/* ---- File systems and mounts ---- */

struct uk_fs_type {
	const char *name;	/* "ramfs", "devfs", ... */
	/* Set m->root (one reference) and m->priv; @source and @data are
	 * mount(2)'s, possibly NULL. */
	int (*mount)(struct uk_mount *m, const char *source,
		     const void *data);
	/* Free everything; vfscore has checked that nothing is in use. */
	int (*unmount)(struct uk_mount *m);
	int (*statfs)(struct uk_mount *m, struct statfs *st);
	struct uk_fs_type *next;
};

struct uk_mount {
	const struct uk_fs_type *fs;
	struct uk_vnode *root;
	struct uk_vnode *covered;	/* mount point, NULL for "/" */
	unsigned long flags;		/* MS_RDONLY ... */
	dev_t dev;
	void *priv;
	struct uk_mount *next;
};

/* Makes @fs known to mount() (call it from an init function). */
int uk_fs_register(struct uk_fs_type *fs);
/* mount(2) and umount2(2) without errno; the first mount must be "/". */
int uk_vfs_mount(const char *source, const char *target, const char *fstype,
		 unsigned long flags, const void *data);
int uk_vfs_umount(const char *target, int flags);

/* The lock held around vnode operations. */
void uk_vfs_lock(void);
void uk_vfs_unlock(void);

/*
 * Kernel-internal path calls used by boot code (initrd extraction):
 * same semantics as the POSIX calls, -errno instead of errno.
 */
int uk_vfs_open(const char *path, int flags, mode_t mode);
int uk_vfs_mkdir(const char *path, mode_t mode);
int uk_vfs_symlink(const char *target, const char *path);
int uk_vfs_unlink(const char *path);
int uk_vfs_rmdir(const char *path);
int uk_vfs_link(const char *oldpath, const char *newpath);
int uk_vfs_lstat(const char *path, struct stat *st);
int uk_vfs_chmod(const char *path, mode_t mode);
int uk_vfs_utimes(const char *path, const struct timespec *mtime);
ssize_t uk_vfs_write(int fd, const void *buf, size_t len);
int uk_vfs_close(int fd);

/* ---- Initrd (LIBVFSCORE_INITRD) ---- */

/*
 * Extracts the cpio "newc" (or "crc") archive at @buf, @len bytes long,
 * under directory @dest, as Linux unpacks an initramfs:
 * - an entry replaces what an earlier one left at its name when the types
 *   differ (a directory after a file, a file after a symlink: the link is
 *   removed, never written through); a directory merges with one that
 *   exists, a file overwrites a file;
 * - hard links (regular files with nlink >= 2, the same ino and device)
 *   are linked to the first name seen; the entry that carries the data
 *   (the last one, as cpio writes them) fills the shared file;
 * - an entry that cannot be created is reported with its name and offset
 *   and skipped: the entries after it are still extracted.
 * Returns 0; -EINVAL after printing the offset and the problem of a
 * malformed archive (extraction stops there, the entries before it stay
 * extracted); or, when the whole archive was read but some entries could
 * not be created, the -errno of the first of them.
 */
int uk_vfs_cpio_extract(const void *buf, size_t len, const char *dest);

#endif /* __UK_VFS_H__ */
