/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Resource limits: getrlimit, setrlimit, prlimit64. Each resource has a
 * ceiling, what the image can give at most; the process is root, so it
 * may raise a hard limit it lowered, up to the ceiling (EPERM above, as
 * Linux answers past fs.nr_open). Enforced: RLIMIT_NOFILE (vfscore's
 * descriptor table). Fixed at what the image has: RLIMIT_STACK (the main
 * thread's stack), RLIMIT_CORE (0: no core dumps). The others are
 * unlimited, recorded when set and not enforced (doc/syscall-shim.md).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <uk/config.h>
#include <uk/plat/lcpu.h>
#include <uk/syscall.h>
#include <uk/sysinfo.h>
#if CONFIG_LIBVFSCORE
#include <uk/vfs.h>
#endif
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

/* Linux's resource numbers (x86_64) and struct rlimit64. */
#define K_RLIMIT_STACK		3
#define K_RLIMIT_CORE		4
#define K_RLIMIT_NOFILE		7
#define K_RLIMIT_NLIMITS	16
#define K_RLIM_INFINITY		(~0UL)

struct k_rlimit {
	unsigned long cur;
	unsigned long max;
};

/* Without vfscore, only the libc's console stdin, stdout and stderr. */
#if CONFIG_LIBVFSCORE
#define NOFILE_MAX UK_FD_MAX
#else
#define NOFILE_MAX 3
#endif

static struct k_rlimit limits[K_RLIMIT_NLIMITS];
static int limits_ready;

size_t uk_sysinfo_main_stack(void)
{
#if CONFIG_LIBUKSCHED
	return CONFIG_LIBUKSCHED_MAIN_STACK_SIZE;
#else
	return 0;
#endif
}

static unsigned long ceiling(int res)
{
	size_t stack;

	switch (res) {
	case K_RLIMIT_NOFILE:
		return NOFILE_MAX;
	case K_RLIMIT_STACK:
		stack = uk_sysinfo_main_stack();
		return stack ? stack : K_RLIM_INFINITY;
	case K_RLIMIT_CORE:
		return 0;
	default:
		return K_RLIM_INFINITY;
	}
}

/* Called with interrupts off. */
static void limits_init(void)
{
	if (limits_ready)
		return;
	for (int i = 0; i < K_RLIMIT_NLIMITS; i++)
		limits[i].cur = limits[i].max = ceiling(i);
	limits_ready = 1;
}

/* 0, ESRCH for another process: there is just this one (pid 1). */
static int check_pid(long pid)
{
	return pid == 0 || pid == 1 ? 0 : -ESRCH;
}

/*
 * @old gets the limits before @new applies, as prlimit64 does. Linux's
 * checks: a soft limit above the hard one is EINVAL, a hard limit
 * above what the system can give EPERM.
 */
static int do_prlimit(long pid, int res, const struct k_rlimit *new,
		      struct k_rlimit *old)
{
	struct k_rlimit n;
	unsigned long flags;
	int r = 0;

	if (res < 0 || res >= K_RLIMIT_NLIMITS)
		return -EINVAL;
	r = check_pid(pid);
	if (r)
		return r;
	if (new) {
		n = *new;
		if (n.cur > n.max)
			return -EINVAL;
		if (n.max > ceiling(res))
			return -EPERM;
	}
	flags = ukplat_lcpu_save_irqf();
	limits_init();
#if CONFIG_LIBVFSCORE
	if (res == K_RLIMIT_NOFILE)
		limits[res].cur = uk_fd_limit();
#endif
	if (old)
		*old = limits[res];
	if (new) {
#if CONFIG_LIBVFSCORE
		if (res == K_RLIMIT_NOFILE)
			r = uk_fd_set_limit(n.cur);
#endif
		if (!r)
			limits[res] = n;
	}
	ukplat_lcpu_restore_irqf(flags);
	return r;
}

UK_SYSCALL_R_DEFINE(int, getrlimit, int, res, struct k_rlimit *, rl)
{
	if (!rl)
		return -EFAULT;
	return do_prlimit(0, res, NULL, rl);
}

UK_SYSCALL_R_DEFINE(int, setrlimit, int, res, const struct k_rlimit *, rl)
{
	if (!rl)
		return -EFAULT;
	return do_prlimit(0, res, rl, NULL);
}

UK_SYSCALL_R_DEFINE(int, prlimit64, int, pid, int, res,
		    const struct k_rlimit *, new, struct k_rlimit *, old)
{
	return do_prlimit(pid, res, new, old);
}
