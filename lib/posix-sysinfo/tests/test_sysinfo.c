/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-sysinfo: values and errors of each call through its raw entry
 * (Linux's structures, any C library) and its errno entry; with musl
 * also what musl's sysconf(), uname() and getrlimit() make of them.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/config.h>
#include <uk/plat/memory.h>
#include <uk/syscall.h>
#include <uk/sysinfo.h>
#include <uk/test.h>
#include <uk/bits/syscall_static.h>
#if CONFIG_LIBVFSCORE
#include <uk/vfs.h>
#endif
#if CONFIG_LIBMUSL
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#endif

struct t_rlimit {
	unsigned long cur, max;
};

struct t_utsname {
	char f[6][65];
};


struct t_rusage {
	long utime[2], stime[2];
	long maxrss, rest[13];
};

int uk_syscall_e_getrlimit(int res, struct t_rlimit *rl);
int uk_syscall_e_setrlimit(int res, const struct t_rlimit *rl);
int uk_syscall_e_prctl(int opt, unsigned long a2, unsigned long a3,
		       unsigned long a4, unsigned long a5);

#define R(name, ...) uk_syscall_r_##name(__VA_ARGS__)
#define L(x) ((long)(x))

UK_TESTCASE(sysinfo, uname_fields)
{
	struct t_utsname u;

	memset(&u, 'x', sizeof(u));
	UK_TEST_EXPECT_EQ(R(uname, L(&u)), 0);
	UK_TEST_EXPECT_STREQ(u.f[0], CONFIG_LIBPOSIX_SYSINFO_SYSNAME);
	UK_TEST_EXPECT_STREQ(u.f[1], CONFIG_LIBPOSIX_SYSINFO_NODENAME);
	UK_TEST_EXPECT_STREQ(u.f[2], CONFIG_LIBPOSIX_SYSINFO_RELEASE);
	UK_TEST_EXPECT_STREQ(u.f[3], CONFIG_LIBPOSIX_SYSINFO_VERSION);
	UK_TEST_EXPECT_STREQ(u.f[4], "x86_64");
	UK_TEST_EXPECT_STREQ(u.f[5], "(none)");
	UK_TEST_EXPECT_EQ(R(uname, 0), -EFAULT);
}

UK_TESTCASE(sysinfo, sethostname)
{
	static const char name[] = "node-a.example";
	char long_name[66];
	struct t_utsname u;

	UK_TEST_EXPECT_EQ(R(sethostname, L(name), 6), 0);
	R(uname, L(&u));
	UK_TEST_EXPECT_STREQ(u.f[1], "node-a");
	memset(long_name, 'n', sizeof(long_name));
	UK_TEST_EXPECT_EQ(R(sethostname, L(long_name), 65), -EINVAL);
	UK_TEST_EXPECT_EQ(R(sethostname, L(long_name), 64), 0);
	R(uname, L(&u));
	UK_TEST_EXPECT_EQ(strlen(u.f[1]), 64);
	UK_TEST_EXPECT_EQ(R(sethostname, L(CONFIG_LIBPOSIX_SYSINFO_NODENAME),
			    strlen(CONFIG_LIBPOSIX_SYSINFO_NODENAME)), 0);
}

UK_TESTCASE(sysinfo, rlimit_values)
{
	struct t_rlimit rl;

	UK_TEST_EXPECT_EQ(R(getrlimit, 7 /* NOFILE */, L(&rl)), 0);
#if CONFIG_LIBVFSCORE
	UK_TEST_EXPECT_EQ(rl.max, UK_FD_MAX);
	UK_TEST_EXPECT_EQ(rl.cur, uk_fd_limit());
#else
	UK_TEST_EXPECT_EQ(rl.max, 3);
#endif
	UK_TEST_EXPECT_EQ(R(getrlimit, 3 /* STACK */, L(&rl)), 0);
#if CONFIG_LIBUKSCHED
	UK_TEST_EXPECT_EQ(rl.cur, CONFIG_LIBUKSCHED_MAIN_STACK_SIZE);
#else
	UK_TEST_EXPECT_EQ(rl.cur, ~0UL);
#endif
	UK_TEST_EXPECT_EQ(rl.cur, rl.max);
	UK_TEST_EXPECT_EQ(R(getrlimit, 4 /* CORE */, L(&rl)), 0);
	UK_TEST_EXPECT_EQ(rl.max, 0);
	UK_TEST_EXPECT_EQ(R(getrlimit, 9 /* AS */, L(&rl)), 0);
	UK_TEST_EXPECT_EQ(rl.cur, ~0UL);
	UK_TEST_EXPECT_EQ(R(getrlimit, 16, L(&rl)), -EINVAL);
	UK_TEST_EXPECT_EQ(R(getrlimit, -1, L(&rl)), -EINVAL);
	UK_TEST_EXPECT_EQ(R(getrlimit, 0, 0), -EFAULT);
}

UK_TESTCASE(sysinfo, rlimit_errors)
{
	struct t_rlimit rl, old;

	R(getrlimit, 4, L(&old));
	rl.cur = 1;
	rl.max = 1;
	UK_TEST_EXPECT_ERRNO(uk_syscall_e_setrlimit(4 /* CORE */, &rl), EPERM);
	rl.cur = 2;
	rl.max = 1;
	UK_TEST_EXPECT_ERRNO(uk_syscall_e_setrlimit(9 /* AS */, &rl), EINVAL);
	UK_TEST_EXPECT_ERRNO(uk_syscall_e_getrlimit(99, &rl), EINVAL);
	UK_TEST_EXPECT_EQ(R(prlimit64, 2, 7, 0, L(&rl)), -ESRCH);
	UK_TEST_EXPECT_EQ(R(prlimit64, 1, 7, 0, L(&rl)), 0);
	/* Recorded and read back; lowered hard limits rise again (root). */
	rl.cur = 1 << 20;
	rl.max = 1 << 21;
	UK_TEST_EXPECT_EQ(R(setrlimit, 9, L(&rl)), 0);
	UK_TEST_EXPECT_EQ(R(prlimit64, 0, 9, 0, L(&old)), 0);
	UK_TEST_EXPECT_EQ(old.cur, 1 << 20);
	UK_TEST_EXPECT_EQ(old.max, 1 << 21);
	rl.cur = rl.max = ~0UL;
	UK_TEST_EXPECT_EQ(R(prlimit64, 0, 9, L(&rl), L(&old)), 0);
	UK_TEST_EXPECT_EQ(old.cur, 1 << 20);
}

UK_TESTCASE(sysinfo, rlimit_nofile_enforced)
{
#if CONFIG_LIBVFSCORE
	struct t_rlimit rl, saved;
	long fd;

	R(getrlimit, 7, L(&saved));
	rl.cur = 3;
	rl.max = saved.max;
	UK_TEST_EXPECT_EQ(R(setrlimit, 7, L(&rl)), 0);
	UK_TEST_EXPECT_EQ(uk_fd_limit(), 3);
	/* 0, 1, 2 are open: no room below 3 */
	UK_TEST_EXPECT_EQ(R(dup, 1), -EMFILE);
	UK_TEST_EXPECT_EQ(R(dup2, 1, 3), -EBADF);
	rl.cur = saved.max + 1;
	rl.max = saved.max + 1;
	UK_TEST_EXPECT_EQ(R(setrlimit, 7, L(&rl)), -EPERM);
	UK_TEST_EXPECT_EQ(R(setrlimit, 7, L(&saved)), 0);
	fd = R(dup, 1);
	UK_TEST_EXPECT(fd >= 3);
	if (fd >= 0)
		R(close, fd);
#else
	UK_TEST_SKIP("RLIMIT_NOFILE is enforced by vfscore, not selected");
#endif
}

static uint64_t platform_ram(void)
{
	struct ukplat_memregion mr;
	uint64_t n = 0;

	for (int i = 0; i < ukplat_memregion_count(); i++)
		if (ukplat_memregion_get(i, &mr) == 0 &&
		    (mr.flags & (UKPLAT_MEMRF_FREE | UKPLAT_MEMRF_KERNEL)))
			n += mr.len;
	return n;
}

UK_TESTCASE(sysinfo, sysinfo_memory)
{
	struct uk_sysinfo_linux si;
	struct uk_sysinfo_mem m;

	memset(&si, 0xa5, sizeof(si));
	UK_TEST_EXPECT_EQ(R(sysinfo, L(&si)), 0);
	UK_TEST_EXPECT_EQ(si.mem_unit, 1);
	UK_TEST_EXPECT_EQ(si.totalram, platform_ram());
	UK_TEST_EXPECT(si.freeram > 0 && si.freeram < si.totalram);
	UK_TEST_EXPECT_EQ(si.procs, 1);
	UK_TEST_EXPECT_EQ(si.totalswap, 0);
	UK_TEST_EXPECT(si.uptime >= 0 && si.uptime < 3600);
	UK_TEST_EXPECT_EQ(R(sysinfo, 0), -EFAULT);
	uk_sysinfo_mem_get(&m);
	UK_TEST_EXPECT_EQ(m.total, m.heap + m.image);
	UK_TEST_EXPECT_EQ(m.used, m.heap - m.free);
	UK_TEST_EXPECT(m.peak >= m.used);
}

UK_TESTCASE(sysinfo, getrusage)
{
	struct t_rusage ru;

	UK_TEST_EXPECT_EQ(R(getrusage, 0, L(&ru)), 0);
	UK_TEST_EXPECT(ru.maxrss > 0);
	UK_TEST_EXPECT_EQ(ru.stime[0], 0);
	UK_TEST_EXPECT(ru.utime[1] >= 0 && ru.utime[1] < 1000000);
	UK_TEST_EXPECT_EQ(R(getrusage, 1 /* THREAD */, L(&ru)), 0);
	UK_TEST_EXPECT_EQ(R(getrusage, -1 /* CHILDREN */, L(&ru)), 0);
	UK_TEST_EXPECT_EQ(ru.maxrss, 0);
	UK_TEST_EXPECT_EQ(R(getrusage, 5, L(&ru)), -EINVAL);
}

UK_TESTCASE(sysinfo, ids)
{
	unsigned int r, e, s, g[2] = { 5, 6 }, out[4];

	UK_TEST_EXPECT_EQ(R(getuid), 0);
	UK_TEST_EXPECT_EQ(R(geteuid), 0);
	UK_TEST_EXPECT_EQ(R(getgid), 0);
	UK_TEST_EXPECT_EQ(R(getegid), 0);
	UK_TEST_EXPECT_EQ(R(setgroups, 2, L(g)), 0);
	UK_TEST_EXPECT_EQ(R(getgroups, 0, 0), 2);
	UK_TEST_EXPECT_EQ(R(getgroups, 1, L(out)), -EINVAL);
	UK_TEST_EXPECT_EQ(R(getgroups, 4, L(out)), 2);
	UK_TEST_EXPECT_EQ(out[1], 6);
	UK_TEST_EXPECT_EQ(R(setgroups, 0, 0), 0);
	/* Drop to 1000 keeping root as the saved id, then come back. */
	UK_TEST_EXPECT_EQ(R(setresuid, -1, 1000, -1), 0);
	UK_TEST_EXPECT_EQ(R(geteuid), 1000);
	UK_TEST_EXPECT_EQ(R(setgroups, 0, 0), -EPERM);
	UK_TEST_EXPECT_EQ(R(setuid, 1234), -EPERM);
	UK_TEST_EXPECT_EQ(R(setuid, 0), 0);
	UK_TEST_EXPECT_EQ(R(getresuid, L(&r), L(&e), L(&s)), 0);
	UK_TEST_EXPECT(r == 0 && e == 0 && s == 0);
	UK_TEST_EXPECT_EQ(R(setuid, -1), -EINVAL);
	UK_TEST_EXPECT_EQ(R(setgid, 0), 0);
	UK_TEST_EXPECT_EQ(R(getpgid, 0), 1);
	UK_TEST_EXPECT_EQ(R(getpgid, 7), -ESRCH);
	UK_TEST_EXPECT_EQ(R(getsid, 0), 1);
	UK_TEST_EXPECT_EQ(R(setsid), -EPERM);
	UK_TEST_EXPECT_EQ(R(getpgrp), 1);
	UK_TEST_EXPECT_EQ(R(setpgid, 0, 0), 0);
	UK_TEST_EXPECT_EQ(R(setpgid, 0, 5), -EPERM);
}

UK_TESTCASE(sysinfo, affinity)
{
	unsigned long mask[4] = { ~0UL, ~0UL, ~0UL, ~0UL };
	unsigned int cpu = 7, node = 7;

	UK_TEST_EXPECT_EQ(R(sched_getaffinity, 0, sizeof(mask), L(mask)), 8);
	UK_TEST_EXPECT_EQ(mask[0], 1);
	UK_TEST_EXPECT_EQ(mask[1], ~0UL);
	UK_TEST_EXPECT_EQ(R(sched_getaffinity, 0, 4, L(mask)), -EINVAL);
	UK_TEST_EXPECT_EQ(R(sched_getaffinity, 99, 8, L(mask)), -ESRCH);
	UK_TEST_EXPECT_EQ(R(sched_setaffinity, 0, 8, L(mask)), 0);
	mask[0] = 2;
	UK_TEST_EXPECT_EQ(R(sched_setaffinity, 0, 8, L(mask)), -EINVAL);
	UK_TEST_EXPECT_EQ(R(getcpu, L(&cpu), L(&node), 0), 0);
	UK_TEST_EXPECT(cpu == 0 && node == 0);
}

UK_TESTCASE(sysinfo, prctl)
{
	char name[16], saved[16];
	int sig = -1;

	UK_TEST_EXPECT_EQ(R(prctl, 16, L(saved), 0, 0, 0), 0);
	UK_TEST_EXPECT_EQ(R(prctl, 15, L("a-very-long-thread-name"), 0, 0, 0),
			  0);
	UK_TEST_EXPECT_EQ(R(prctl, 16, L(name), 0, 0, 0), 0);
	UK_TEST_EXPECT_STREQ(name, "a-very-long-thr");
	R(prctl, 15, L(saved), 0, 0, 0);
	UK_TEST_EXPECT_EQ(R(prctl, 1 /* SET_PDEATHSIG */, 9, 0, 0, 0), 0);
	UK_TEST_EXPECT_EQ(R(prctl, 2, L(&sig), 0, 0, 0), 0);
	UK_TEST_EXPECT_EQ(sig, 9);
	UK_TEST_EXPECT_EQ(R(prctl, 1, 200, 0, 0, 0), -EINVAL);
	R(prctl, 1, 0, 0, 0, 0);
	UK_TEST_EXPECT_EQ(R(prctl, 3 /* GET_DUMPABLE */, 0, 0, 0, 0), 1);
	UK_TEST_EXPECT_ERRNO(uk_syscall_e_prctl(9999, 0, 0, 0, 0), EINVAL);
}

#if CONFIG_LIBMUSL
/* What musl's own functions make of the calls. */
UK_TESTCASE(sysinfo, musl_sysconf)
{
	struct utsname u;
	struct rlimit rl;
	struct sysinfo si;
	char host[80];

	UK_TEST_EXPECT_EQ(sysconf(_SC_PAGESIZE), 4096);
	UK_TEST_EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), 1);
	UK_TEST_EXPECT_EQ(sysconf(_SC_NPROCESSORS_CONF), 1);
	UK_TEST_EXPECT_EQ(sysconf(_SC_CLK_TCK), 100);
	UK_TEST_EXPECT_EQ((unsigned long)sysconf(_SC_PHYS_PAGES),
			  platform_ram() / 4096);
	UK_TEST_EXPECT(sysconf(_SC_AVPHYS_PAGES) > 0 &&
		       sysconf(_SC_AVPHYS_PAGES) < sysconf(_SC_PHYS_PAGES));
#if CONFIG_LIBVFSCORE
	UK_TEST_EXPECT_EQ(sysconf(_SC_OPEN_MAX), (long)uk_fd_limit());
#endif
	UK_TEST_EXPECT_EQ(uname(&u), 0);
	UK_TEST_EXPECT_STREQ(u.sysname, CONFIG_LIBPOSIX_SYSINFO_SYSNAME);
	UK_TEST_EXPECT_EQ(gethostname(host, sizeof(host)), 0);
	UK_TEST_EXPECT_STREQ(host, CONFIG_LIBPOSIX_SYSINFO_NODENAME);
	UK_TEST_EXPECT_EQ(getrlimit(RLIMIT_CORE, &rl), 0);
	UK_TEST_EXPECT_EQ(rl.rlim_max, 0);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	UK_TEST_EXPECT_ERRNO(setrlimit(RLIMIT_CORE, &rl), EPERM);
	UK_TEST_EXPECT_EQ(sysinfo(&si), 0);
	UK_TEST_EXPECT_EQ(si.totalram * si.mem_unit, platform_ram());
	UK_TEST_EXPECT_EQ(getuid(), 0);
}
#endif

#if CONFIG_LIBPOSIX_SYSINFO_ETC_HOSTS
#include <fcntl.h>
#include <sys/statfs.h>
#if CONFIG_LIBMUSL
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#endif

UK_TESTCASE(sysinfo, etc_hosts)
{
	struct statfs st;
	char buf[256];
	long fd, n;

	if (uk_syscall_r_statfs(L("/"), L(&st)) || st.f_type != 0x01021994)
		UK_TEST_SKIP("the root is not a ramfs: no /etc/hosts written");
	fd = uk_syscall_r_open(L("/etc/hosts"), O_RDONLY, 0);
	UK_TEST_EXPECT(fd >= 0);
	if (fd < 0)
		return;
	n = uk_syscall_r_read(fd, L(buf), sizeof(buf) - 1);
	uk_syscall_r_close(fd);
	UK_TEST_EXPECT(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	UK_TEST_EXPECT(!strncmp(buf, "127.0.0.1\tlocalhost ", 20));
	UK_TEST_EXPECT(strstr(buf, "\n::1\tlocalhost") != NULL);
#if CONFIG_LIBMUSL
	{
		struct addrinfo hints = { .ai_family = AF_INET }, *res = NULL;
		char addr[16] = "";

		UK_TEST_EXPECT_EQ(getaddrinfo("localhost", "80", &hints, &res),
				  0);
		if (res) {
			struct sockaddr_in *sin = (void *)res->ai_addr;

			inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof(addr));
			UK_TEST_EXPECT_EQ(ntohs(sin->sin_port), 80);
			freeaddrinfo(res);
		}
		UK_TEST_EXPECT_STREQ(addr, "127.0.0.1");
	}
#endif
}
#endif

#if CONFIG_LIBPOSIX_SYSINFO_SYSLOG
#include <syslog.h>

/* The line itself is checked on the console by 89-sysinfo. */
UK_TESTCASE(sysinfo, syslog_mask)
{
	int old = setlogmask(LOG_UPTO(LOG_WARNING));

	UK_TEST_EXPECT_EQ(old, 0xff);
	UK_TEST_EXPECT_EQ(setlogmask(0), LOG_UPTO(LOG_WARNING));
	openlog("uktest", LOG_PID, LOG_USER);
	syslog(LOG_WARNING, "posix-sysinfo syslog test line %d", 1);
	closelog();
	UK_TEST_EXPECT_EQ(setlogmask(old), LOG_UPTO(LOG_WARNING));
}
#endif
