/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's random image base (KVM_RANDOM_BASE). The image is a static PIE
 * linked at 1 MiB, where the loader puts it. The boot code (entry.S) calls
 * x86_relocate() in long mode on the boot identity map, before any other
 * C code: it reads the loader's memory map, picks a random page-aligned
 * address in free RAM below 1 GiB that overlaps neither the image, the
 * loader's data nor the initrds, and leaves room above for the page-table
 * pool (paging.c takes it right after the image), copies the image there
 * (bss included: the copy starts in the same state), adds the distance
 * to every address in the copy that .rela.dyn names (R_X86_64_RELATIVE:
 * all a static PIE has) and returns the distance; entry.S continues in
 * the copy. Physical = virtual as before, so nothing else changes: the
 * memory map reserves the copy, the old place becomes free RAM.
 *
 * Runs before TLS: built without the stack protector. Runs where it was
 * linked, so every address it reads is right as linked.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/arch/lcpu.h>
#include <uk/plat/crash.h>
#include <x86/boot.h>
#include <x86/cpu.h>

#define R_X86_64_RELATIVE	8
#define PAGE		4096UL
#define LOW		0x100000UL	/* not below 1 MiB */
#define BOOT_MAPPED	0x40000000UL	/* the boot tables map 1 GiB */
/* Room kept above the copy for paging.c's page-table pool. */
#define POOL_ROOM	0x100000UL
#define TRIES		256

struct rela {
	uint64_t offset;
	uint64_t info;
	int64_t addend;
};

extern const struct rela __rela_start[], __rela_end[];

uint64_t x86_relocate(uint32_t magic, uint32_t info);

/* xorshift64*: enough to spread retries of one seed. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dUL;
}

static int overlaps(uint64_t s, uint64_t e, const struct x86_range *r,
		    int n)
{
	for (int i = 0; i < n; i++)
		if (s < r[i].end && r[i].start < e)
			return 1;
	return 0;
}

/* Free RAM [start, end) for @need bytes at @p, or 0. */
static int fits(const struct x86_bootinfo *bi, uint64_t p, uint64_t need,
		uint64_t old_start, uint64_t old_end)
{
	if (p < LOW || p + need > BOOT_MAPPED)
		return 0;
	if (p < old_end && old_start < p + need)
		return 0;
	if (overlaps(p, p + need, bi->busy, bi->nbusy) ||
	    overlaps(p, p + need, bi->initrd, bi->ninitrd))
		return 0;
	for (int i = 0; i < bi->nmem; i++)
		if (bi->mem[i].type == X86_E820_RAM &&
		    bi->mem[i].start <= p && p + need <= bi->mem[i].end)
			return 1;
	return 0;
}

/* Page positions in RAM below 1 GiB where @need bytes could start. */
static uint64_t positions(const struct x86_bootinfo *bi, uint64_t need)
{
	uint64_t n = 0;

	for (int i = 0; i < bi->nmem; i++) {
		uint64_t s = UK_MAX(bi->mem[i].start, LOW);
		uint64_t e = UK_MIN(bi->mem[i].end, BOOT_MAPPED);

		s = UK_ALIGN_UP(s, PAGE);
		if (bi->mem[i].type == X86_E820_RAM && e > s && e - s >= need)
			n += (e - s - need) / PAGE + 1;
	}
	return n;
}

/* The @k-th of those positions. */
static uint64_t position(const struct x86_bootinfo *bi, uint64_t need,
			 uint64_t k)
{
	for (int i = 0; i < bi->nmem; i++) {
		uint64_t s = UK_MAX(bi->mem[i].start, LOW);
		uint64_t e = UK_MIN(bi->mem[i].end, BOOT_MAPPED);
		uint64_t n;

		s = UK_ALIGN_UP(s, PAGE);
		if (bi->mem[i].type != X86_E820_RAM || e <= s || e - s < need)
			continue;
		n = (e - s - need) / PAGE + 1;
		if (k < n)
			return s + k * PAGE;
		k -= n;
	}
	return 0;
}

uint64_t x86_relocate(uint32_t magic, uint32_t info)
{
	struct x86_bootinfo *bi = &x86_bootinfo;
	uint64_t start = (uintptr_t)__image_start;
	uint64_t size = UK_ALIGN_UP((uintptr_t)_end, PAGE) - start;
	uint64_t need = size + POOL_ROOM, n, s, dest = 0, off;
	const struct rela *r;
	uint64_t *from, *to;

	if (x86_bootinfo_parse(magic, info) < 0)
		return 0;	/* x86_boot_main reports it */
	n = positions(bi, need);
	s = x86_boot_random(x86_boot_tsc);
	for (int i = 0; n && i < TRIES && !dest; i++) {
		uint64_t p = position(bi, need, next(&s) % n);

		if (fits(bi, p, need, start, start + size))
			dest = p;
	}
	/* x86_boot_main parses the boot information again, from zero. */
	for (unsigned char *b = (unsigned char *)bi;
	     b < (unsigned char *)(bi + 1); b++)
		*(volatile unsigned char *)b = 0;
	for (r = __rela_start; r < __rela_end; r++)
		if ((uint32_t)r->info != R_X86_64_RELATIVE)
			dest = 0;	/* cannot move what it cannot fix */
	if (!dest)
		return 0;

	off = dest - start;
	from = (uint64_t *)start;
	to = (uint64_t *)dest;
	for (uint64_t i = 0; i < size / 8; i++)
		((volatile uint64_t *)to)[i] = from[i];
	for (r = __rela_start; r < __rela_end; r++)
		*(uint64_t *)(r->offset + off) = (uint64_t)r->addend + off;
	*(unsigned long *)((uintptr_t)&ukplat_image_offset + off) = off;
	return off;
}
