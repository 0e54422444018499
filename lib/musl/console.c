/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Without vfscore there are no file descriptors, but musl's stdout and
 * stderr still write to descriptors 1 and 2: send those to the platform
 * console, as nolibc does.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <uk/plat/console.h>
#include <uk/syscall.h>

UK_SYSCALL_R_DEFINE(ssize_t, write, int, fd, const void *, buf, size_t, len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	ukplat_coutk(buf, len);
	return len;
}

UK_SYSCALL_R_DEFINE(ssize_t, writev, int, fd, const struct iovec *, iov,
		    int, iovcnt)
{
	ssize_t n = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (iovcnt < 0)
		return -EINVAL;
	for (int i = 0; i < iovcnt; i++) {
		ukplat_coutk(iov[i].iov_base, iov[i].iov_len);
		n += iov[i].iov_len;
	}
	return n;
}

/* A terminal size makes musl line-buffer stdout, as a console should. */
UK_SYSCALL_R_DEFINE(int, ioctl, int, fd, unsigned long, req, void *, arg)
{
	struct winsize *ws = arg;

	if (fd < 0 || fd > 2)
		return -EBADF;
	if (req != TIOCGWINSZ)
		return -ENOTTY;
	ws->ws_row = 24;
	ws->ws_col = 80;
	ws->ws_xpixel = 0;
	ws->ws_ypixel = 0;
	return 0;
}
