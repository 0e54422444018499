/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: fcntl record locks. POSIX locks belong to the process (the
 * image), OFD locks to the open file: conflicts, ranges split and merged,
 * locks dropped on close, errors, and (with a scheduler) a blocking
 * F_OFD_SETLKW woken by the unlock and a two-thread deadlock reported as
 * EDEADLK.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <uk/sched.h>
#include <uk/test.h>

#define FILE_NAME "/t_lock"

/* fcntl(@fd, @cmd) on a struct flock of @type, @start, @len (SEEK_SET);
 * the struct comes back in *@out when @out is not NULL. */
static int lk(int fd, int cmd, short type, off_t start, off_t len,
	      struct flock *out)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };
	int r = fcntl(fd, cmd, &fl);

	if (out)
		*out = fl;
	return r;
}

/* What F_OFD_GETLK on @fd says about a @type lock of [start, start+len):
 * the conflicting lock's type, or F_UNLCK; its range in *@fl. */
static short probe(int fd, short type, off_t start, off_t len,
		   struct flock *fl)
{
	if (lk(fd, F_OFD_GETLK, type, start, len, fl) < 0)
		return -1;
	return fl->l_type;
}

static int open_rw(void)
{
	return open(FILE_NAME, O_RDWR | O_CREAT, 0644);
}

UK_TESTCASE(vfscore_reclock, posix_locks_are_the_process)
{
	struct flock fl;
	int a = open_rw(), b = open_rw();

	UK_TEST_EXPECT(a >= 0 && b >= 0);
	/* Locks of one process never conflict, whatever the descriptor. */
	UK_TEST_EXPECT_EQ(lk(a, F_SETLK, F_WRLCK, 0, 10, NULL), 0);
	UK_TEST_EXPECT_EQ(lk(b, F_SETLK, F_WRLCK, 5, 10, NULL), 0);
	UK_TEST_EXPECT_EQ(lk(b, F_GETLK, F_WRLCK, 0, 0, &fl), 0);
	UK_TEST_EXPECT_EQ(fl.l_type, F_UNLCK);
	/* An open file description sees them: pid 1, merged [0, 15). */
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 3, 1, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 15);
	UK_TEST_EXPECT_EQ(fl.l_pid, 1);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_RDLCK, 14, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_RDLCK, 15, 1, NULL), 0);
	/* ... and the POSIX lock now conflicts with that OFD lock. */
	UK_TEST_EXPECT_EQ(lk(a, F_SETLK, F_WRLCK, 15, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(lk(a, F_GETLK, F_WRLCK, 10, 0, &fl), 0);
	UK_TEST_EXPECT_EQ(fl.l_type, F_RDLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 15);
	UK_TEST_EXPECT_EQ(fl.l_pid, -1);
	/* Closing any descriptor of the file drops the process's locks
	 * (here one that never took a lock), not the OFD lock. */
	close(open(FILE_NAME, O_RDONLY));
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 0, 15, &fl), F_UNLCK);
	UK_TEST_EXPECT_EQ(probe(a, F_WRLCK, 0, 0, &fl), F_RDLCK);
	close(a);
	close(b);
}

UK_TESTCASE(vfscore_reclock, ofd_ranges_split_and_merge)
{
	struct flock fl;
	int a = open_rw(), b = open_rw(), d;

	UK_TEST_EXPECT(a >= 0 && b >= 0);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 0, 100, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 50, 10, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 100);
	UK_TEST_EXPECT_EQ(fl.l_pid, -1);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 100, 0, &fl), F_UNLCK);
	/* A hole in the middle splits the lock in two. */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_UNLCK, 40, 20, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 40, 20, &fl), F_UNLCK);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 30, 20, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 40);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 59, 5, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 60);
	UK_TEST_EXPECT_EQ(fl.l_len, 40);
	/* A read lock in the hole: readers share it, writers do not. */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_RDLCK, 40, 20, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 40, 20, &fl), F_UNLCK);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_RDLCK, 45, 5, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 41, 1, &fl), F_RDLCK);
	/* b's shared read lock keeps a from writing there... */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 40, 20, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_UNLCK, 0, 0, NULL), 0);
	/* ... until it goes; then the write locks merge into [0, 100). */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 40, 20, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 99, 1, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 100);
	/* Adjacent ranges merge; a lock to end of file reports length 0;
	 * a negative length counts back from l_start. */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 100, 0, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 1000000, 1, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 0);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_UNLCK, 10, -5, NULL), 0);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 5, 5, &fl), F_UNLCK);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 4, 2, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 0);
	UK_TEST_EXPECT_EQ(fl.l_len, 5);
	/* OFD locks stay while a duplicate of the open file is open. */
	d = dup(a);
	close(a);
	UK_TEST_EXPECT_EQ(probe(b, F_RDLCK, 0, 1, &fl), F_WRLCK);
	close(d);
	UK_TEST_EXPECT_EQ(probe(b, F_WRLCK, 0, 0, &fl), F_UNLCK);
	close(b);
}

UK_TESTCASE(vfscore_reclock, errors)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int a = open_rw(), r = open(FILE_NAME, O_RDONLY);
	int w = open(FILE_NAME, O_WRONLY), p[2];

	UK_TEST_EXPECT(a >= 0 && r >= 0 && w >= 0);
	UK_TEST_EXPECT_EQ(lk(a, F_SETLK, 7, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(lk(a, F_GETLK, F_UNLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(lk(a, F_SETLK, F_RDLCK, -1, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	UK_TEST_EXPECT_EQ(lk(a, F_SETLK, F_RDLCK, 2, -3, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	fl.l_whence = 3;
	UK_TEST_EXPECT_EQ(fcntl(a, F_SETLK, &fl), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	/* SEEK_END counts from the size, SEEK_CUR from the position. */
	UK_TEST_EXPECT_EQ(ftruncate(a, 50), 0);
	UK_TEST_EXPECT_EQ(lseek(a, 20, SEEK_SET), 20);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_END;
	fl.l_start = -10;
	fl.l_len = 5;
	UK_TEST_EXPECT_EQ(fcntl(a, F_OFD_SETLK, &fl), 0);
	fl.l_whence = SEEK_CUR;
	fl.l_start = -10;
	fl.l_len = 5;
	UK_TEST_EXPECT_EQ(fcntl(a, F_OFD_SETLK, &fl), 0);
	UK_TEST_EXPECT_EQ(probe(r, F_RDLCK, 0, 0, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 10);
	UK_TEST_EXPECT_EQ(fl.l_len, 5);
	UK_TEST_EXPECT_EQ(probe(r, F_RDLCK, 15, 0, &fl), F_WRLCK);
	UK_TEST_EXPECT_EQ(fl.l_start, 40);
	/* The access mode must allow the lock's kind. */
	UK_TEST_EXPECT_EQ(lk(r, F_SETLK, F_WRLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(lk(w, F_SETLK, F_RDLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	UK_TEST_EXPECT_EQ(lk(r, F_SETLK, F_RDLCK, 0, 1, NULL), 0);
	UK_TEST_EXPECT_EQ(lk(-1, F_SETLK, F_RDLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EBADF);
	/* OFD requests must have l_pid 0. */
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 1;
	fl.l_pid = 1;
	UK_TEST_EXPECT_EQ(fcntl(r, F_OFD_SETLK, &fl), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	/* Files without a vnode have no locks. */
	UK_TEST_EXPECT(pipe(p) == 0);
	UK_TEST_EXPECT_EQ(lk(p[0], F_SETLK, F_RDLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
	close(p[0]);
	close(p[1]);
	close(a);
	close(r);
	close(w);
	unlink(FILE_NAME);
}

/* ---- with threads ---- */

struct req {
	int fd;
	off_t start;
	int result, err;
	volatile int done;
};

static void setlkw(void *arg)
{
	struct req *q = arg;

	q->result = lk(q->fd, F_OFD_SETLKW, F_WRLCK, q->start, 1, NULL);
	q->err = q->result < 0 ? errno : 0;
	q->done = 1;
}

UK_TESTCASE(vfscore_reclock, setlkw_waits_for_the_unlock)
{
	struct req q;
	struct uk_thread *t;
	int a, b, i;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	a = open_rw();
	b = open_rw();
	UK_TEST_EXPECT(a >= 0 && b >= 0);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 0, 0, NULL), 0);
	q = (struct req){ .fd = b, .start = 7 };
	t = uk_thread_create(NULL, "setlkw", NULL, setlkw, &q);
	UK_TEST_EXPECT(t != NULL);
	if (!t)
		return;
	for (i = 0; i < 20; i++)
		uk_sched_sleep_ns(1000000);
	/* Still waiting after 20 ms; the unlock lets it through. */
	UK_TEST_EXPECT_EQ(q.done, 0);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_UNLCK, 0, 0, NULL), 0);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(q.done, 1);
	UK_TEST_EXPECT_EQ(q.result, 0);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 7, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EAGAIN);
	close(b);
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 7, 1, NULL), 0);
	close(a);
}

UK_TESTCASE(vfscore_reclock, deadlock_is_edeadlk)
{
	struct req q;
	struct uk_thread *t;
	int a, b, i;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	a = open_rw();
	b = open_rw();
	UK_TEST_EXPECT(a >= 0 && b >= 0);
	/* a holds byte 0, b byte 1. A thread waits through a for byte 1;
	 * waiting through b for byte 0 would wait for that thread. */
	UK_TEST_EXPECT_EQ(lk(a, F_OFD_SETLK, F_WRLCK, 0, 1, NULL), 0);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_WRLCK, 1, 1, NULL), 0);
	q = (struct req){ .fd = a, .start = 1 };
	t = uk_thread_create(NULL, "setlkw", NULL, setlkw, &q);
	UK_TEST_EXPECT(t != NULL);
	if (!t)
		return;
	for (i = 0; i < 10 && !q.done; i++)
		uk_sched_sleep_ns(1000000);
	UK_TEST_EXPECT_EQ(q.done, 0);
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLKW, F_WRLCK, 0, 1, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EDEADLK);
	/* b gives up byte 1: the thread gets it. */
	UK_TEST_EXPECT_EQ(lk(b, F_OFD_SETLK, F_UNLCK, 1, 1, NULL), 0);
	uk_thread_join(t, NULL);
	UK_TEST_EXPECT_EQ(q.result, 0);
	close(a);
	close(b);
	unlink(FILE_NAME);
}
