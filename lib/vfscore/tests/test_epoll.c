/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: epoll on pipes: the errors of epoll_ctl and epoll_wait as
 * Linux gives them, level- and edge-triggered and one-shot reporting,
 * HUP/ERR when an end closes, timeouts, items dropped on close, and
 * (with a scheduler) a wait woken by a write from another thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <uk/sched.h>
#include <uk/plat/time.h>
#include <uk/test.h>

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.u64 = data;
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

UK_TESTCASE(vfscore_epoll, create_and_errors)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep, p[2], file, e2;

#ifndef CONFIG_LIBMUSL
	/* musl 1.2.3's epoll_create() drops its size argument. */
	UK_TEST_EXPECT_EQ(epoll_create(0), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
#endif
	UK_TEST_EXPECT_EQ(epoll_create1(12345), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	ep = epoll_create1(EPOLL_CLOEXEC);
	UK_TEST_EXPECT(ep >= 0);
	UK_TEST_EXPECT_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC);
	e2 = epoll_create(1);
	UK_TEST_EXPECT(e2 >= 0);
	UK_TEST_EXPECT_EQ(fcntl(e2, F_GETFD), 0);
	UK_TEST_EXPECT_EQ(pipe(p), 0);

	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	/* not an epoll descriptor */
	UK_TEST_EXPECT_EQ(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, 77, p[0], &ev), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 1), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 1), -1);
	UK_TEST_EXPECT_EQ(errno, EEXIST);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), -1);
	UK_TEST_EXPECT_EQ(errno, ENOENT);

	/* a regular file cannot be watched */
	file = open("/t_epoll_file", O_RDWR | O_CREAT, 0644);
	UK_TEST_EXPECT(file >= 0);
	UK_TEST_EXPECT_EQ(add(ep, file, EPOLLIN, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EPERM);
	close(file);
	unlink("/t_epoll_file");

	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 0, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(epoll_wait(p[0], &ev, 1, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(epoll_wait(999, &ev, 1, 0), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	close(p[0]);
	close(p[1]);
	close(ep);
	close(e2);
}

UK_TESTCASE(vfscore_epoll, level_edge_oneshot)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], q[2];
	char c;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(pipe(q), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 10), 0);
	UK_TEST_EXPECT_EQ(add(ep, q[0], EPOLLIN | EPOLLET, 20), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[1], EPOLLOUT | EPOLLONESHOT, 30), 0);

	/* only the write end is ready, and only once (one-shot) */
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].events, EPOLLOUT);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 30);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);

	/* level-triggered: reported until read */
	UK_TEST_EXPECT_EQ(write(p[1], "ab", 2), 2);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 10);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);

	/* edge-triggered: once per new write, even with data left */
	UK_TEST_EXPECT_EQ(write(q[1], "xy", 2), 2);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 20);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(write(q[1], "z", 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);

	/* MOD re-arms the one-shot item */
	ev[0].events = EPOLLOUT;
	ev[0].data.u64 = 31;
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev[0]), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 31);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);

	/* maxevents limits the count; both are reported over two calls */
	UK_TEST_EXPECT_EQ(write(p[1], "a", 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 1, 0), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev[1], 1, 0), 1);
	UK_TEST_EXPECT_NE(ev[0].data.u64, ev[1].data.u64);

	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, hup_err_and_close)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], q[2];

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(pipe(q), 0);
	/* HUP and ERR are reported even when not asked for */
	UK_TEST_EXPECT_EQ(add(ep, p[0], 0, 1), 0);
	UK_TEST_EXPECT_EQ(add(ep, q[1], 0, 2), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	close(p[1]);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].events, EPOLLHUP);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 1);
	close(q[0]);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 2);

	/* a closed descriptor leaves the list; its number can be reused */
	close(p[0]);
	close(q[1]);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 5), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, timeout)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];
	uint64_t t0;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 0), 0);
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 1, 30), 0);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 30000000ULL);
	UK_TEST_EXPECT_EQ(epoll_pwait(ep, &ev, 1, 0, NULL), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

static int wake_fd;

static void late_writer(void *arg)
{
	(void)arg;
	uk_sched_sleep_ns(20000000ULL);
	write(wake_fd, "w", 1);
}

UK_TESTCASE(vfscore_epoll, woken_by_other_thread)
{
	struct epoll_event ev;
	struct uk_thread *t;
	int ep, p[2];

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	ep = epoll_create1(0);
	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLET, 7), 0);
	wake_fd = p[1];
	t = uk_thread_create(NULL, "epw", NULL, late_writer, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	UK_TEST_EXPECT_EQ(epoll_wait(ep, &ev, 1, -1), 1);
	UK_TEST_EXPECT_EQ(ev.events, EPOLLIN);
	UK_TEST_EXPECT_EQ(ev.data.u64, 7);
	uk_thread_join(t, NULL);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, nested)
{
	struct epoll_event ev[2];
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2];
	char c;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(inner, p[0], EPOLLIN, 1), 0);
	UK_TEST_EXPECT_EQ(add(outer, inner, EPOLLIN, 2), 0);
	/* a cycle is refused */
	UK_TEST_EXPECT_EQ(add(inner, outer, EPOLLIN, 3), -1);
	UK_TEST_EXPECT_EQ(errno, ELOOP);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 2, 0), 0);
	UK_TEST_EXPECT_EQ(write(p[1], "n", 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 2, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].events, EPOLLIN);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 2);
	UK_TEST_EXPECT_EQ(epoll_wait(inner, ev, 2, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 1);
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 2, 0), 0);
	close(p[0]);
	close(p[1]);
	close(inner);
	close(outer);
}
