/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: struct timeval and gettimeofday() (in uktime). */
#ifndef __NOLIBC_SYS_TIME_H__
#define __NOLIBC_SYS_TIME_H__

#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *tv, void *tz);

#endif /* __NOLIBC_SYS_TIME_H__ */
