/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/mount.h>, mount and umount (implemented by
 * vfscore).
 */
#ifndef __UK_NEWLIB_SYS_MOUNT_H__
#define __UK_NEWLIB_SYS_MOUNT_H__

#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_REMOUNT	32

#define MNT_FORCE	1
#define MNT_DETACH	2

int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif /* __UK_NEWLIB_SYS_MOUNT_H__ */
