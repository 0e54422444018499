/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: the device file system, registered with vfscore as "devfs" and
 * mounted on /dev at boot. It holds null, zero, random, urandom, console
 * and tty; uk_devfs_random() is the generator behind random/urandom.
 */
#ifndef __UK_DEVFS_H__
#define __UK_DEVFS_H__

#include <stddef.h>

/*
 * Fills @buf with @len pseudo-random bytes (a xoshiro256** generator
 * seeded from the platform clocks at first use). Not cryptographically
 * strong: replace by ukswrand once it exists.
 */
void uk_devfs_random(void *buf, size_t len);

#endif /* __UK_DEVFS_H__ */
