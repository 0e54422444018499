/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <sys/stat.h>, plus what it declares only for some systems:
 * lstat(), mknod() and the special times of utimensat() and futimens()
 * (implemented by vfscore).
 */
#include_next <sys/stat.h>

#ifndef __UK_NEWLIB_SYS_STAT_H__
#define __UK_NEWLIB_SYS_STAT_H__
#ifndef UTIME_NOW
#define UTIME_NOW	-2L
#define UTIME_OMIT	-1L
#endif

int lstat(const char *__restrict path, struct stat *__restrict st);
int mknod(const char *path, mode_t mode, dev_t dev);
#endif
