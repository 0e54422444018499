/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: non-standard allocation helpers (memalign, usable size). */
#ifndef __NOLIBC_MALLOC_H__
#define __NOLIBC_MALLOC_H__

#include <stdlib.h>

void *memalign(size_t align, size_t size);
size_t malloc_usable_size(void *ptr);

#endif /* __NOLIBC_MALLOC_H__ */
