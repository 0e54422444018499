/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: page access rights through the host's mprotect system call. */
#include <errno.h>
#include <stdint.h>
#include <uk/plat/paging.h>
#include <linuxu/syscall.h>

#ifndef __NR_mprotect
#define __NR_mprotect	10
#endif

int ukplat_page_set_prot(void *addr, size_t len, int prot)
{
	if (((uintptr_t)addr & 4095) ||
	    (prot & ~(UKPLAT_PAGE_PROT_READ | UKPLAT_PAGE_PROT_WRITE |
		      UKPLAT_PAGE_PROT_EXEC)))
		return -EINVAL;
	/* Linux's PROT_* bits are the same as UKPLAT_PAGE_PROT_*. */
	return (int)linuxu_syscall(__NR_mprotect, addr, len, prot);
}
