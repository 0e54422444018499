/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-eventfd: Linux's eventfd descriptors on vfscore. The calls are
 * eventfd(initval) and eventfd2(initval, flags); the C library's
 * eventfd(initval, flags) (<sys/eventfd.h>, or the one defined here
 * with nolibc) uses eventfd2. A descriptor holds a 64-bit counter:
 *
 * - write(fd, &u64, 8) adds the value; 0xffffffffffffffff is EINVAL;
 *   a sum above 0xfffffffffffffffe blocks (EAGAIN with EFD_NONBLOCK)
 *   until a read makes room.
 * - read(fd, &u64, 8) returns the counter and zeroes it, or with
 *   EFD_SEMAPHORE returns 1 and decrements it; a zero counter blocks
 *   (EAGAIN with EFD_NONBLOCK). Buffers under 8 bytes are EINVAL.
 * - poll: readable while the counter is non-zero, writable while at
 *   least 1 can be added without blocking.
 *
 * A signal interrupts a blocked read or write (restarted under
 * SA_RESTART), as on Linux.
 */
#ifndef __UK_EVENTFD_H__
#define __UK_EVENTFD_H__

/* Linux's flag values (EFD_CLOEXEC = O_CLOEXEC, EFD_NONBLOCK =
 * O_NONBLOCK on x86_64). */
#define UK_EFD_SEMAPHORE	00000001
#define UK_EFD_NONBLOCK		00004000
#define UK_EFD_CLOEXEC		02000000

#define UK_EVENTFD_MAX		0xfffffffffffffffeULL

#endif /* __UK_EVENTFD_H__ */
