/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: access rights of pages in the single address space, for
 * mprotect() and guard pages. Platforms that cannot change them return
 * -ENOTSUP; callers then only record the rights.
 */
#ifndef __UK_PLAT_PAGING_H__
#define __UK_PLAT_PAGING_H__

#include <stddef.h>

#define UKPLAT_PAGE_PROT_NONE	0x0
#define UKPLAT_PAGE_PROT_READ	0x1
#define UKPLAT_PAGE_PROT_WRITE	0x2
#define UKPLAT_PAGE_PROT_EXEC	0x4

/*
 * Give the pages of [@addr, @addr + @len) the rights @prot (UKPLAT_PAGE_
 * PROT_* bits). @addr must be page-aligned; @len is rounded up to pages.
 * Returns 0, -EINVAL (unaligned, bad bits), -ENOMEM (not mapped) or
 * -ENOTSUP where the platform cannot change page rights.
 */
int ukplat_page_set_prot(void *addr, size_t len, int prot);

#endif /* __UK_PLAT_PAGING_H__ */
