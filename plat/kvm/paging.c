/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: page access rights. Not implemented yet: the page tables built at
 * boot (x86/paging.c) map all memory read-write-execute with large pages.
 * Changing rights needs splitting them to 4 KiB pages and a TLB flush;
 * until then ukmmap only records the rights.
 */
#include <errno.h>
#include <uk/essentials.h>
#include <uk/plat/paging.h>

int ukplat_page_set_prot(void *addr __unused, size_t len __unused,
			 int prot __unused)
{
	return -ENOTSUP;
}
