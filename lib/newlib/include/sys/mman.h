/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): memory mappings (POSIX <sys/mman.h>, Linux
 * flag values). Only anonymous mappings exist; the functions are in
 * lib/ukmmap (LIBUKMMAP); without it mmap(), munmap() and mremap() fail
 * with ENOSYS (lib/newlib/mman.c).
 */
#ifndef __UK_NEWLIB_SYS_MMAN_H__
#define __UK_NEWLIB_SYS_MMAN_H__

#include <stddef.h>
#include <sys/types.h>

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_ANON	MAP_ANONYMOUS
#define MAP_GROWSDOWN	0x0100
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_STACK	0x20000

#define MAP_FAILED	((void *)-1)

#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8

#define POSIX_MADV_NORMAL	MADV_NORMAL
#define POSIX_MADV_RANDOM	MADV_RANDOM
#define POSIX_MADV_SEQUENTIAL	MADV_SEQUENTIAL
#define POSIX_MADV_WILLNEED	MADV_WILLNEED
#define POSIX_MADV_DONTNEED	MADV_DONTNEED

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...);
int madvise(void *addr, size_t len, int advice);
int posix_madvise(void *addr, size_t len, int advice);

#endif /* __UK_NEWLIB_SYS_MMAN_H__ */
