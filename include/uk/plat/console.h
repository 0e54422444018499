/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: the kernel console. Every platform provides one; it is used
 * for kernel messages (ukdebug) and, with nolibc, for stdin/stdout/stderr.
 */
#ifndef __UK_PLAT_CONSOLE_H__
#define __UK_PLAT_CONSOLE_H__

#include <stddef.h>

/*
 * Write @len bytes of @buf to the console. Blocks until all are written.
 * Returns the number of bytes written or a negative errno.
 */
int ukplat_coutk(const char *buf, size_t len);

/*
 * Write @len bytes to the error console: crash reports and critical
 * kernel messages. linuxu: the process's stderr (its stdout when stderr
 * is closed), so that they do not mix with the program's output; kvm and
 * xen: the one serial console, as ukplat_coutk(). Returns as
 * ukplat_coutk().
 */
int ukplat_cerrk(const char *buf, size_t len);

/*
 * Read up to @maxlen bytes into @buf without blocking.
 * Returns the number of bytes read (0 when none is waiting), or -EIO.
 * Returns -ENODATA (negative) at end of input (linuxu: stdin reached EOF).
 */
int ukplat_cink(char *buf, size_t maxlen);

#endif /* __UK_PLAT_CONSOLE_H__ */
