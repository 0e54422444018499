/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the platform's memory regions, from the firmware's memory map:
 * free RAM above 1 MiB minus the image, the page tables and the initrds;
 * the image itself; the initrds; what the firmware reserved.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/plat/memory.h>
#include <x86/boot.h>

#define PAGE		0x1000UL
#define LOW_END		0x100000UL
#define MAX_REGIONS	(2 * X86_MAX_RANGES)

static struct ukplat_memregion regions[MAX_REGIONS];
static int nregions;

/* Ranges that are not free although the firmware calls them RAM. */
static struct x86_range used[X86_MAX_MODULES + 2];
static int nused;

static void add(uint64_t start, uint64_t end, unsigned int flags,
		const char *name)
{
	if (nregions >= MAX_REGIONS || start >= end)
		return;
	regions[nregions++] = (struct ukplat_memregion){
		.base = start, .len = end - start, .flags = flags,
		.name = name };
}

static void add_free(uint64_t start, uint64_t end)
{
	for (int i = 0; i < nused; i++) {
		if (start < used[i].end && used[i].start < end) {
			add_free(start, used[i].start);
			add_free(used[i].end, end);
			return;
		}
	}
	add(start, end, UKPLAT_MEMRF_FREE, "ram");
}

void x86_memregions_init(uint64_t pool_start, uint64_t pool_end)
{
	const struct x86_bootinfo *bi = &x86_bootinfo;
	int i;

	used[nused++] = (struct x86_range){ (uintptr_t)__image_start,
					    (uintptr_t)_end, 0 };
	used[nused++] = (struct x86_range){ pool_start, pool_end, 0 };
	for (i = 0; i < bi->ninitrd; i++)
		used[nused++] = bi->initrd[i];

	for (i = 0; i < bi->nmem; i++) {
		const struct x86_range *r = &bi->mem[i];

		if (r->type == X86_E820_RAM)
			add_free(UK_ALIGN_UP(UK_MAX(r->start, LOW_END), PAGE),
				 r->end & ~(PAGE - 1));
	}
	add((uintptr_t)__image_start, (uintptr_t)_end, UKPLAT_MEMRF_KERNEL,
	    "image");
	add(pool_start, pool_end, UKPLAT_MEMRF_RESERVED, "pagetables");
	for (i = 0; i < bi->ninitrd; i++)
		add(bi->initrd[i].start, bi->initrd[i].end,
		    UKPLAT_MEMRF_INITRD, "initrd");
	for (i = 0; i < bi->nmem; i++)
		if (bi->mem[i].type != X86_E820_RAM)
			add(bi->mem[i].start, bi->mem[i].end,
			    UKPLAT_MEMRF_RESERVED, "firmware");
}

int ukplat_memregion_count(void)
{
	return nregions;
}

int ukplat_memregion_get(int index, struct ukplat_memregion *mr)
{
	if (index < 0 || index >= nregions)
		return -EINVAL;
	*mr = regions[index];
	return 0;
}
