/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: <sys/vfs.h>, the historical name of <sys/statfs.h>. */
#ifndef __NOLIBC_SYS_VFS_H__
#define __NOLIBC_SYS_VFS_H__

#include <sys/statfs.h>

#endif /* __NOLIBC_SYS_VFS_H__ */
