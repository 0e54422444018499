/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/vfs.h>, the historical name of
 * <sys/statfs.h>.
 */
#ifndef __UK_NEWLIB_SYS_VFS_H__
#define __UK_NEWLIB_SYS_VFS_H__

#include <sys/statfs.h>

#endif /* __UK_NEWLIB_SYS_VFS_H__ */
