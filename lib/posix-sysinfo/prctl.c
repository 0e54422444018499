/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * prctl: the options servers use at start-up. PR_SET_NAME/PR_GET_NAME
 * name the calling thread (the main thread's name is the process's, the
 * "comm" of /proc/self/stat; it starts as the program's name). The
 * parent-death signal, dumpable flag, no-new-privs, keep-caps, child
 * subreaper and timer slack are recorded and read back: with no parent,
 * no core dumps, no exec and no children none of them has anything to
 * act on. Every other option is EINVAL, as Linux answers an unknown one.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/config.h>
#include <uk/init.h>
#include <uk/plat/lcpu.h>
#include <uk/syscall.h>
#include <uk/sysinfo.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define K_PR_SET_PDEATHSIG	1
#define K_PR_GET_PDEATHSIG	2
#define K_PR_GET_DUMPABLE	3
#define K_PR_SET_DUMPABLE	4
#define K_PR_GET_KEEPCAPS	7
#define K_PR_SET_KEEPCAPS	8
#define K_PR_SET_NAME		15
#define K_PR_GET_NAME		16
#define K_PR_GET_TIMERSLACK	30
#define K_PR_SET_TIMERSLACK	29
#define K_PR_SET_CHILD_SUBREAPER 36
#define K_PR_GET_CHILD_SUBREAPER 37
#define K_PR_SET_NO_NEW_PRIVS	38
#define K_PR_GET_NO_NEW_PRIVS	39
#define K_NSIG			65

static char comm[UK_SYSINFO_COMM_LEN] = "main";
static int main_argc;
static char **main_argv;
#if CONFIG_LIBUKSCHED
static struct uk_thread *main_thread;
#endif
static int pdeathsig, dumpable = 1, keepcaps, subreaper, no_new_privs;
static unsigned long timerslack = 50000;	/* Linux's default, ns */

/* At most 15 bytes of @src and a NUL into @dst. */
static void copy_name(char *dst, const char *src)
{
	size_t n;

	for (n = 0; n < UK_SYSINFO_COMM_LEN - 1 && src[n]; n++)
		dst[n] = src[n];
	dst[n] = '\0';
}

/* comm starts as the program's name, as Linux's does after exec. */
static int comm_init(int argc, char *argv[])
{
	main_argc = argc;
	main_argv = argv;
	const char *name = argc > 0 && argv[0] ? argv[0] : NULL;
	const char *slash = name ? strrchr(name, '/') : NULL;

	if (slash)
		name = slash + 1;
	if (name && *name)
		copy_name(comm, name);
#if CONFIG_LIBUKSCHED
	main_thread = uk_thread_current();
#endif
	return 0;
}
uk_main_initcall(comm_init, UK_MAIN_INIT_LIB);

/* The calling thread's name buffer, and its size. */
static char *thread_name(size_t *size)
{
#if CONFIG_LIBUKSCHED
	struct uk_thread *t = uk_thread_current();

	if (t && t != main_thread) {
		*size = UK_THREAD_NAME_MAX;
		return t->name;
	}
#endif
	*size = sizeof(comm);
	return comm;
}

void uk_sysinfo_args(int *argc, char ***argv)
{
	*argc = main_argc;
	*argv = main_argv;
}

unsigned int uk_sysinfo_threads(void)
{
#if CONFIG_LIBUKSCHED
	struct uk_sched *s = uk_sched_default();

	if (s && uk_sched_started() && s->nthreads)
		return s->nthreads;
#endif
	return 1;
}

void uk_sysinfo_comm(char buf[UK_SYSINFO_COMM_LEN])
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	memcpy(buf, comm, UK_SYSINFO_COMM_LEN);
	ukplat_lcpu_restore_irqf(flags);
	buf[UK_SYSINFO_COMM_LEN - 1] = '\0';
}

static int set_name(const char *name)
{
	unsigned long flags;
	size_t size;
	char *dst;

	if (!name)
		return -EFAULT;
	flags = ukplat_lcpu_save_irqf();
	dst = thread_name(&size);
	/* Linux keeps 15 bytes; so does every thread here. */
	memset(dst, 0, size);
	copy_name(dst, name);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

static int get_name(char *buf)
{
	unsigned long flags;
	size_t size;
	const char *src;

	if (!buf)
		return -EFAULT;
	flags = ukplat_lcpu_save_irqf();
	src = thread_name(&size);
	memset(buf, 0, UK_SYSINFO_COMM_LEN);
	copy_name(buf, src);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

static int put_int(unsigned long addr, int v)
{
	if (!addr)
		return -EFAULT;
	*(int *)addr = v;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, prctl, int, option, unsigned long, a2,
		    unsigned long, a3, unsigned long, a4, unsigned long, a5)
{
	switch (option) {
	case K_PR_SET_NAME:
		return set_name((const char *)a2);
	case K_PR_GET_NAME:
		return get_name((char *)a2);
	case K_PR_SET_PDEATHSIG:
		if (a2 >= K_NSIG)
			return -EINVAL;
		pdeathsig = (int)a2;
		return 0;
	case K_PR_GET_PDEATHSIG:
		return put_int(a2, pdeathsig);
	case K_PR_SET_DUMPABLE:
		if (a2 > 1)
			return -EINVAL;
		dumpable = (int)a2;
		return 0;
	case K_PR_GET_DUMPABLE:
		return dumpable;
	case K_PR_SET_KEEPCAPS:
		if (a2 > 1)
			return -EINVAL;
		keepcaps = (int)a2;
		return 0;
	case K_PR_GET_KEEPCAPS:
		return keepcaps;
	case K_PR_SET_CHILD_SUBREAPER:
		subreaper = !!a2;
		return 0;
	case K_PR_GET_CHILD_SUBREAPER:
		return put_int(a2, subreaper);
	case K_PR_SET_TIMERSLACK:
		timerslack = a2 ? a2 : 50000;
		return 0;
	case K_PR_GET_TIMERSLACK:
		return timerslack > 0x7fffffffUL ? 0x7fffffff :
			(int)timerslack;
	case K_PR_SET_NO_NEW_PRIVS:
		/* Once set it stays set; the other arguments must be 0. */
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		no_new_privs = 1;
		return 0;
	case K_PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return no_new_privs;
	default:
		return -EINVAL;
	}
}
