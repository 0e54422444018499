/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: pipes between threads (blocking reads and writes) and
 * concurrent file creation. Runs only when a scheduler is selected.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/sched.h>
#include <uk/test.h>

#define TOTAL (1 << 20)

static int wfd;

static void writer(void *arg)
{
	static char chunk[3000];
	size_t sent = 0, i;

	(void)arg;
	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)i;
	while (sent < TOTAL) {
		size_t k = TOTAL - sent < sizeof(chunk) ? TOTAL - sent :
			sizeof(chunk);
		ssize_t n = write(wfd, chunk, k);

		if (n <= 0)
			break;
		sent += (size_t)n;
	}
	close(wfd);
}

UK_TESTCASE(vfscore_threads, pipe_between_threads)
{
	static char buf[5000];
	struct uk_thread *t;
	size_t got = 0;
	int p[2], bad = 0;
	ssize_t n;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	UK_TEST_EXPECT_EQ(pipe(p), 0);
	wfd = p[1];
	t = uk_thread_create(NULL, "pipew", NULL, writer, NULL);
	UK_TEST_EXPECT_NOT_NULL(t);
	if (!t)
		return;
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		ssize_t i;

		for (i = 0; i < n; i++)
			if (buf[i] != (char)((got + (size_t)i) % 3000))
				bad++;
		got += (size_t)n;
	}
	UK_TEST_EXPECT_EQ(n, 0);
	UK_TEST_EXPECT_EQ(got, TOTAL);
	UK_TEST_EXPECT_EQ(bad, 0);
	uk_thread_join(t, NULL);
	close(p[0]);
}

static void creator(void *arg)
{
	char name[64];
	int i;

	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/t_thr/%s%d", (char *)arg, i);
		close(open(name, O_WRONLY | O_CREAT, 0644));
		if (i % 2)
			unlink(name);
		uk_sched_yield();
	}
}

UK_TESTCASE(vfscore_threads, concurrent_creates)
{
	struct uk_thread *t[4];
	static char *tags[4] = { "a", "b", "c", "d" };
	char name[64];
	struct stat st;
	int i, j, present = 0;

	if (!uk_sched_started())
		UK_TEST_SKIP("needs a running scheduler");
	mkdir("/t_thr", 0755);
	for (i = 0; i < 4; i++)
		t[i] = uk_thread_create(NULL, "creat", NULL, creator, tags[i]);
	for (i = 0; i < 4; i++)
		if (t[i])
			uk_thread_join(t[i], NULL);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 200; j++) {
			snprintf(name, sizeof(name), "/t_thr/%s%d", tags[i], j);
			present += stat(name, &st) == 0;
		}
	}
	UK_TEST_EXPECT_EQ(present, 400);
}
