/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat/common/x86/bootinfo.c: the multiboot v1 information and the PVH
 * start info with their E820 memory maps, module lists and command
 * lines. Input: a byte (bit 0: PVH, else multiboot), the information's
 * physical address (4 bytes), then the "physical memory" from address 0
 * (at least 4 KiB, zero-filled), which stands for the boot identity map:
 * a read outside it is caught (x86_phys checks the start, AddressSanitizer
 * the rest). Checks: the counts within their arrays, every range
 * non-empty and not wrapping, the command line a string inside memory.
 */
#include <x86/boot.h>
#include "fuzz.h"

uint64_t x86_fuzz_mapped;
static uint8_t *memory;

void *x86_phys(uintptr_t addr)
{
	FUZZ_ASSERT(addr < x86_fuzz_mapped, "read at %#lx, outside %#lx",
		    (unsigned long)addr, (unsigned long)x86_fuzz_mapped);
	return memory + addr;
}

static void check_ranges(const struct x86_range *r, int n, int max,
			 const char *what)
{
	FUZZ_ASSERT(n >= 0 && n <= max, "%d %s ranges", n, what);
	for (int i = 0; i < n; i++)
		FUZZ_ASSERT(r[i].end > r[i].start,
			    "%s range %d: %#llx-%#llx", what, i,
			    (unsigned long long)r[i].start,
			    (unsigned long long)r[i].end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t magic, info;
	const char *c;
	int rc;

	if (size < 5)
		return 0;
	magic = data[0] & 1 ? X86_PVH_MAGIC : X86_MULTIBOOT_MAGIC;
	info = (uint32_t)data[1] | (uint32_t)data[2] << 8 |
	       (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
	data += 5;
	size -= 5;
	x86_fuzz_mapped = size < 4096 ? 4096 : size;
	memory = calloc(1, x86_fuzz_mapped);
	memcpy(memory, data, size);
	memset(&x86_bootinfo, 0, sizeof(x86_bootinfo));

	rc = x86_bootinfo_parse(magic, info);
	FUZZ_ASSERT(rc == 0 || rc == -1, "returned %d", rc);
	check_ranges(x86_bootinfo.mem, x86_bootinfo.nmem, X86_MAX_RANGES,
		     "memory");
	check_ranges(x86_bootinfo.busy, x86_bootinfo.nbusy, X86_MAX_RANGES,
		     "busy");
	check_ranges(x86_bootinfo.initrd, x86_bootinfo.ninitrd,
		     X86_MAX_MODULES, "initrd");
	if (rc == 0)
		FUZZ_ASSERT(x86_bootinfo.nmem > 0, "success without memory");
	c = x86_bootinfo.cmdline;
	if (c) {
		FUZZ_ASSERT((const uint8_t *)c >= memory &&
			    (const uint8_t *)c < memory + x86_fuzz_mapped,
			    "command line outside memory");
		FUZZ_ASSERT(memchr(c, 0, (size_t)(memory + x86_fuzz_mapped -
						  (const uint8_t *)c)),
			    "command line not terminated in memory");
	}
	free(memory);
	return 0;
}
