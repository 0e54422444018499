/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's reentrant system-call layer (<reent.h>): each _<call>_r is a
 * direct call of the syscall shim's entry for <call> (a constant number
 * folds into uk_syscall_r_<call>; a call no library in the image
 * implements returns ENOSYS, and the shim warns once). Errors go to the
 * caller's struct _reent, which is errno. The POSIX names themselves
 * (read, open, ...) come from the libraries that implement the calls
 * (doc/syscall-shim.md).
 */
#include <errno.h>
#include <reent.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>
#include <uk/plat/bootstrap.h>

#define SC(name, a1, a2, a3)						\
	uk_syscall_static_r(UK_SYSCALL_NR_##name, (long)(a1), (long)(a2), \
			    (long)(a3), 0, 0, 0)

static long result(struct _reent *r, long ret)
{
	if (uk_syscall_is_err(ret)) {
		r->_errno = (int)-ret;
		return -1;
	}
	return ret;
}

_ssize_t _read_r(struct _reent *r, int fd, void *buf, size_t len)
{
	return result(r, SC(read, fd, buf, len));
}

_ssize_t _write_r(struct _reent *r, int fd, const void *buf, size_t len)
{
	return result(r, SC(write, fd, buf, len));
}

int _open_r(struct _reent *r, const char *path, int flags, int mode)
{
	return result(r, SC(open, path, flags, mode));
}

int _close_r(struct _reent *r, int fd)
{
	return result(r, SC(close, fd, 0, 0));
}

_off_t _lseek_r(struct _reent *r, int fd, _off_t off, int whence)
{
	return result(r, SC(lseek, fd, off, whence));
}

int _fstat_r(struct _reent *r, int fd, struct stat *st)
{
	return result(r, SC(fstat, fd, st, 0));
}

int _stat_r(struct _reent *r, const char *path, struct stat *st)
{
	return result(r, SC(stat, path, st, 0));
}

int _fcntl_r(struct _reent *r, int fd, int cmd, int arg)
{
	return result(r, SC(fcntl, fd, cmd, arg));
}

int _link_r(struct _reent *r, const char *old, const char *new)
{
	return result(r, SC(link, old, new, 0));
}

int _unlink_r(struct _reent *r, const char *path)
{
	return result(r, SC(unlink, path, 0, 0));
}

/* POSIX: remove() unlinks a file and removes an (empty) directory;
 * newlib's own only unlinks. */
int _remove_r(struct _reent *r, const char *path)
{
	long ret = SC(unlink, path, 0, 0);

	if (ret == -EISDIR)
		ret = SC(rmdir, path, 0, 0);
	return result(r, ret);
}

int remove(const char *path)
{
	return _remove_r(_REENT, path);
}

int _rename_r(struct _reent *r, const char *old, const char *new)
{
	return result(r, SC(rename, old, new, 0));
}

int _mkdir_r(struct _reent *r, const char *path, int mode)
{
	return result(r, SC(mkdir, path, mode, 0));
}

int _gettimeofday_r(struct _reent *r, struct timeval *tv, void *tz)
{
	return result(r, SC(gettimeofday, tv, tz, 0));
}

int _getpid_r(struct _reent *r)
{
	return result(r, SC(getpid, 0, 0, 0));
}

/* A terminal is a character device (the console). */
int _isatty_r(struct _reent *r, int fd)
{
	struct stat st;

	if (_fstat_r(r, fd, &st) < 0)
		return 0;
	if (!S_ISCHR(st.st_mode)) {
		r->_errno = ENOTTY;
		return 0;
	}
	return 1;
}

#if !CONFIG_LIBVFSCORE
/* With vfscore, isatty() is vfscore's (a terminal answers TIOCGWINSZ). */
int isatty(int fd)
{
	return _isatty_r(_REENT, fd);
}
#endif

/*
 * There is one process and no signal delivery: a signal sent to it with
 * its default action (raise() and abort() end here) ends the image.
 */
int _kill_r(struct _reent *r, int pid, int sig)
{
	if (sig < 0 || sig >= NSIG) {
		r->_errno = EINVAL;
		return -1;
	}
	if (pid != _getpid_r(r) && pid != 0 && pid != -1) {
		r->_errno = ESRCH;
		return -1;
	}
	if (sig == 0)
		return 0;
	fflush(NULL);
	fprintf(stderr, "terminated by signal %d\n", sig);
	ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
}

int kill(pid_t pid, int sig)
{
	return _kill_r(_REENT, pid, sig);
}
