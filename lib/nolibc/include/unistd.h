/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the POSIX <unistd.h> pieces Tessera provides so far: sleeping
 * (uktime).
 */
#ifndef __NOLIBC_UNISTD_H__
#define __NOLIBC_UNISTD_H__

#include <stddef.h>
#include <sys/types.h>

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

#endif /* __NOLIBC_UNISTD_H__ */
