/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: read what the boot loader hands over, from a multiboot v1
 * information structure or a PVH hvm_start_info: memory map, command
 * line, modules (initrd), ACPI RSDP. It also notes where the loader's own
 * data lies, so the page-table pool is not put on top of it. Everything
 * is read before the final page tables, through the boot identity map of
 * the first GiB: what lies outside it, and a range that wraps, is
 * ignored; only as many modules and memory ranges are read as are kept.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <x86/boot.h>

struct x86_bootinfo x86_bootinfo;

/* Multiboot v1 information structure (the fields we read). */
#define MBI_MEMORY	(1U << 0)
#define MBI_CMDLINE	(1U << 2)
#define MBI_MODS	(1U << 3)
#define MBI_MMAP	(1U << 6)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __packed;

struct mb_mod {
	uint32_t start, end, string, reserved;
} __packed;

struct mb_mmap {
	uint32_t size;		/* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __packed;

/* PVH start info (Xen's hvm_start_info, version 1). */
struct pvh_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries, reserved;
} __packed;

struct pvh_mod {
	uint64_t paddr, size, cmdline_paddr, reserved;
} __packed;

struct pvh_memmap {
	uint64_t addr, size;
	uint32_t type, reserved;
} __packed;

static void add(struct x86_range *r, int *n, int max, uint64_t start,
		uint64_t len, uint32_t type)
{
	/* a range that wraps past 2^64 is nonsense: dropped */
	if (*n >= max || !len || start + len < start)
		return;
	r[*n] = (struct x86_range){ start, start + len, type };
	(*n)++;
}

static void busy(uint64_t start, uint64_t len)
{
	add(x86_bootinfo.busy, &x86_bootinfo.nbusy, X86_MAX_RANGES, start,
	    len, 0);
}

static void mem(uint64_t start, uint64_t len, uint32_t type)
{
	add(x86_bootinfo.mem, &x86_bootinfo.nmem, X86_MAX_RANGES, start, len,
	    type);
}

static void initrd(uint64_t start, uint64_t len)
{
	add(x86_bootinfo.initrd, &x86_bootinfo.ninitrd, X86_MAX_MODULES, start,
	    len, 0);
}

/*
 * The loader's @len bytes at physical @addr, or NULL when they do not lie
 * entirely in the boot identity map (reading them would fault).
 */
static const void *phys(uint64_t addr, uint64_t len)
{
	if (addr >= X86_BOOT_MAPPED || len > X86_BOOT_MAPPED - addr)
		return NULL;
	return x86_phys((uintptr_t)addr);
}

/* The size of the string at @addr with its NUL; 0 when it does not end
 * inside the boot identity map. */
static uint64_t str_size(uint64_t addr)
{
	const char *s = phys(addr, 1);
	uint64_t n = 0;

	if (!s)
		return 0;
	while (s[n]) {
		n++;
		if (n >= X86_BOOT_MAPPED - addr)
			return 0;
	}
	return n + 1;
}

static void cmdline(uint64_t addr)
{
	uint64_t n;

	if (!addr || !(n = str_size(addr)))
		return;
	x86_bootinfo.cmdline = phys(addr, n);
	busy(addr, n);
}

static int parse_multiboot(uint32_t info)
{
	const struct mb_info *mbi = phys(info, sizeof(*mbi));

	if (!mbi)
		return -1;
	busy(info, sizeof(*mbi));
	/* BIOS data area: segment of the EBDA, where an RSDP may be */
	x86_bootinfo.ebda = (uint64_t)*(volatile uint16_t *)x86_phys(0x40e) << 4;
	if (mbi->flags & MBI_CMDLINE) {
		cmdline(mbi->cmdline);
		x86_bootinfo.cmdline_has_image = 1;
	}
	if (mbi->flags & MBI_MODS) {
		/* only the first X86_MAX_MODULES are used */
		uint32_t n = UK_MIN(mbi->mods_count, X86_MAX_MODULES);
		const struct mb_mod *m =
			phys(mbi->mods_addr, n * sizeof(*m));

		busy(mbi->mods_addr, (uint64_t)n * sizeof(*m));
		for (uint32_t i = 0; m && i < n; i++) {
			initrd(m[i].start, (uint64_t)m[i].end - m[i].start);
			if (m[i].string)
				busy(m[i].string, str_size(m[i].string));
		}
	}
	if (mbi->flags & MBI_MMAP) {
		uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

		busy(p, mbi->mmap_length);
		if (!phys(p, mbi->mmap_length))
			end = p;
		while (p + sizeof(struct mb_mmap) <= end &&
		       x86_bootinfo.nmem < X86_MAX_RANGES) {
			const struct mb_mmap *e = phys(p, sizeof(*e));

			mem(e->addr, e->len, e->type);
			p += (uint64_t)e->size + sizeof(e->size);
		}
	} else if (mbi->flags & MBI_MEMORY) {
		mem(0, (uint64_t)mbi->mem_lower << 10, X86_E820_RAM);
		mem(0x100000, (uint64_t)mbi->mem_upper << 10, X86_E820_RAM);
	}
	return 0;
}

static int parse_pvh(uint32_t info)
{
	const struct pvh_start_info *si = phys(info, sizeof(*si));

	if (!si || si->magic != X86_PVH_MAGIC)
		return -1;
	busy(info, sizeof(*si));
	cmdline(si->cmdline_paddr);
	x86_bootinfo.rsdp = si->rsdp_paddr;
	if (si->nr_modules && si->modlist_paddr) {
		/* only the first X86_MAX_MODULES are used */
		uint32_t n = UK_MIN(si->nr_modules, X86_MAX_MODULES);
		const struct pvh_mod *m =
			phys(si->modlist_paddr, n * sizeof(*m));

		busy(si->modlist_paddr, (uint64_t)n * sizeof(*m));
		for (uint32_t i = 0; m && i < n; i++)
			initrd(m[i].paddr, m[i].size);
	}
	if (si->version >= 1 && si->memmap_paddr) {
		/* entries past X86_MAX_RANGES would be dropped */
		uint32_t n = UK_MIN(si->memmap_entries, X86_MAX_RANGES);
		const struct pvh_memmap *e =
			phys(si->memmap_paddr, n * sizeof(*e));

		busy(si->memmap_paddr, (uint64_t)n * sizeof(*e));
		for (uint32_t i = 0; e && i < n; i++)
			mem(e[i].addr, e[i].size, e[i].type);
	}
	return 0;
}

/* Returns 0, or -1 when the loader is neither multiboot nor PVH. */
int x86_bootinfo_parse(uint32_t magic, uint32_t info)
{
	int rc = -1;

	if (magic == X86_MULTIBOOT_MAGIC)
		rc = parse_multiboot(info);
	else if (magic == X86_PVH_MAGIC)
		rc = parse_pvh(info);
	if (rc == 0 && !x86_bootinfo.nmem)
		rc = -1;
	return rc;
}
