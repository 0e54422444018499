/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: setting the thread pointer (%fs base) on every thread switch.
 * With a kernel that allows it (HWCAP2_FSGSBASE, Linux 5.9+) that is one
 * wrfsbase instruction; else the arch_prctl() system call.
 */
#include <uk/essentials.h>
#include <uk/plat/lcpu.h>
#include <linuxu/syscall.h>

#define HWCAP2_FSGSBASE	(1UL << 1)

static int have_wrfsbase;

void linuxu_tls_init_hwcap(unsigned long hwcap2)
{
	have_wrfsbase = !!(hwcap2 & HWCAP2_FSGSBASE);
}

void ukplat_tlsp_set(void *tp)
{
	if (likely(have_wrfsbase))
		__asm__ __volatile__("wrfsbase %0" : : "r"(tp) : "memory");
	else
		linuxu_syscall(__NR_arch_prctl, LINUXU_ARCH_SET_FS, tp, 0);
}
