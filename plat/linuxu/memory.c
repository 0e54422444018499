/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: memory regions. The heap is an anonymous mapping reserved on
 * first use (after library parameters are parsed, so linuxu.heap_mb
 * applies); the host backs its pages only when they are touched.
 * linuxu.initrd=FILE maps a host file as the initrd region.
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
static const char *initrd;
#if CONFIG_LIBUKLIBPARAM
UK_LIBPARAM_PARAM(heap_mb, uint);
UK_LIBPARAM_PARAM_DESC(initrd, charp, "host file to map as the initrd");
#endif

extern char __executable_start[], _end[];

static struct ukplat_memregion regions[3];
static int nregions;

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	linuxu_syscall(__NR_write, 2, s, n);
}

/* Maps the host file linuxu.initrd= names, privately (writable copy). */
static void map_initrd(void)
{
	long fd = linuxu_syscall(__NR_open, initrd, 0 /* O_RDONLY */, 0);
	long len, base;

	if (fd < 0) {
		put("linuxu: cannot open linuxu.initrd=");
		put(initrd);
		put("\n");
		return;
	}
	len = linuxu_syscall(__NR_lseek, fd, 0, 2 /* SEEK_END */);
	if (len <= 0) {
		put("linuxu: linuxu.initrd= names an empty or unreadable file\n");
		linuxu_syscall(__NR_close, fd, 0, 0);
		return;
	}
	base = linuxu_syscall6(__NR_mmap, 0, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE, fd, 0);
	linuxu_syscall(__NR_close, fd, 0, 0);
	if (base < 0 && base > -4096) {
		put("linuxu: cannot map linuxu.initrd=\n");
		return;
	}
	regions[nregions++] = (struct ukplat_memregion){
		.base = (uintptr_t)base, .len = (size_t)len,
		.flags = UKPLAT_MEMRF_INITRD, .name = "initrd" };
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
	if (initrd && *initrd)
		map_initrd();
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
