/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: the memory map, as regions the platform found at boot.
 */
#ifndef __UK_PLAT_MEMORY_H__
#define __UK_PLAT_MEMORY_H__

#include <stddef.h>
#include <stdint.h>

#define UKPLAT_MEMRF_FREE	0x01	/* usable RAM, free for allocators */
#define UKPLAT_MEMRF_RESERVED	0x02	/* firmware, MMIO or otherwise unusable */
#define UKPLAT_MEMRF_KERNEL	0x04	/* the image itself */
#define UKPLAT_MEMRF_INITRD	0x08	/* initial ramdisk given by the loader */
#define UKPLAT_MEMRF_CMDLINE	0x10	/* boot command line */
#define UKPLAT_MEMRF_STACK	0x20	/* boot stack */

struct ukplat_memregion {
	uintptr_t base;
	size_t len;
	unsigned int flags;
	const char *name;
};

/* Number of regions; indices 0 .. count-1 are valid for _get(). */
int ukplat_memregion_count(void);

/* Returns 0 and the region at @index in @mr, or -EINVAL for a bad index. */
int ukplat_memregion_get(int index, struct ukplat_memregion *mr);

#endif /* __UK_PLAT_MEMORY_H__ */
