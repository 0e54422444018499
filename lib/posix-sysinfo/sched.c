/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU affinity on a one-CPU image: every thread runs on CPU 0, so the
 * mask is {0} (musl's sysconf(_SC_NPROCESSORS_ONLN) counts its bits) and
 * a new mask must contain CPU 0.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

#define MASK_BYTES sizeof(unsigned long)	/* Linux's cpumask for <= 64 */

/* The caller (0), this process (1) or the caller's own thread id (the
 * C library's, when it has them); other threads are not looked up. */
static int check_pid(pid_t pid)
{
	if (pid == 0 || pid == 1)
		return 0;
	if (pid > 0 && uk_syscall_static_r(UK_SYSCALL_NR_gettid, 0, 0, 0, 0,
					   0, 0) == pid)
		return 0;
	return -ESRCH;
}

/* Returns the bytes written, as the Linux system call does. */
UK_SYSCALL_R_DEFINE(int, sched_getaffinity, pid_t, pid, unsigned int, len,
		    unsigned long *, mask)
{
	int r = check_pid(pid);

	if (r)
		return r;
	if (len < MASK_BYTES || (len & (MASK_BYTES - 1)))
		return -EINVAL;
	if (!mask)
		return -EFAULT;
	mask[0] = 1;
	return (int)MASK_BYTES;
}

UK_SYSCALL_R_DEFINE(int, sched_setaffinity, pid_t, pid, unsigned int, len,
		    const unsigned long *, mask)
{
	int r = check_pid(pid);

	if (r)
		return r;
	if (len && !mask)
		return -EFAULT;
	/* Bits past the mask given are cleared (Linux). */
	if (len == 0 || !(((const unsigned char *)mask)[0] & 1))
		return -EINVAL;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, getcpu, unsigned int *, cpu, unsigned int *, node,
		    void *, cache)
{
	(void)cache;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}
