/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: POSIX system data types (Linux x86_64-compatible widths). */
#ifndef __NOLIBC_SYS_TYPES_H__
#define __NOLIBC_SYS_TYPES_H__

#include <stddef.h>
#include <stdint.h>

typedef __PTRDIFF_TYPE__ ssize_t;
typedef int64_t off_t;
typedef int64_t off64_t;
typedef int64_t loff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef int64_t blkcnt_t;
typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef int key_t;
typedef void *timer_t;

/* BSD short names that ported code still uses. */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

#endif /* __NOLIBC_SYS_TYPES_H__ */
