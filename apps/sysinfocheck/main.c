/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sysinfocheck: what a program learns about the system at start-up,
 * printed as "key: value" lines for support/tests/89-sysinfo.sh to hold
 * against what it knows from outside (QEMU's -m, linuxu.heap_mb, the
 * image's ELF), the files /proc/self/status, /proc/self/stat and
 * /proc/meminfo between "--- FILE" and "---" lines, then checks with
 * "ok" or "FAIL" lines: writable argv and environment strings, a
 * lowered RLIMIT_NOFILE, localhost from /etc/hosts, syslog on the
 * console. Exit status: the number of failures.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <syslog.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

static void dump(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	printf("--- %s\n", path);
	if (fd < 0) {
		printf("open: %s\n---\n", strerror(errno));
		failures++;
		return;
	}
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(fd);
	printf("---\n");
}

static void print_limit(const char *name, int res)
{
	struct rlimit rl;

	if (getrlimit(res, &rl)) {
		printf("rlimit %s: error %s\n", name, strerror(errno));
		return;
	}
	printf("rlimit %s: %lld %lld\n", name,
	       rl.rlim_cur == RLIM_INFINITY ? -1LL : (long long)rl.rlim_cur,
	       rl.rlim_max == RLIM_INFINITY ? -1LL : (long long)rl.rlim_max);
}

static void values(void)
{
	struct utsname u;
	struct sysinfo si;

	if (uname(&u) == 0)
		printf("uname: %s|%s|%s|%s|%s\n", u.sysname, u.nodename,
		       u.release, u.version, u.machine);
	printf("sysconf pagesize: %ld\n", sysconf(_SC_PAGESIZE));
	printf("sysconf phys_pages: %ld\n", sysconf(_SC_PHYS_PAGES));
	printf("sysconf avphys_pages: %ld\n", sysconf(_SC_AVPHYS_PAGES));
	printf("sysconf nprocessors_conf: %ld\n",
	       sysconf(_SC_NPROCESSORS_CONF));
	printf("sysconf nprocessors_onln: %ld\n",
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("sysconf open_max: %ld\n", sysconf(_SC_OPEN_MAX));
	printf("sysconf clk_tck: %ld\n", sysconf(_SC_CLK_TCK));
	if (sysinfo(&si) == 0)
		printf("sysinfo: totalram %lu freeram %lu mem_unit %u "
		       "procs %u uptime %ld\n",
		       si.totalram, si.freeram, si.mem_unit,
		       (unsigned int)si.procs, si.uptime);
	print_limit("nofile", RLIMIT_NOFILE);
	print_limit("stack", RLIMIT_STACK);
	print_limit("core", RLIMIT_CORE);
	print_limit("as", RLIMIT_AS);
	printf("ids: %u %u %u %u\n", (unsigned int)getuid(),
	       (unsigned int)geteuid(), (unsigned int)getgid(),
	       (unsigned int)getegid());
}

/* C says argv's strings are the program's to modify; so is environ. */
static void writable_strings(int argc, char *argv[])
{
	char *v;
	int ok = 1;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (!n)
			continue;
		argv[i][0] ^= 0x20;
		argv[i][n - 1] ^= 0x20;
		ok &= argv[i][0] != 0;
		argv[i][0] ^= 0x20;
		argv[i][n - 1] ^= 0x20;
	}
	/* Redis's process title: argv[0] overwritten in place. */
	memset(argv[0], 'x', strlen(argv[0]));
	check(ok && argv[0][0] == 'x', "argv strings are writable");
	check(setenv("SYSINFOCHECK", "value", 1) == 0 &&
	      (v = getenv("SYSINFOCHECK")) != NULL &&
	      (v[0] = 'V', !strcmp(getenv("SYSINFOCHECK"), "Value")),
	      "environment strings are writable");
	check(environ != NULL && environ[0] != NULL,
	      "environ lists the variable set");
}

static void nofile_limit(void)
{
	struct rlimit rl, saved;
	int fd;

	getrlimit(RLIMIT_NOFILE, &saved);
	rl.rlim_cur = 4;
	rl.rlim_max = saved.rlim_max;
	check(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit NOFILE 4");
	fd = open("/proc/meminfo", O_RDONLY);
	check(fd == 3, "fd 3 opens below the limit");
	errno = 0;
	check(open("/proc/meminfo", O_RDONLY) == -1 && errno == EMFILE,
	      "the next open fails with EMFILE");
	check(sysconf(_SC_OPEN_MAX) == 4, "sysconf(_SC_OPEN_MAX) follows");
	close(fd);
	rl.rlim_cur = rl.rlim_max = saved.rlim_max + 1;
	errno = 0;
	check(setrlimit(RLIMIT_NOFILE, &rl) == -1 && errno == EPERM,
	      "NOFILE above the table is EPERM");
	check(setrlimit(RLIMIT_NOFILE, &saved) == 0, "NOFILE restored");
}

static void resolve_localhost(void)
{
	struct addrinfo hints = { .ai_family = AF_INET }, *res = NULL;
	char addr[INET6_ADDRSTRLEN] = "none";
	int r = getaddrinfo("localhost", NULL, &hints, &res);

	if (!r && res) {
		inet_ntop(AF_INET,
			  &((struct sockaddr_in *)res->ai_addr)->sin_addr,
			  addr, sizeof(addr));
		freeaddrinfo(res);
	}
	printf("resolve localhost: %s\n", addr);
	check(!r && !strcmp(addr, "127.0.0.1"),
	      "getaddrinfo(localhost) is 127.0.0.1 from /etc/hosts");
}

int main(int argc, char *argv[])
{
	values();
	dump("/proc/self/status");
	dump("/proc/self/stat");
	dump("/proc/self/statm");
	dump("/proc/meminfo");
	writable_strings(argc, argv);
	nofile_limit();
	resolve_localhost();
	openlog("sysinfocheck", LOG_PID, LOG_DAEMON);
	syslog(LOG_NOTICE, "syslog reaches the console: %d", 42);
	syslog(LOG_DEBUG | LOG_LOCAL0, "debug line %s", "too");
	setlogmask(LOG_UPTO(LOG_INFO));
	syslog(LOG_DEBUG, "masked out");
	closelog();
	fflush(stdout);
	printf("%d failures\n", failures);
	return failures;
}
