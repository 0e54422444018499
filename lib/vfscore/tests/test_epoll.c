/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: epoll on pipes: the errors of epoll_ctl and epoll_wait as
 * Linux gives them, level- and edge-triggered and one-shot reporting,
 * HUP/ERR when an end closes, timeouts, items dropped on close, and
 * (with a scheduler) a wait woken by a write from another thread. The
 * ready list: reports in the order of readiness, level-triggered items
 * re-checked and re-queued at the tail, edges only for EPOLLET, one-shot
 * until MOD, EPOLLEXCLUSIVE, fair rotation under a small maxevents,
 * queued items removed by close and DEL, nested ready lists, and a wait
 * that asks only notified items (a file type counting its poll calls).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <uk/sched.h>
#include <uk/plat/time.h>
#include <uk/test.h>
#include <uk/vfs.h>

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

/* ---- the ready list ---- */

static int wr(int fd)
{
	return (int)write(fd, "r", 1);
}

/* The data of the @n events of @ev, as digits ("312"), for comparing
 * report orders in one check. */
static const char *order(const struct epoll_event *ev, int n)
{
	static char s[16];
	int i;

	for (i = 0; i < n && i < 15; i++)
		s[i] = (char)('0' + ev[i].data.u64);
	s[i < 0 ? 0 : i] = '\0';
	return s;
}

UK_TESTCASE(vfscore_epoll, reports_in_order_of_readiness)
{
	struct epoll_event ev[8];
	int ep = epoll_create1(0), p[4][2], i, n;
	char c;

	for (i = 0; i < 4; i++)
		UK_TEST_EXPECT_EQ(pipe(p[i]), 0);
	for (i = 1; i <= 3; i++)
		UK_TEST_EXPECT_EQ(add(ep, p[i][0], EPOLLIN, i), 0);
	/* ready 3, then 1, then 2: reported in that order, not in the
	 * order of registration or of descriptors (Linux's ready list) */
	UK_TEST_EXPECT_EQ(wr(p[3][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[1][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[2][1]), 1);
	n = epoll_wait(ep, ev, 8, 0);
	UK_TEST_EXPECT_EQ(n, 3);
	UK_TEST_EXPECT_STREQ(order(ev, n), "312");
	/* reported level-triggered items go back to the tail, in their
	 * order; a drained one drops off at the next look; ready again
	 * after 3 and 2 were re-queued, 1 comes last */
	UK_TEST_EXPECT_EQ(read(p[1][0], &c, 1), 1);
	n = epoll_wait(ep, ev, 8, 0);
	UK_TEST_EXPECT_STREQ(order(ev, n), "32");
	UK_TEST_EXPECT_EQ(wr(p[1][1]), 1);
	n = epoll_wait(ep, ev, 8, 0);
	UK_TEST_EXPECT_STREQ(order(ev, n), "321");
	/* an item added while ready is queued then, after those before */
	UK_TEST_EXPECT_EQ(read(p[3][0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(read(p[2][0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(read(p[1][0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 8, 0), 0);
	UK_TEST_EXPECT_EQ(wr(p[2][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[0][1]), 1);
	UK_TEST_EXPECT_EQ(add(ep, p[0][0], EPOLLIN, 4), 0);
	UK_TEST_EXPECT_EQ(wr(p[1][1]), 1);
	n = epoll_wait(ep, ev, 8, 0);
	UK_TEST_EXPECT_STREQ(order(ev, n), "241");
	for (i = 0; i < 4; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(ep);
}

UK_TESTCASE(vfscore_epoll, level_triggered_stays_while_ready)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], i;
	char c;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 1), 0);
	UK_TEST_EXPECT_EQ(write(p[1], "abc", 3), 3);
	/* reported at every wait while data is left, with no new event */
	for (i = 0; i < 3; i++) {
		UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
		UK_TEST_EXPECT_EQ(ev[0].events, EPOLLIN);
		UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	}
	/* re-checked at the report: drained, so no more */
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	/* drained between the event and the wait: not reported */
	UK_TEST_EXPECT_EQ(write(p[1], "d", 1), 1);
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, edge_triggered_reports_edges_only)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2];
	char c;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLET, 1), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[1], EPOLLOUT | EPOLLET, 2), 0);
	/* the write end was writable when added: one report */
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 2);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(write(p[1], "ab", 2), 2);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 1);
	/* reading part of the data is no edge for the read end, nor for
	 * the write end of a pipe far from full (Linux) */
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	/* new data is an edge even with data left */
	UK_TEST_EXPECT_EQ(write(p[1], "c", 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, oneshot_until_mod)
{
	struct epoll_event ev[4], m;
	int ep = epoll_create1(0), p[2];

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLONESHOT, 1), 0);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	/* disabled: neither the data left nor new data reports it */
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	/* MOD re-arms it, with its new data, and queues it (ready) */
	m.events = EPOLLIN | EPOLLONESHOT;
	m.data.u64 = 5;
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &m), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 5);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, exclusive_accepted)
{
	struct epoll_event ev[2], m;
	int ep = epoll_create1(0), p[2];

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1), 0);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 2, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].events, EPOLLIN);
	/* as Linux: MOD of or to an exclusive item is EINVAL */
	m.events = EPOLLIN;
	m.data.u64 = 2;
	UK_TEST_EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &m), EINVAL);
	UK_TEST_EXPECT_EQ(add(ep, p[1], EPOLLOUT, 3), 0);
	m.events = EPOLLOUT | EPOLLEXCLUSIVE;
	UK_TEST_EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &m), EINVAL);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, small_maxevents_rotates_fairly)
{
	struct epoll_event ev[8];
	int ep = epoll_create1(0), p[5][2], i, n;
	char got[32] = "";

	for (i = 0; i < 5; i++) {
		UK_TEST_EXPECT_EQ(pipe(p[i]), 0);
		UK_TEST_EXPECT_EQ(add(ep, p[i][0], EPOLLIN, i + 1), 0);
	}
	/* ready in the order 5 3 1 4 2, all staying ready */
	UK_TEST_EXPECT_EQ(wr(p[4][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[2][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[0][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[3][1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[1][1]), 1);
	/* two at a time: the unseen ones keep their place in front, the
	 * reported ones go to the back, so every item gets its turn */
	for (i = 0; i < 5; i++) {
		n = epoll_wait(ep, ev, 2, 0);
		UK_TEST_EXPECT_EQ(n, 2);
		strcat(got, order(ev, n));
		strcat(got, " ");
	}
	UK_TEST_EXPECT_STREQ(got, "53 14 25 31 42 ");
	for (i = 0; i < 5; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(ep);
}

UK_TESTCASE(vfscore_epoll, close_removes_queued_item)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], q[2], r[2];

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(pipe(q), 0);
	UK_TEST_EXPECT_EQ(add(ep, p[0], EPOLLIN, 1), 0);
	UK_TEST_EXPECT_EQ(add(ep, q[0], EPOLLIN, 2), 0);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	UK_TEST_EXPECT_EQ(wr(q[1]), 1);
	/* p's read end closes while on the ready list: gone, and its
	 * number, reused by a ready pipe, is not reported either */
	close(p[0]);
	UK_TEST_EXPECT_EQ(pipe(r), 0);
	UK_TEST_EXPECT_EQ(r[0], p[0]);
	UK_TEST_EXPECT_EQ(wr(r[1]), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 2);
	/* DEL takes a queued item off too */
	UK_TEST_EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	/* the number can be added again for its new file */
	UK_TEST_EXPECT_EQ(add(ep, r[0], EPOLLIN, 3), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 3);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(r[0]);
	close(r[1]);
	close(ep);
}

UK_TESTCASE(vfscore_epoll, nested_ready_lists)
{
	struct epoll_event ev[4];
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2], q[2];
	char c;

	UK_TEST_EXPECT_EQ(pipe(p), 0);
	UK_TEST_EXPECT_EQ(pipe(q), 0);
	UK_TEST_EXPECT_EQ(add(inner, p[0], EPOLLIN, 1), 0);
	UK_TEST_EXPECT_EQ(add(inner, q[0], EPOLLIN, 2), 0);
	UK_TEST_EXPECT_EQ(add(outer, inner, EPOLLIN | EPOLLET, 7), 0);
	UK_TEST_EXPECT_EQ(add(outer, q[0], EPOLLIN, 8), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(wr(q[1]), 1);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	/* the outer one sees q, then the inner one; the inner one's
	 * readiness check leaves its own order alone */
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 4, 0), 2);
	UK_TEST_EXPECT_STREQ(order(ev, 2), "87");
	UK_TEST_EXPECT_EQ(epoll_wait(inner, ev, 4, 0), 2);
	UK_TEST_EXPECT_STREQ(order(ev, 2), "21");
	/* edge-triggered on the inner one: no new event, no report */
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 8);
	UK_TEST_EXPECT_EQ(read(q[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(read(p[0], &c, 1), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(wr(p[1]), 1);
	UK_TEST_EXPECT_EQ(epoll_wait(outer, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 7);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(inner);
	close(outer);
}

/* A file type that counts the calls of its poll op. */
static unsigned int counted_polls;
static int counted_ready;

static unsigned int counted_poll(struct uk_file *f, unsigned long *seq)
{
	counted_polls++;
	*seq = 0;
	return f->priv == &counted_ready ? UK_POLLIN : 0;
}

static const struct uk_file_ops counted_fops = {
	.poll = counted_poll,
};

UK_TESTCASE(vfscore_epoll, wait_costs_ready_items_only)
{
	struct epoll_event ev[4];
	struct uk_file *f[100];
	int ep = epoll_create1(0), fd[100], i, ok = 1;

	for (i = 0; i < 100; i++) {
		f[i] = uk_file_alloc(&counted_fops, O_RDWR, NULL);
		UK_TEST_EXPECT_NOT_NULL(f[i]);
		if (!f[i])
			return;
		f[i]->poll_notify = 1;
		fd[i] = uk_fd_install(f[i], 0);
		ok &= fd[i] >= 0 && add(ep, fd[i], EPOLLIN, i) == 0;
	}
	UK_TEST_EXPECT(ok);
	/* 100 idle items: a wait asks none of them */
	counted_polls = 0;
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(counted_polls, 0);
	/* one notified and ready: one poll call, one report */
	f[57]->priv = &counted_ready;
	uk_file_poll_notify(f[57]);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 1);
	UK_TEST_EXPECT_EQ(ev[0].data.u64, 57);
	UK_TEST_EXPECT_EQ(counted_polls, 1);
	/* no longer ready: looked at once more (level-triggered), then
	 * not at all */
	f[57]->priv = NULL;
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(epoll_wait(ep, ev, 4, 0), 0);
	UK_TEST_EXPECT_EQ(counted_polls, 2);
	for (i = 0; i < 100; i++)
		close(fd[i]);
	close(ep);
}
