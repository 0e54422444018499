/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Users, groups, process group and session of the one process. It starts
 * as root (all ids 0) and changes ids as Linux's rules say, so a server
 * that drops privileges (setgid, setgroups, setuid) succeeds and reads
 * back what it set; once it is no longer root it can only switch between
 * its real, effective and saved ids. Nothing else consults these ids:
 * the image has no other user to be protected from. The process is
 * process 1, leader of process group 1 and session 1.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>
#include <uk/plat/lcpu.h>
#include <uk/syscall.h>
#include <uk/sysinfo.h>

/* Supplementary groups kept (Linux allows 65536; EINVAL above). */
#define NGROUPS 64

struct ids {
	unsigned int r, e, s;
};

static struct ids uids, gids;
static unsigned int groups[NGROUPS];
static int ngroups;

unsigned int uk_sysinfo_uid(int effective)
{
	return effective ? uids.e : uids.r;
}

unsigned int uk_sysinfo_gid(int effective)
{
	return effective ? gids.e : gids.r;
}

static int privileged(void)
{
	return uids.e == 0;
}

static int is_one_of(const struct ids *ids, unsigned int id)
{
	return id == ids->r || id == ids->e || id == ids->s;
}

/* setuid/setgid: root sets all three, others only the effective id. */
static int set_id(struct ids *ids, unsigned int id, unsigned int unset)
{
	unsigned long flags;
	int r = 0;

	if (id == unset)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	if (privileged())
		ids->r = ids->e = ids->s = id;
	else if (id == ids->r || id == ids->s)
		ids->e = id;
	else
		r = -EPERM;
	ukplat_lcpu_restore_irqf(flags);
	return r;
}

/* setresuid/setresgid: @unset leaves an id as it is. */
static int set_res(struct ids *ids, unsigned int r, unsigned int e,
		   unsigned int s, unsigned int unset)
{
	unsigned long flags;
	int ret = 0;

	flags = ukplat_lcpu_save_irqf();
	if (!privileged() &&
	    ((r != unset && !is_one_of(ids, r)) ||
	     (e != unset && !is_one_of(ids, e)) ||
	     (s != unset && !is_one_of(ids, s)))) {
		ret = -EPERM;
	} else {
		if (r != unset)
			ids->r = r;
		if (e != unset)
			ids->e = e;
		if (s != unset)
			ids->s = s;
	}
	ukplat_lcpu_restore_irqf(flags);
	return ret;
}

/*
 * setreuid/setregid: unprivileged, the real id may become the effective
 * one, the effective id the real or saved one; the saved id follows the
 * new effective id when the real id is set or the effective id differs
 * from the old real id.
 */
static int set_re(struct ids *ids, unsigned int r, unsigned int e,
		  unsigned int unset)
{
	struct ids n;
	unsigned long flags;
	int ret = 0;

	flags = ukplat_lcpu_save_irqf();
	n = *ids;
	if (!privileged() &&
	    ((r != unset && r != ids->r && r != ids->e) ||
	     (e != unset && !is_one_of(ids, e)))) {
		ret = -EPERM;
	} else {
		if (r != unset)
			n.r = r;
		if (e != unset)
			n.e = e;
		if (r != unset || (e != unset && e != ids->r))
			n.s = n.e;
		*ids = n;
	}
	ukplat_lcpu_restore_irqf(flags);
	return ret;
}

UK_SYSCALL_R_DEFINE(uid_t, getuid)
{
	return uids.r;
}

UK_SYSCALL_R_DEFINE(uid_t, geteuid)
{
	return uids.e;
}

UK_SYSCALL_R_DEFINE(gid_t, getgid)
{
	return gids.r;
}

UK_SYSCALL_R_DEFINE(gid_t, getegid)
{
	return gids.e;
}

UK_SYSCALL_R_DEFINE(int, setuid, uid_t, uid)
{
	return set_id(&uids, uid, (uid_t)-1);
}

/* The group rules use the effective user id: changing groups is root's. */
UK_SYSCALL_R_DEFINE(int, setgid, gid_t, gid)
{
	return set_id(&gids, gid, (gid_t)-1);
}

UK_SYSCALL_R_DEFINE(int, setreuid, uid_t, r, uid_t, e)
{
	return set_re(&uids, r, e, (uid_t)-1);
}

UK_SYSCALL_R_DEFINE(int, setregid, gid_t, r, gid_t, e)
{
	return set_re(&gids, r, e, (gid_t)-1);
}

UK_SYSCALL_R_DEFINE(int, setresuid, uid_t, r, uid_t, e, uid_t, s)
{
	return set_res(&uids, r, e, s, (uid_t)-1);
}

UK_SYSCALL_R_DEFINE(int, setresgid, gid_t, r, gid_t, e, gid_t, s)
{
	return set_res(&gids, r, e, s, (gid_t)-1);
}

/*
 * The calls that write ids through pointers take Linux's 32-bit ids and
 * get no libc name: newlib's uid_t and gid_t are 16 bits wide.
 */
UK_LLSYSCALL_R_DEFINE(int, getresuid, unsigned int *, r, unsigned int *, e,
		      unsigned int *, s)
{
	if (!r || !e || !s)
		return -EFAULT;
	*r = uids.r;
	*e = uids.e;
	*s = uids.s;
	return 0;
}

UK_LLSYSCALL_R_DEFINE(int, getresgid, unsigned int *, r, unsigned int *, e,
		      unsigned int *, s)
{
	if (!r || !e || !s)
		return -EFAULT;
	*r = gids.r;
	*e = gids.e;
	*s = gids.s;
	return 0;
}

UK_LLSYSCALL_R_DEFINE(int, getgroups, int, size, unsigned int *, list)
{
	int n = ngroups;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return n;
	if (size < n)
		return -EINVAL;
	if (!list && n)
		return -EFAULT;
	for (int i = 0; i < n; i++)
		list[i] = groups[i];
	return n;
}

UK_LLSYSCALL_R_DEFINE(int, setgroups, long, size,
		      const unsigned int *, list)
{
	unsigned long flags;

	if (size < 0 || size > NGROUPS)
		return -EINVAL;
	if (!list && size)
		return -EFAULT;
	if (!privileged())
		return -EPERM;
	flags = ukplat_lcpu_save_irqf();
	for (long i = 0; i < size; i++)
		groups[i] = list[i];
	ngroups = (int)size;
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

/* Process groups and sessions: pid 0 or 1 is this process. */
UK_SYSCALL_R_DEFINE(pid_t, getpgid, pid_t, pid)
{
	return pid == 0 || pid == 1 ? 1 : -ESRCH;
}

UK_SYSCALL_R_DEFINE(pid_t, getpgrp)
{
	return 1;
}

UK_SYSCALL_R_DEFINE(pid_t, getsid, pid_t, pid)
{
	return pid == 0 || pid == 1 ? 1 : -ESRCH;
}

/* Already the leader of its group, which it cannot leave: EPERM as on
 * Linux for a group leader. */
UK_SYSCALL_R_DEFINE(pid_t, setsid)
{
	return -EPERM;
}

/* Only "stay in my own group" is possible. */
UK_SYSCALL_R_DEFINE(int, setpgid, pid_t, pid, pid_t, pgid)
{
	if (pgid < 0)
		return -EINVAL;
	if (pid != 0 && pid != 1)
		return -ESRCH;
	return pgid == 0 || pgid == 1 ? 0 : -EPERM;
}
