/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: the console is the process's stdout (output) and stdin (input);
 * the error console (crash reports) its stderr. Works the same on a
 * terminal, a pipe or a file.
 */
#include <errno.h>
#include <uk/plat/console.h>
#include <linuxu/syscall.h>

struct linuxu_pollfd {
	int fd;
	short events;
	short revents;
};

#define POLLIN 1

static int write_all(int fd, const char *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = linuxu_syscall(__NR_write, fd, buf + done, len - done);

		if (n == -EINTR)
			continue;
		if (n < 0)
			return (int)n;
		done += (size_t)n;
	}
	return (int)done;
}

int ukplat_coutk(const char *buf, size_t len)
{
	return write_all(1, buf, len);
}

int ukplat_cerrk(const char *buf, size_t len)
{
	int n = write_all(2, buf, len);

	/* No stderr (closed): a report on stdout beats none. */
	return n == -EBADF ? write_all(1, buf, len) : n;
}

int ukplat_cink(char *buf, size_t maxlen)
{
	struct linuxu_pollfd pfd = { .fd = 0, .events = POLLIN };
	long n;

	if (maxlen == 0)
		return 0;
	n = linuxu_syscall(__NR_poll, &pfd, 1, 0);
	if (n == 0 || n == -EINTR)
		return 0;
	if (n < 0)
		return -EIO;
	n = linuxu_syscall(__NR_read, 0, buf, maxlen);
	if (n == 0)
		return -ENODATA;
	if (n == -EINTR || n == -EAGAIN)
		return 0;
	return n < 0 ? -EIO : (int)n;
}
