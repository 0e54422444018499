/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-eventfd tests: counter and semaphore reads, the overflow limit,
 * EAGAIN, Linux's errors, poll readiness through epoll, and (with a
 * scheduler) a blocked read woken by another thread's write.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/config.h>
#include <uk/eventfd.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/test.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

static int efd(unsigned int init, int flags)
{
	long r = uk_syscall_r_eventfd2(init, flags);

	if (uk_syscall_is_err(r)) {
		errno = (int)-r;
		return -1;
	}
	return (int)r;
}

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return 0xdead;
	return v;
}

static ssize_t wr(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v));
}

/* The readiness bits of @fd, as an epoll of its own sees them. */
static uint32_t ready(int fd)
{
	struct { uint32_t events; uint64_t data; } __packed ev = { 5, 0 };
	int ep = (int)uk_syscall_r_epoll_create1(0);
	uint32_t r = 0;

	/* EPOLLIN | EPOLLOUT, EPOLL_CTL_ADD */
	if (ep >= 0 && !uk_syscall_r_epoll_ctl(ep, 1, fd, (long)&ev) &&
	    uk_syscall_r_epoll_wait(ep, (long)&ev, 1, 0) == 1)
		r = ev.events;
	close(ep);
	return r;
}

UK_TESTCASE(posix_eventfd, counter)
{
	uint64_t v = 0;
	struct stat st;
	int fd = efd(5, UK_EFD_NONBLOCK | UK_EFD_CLOEXEC);

	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	UK_TEST_EXPECT(fcntl(fd, F_GETFL) & O_NONBLOCK);
	UK_TEST_EXPECT_EQ(wr(fd, 3), 8);
	UK_TEST_EXPECT_EQ(wr(fd, 0), 8);
	UK_TEST_EXPECT_EQ(rd(fd), 8);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 7), EINVAL);
	UK_TEST_EXPECT_ERRNO(write(fd, &v, 4), EINVAL);
	/* A larger buffer reads 8 bytes. */
	wr(fd, 2);
	{
		unsigned char big[16];

		UK_TEST_EXPECT_EQ(read(fd, big, sizeof(big)), 8);
	}
	UK_TEST_EXPECT_EQ(fstat(fd, &st), 0);
	UK_TEST_EXPECT_EQ(st.st_mode, 0600);
	UK_TEST_EXPECT_ERRNO(efd(0, 0x10), EINVAL);
	close(fd);
}

UK_TESTCASE(posix_eventfd, semaphore)
{
	int fd = efd(2, UK_EFD_SEMAPHORE | UK_EFD_NONBLOCK);
	uint64_t v;

	UK_TEST_EXPECT(fd >= 0);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	wr(fd, 3);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_EQ(rd(fd), 1);
	UK_TEST_EXPECT_ERRNO(read(fd, &v, 8), EAGAIN);
	close(fd);
}

UK_TESTCASE(posix_eventfd, overflow_and_readiness)
{
	int fd = efd(0, UK_EFD_NONBLOCK);

	UK_TEST_EXPECT(fd >= 0);
	/* EPOLLOUT only */
	UK_TEST_EXPECT_EQ(ready(fd), 4);
	UK_TEST_EXPECT_ERRNO(wr(fd, UINT64_MAX), EINVAL);
	UK_TEST_EXPECT_EQ(wr(fd, UK_EVENTFD_MAX - 1), 8);
	UK_TEST_EXPECT_EQ(ready(fd), 5);
	UK_TEST_EXPECT_ERRNO(wr(fd, 2), EAGAIN);
	UK_TEST_EXPECT_EQ(wr(fd, 1), 8);
	/* Full: readable, not writable; adding 0 still works. */
	UK_TEST_EXPECT_EQ(ready(fd), 1);
	UK_TEST_EXPECT_ERRNO(wr(fd, 1), EAGAIN);
	UK_TEST_EXPECT_EQ(wr(fd, 0), 8);
	UK_TEST_EXPECT_EQ(rd(fd), UK_EVENTFD_MAX);
	UK_TEST_EXPECT_EQ(ready(fd), 4);
	close(fd);
}

#if CONFIG_LIBUKSCHED
static void writer(void *arg)
{
	uk_sched_sleep_ns(20000000);
	wr(*(int *)arg, 42);
}
#endif

UK_TESTCASE(posix_eventfd, blocked_read_woken_by_write)
{
#if CONFIG_LIBUKSCHED
	struct uk_thread *t;
	int fd = efd(0, 0);

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	UK_TEST_EXPECT(fd >= 0);
	t = uk_thread_create(NULL, "efd-writer", NULL, writer, &fd);
	UK_TEST_EXPECT_NOT_NULL(t);
	UK_TEST_EXPECT_EQ(rd(fd), 42);
	uk_thread_join(t, NULL);
	close(fd);
#else
	UK_TEST_SKIP("needs a scheduler");
#endif
}
