/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <fcntl.h>, plus the flags vfscore knows that newlib defines
 * only for GNU sources or not at all (O_LARGEFILE: every file is large),
 * and Linux's open file description locks, which vfscore implements (with
 * Linux's numbers, which no newlib command uses).
 */
#include_next <fcntl.h>

#ifndef __UK_NEWLIB_FCNTL_H__
#define __UK_NEWLIB_FCNTL_H__
#ifndef O_LARGEFILE
#define O_LARGEFILE	0
#endif
#ifndef O_ASYNC
#define O_ASYNC		_FASYNC
#endif
#ifndef O_NOATIME
#define O_NOATIME	0x1000000	/* newlib's _FNOATIME */
#endif
#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH	16
#endif
#endif
