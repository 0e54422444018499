/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: grant tables (version 1). A frontend lets its backend domain map
 * one of its pages by granting access to the page's frame; the grant
 * reference goes to the backend through xenstore or a shared ring:
 *
 *	int ref = xen_gnttab_grant_page(dev->otherend_id, page, 0);
 *	if (ref < 0) ...			-ENOSPC: no free reference
 *	... the backend maps it, uses it, unmaps it ...
 *	rc = xen_gnttab_end_access(ref);	-EBUSY: still mapped
 *
 * xen_gnttab_end_access() revokes the grant only when the other domain
 * has no mapping of the page left; otherwise it fails with -EBUSY and the
 * grant stays (retry later, and do not reuse the page meanwhile). Once it
 * returns 0 the reference is free for the next grant. Pages are named by
 * their guest-physical frame number (physical = virtual in Tessera).
 * Safe from interrupt context. The table has CONFIG_XEN_GNTTAB_FRAMES
 * frames of 512 entries, the first 8 reserved for the toolstack.
 */
#ifndef __XEN_PLAT_GNTTAB_H__
#define __XEN_PLAT_GNTTAB_H__

#include <stdint.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/* Map the table (at boot, by the platform); 0 or -errno. */
int xen_gnttab_init(void);

/* Let @dom map frame @pfn (read-only when @readonly); the reference, or
 * -ENOSPC when none is free, -EINVAL before xen_gnttab_init(). */
int xen_gnttab_grant_access(domid_t dom, uint64_t pfn, int readonly);

static inline int xen_gnttab_grant_page(domid_t dom, const void *page,
					int readonly)
{
	return xen_gnttab_grant_access(dom, (uintptr_t)page >> 12, readonly);
}

/* Revoke grant @ref and free it: 0, -EBUSY (the other domain still maps
 * the page: nothing changed) or -EINVAL (not a reference in use). */
int xen_gnttab_end_access(grant_ref_t ref);

/* References free for grants now. */
unsigned int xen_gnttab_free_count(void);

#endif /* __XEN_PLAT_GNTTAB_H__ */
