/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/uio.h>, scatter/gather I/O (implemented by
 * vfscore).
 */
#ifndef __UK_NEWLIB_SYS_UIO_H__
#define __UK_NEWLIB_SYS_UIO_H__

#include <sys/types.h>

#define UIO_MAXIOV	1024
#ifndef IOV_MAX
#define IOV_MAX		UIO_MAXIOV
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t off);

#endif /* __UK_NEWLIB_SYS_UIO_H__ */
