/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI bus on kvm: memory BARs must lie in the identity-mapped range the
 * page tables give to devices (uncached); QEMU's firmware places them
 * there below 4 GiB. A BAR outside it is refused.
 */
#include <errno.h>
#include <uk/print.h>
#include <kvm/setup.h>
#include "pci_map.h"

int pci_map_bars(struct pci_dev *d)
{
	for (int i = 0; i < PCI_NUM_BARS; i++) {
		const struct pci_bar *b = &d->bar[i];

		if (!b->size || b->io)
			continue;
		if (!x86_paging_is_mapped(b->addr, b->size)) {
			uk_pr_err("pci %02x:%02x.%x: bar%d 0x%lx+0x%lx is not mapped\n",
				  d->bus, d->slot, d->func, i,
				  (unsigned long)b->addr,
				  (unsigned long)b->size);
			return -EFAULT;
		}
	}
	return 0;
}
