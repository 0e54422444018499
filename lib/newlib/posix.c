/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX functions newlib declares but leaves to the system: stream locks
 * on newlib's own per-stream locks, the process calls a unikernel cannot
 * honour (there is no shell and no second process), the system's limits,
 * resource usage and utimes().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/lock.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

/*
 * Through the syscall shim, as syscalls.c: a direct call when a library of
 * the image implements the call, ENOSYS otherwise.
 */
#define SC(name, a1, a2, a3, a4)					\
	uk_syscall_static_r(UK_SYSCALL_NR_##name, (long)(a1), (long)(a2), \
			    (long)(a3), (long)(a4), 0, 0)

static int result(long ret)
{
	if (uk_syscall_is_err(ret)) {
		errno = (int)-ret;
		return -1;
	}
	return 0;
}

void flockfile(FILE *fp)
{
	_flockfile(fp);
}

/* 0 when taken; lib/newlib/lock.c's try-acquire is 1 when taken. */
int ftrylockfile(FILE *fp)
{
	if (fp->_flags & __SSTR)
		return 0;
	return __retarget_lock_try_acquire_recursive(fp->_lock) ? 0 : -1;
}

void funlockfile(FILE *fp)
{
	_funlockfile(fp);
}

/* No command processor: system(NULL) says so, anything else fails. */
int system(const char *cmd)
{
	if (!cmd)
		return 0;
	errno = ENOSYS;
	return -1;
}

FILE *popen(const char *cmd, const char *mode)
{
	(void)cmd;
	(void)mode;
	errno = ENOSYS;
	return NULL;
}

int pclose(FILE *fp)
{
	(void)fp;
	errno = ECHILD;
	return -1;
}

#if CONFIG_LIBPOSIX_SYSINFO
#include <uk/sysinfo.h>

/* Pages of RAM from posix-sysinfo's sysinfo (newlib has no sysinfo). */
static long phys_pages(int avail)
{
	struct uk_sysinfo_linux si;

	if (result(SC(sysinfo, &si, 0, 0, 0)))
		return -1;
	return (long)((avail ? si.freeram : si.totalram) /
		      (UK_PAGE_SIZE / (si.mem_unit ? si.mem_unit : 1)));
}

/* RLIMIT_NOFILE's soft limit, as on Linux. */
static long open_max(void)
{
	unsigned long rl[2];

	if (result(SC(getrlimit, 7, rl, 0, 0)))
		return -1;
	return rl[0] == ~0UL ? -1 : (long)rl[0];
}
#endif

/*
 * The limits sqlite and the like ask for; a name POSIX has but the image
 * sets no limit for is -1 with errno untouched.
 */
long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return UK_PAGE_SIZE;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_CLK_TCK:
		return 100;	/* Linux's, for times() */
	case _SC_OPEN_MAX:
#if CONFIG_LIBPOSIX_SYSINFO
		return open_max();
#elif CONFIG_LIBVFSCORE
		return CONFIG_LIBVFSCORE_NR_FDS;
#else
		return -1;
#endif
#if CONFIG_LIBPOSIX_SYSINFO
	case _SC_PHYS_PAGES:
	case _SC_AVPHYS_PAGES:
		return phys_pages(name == _SC_AVPHYS_PAGES);
#endif
	case _SC_ARG_MAX:
	case _SC_CHILD_MAX:
#if !CONFIG_LIBPOSIX_SYSINFO
	case _SC_PHYS_PAGES:
	case _SC_AVPHYS_PAGES:
#endif
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

int getpagesize(void)
{
	return UK_PAGE_SIZE;
}

/*
 * All time the image did not spend idle is the process's user time (as
 * uktime's CPU-time clock counts it); there are no children.
 */
int getrusage(int who, struct rusage *usage)
{
	struct timespec ts;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
		errno = EINVAL;
		return -1;
	}
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	if (who == RUSAGE_SELF &&
	    result(SC(clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &ts, 0, 0)))
		return -1;
	usage->ru_utime.tv_sec = ts.tv_sec;
	usage->ru_utime.tv_usec = ts.tv_nsec / 1000;
	usage->ru_stime.tv_sec = 0;
	usage->ru_stime.tv_usec = 0;
	return 0;
}

/* utimensat() with microseconds; no times means now. */
int utimes(const char *path, const struct timeval times[2])
{
	struct timespec ts[2];
	int i;

	if (!times)
		return result(SC(utimensat, AT_FDCWD, path, NULL, 0));
	for (i = 0; i < 2; i++) {
		if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts[i].tv_sec = times[i].tv_sec;
		ts[i].tv_nsec = times[i].tv_usec * 1000;
	}
	return result(SC(utimensat, AT_FDCWD, path, ts, 0));
}
