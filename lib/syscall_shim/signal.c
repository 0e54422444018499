/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shim's side of signals: the flag every call checks on its way out
 * and the hooks lib/posix-signal fills in, so that the libraries with
 * blocking waits need not depend on it (see <uk/syscall.h>).
 */
#include <stddef.h>
#include <uk/syscall.h>

volatile unsigned long uk_syscall_sig_work;
static const struct uk_syscall_sig_hooks *sig_hooks;
static struct uk_syscall_sig_kick *sig_kicks;

void uk_syscall_sig_register(const struct uk_syscall_sig_hooks *h)
{
	sig_hooks = h;
}

long uk_syscall_sig_return(long ret)
{
	if (!sig_hooks)
		return ret == -UK_ERESTARTSYS ? -EINTR : ret;
	return sig_hooks->sig_return(ret);
}

int uk_syscall_sig_check(void)
{
	return sig_hooks ? sig_hooks->interrupted() : 0;
}

void uk_syscall_sig_kick_register(struct uk_syscall_sig_kick *k)
{
	k->next = sig_kicks;
	sig_kicks = k;
}

void uk_syscall_sig_kick_all(void)
{
	struct uk_syscall_sig_kick *k;

	for (k = sig_kicks; k; k = k->next)
		k->kick();
}
