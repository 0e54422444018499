/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <time.h>, plus timegm() (lib/newlib/timegm.c), which newlib
 * 3.3.0 does not have but BSD, glibc and musl do.
 */
#include_next <time.h>

#ifndef __UK_NEWLIB_TIME_H__
#define __UK_NEWLIB_TIME_H__
#if __BSD_VISIBLE || __GNU_VISIBLE
time_t timegm(struct tm *tm);
#endif
#endif
