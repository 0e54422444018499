/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip architecture definitions for Tessera: types from the C library,
 * byte order, diagnostics through uk_pr_*, random numbers from ukswrand.
 */
#ifndef __LWIP_ARCH_CC_H__
#define __LWIP_ARCH_CC_H__

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/time.h>
#include <sys/ioctl.h>
#include <uk/print.h>
#include <uk/assert.h>
#include <uk/swrand.h>

/* lwip defines the socket ioctls it does not implement, SIOCATMARK among
 * them, unless SIOCSHIWAT is known; musl's <sys/ioctl.h> has SIOCATMARK
 * only. Nothing in lwip uses it. */
#undef SIOCATMARK

/* A libc's <machine/endian.h> (newlib's) may have defined it already. */
#ifndef BYTE_ORDER
#define BYTE_ORDER			LITTLE_ENDIAN
#endif
#define LWIP_ERRNO_STDINCLUDE		1
#define LWIP_NO_UNISTD_H		0

#define LWIP_PLATFORM_DIAG(x)		do { uk_pr_info x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)						\
	do {								\
		uk_pr_crit("lwip assertion \"%s\" failed at %s:%d\n",	\
			   x, __FILE__, __LINE__);			\
		abort();						\
	} while (0)

#define LWIP_RAND()			uk_swrand_u32()

#endif /* __LWIP_ARCH_CC_H__ */
