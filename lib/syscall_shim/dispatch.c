/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Dispatch by Linux x86_64 system-call number. The cases come from the
 * generated cases.h; an unknown or unimplemented number returns -ENOSYS
 * and warns once per number, as does the raw entry of each Linux call the
 * build does not implement (the generated enosys.h), which
 * uk_syscall_static_r() can call directly.
 */
#include <errno.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/plat/syscall.h>
#include "cases.h"

static const char *const syscall_names[] = {
#include "names.h"
};

#define NR_NAMES (long)(sizeof(syscall_names) / sizeof(syscall_names[0]))
#define NR_WARNED 1024

static unsigned long warned[NR_WARNED / (8 * sizeof(unsigned long))];

const char *uk_syscall_name(long nr)
{
	if (nr < 0 || nr >= NR_NAMES)
		return NULL;
	return syscall_names[nr];
}

static long enosys(long nr)
{
	const unsigned long bits = 8 * sizeof(unsigned long);
	const char *name = uk_syscall_name(nr);
	unsigned long mask, old;

	if (nr >= 0 && nr < NR_WARNED) {
		mask = 1UL << (nr % bits);
		old = __atomic_fetch_or(&warned[nr / bits], mask,
					__ATOMIC_RELAXED);
		if (old & mask)
			return -ENOSYS;
	}
	/* Numbers past the bitmap are not Linux calls: warn every time. */
	uk_pr_warn("system call %ld (%s) is not implemented: -ENOSYS\n", nr,
		   name ? name : "unknown");
	return -ENOSYS;
}

#include "enosys.h"

long uk_syscall6_r(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	switch (nr) {
	UK_SYSCALL_CASES(a1, a2, a3, a4, a5, a6)
	default:
		return enosys(nr);
	}
}

/* Where the platform traps the `syscall` instruction (kvm), route it here. */
static int trapped;

int uk_syscall_trap_enabled(void)
{
	return trapped;
}

static int syscall_trap_init(void)
{
	int rc = ukplat_syscall_handler_set(uk_syscall6_r);

	if (rc && rc != -ENOTSUP)
		uk_pr_warn("syscall instruction not routed: %d\n", rc);
	trapped = !rc;
	return 0;
}
uk_lib_initcall(syscall_trap_init);
