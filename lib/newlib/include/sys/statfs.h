/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/statfs.h>, file system statistics (Linux
 * x86_64 layout).
 */
#ifndef __UK_NEWLIB_SYS_STATFS_H__
#define __UK_NEWLIB_SYS_STATFS_H__

#include <sys/types.h>

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;
	long f_bsize;
	fsblkcnt_t f_blocks;
	fsblkcnt_t f_bfree;
	fsblkcnt_t f_bavail;
	fsfilcnt_t f_files;
	fsfilcnt_t f_ffree;
	fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif /* __UK_NEWLIB_SYS_STATFS_H__ */
