/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9p: a 9P2000.L client. A transport (virtio-9p on kvm) registers a
 * struct uk_9p_trans under its mount tag; uk_9p_connect() finds it by
 * tag and negotiates the protocol version and message size. Every call
 * then sends one request, waits for the reply and returns 0 (or a
 * count) on success and -errno on failure; an Rlerror reply gives its
 * error number negated. Fids are numbers the client hands out
 * (uk_9p_fid_alloc) and takes back at clunk. Requests on one client are
 * serialised by a mutex, so callers need no locking of their own. A
 * caller waits for each reply asleep on a wait queue when a scheduler
 * runs (other threads go on), else with the CPU halted until the
 * transport's interrupt; either way it looks again every 10 ms.
 *
 *	struct uk_9p_client *c;
 *	uint32_t root, f;
 *	struct uk_9p_qid q;
 *
 *	uk_9p_connect("fs0", 0, &c);
 *	uk_9p_attach(c, "root", "", 0, &root, &q);
 *	uk_9p_walk(c, root, &f, 1, (const char *[]){ "motd" }, &q);
 *	uk_9p_lopen(c, f, UK_9P_O_RDONLY, &q, NULL);
 *	n = uk_9p_read(c, f, 0, buf, sizeof(buf));
 *	uk_9p_clunk(c, f);
 */
#ifndef __UK_9P_H__
#define __UK_9P_H__

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- Transports ---- */

/* One buffer of a request or a reply. */
struct uk_9p_iov {
	void *base;
	size_t len;
};

struct uk_9p_trans;

struct uk_9p_trans_ops {
	/*
	 * Hand the message in @out (@nout buffers, back to back) and the
	 * buffers for its reply (@in, @nin, filled in order) to the device.
	 * Returns 0 or -errno. Called with the client's lock held: one
	 * request at a time per transport.
	 */
	int (*submit)(struct uk_9p_trans *t, const struct uk_9p_iov *out,
		      unsigned int nout, const struct uk_9p_iov *in,
		      unsigned int nin);
	/* The reply's length in bytes once the device has answered the
	 * request submitted (the same again when asked again), 0 while it
	 * has not, or -errno (-EIO when the device failed). May be called
	 * with interrupts off. */
	ssize_t (*poll)(struct uk_9p_trans *t);
	/* Ask for (@on 1) or stop (0) a call of uk_9p_trans_event() when the
	 * reply comes. Returns 1 when it is already there. NULL: the
	 * transport has no interrupt and the waiter polls. */
	int (*intr)(struct uk_9p_trans *t, int on);
};

struct uk_9p_trans {
	const char *tag;	/* mount tag (e.g. "fs0") */
	const char *name;	/* driver, for messages ("virtio-9p") */
	uint32_t max_msize;	/* largest message it carries, 0: any */
	int in_use;		/* a client is connected */
	const struct uk_9p_trans_ops *ops;
	void *priv;
	void *client;		/* uk9p's, for uk_9p_trans_event() */
	struct uk_9p_trans *next;
};

/* The C library's errno for Linux's error number @linux_errno (as
 * 9P2000.L's Rlerror carries it); EIO for a number it does not know. */
int uk_9p_errno(uint32_t linux_errno);

/* How long a call waits for a reply (ms, 0: forever; the library
 * parameter uk9p.timeout_ms); returns the previous value. */
unsigned int uk_9p_timeout_set(unsigned int ms);

/* The reply to the submitted request has come (interrupt context): wakes
 * the waiter. */
void uk_9p_trans_event(struct uk_9p_trans *t);

/* Makes @t findable by its tag. Returns 0, or -EEXIST for a tag that is
 * already registered. */
int uk_9p_trans_register(struct uk_9p_trans *t);
/* The transport with mount tag @tag, or NULL. */
struct uk_9p_trans *uk_9p_trans_find(const char *tag);
/* The first transport registered (in @tag order of registration), for
 * messages listing what there is; NULL when none. */
struct uk_9p_trans *uk_9p_trans_first(void);

/* ---- Protocol values ---- */

#define UK_9P_NOFID		0xffffffffU
#define UK_9P_MAXWELEM		16	/* names in one Twalk */

/* qid.type bits */
#define UK_9P_QTDIR		0x80
#define UK_9P_QTSYMLINK		0x02

/* Tlopen/Tlcreate flags (Linux values, as 9P2000.L defines them) */
#define UK_9P_O_RDONLY		00000000
#define UK_9P_O_WRONLY		00000001
#define UK_9P_O_RDWR		00000002
#define UK_9P_O_CREAT		00000100
#define UK_9P_O_EXCL		00000200
#define UK_9P_O_TRUNC		00001000
#define UK_9P_O_APPEND		00002000
#define UK_9P_O_DIRECTORY	00200000

/* Tgetattr request mask */
#define UK_9P_GETATTR_BASIC	0x000007ffULL

/* Tsetattr valid bits */
#define UK_9P_SETATTR_MODE	0x00000001U
#define UK_9P_SETATTR_UID	0x00000002U
#define UK_9P_SETATTR_GID	0x00000004U
#define UK_9P_SETATTR_SIZE	0x00000008U
#define UK_9P_SETATTR_ATIME	0x00000010U
#define UK_9P_SETATTR_MTIME	0x00000020U
#define UK_9P_SETATTR_CTIME	0x00000040U
#define UK_9P_SETATTR_ATIME_SET	0x00000080U
#define UK_9P_SETATTR_MTIME_SET	0x00000100U

/* Tunlinkat flags */
#define UK_9P_AT_REMOVEDIR	0x200

struct uk_9p_qid {
	uint8_t type;		/* UK_9P_QT* */
	uint32_t version;
	uint64_t path;		/* unique per file on the server */
};

struct uk_9p_attr {
	uint64_t valid;
	struct uk_9p_qid qid;
	uint32_t mode;		/* S_IF* and permission bits */
	uint32_t uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec;
	uint64_t mtime_sec, mtime_nsec;
	uint64_t ctime_sec, ctime_nsec;
};

struct uk_9p_setattr {
	uint32_t valid;		/* UK_9P_SETATTR_* */
	uint32_t mode, uid, gid;
	uint64_t size;
	uint64_t atime_sec, atime_nsec;
	uint64_t mtime_sec, mtime_nsec;
};

struct uk_9p_statfs {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree, fsid;
	uint32_t namelen;
};

/* One entry of an Rreaddir buffer. */
struct uk_9p_dirent {
	struct uk_9p_qid qid;
	uint64_t offset;	/* give to Treaddir to read what follows */
	uint8_t type;		/* DT_* */
	char name[256];
};

/* ---- The client ---- */

struct uk_9p_client;

/*
 * Connects to the transport with mount tag @tag: Tversion "9P2000.L"
 * with @msize (0: CONFIG_LIBUK9P_MSIZE). Returns 0, -ENODEV when no
 * transport has that tag, -EBUSY when it is already connected,
 * -EPROTONOSUPPORT when the server does not speak 9P2000.L, or another
 * -errno.
 */
int uk_9p_connect(const char *tag, uint32_t msize, struct uk_9p_client **out);
/* Frees the client (clunk the fids first); the transport can be used
 * again. */
void uk_9p_disconnect(struct uk_9p_client *c);
/* The negotiated message size. */
uint32_t uk_9p_msize(const struct uk_9p_client *c);
/* Largest count of one read or write (msize minus the headers). */
uint32_t uk_9p_iounit(const struct uk_9p_client *c);

/* A free fid number, or UK_9P_NOFID when out of memory. Fids that the
 * calls below fill in (@newfid...) are allocated by them. */
uint32_t uk_9p_fid_alloc(struct uk_9p_client *c);
void uk_9p_fid_free(struct uk_9p_client *c, uint32_t fid);

int uk_9p_attach(struct uk_9p_client *c, const char *uname,
		 const char *aname, uint32_t n_uname, uint32_t *fid,
		 struct uk_9p_qid *qid);
/* Walks @nwname names (at most UK_9P_MAXWELEM; 0 clones @fid) from @fid
 * to a new fid. A walk that stops early gives -ENOENT and no fid. @qid
 * (may be NULL) gets the last name's qid. */
int uk_9p_walk(struct uk_9p_client *c, uint32_t fid, uint32_t *newfid,
	       unsigned int nwname, const char *const *names,
	       struct uk_9p_qid *qid);
int uk_9p_lopen(struct uk_9p_client *c, uint32_t fid, uint32_t flags,
		struct uk_9p_qid *qid, uint32_t *iounit);
/* Creates @name in directory @fid, which then stands for the new file,
 * open with @flags. */
int uk_9p_lcreate(struct uk_9p_client *c, uint32_t fid, const char *name,
		  uint32_t flags, uint32_t mode, uint32_t gid,
		  struct uk_9p_qid *qid, uint32_t *iounit);
/* Read/write at most uk_9p_iounit() bytes (more is cut down); the data
 * moves straight between @buf and the transport. */
ssize_t uk_9p_read(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		   void *buf, uint32_t count);
ssize_t uk_9p_write(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		    const void *buf, uint32_t count);
/* Forgets @fid on the server and frees the number (even on error). */
int uk_9p_clunk(struct uk_9p_client *c, uint32_t fid);
int uk_9p_getattr(struct uk_9p_client *c, uint32_t fid, uint64_t mask,
		  struct uk_9p_attr *attr);
int uk_9p_setattr(struct uk_9p_client *c, uint32_t fid,
		  const struct uk_9p_setattr *sa);
/* Raw directory entries from @off (0 or an entry's offset) of the open
 * directory @fid into @buf; returns the bytes (0 at the end). Walk them
 * with uk_9p_dirent_next(). */
ssize_t uk_9p_readdir(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		      void *buf, uint32_t count);
/* Decodes the entry at *@pos of a readdir buffer of @len bytes and
 * advances *@pos: 1, 0 at the end, -EPROTO when malformed. */
int uk_9p_dirent_next(const void *buf, size_t len, size_t *pos,
		      struct uk_9p_dirent *de);
int uk_9p_mkdir(struct uk_9p_client *c, uint32_t dfid, const char *name,
		uint32_t mode, uint32_t gid, struct uk_9p_qid *qid);
int uk_9p_unlinkat(struct uk_9p_client *c, uint32_t dfid, const char *name,
		   uint32_t flags);
int uk_9p_renameat(struct uk_9p_client *c, uint32_t odfid, const char *oname,
		   uint32_t ndfid, const char *nname);
int uk_9p_symlink(struct uk_9p_client *c, uint32_t dfid, const char *name,
		  const char *target, uint32_t gid, struct uk_9p_qid *qid);
int uk_9p_link(struct uk_9p_client *c, uint32_t dfid, uint32_t fid,
	       const char *name);
/* Copies the target (no NUL, cut at @len) and returns its length. */
ssize_t uk_9p_readlink(struct uk_9p_client *c, uint32_t fid, char *buf,
		       size_t len);
int uk_9p_statfs(struct uk_9p_client *c, uint32_t fid,
		 struct uk_9p_statfs *st);
int uk_9p_fsync(struct uk_9p_client *c, uint32_t fid);

#endif /* __UK_9P_H__ */
