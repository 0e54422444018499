/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: the device file system, registered with vfscore as "devfs" and
 * mounted on /dev at boot. It holds null, zero, random, urandom, console
 * and tty. random and urandom read from ukswrand (ChaCha20).
 */
#ifndef __UK_DEVFS_H__
#define __UK_DEVFS_H__

/* st_rdev of the nodes, as on Linux (major << 8 | minor). */
#define UK_DEVFS_NULL		((1 << 8) | 3)
#define UK_DEVFS_ZERO		((1 << 8) | 5)
#define UK_DEVFS_RANDOM		((1 << 8) | 8)
#define UK_DEVFS_URANDOM	((1 << 8) | 9)
#define UK_DEVFS_TTY		((5 << 8) | 0)
#define UK_DEVFS_CONSOLE	((5 << 8) | 1)

#endif /* __UK_DEVFS_H__ */
