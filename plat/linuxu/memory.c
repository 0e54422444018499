/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: memory regions. The heap is an anonymous mapping reserved on
 * first use (after library parameters are parsed, so linuxu.heap_mb
 * applies); the host backs its pages only when they are touched.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/plat/memory.h>
#include <linuxu/syscall.h>
#if CONFIG_LIBUKLIBPARAM
#include <uk/libparam.h>
#endif

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

static unsigned int heap_mb = CONFIG_LINUXU_DEFAULT_HEAP_MB;
#if CONFIG_LIBUKLIBPARAM
UK_LIBPARAM_PARAM(heap_mb, uint);
#endif

extern char __executable_start[], _end[];

static struct ukplat_memregion regions[2];
static int nregions;

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	linuxu_syscall(__NR_write, 2, s, n);
}

static void map_regions(void)
{
	size_t len = (size_t)heap_mb << 20;
	long base = linuxu_syscall6(__NR_mmap, 0, (long)len,
				    PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				    -1, 0);

	if (base < 0 && base > -4096) {
		put("linuxu: cannot reserve the heap (linuxu.heap_mb too large?)\n");
		base = 0;
		len = 0;
	}
	regions[0] = (struct ukplat_memregion){
		.base = (uintptr_t)base, .len = len,
		.flags = UKPLAT_MEMRF_FREE, .name = "heap" };
	regions[1] = (struct ukplat_memregion){
		.base = (uintptr_t)__executable_start,
		.len = (size_t)(_end - __executable_start),
		.flags = UKPLAT_MEMRF_KERNEL, .name = "image" };
	nregions = 2;
}

int ukplat_memregion_count(void)
{
	if (!nregions)
		map_regions();
	return nregions;
}

int ukplat_memregion_get(int index, struct ukplat_memregion *mr)
{
	if (index < 0 || index >= ukplat_memregion_count())
		return -EINVAL;
	*mr = regions[index];
	return 0;
}
