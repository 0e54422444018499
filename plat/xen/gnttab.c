/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: grant table version 1. Its frames are mapped with
 * XENMEM_add_to_physmap (XENMAPSPACE_grant_table) over page-aligned
 * frames of our bss, the way the shared info page is. Free references
 * are kept on a stack; each entry is granted by writing domid and frame
 * first and the flags last, and revoked by clearing the flags with a
 * compare-and-swap that fails while Xen marks the entry as mapped
 * (GTF_reading / GTF_writing).
 */
#include <errno.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <xen-plat/xen.h>
#include <xen-plat/gnttab.h>

#define FRAMES		CONFIG_XEN_GNTTAB_FRAMES
#define PER_FRAME	(4096 / sizeof(grant_entry_v1_t))
#define MAX_REFS	(FRAMES * PER_FRAME)

static uint8_t frames[FRAMES][4096] __aligned(4096);
static volatile grant_entry_v1_t *table;
static grant_ref_t free_refs[MAX_REFS];
static unsigned int nfree, nrefs;
/* 1 while the reference is handed out */
static uint8_t in_use[MAX_REFS];

static long gnttab_op(unsigned int cmd, void *arg, unsigned int count)
{
	return xen_hypercall(__HYPERVISOR_grant_table_op, cmd,
			     (unsigned long)arg, count);
}

int xen_gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned int n = FRAMES;

	if (gnttab_op(GNTTABOP_query_size, &q, 1) == 0 && q.status == 0 &&
	    q.max_nr_frames < n)
		n = q.max_nr_frames;
	for (unsigned int i = 0; i < n; i++) {
		struct xen_add_to_physmap map = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = (uintptr_t)frames[i] >> 12,
		};
		long rc = xen_memory_op(XENMEM_add_to_physmap, &map);

		if (rc) {
			uk_pr_err("xen: cannot map grant table frame %u: %ld\n",
				  i, rc);
			if (!i)
				return (int)rc;
			n = i;
			break;
		}
	}
	table = (volatile grant_entry_v1_t *)frames;
	nrefs = n * PER_FRAME;
	/* The lowest references first: pushed last. */
	for (unsigned int r = nrefs; r-- > GNTTAB_NR_RESERVED_ENTRIES;)
		free_refs[nfree++] = r;
	return 0;
}

int xen_gnttab_grant_access(domid_t dom, uint64_t pfn, int readonly)
{
	unsigned long flags;
	grant_ref_t ref;

	if (!table)
		return -EINVAL;
	if (pfn > UINT32_MAX)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	if (!nfree) {
		ukplat_lcpu_restore_irqf(flags);
		return -ENOSPC;
	}
	ref = free_refs[--nfree];
	in_use[ref] = 1;
	ukplat_lcpu_restore_irqf(flags);
	table[ref].domid = dom;
	table[ref].frame = (uint32_t)pfn;
	/* Domain and frame visible before the flags that validate them. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	table[ref].flags = (uint16_t)(GTF_permit_access |
				      (readonly ? GTF_readonly : 0));
	return (int)ref;
}

int xen_gnttab_end_access(grant_ref_t ref)
{
	volatile uint16_t *f;
	uint16_t old;
	unsigned long flags;

	if (ref >= nrefs || ref < GNTTAB_NR_RESERVED_ENTRIES || !in_use[ref])
		return -EINVAL;
	f = &table[ref].flags;
	old = __atomic_load_n(f, __ATOMIC_ACQUIRE);
	do {
		if (old & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(f, &old, 0, 0, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	flags = ukplat_lcpu_save_irqf();
	in_use[ref] = 0;
	free_refs[nfree++] = ref;
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

unsigned int xen_gnttab_free_count(void)
{
	return nfree;
}
