/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the final page tables, identity mapped. All memory the
 * firmware's map names (RAM, ACPI, reserved) is mapped with the largest
 * pages the CPU has (1 GiB or 2 MiB); the local APIC/IOAPIC range
 * 0xfe000000-0xffffffff uncached. The first 2 MiB and the image use
 * 4 KiB pages: page 0 stays unmapped (NULL faults), text is read+execute,
 * rodata read-only, data and bss read+write+no-execute, and the page below
 * the boot stack is a non-present guard page. Table pages come from a
 * small pool in bss (zeroed by the loader, enough up to 1 GiB of RAM
 * without 1 GiB pages), then from a pool in free RAM after the image,
 * placed around the loader's data. The pool keeps a reserve for
 * ukplat_page_set_prot(), which splits large pages to change the rights
 * of single pages (guard pages, mprotect).
 */
#include <errno.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/paging.h>
#include <x86/boot.h>
#include <x86/cpu.h>

#define PTE_P		0x001UL
#define PTE_W		0x002UL
#define PTE_PWT		0x008UL
#define PTE_PCD		0x010UL
#define PTE_PS		0x080UL
#define PTE_NX		(1UL << 63)
#define PTE_ADDR	0x000ffffffffff000UL

#define PAGE		0x1000UL
#define SIZE_2M		0x200000UL
#define SIZE_1G		0x40000000UL
/* The boot tables map the first GiB: the pool must be below it. */
#define BOOT_MAPPED	SIZE_1G
#define APIC_BASE	0xfe000000UL
#define TOP_4G		0x100000000UL

extern int x86_cpu_nx, x86_cpu_gbpages;

#define BSS_POOL_PAGES	6

static uint64_t bss_pool[BSS_POOL_PAGES][512] __aligned(PAGE);
static unsigned int bss_pool_used;
static uint64_t pool_start, pool_next, pool_size;
static uint64_t *pml4;
static uint64_t nx;

static __noreturn void fail(const char *msg)
{
	size_t n = 0;

	while (msg[n])
		n++;
	ukplat_coutk(msg, n);
	ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
}

static uint64_t find_pool(uint64_t size);

/* A zeroed page-table page, or NULL when the pool is used up. */
static uint64_t *try_alloc_table(void)
{
	uint64_t *t;
	unsigned long n = 512;

	if (bss_pool_used < BSS_POOL_PAGES)
		return bss_pool[bss_pool_used++];
	if (!pool_start)
		pool_start = pool_next = find_pool(pool_size);
	if (pool_next + PAGE > pool_start + pool_size)
		return NULL;
	t = (uint64_t *)pool_next;
	pool_next += PAGE;
	__asm__ __volatile__("rep stosq"
			     : "+D"(t), "+c"(n) : "a"(0UL) : "memory");
	return (uint64_t *)(pool_next - PAGE);
}

static uint64_t *alloc_table(void)
{
	uint64_t *t = try_alloc_table();

	if (!t)
		fail("x86: out of page-table pages\n");
	return t;
}

static uint64_t *next_level(uint64_t *table, unsigned int i)
{
	if (!(table[i] & PTE_P))
		table[i] = (uintptr_t)alloc_table() | PTE_P | PTE_W;
	return (uint64_t *)(table[i] & PTE_ADDR);
}

/* Map [start, end) (4 KiB aligned) with @flags; keeps what is mapped. */
static void map(uint64_t start, uint64_t end, uint64_t flags)
{
	while (start < end) {
		uint64_t *pdpt = next_level(pml4, (start >> 39) & 511);
		unsigned int i3 = (start >> 30) & 511;
		uint64_t *pd, *pt;
		unsigned int i2, i1;

		if (x86_cpu_gbpages && !(start & (SIZE_1G - 1)) &&
		    end - start >= SIZE_1G && !pdpt[i3]) {
			pdpt[i3] = start | flags | PTE_PS;
			start += SIZE_1G;
			continue;
		}
		if (pdpt[i3] & PTE_PS) {
			start = (start | (SIZE_1G - 1)) + 1;
			continue;
		}
		pd = next_level(pdpt, i3);
		i2 = (start >> 21) & 511;
		if (!(start & (SIZE_2M - 1)) && end - start >= SIZE_2M &&
		    !pd[i2]) {
			pd[i2] = start | flags | PTE_PS;
			start += SIZE_2M;
			continue;
		}
		if (pd[i2] & PTE_PS) {
			start = (start | (SIZE_2M - 1)) + 1;
			continue;
		}
		pt = next_level(pd, i2);
		i1 = (start >> 12) & 511;
		do {
			if (!pt[i1])
				pt[i1] = start | flags;
			start += PAGE;
		} while (++i1 < 512 && start < end);
	}
}

static int overlaps(uint64_t s, uint64_t e, const struct x86_range *r, int n)
{
	for (int i = 0; i < n; i++)
		if (s < r[i].end && r[i].start < e)
			return i;
	return -1;
}

/* A window of @size bytes in RAM after the image avoiding loader data. */
static uint64_t find_pool(uint64_t size)
{
	const struct x86_bootinfo *bi = &x86_bootinfo;
	uint64_t p = UK_ALIGN_UP((uintptr_t)_end, PAGE);
	int i;

	while (p + size <= BOOT_MAPPED) {
		if ((i = overlaps(p, p + size, bi->busy, bi->nbusy)) >= 0) {
			p = UK_ALIGN_UP(bi->busy[i].end, PAGE);
			continue;
		}
		if ((i = overlaps(p, p + size, bi->initrd, bi->ninitrd)) >= 0) {
			p = UK_ALIGN_UP(bi->initrd[i].end, PAGE);
			continue;
		}
		for (i = 0; i < bi->nmem; i++)
			if (bi->mem[i].type == X86_E820_RAM &&
			    bi->mem[i].start <= p && p + size <= bi->mem[i].end)
				return p;
		/* not inside one RAM range: try the next one up */
		for (i = 0; i < bi->nmem; i++)
			if (bi->mem[i].type == X86_E820_RAM &&
			    bi->mem[i].start > p)
				break;
		if (i == bi->nmem)
			break;
		p = UK_ALIGN_UP(bi->mem[i].start, PAGE);
	}
	fail("x86: no free RAM for the page tables\n");
}

static uint64_t page_up(const void *p)
{
	return UK_ALIGN_UP((uintptr_t)p, PAGE);
}

/* RAM and ACPI tables; other firmware ranges only below 4 GiB (not the
 * 1 TiB HyperTransport hole QEMU reserves for AMD CPU models). */
static int wanted(const struct x86_range *r)
{
	return r->type == X86_E820_RAM || r->type == X86_E820_ACPI ||
		r->type == X86_E820_NVS || r->end <= TOP_4G;
}

/*
 * Page-table pages kept for splitting large pages when rights change
 * (guard pages, mprotect): one per MiB of RAM, at most SPLIT_MAX. Each
 * splits one 2 MiB page. Untouched, they cost the host nothing.
 */
#define SPLIT_MAX	64

static uint64_t split_reserve(const struct x86_bootinfo *bi)
{
	uint64_t ram = 0;

	for (int i = 0; i < bi->nmem; i++)
		if (bi->mem[i].type == X86_E820_RAM)
			ram += bi->mem[i].end - bi->mem[i].start;
	return UK_MIN(ram >> 20, (uint64_t)SPLIT_MAX);
}

void x86_paging_init(uint64_t *used_start, uint64_t *used_end)
{
	const struct x86_bootinfo *bi = &x86_bootinfo;
	uint64_t data = PTE_P | PTE_W, pages = 8;
	uint64_t low_end = UK_MAX(page_up(_end), SIZE_2M);

	nx = x86_cpu_nx ? PTE_NX : 0;
	data |= nx;
	/* PML4, PDPTs, a PD per GiB (without 1 GiB pages), PTs */
	pages += (((uintptr_t)_end - (uintptr_t)__image_start) >> 21);
	for (int i = 0; i < bi->nmem; i++)
		if (wanted(&bi->mem[i]))
			pages += x86_cpu_gbpages ? 0 :
				((bi->mem[i].end - 1) >> 30) -
				(bi->mem[i].start >> 30) + 1;
	pool_size = (pages + split_reserve(bi)) * PAGE;
	pml4 = alloc_table();

	/* The image: first mapping wins, so the guard page stays a hole. */
	map((uintptr_t)__image_start, page_up(_etext), PTE_P);
	map(page_up(_etext), page_up(_erodata), PTE_P | nx);
	map(page_up(_erodata), (uintptr_t)x86_stack_guard, data);
	map((uintptr_t)x86_stack_bottom, page_up(_end), data);
	map((uintptr_t)x86_stack_guard, (uintptr_t)x86_stack_bottom, 0);
	/* Low memory: BIOS data, VGA, option ROMs, ACPI RSDP; not page 0;
	 * the rest of the first 2 MiB (or up to the image end). */
	map(PAGE, (uintptr_t)__image_start, data);
	map(page_up(_end), low_end, data);
	/* Local APIC, IOAPIC, HPET, firmware: uncached. */
	map(APIC_BASE, TOP_4G, data | PTE_PCD | PTE_PWT);
	for (int i = 0; i < bi->nmem; i++) {
		uint64_t s = bi->mem[i].start & ~(SIZE_2M - 1);
		uint64_t e = UK_ALIGN_UP(bi->mem[i].end, SIZE_2M);

		if (wanted(&bi->mem[i]))
			map(UK_MAX(s, low_end), e, data);
	}
	x86_write_cr3((uintptr_t)pml4);
	/* The rest of the pool stays reserved for ukplat_page_set_prot. */
	if (!pool_start)
		pool_start = pool_next = find_pool(pool_size);
	*used_start = pool_start;
	*used_end = pool_start + pool_size;
}

/* Whether every byte of [addr, addr + len) is mapped (for ACPI tables). */
int x86_paging_is_mapped(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (!pml4 || end < addr)
		return 0;
	addr &= ~(PAGE - 1);
	while (addr < end) {
		uint64_t e = pml4[(addr >> 39) & 511];
		uint64_t size = SIZE_1G;

		if (!(e & PTE_P))
			return 0;
		e = ((uint64_t *)(e & PTE_ADDR))[(addr >> 30) & 511];
		if ((e & PTE_P) && !(e & PTE_PS)) {
			e = ((uint64_t *)(e & PTE_ADDR))[(addr >> 21) & 511];
			size = SIZE_2M;
			if ((e & PTE_P) && !(e & PTE_PS)) {
				e = ((uint64_t *)(e & PTE_ADDR))
					[(addr >> 12) & 511];
				size = PAGE;
			}
		}
		if (!(e & PTE_P))
			return 0;
		addr = (addr & ~(size - 1)) + size;
	}
	return 1;
}

/* Replace the large page @*e (of @size bytes) by a table of @size / 512
 * pages with the same rights. Returns 0 or -ENOMEM. */
static int split(uint64_t *e, uint64_t size)
{
	uint64_t *t = try_alloc_table();
	uint64_t base = *e & PTE_ADDR & ~(size - 1);
	uint64_t flags = *e & (PTE_P | PTE_W | PTE_PWT | PTE_PCD | PTE_NX);
	uint64_t sub = size / 512;

	if (!t)
		return -ENOMEM;
	for (unsigned int i = 0; i < 512; i++)
		t[i] = (base + i * sub) | flags | (sub > PAGE ? PTE_PS : 0);
	*e = (uintptr_t)t | PTE_P | PTE_W;
	return 0;
}

/* The 4 KiB entry mapping @addr, splitting large pages on the way;
 * NULL when @addr is not mapped or no table page is left. */
static uint64_t *pte_of(uint64_t addr, int *split_done)
{
	uint64_t *e = &pml4[(addr >> 39) & 511];
	static const unsigned int shift[] = { 30, 21, 12 };

	for (int level = 0; level < 3; level++) {
		if (!(*e & PTE_P))
			return NULL;
		e = &((uint64_t *)(*e & PTE_ADDR))[(addr >> shift[level]) & 511];
		if (level < 2 && (*e & PTE_PS)) {
			if (split(e, 1UL << shift[level]) < 0)
				return NULL;
			*split_done = 1;
		}
	}
	return *e ? e : NULL;
}

int ukplat_page_set_prot(void *addr, size_t len, int prot)
{
	uint64_t a = (uintptr_t)addr, end = a + UK_ALIGN_UP(len, PAGE);
	uint64_t flags = 0;
	unsigned long irqf;
	int split_done = 0, rc = 0;

	if ((a & (PAGE - 1)) || end < a || (prot & ~(UKPLAT_PAGE_PROT_READ |
	    UKPLAT_PAGE_PROT_WRITE | UKPLAT_PAGE_PROT_EXEC)))
		return -EINVAL;
	/* The image keeps the rights it was linked with. */
	if (a < page_up(_end) && (uintptr_t)__image_start < end)
		return -EINVAL;
	if (prot)	/* x86 cannot map write-only or execute-only */
		flags = PTE_P | ((prot & UKPLAT_PAGE_PROT_WRITE) ? PTE_W : 0) |
			((prot & UKPLAT_PAGE_PROT_EXEC) ? 0 : nx);
	irqf = ukplat_lcpu_save_irqf();
	for (; a < end; a += PAGE) {
		uint64_t *pte = pte_of(a, &split_done);

		if (!pte) {
			rc = -ENOMEM;
			break;
		}
		/* Identity map: the address bits are @a itself. */
		*pte = a | flags | (*pte & (PTE_PCD | PTE_PWT));
		__asm__ __volatile__("invlpg (%0)" :: "r"(a) : "memory");
	}
	/* Splits changed the structure above the pages: flush it all. */
	if (split_done)
		x86_write_cr3((uintptr_t)pml4);
	ukplat_lcpu_restore_irqf(irqf);
	return rc;
}
