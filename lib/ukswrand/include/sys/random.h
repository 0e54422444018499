/* SPDX-License-Identifier: BSD-3-Clause */
/* getrandom() and getentropy(), served by ukswrand. */
#ifndef __SYS_RANDOM_H__
#define __SYS_RANDOM_H__

#include <stddef.h>
#include <sys/types.h>

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

/* Always returns @len: the generator is seeded before main() runs. */
ssize_t getrandom(void *buf, size_t len, unsigned int flags);

/* At most 256 bytes (else -1 and EIO, as on Linux and OpenBSD). */
int getentropy(void *buf, size_t len);

#endif /* __SYS_RANDOM_H__ */
