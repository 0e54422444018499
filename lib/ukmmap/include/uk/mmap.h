/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmmap: anonymous memory mappings from the default allocator's pages.
 * Kernel-style calls (0 or -errno); <sys/mman.h> has the POSIX ones.
 * Flag and protection values are Linux's (see <sys/mman.h>).
 */
#ifndef __UK_MMAP_H__
#define __UK_MMAP_H__

#include <stddef.h>

/* Map @len bytes; *@out gets the address. Errors: -EINVAL (zero length,
 * unknown flags or prot, unaligned MAP_FIXED address or offset, MAP_FIXED
 * outside an existing mapping), -ENOTSUP (file mappings), -ENOMEM. */
int uk_mmap(void **out, void *addr, size_t len, int prot, int flags, int fd,
	    long off);
/* Unmap whole pages of [@addr, @addr + @len); unmapped parts are fine. */
int uk_munmap(void *addr, size_t len);
/* Change rights; -ENOMEM when part of the range is not mapped. */
int uk_mprotect(void *addr, size_t len, int prot);
/* Resize a mapping (MREMAP_MAYMOVE lets it move). -EFAULT when the old
 * range is not one mapping, -ENOMEM when it cannot grow in place. */
int uk_mremap(void **out, void *old, size_t old_len, size_t new_len,
	      int flags);
/* MADV_DONTNEED zeroes the pages; other advice is accepted and ignored. */
int uk_madvise(void *addr, size_t len, int advice);

/* Number of mappings and of mapped bytes (for tests and statistics). */
size_t uk_mmap_count(size_t *bytes);

#endif /* __UK_MMAP_H__ */
