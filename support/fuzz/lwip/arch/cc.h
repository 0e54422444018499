/* SPDX-License-Identifier: BSD-3-Clause */
/* lwip's platform for the fuzz harness: the host's C library; a failed
 * lwip assertion is a finding. */
#ifndef __LWIP_ARCH_CC_H__
#define __LWIP_ARCH_CC_H__

#include <stdio.h>
#include <stdlib.h>

#define LWIP_PLATFORM_DIAG(x)	do { } while (0)
#define LWIP_PLATFORM_ASSERT(x)						\
	do {								\
		fprintf(stderr, "lwip assertion \"%s\" failed at %s:%d\n", \
			x, __FILE__, __LINE__);				\
		abort();						\
	} while (0)

#endif /* __LWIP_ARCH_CC_H__ */
