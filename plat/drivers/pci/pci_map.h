/* SPDX-License-Identifier: BSD-3-Clause */
/* PCI bus: the platform's part, making memory BARs accessible. */
#ifndef __PCI_MAP_H__
#define __PCI_MAP_H__

#include <pci/pci.h>

/* Make every memory BAR of @d accessible at its address (identity,
 * uncached); 0 or -errno. */
int pci_map_bars(struct pci_dev *d);

#endif /* __PCI_MAP_H__ */
