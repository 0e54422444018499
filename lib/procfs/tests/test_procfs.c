/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * procfs: every file read through the file calls, its fields held
 * against posix-sysinfo's figures; the tree is read-only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/sysinfo.h>
#include <uk/test.h>

static char text[4096];

/* The whole file at @path into text[], NUL-terminated; its length. */
static long slurp(const char *path)
{
	long n = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	/* In small pieces, to exercise offsets. */
	while ((r = read(fd, text + n, 7)) > 0 && n < (long)sizeof(text) - 8)
		n += r;
	close(fd);
	text[n] = '\0';
	return r < 0 ? -1 : n;
}

/* The number after "@key" at the start of a line of text[]; -1 if none. */
static long field(const char *key)
{
	size_t kl = strlen(key);

	for (const char *p = text; p && *p;) {
		if (!strncmp(p, key, kl))
			return strtol(p + kl, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* The @n-th space-separated field (1-based) of text[]. */
static long nth(int n)
{
	const char *p = strrchr(text, ')');	/* after "(comm)" */
	int i = 2;

	while (p && i < n) {
		p = strchr(p + 1, ' ');
		i++;
	}
	return p ? strtol(p + 1, NULL, 10) : -1;
}

UK_TESTCASE(procfs, self_status_memory)
{
	struct uk_sysinfo_mem m;
	long rss, hwm;

	UK_TEST_EXPECT(slurp("/proc/self/status") > 0);
	uk_sysinfo_mem_get(&m);
	rss = field("VmRSS:");
	hwm = field("VmHWM:");
	UK_TEST_EXPECT(!strncmp(text, "Name:\t", 6));
	UK_TEST_EXPECT_EQ(field("Pid:"), 1);
	UK_TEST_EXPECT_EQ(field("PPid:"), 0);
	UK_TEST_EXPECT_EQ(field("VmSize:"), (long)(m.total >> 10));
	/* The heap moves a little between the two readings. */
	UK_TEST_EXPECT(rss > (long)(m.image >> 10) &&
		       labs(rss - (long)((m.image + m.used) >> 10)) < 256);
	UK_TEST_EXPECT(hwm >= rss);
	UK_TEST_EXPECT(field("Threads:") >= 1);
	UK_TEST_EXPECT(strstr(text, "\nUid:\t0\t0\t0\t0\n") != NULL);
}

UK_TESTCASE(procfs, self_stat_fields)
{
	struct uk_sysinfo_mem m;
	char comm[UK_SYSINFO_COMM_LEN], want[40];
	long rss;

	UK_TEST_EXPECT(slurp("/proc/self/stat") > 0);
	uk_sysinfo_comm(comm);
	strcpy(want, "1 (");
	strcat(want, comm);
	strcat(want, ") R 0 1 1 ");
	UK_TEST_EXPECT(!strncmp(text, want, strlen(want)));
	uk_sysinfo_mem_get(&m);
	/* Field 24 is rss in pages (what Redis reads), 23 vsize. */
	rss = nth(24);
	UK_TEST_EXPECT(labs(rss - (long)((m.image + m.used) / 4096)) < 64);
	UK_TEST_EXPECT_EQ(nth(23), (long)m.total);
	/* 52 fields: 51 spaces after the pid. */
	{
		int spaces = 0;

		for (char *p = strrchr(text, ')'); *p; p++)
			spaces += *p == ' ';
		UK_TEST_EXPECT_EQ(spaces, 50);
	}
	UK_TEST_EXPECT(slurp("/proc/self/statm") > 0);
	UK_TEST_EXPECT_EQ(strtol(text, NULL, 10),
			  (long)((m.total + 4095) / 4096));
}

UK_TESTCASE(procfs, meminfo_and_others)
{
	struct uk_sysinfo_mem m;

	UK_TEST_EXPECT(slurp("/proc/meminfo") > 0);
	uk_sysinfo_mem_get(&m);
	UK_TEST_EXPECT(!strncmp(text, "MemTotal:       ", 16));
	UK_TEST_EXPECT_EQ(field("MemTotal:"), (long)(m.total >> 10));
	UK_TEST_EXPECT(field("MemFree:") > 0);
	UK_TEST_EXPECT_EQ(field("SwapTotal:"), 0);
	UK_TEST_EXPECT(slurp("/proc/cpuinfo") > 0);
	UK_TEST_EXPECT_EQ(field("processor\t: "), 0);
	UK_TEST_EXPECT(slurp("/proc/uptime") > 0);
	UK_TEST_EXPECT(strchr(text, '.') != NULL);
	UK_TEST_EXPECT(slurp("/proc/self/comm") > 0);
	UK_TEST_EXPECT(text[0] && text[strlen(text) - 1] == '\n');
}

UK_TESTCASE(procfs, links_and_read_only)
{
	char buf[64];
	ssize_t n;

	n = readlink("/proc/self", buf, sizeof(buf));
	UK_TEST_EXPECT_EQ(n, 1);
	UK_TEST_EXPECT_EQ(buf[0], '1');
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	UK_TEST_EXPECT(n > 1 && buf[0] == '/');
	UK_TEST_EXPECT(slurp("/proc/1/cmdline") > 0);
	UK_TEST_EXPECT_ERRNO(open("/proc/self/status", O_WRONLY), EROFS);
	UK_TEST_EXPECT_ERRNO(open("/proc/new", O_CREAT | O_WRONLY, 0644),
			     EROFS);
	UK_TEST_EXPECT_ERRNO(open("/proc/self/nothing", O_RDONLY), ENOENT);
}
