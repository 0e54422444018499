/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 virtual machine platforms (kvm, xen): the boot code they share in
 * plat/common/x86 (entry to long mode, boot information, CPU features,
 * TLS, IDT and traps, page tables, memory regions) and the hooks each
 * platform provides to it. Internal to the platforms.
 */
#ifndef __PLAT_X86_BOOT_H__
#define __PLAT_X86_BOOT_H__

/* Magic values in %eax (multiboot) or hvm_start_info (PVH) at entry. */
#define X86_MULTIBOOT_MAGIC	0x2badb002
#define X86_PVH_MAGIC		0x336ec578

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/asm/regs.h>

/* A physical address range [start, end) and its E820 type. */
struct x86_range {
	uint64_t start, end;
	uint32_t type;
};

#define X86_E820_RAM		1
#define X86_E820_RESERVED	2
#define X86_E820_ACPI		3
#define X86_E820_NVS		4

#define X86_MAX_RANGES		32
#define X86_MAX_MODULES		4

struct x86_bootinfo {
	/* the firmware's memory map */
	struct x86_range mem[X86_MAX_RANGES];
	int nmem;
	/* where the loader put its data: the page-table pool avoids them */
	struct x86_range busy[X86_MAX_RANGES];
	int nbusy;
	/* initial ramdisks (multiboot modules, PVH modules) */
	struct x86_range initrd[X86_MAX_MODULES];
	int ninitrd;
	const char *cmdline;	/* physical = virtual; NULL when none */
	int cmdline_has_image;	/* multiboot: the first word is the file */
	uint64_t rsdp;		/* ACPI RSDP from PVH, 0: search for it */
	uint64_t ebda;		/* BIOS extended data area (page 0 is unmapped
				 * later, so read at boot), 0 if none */
};

extern struct x86_bootinfo x86_bootinfo;

/* RDTSC taken by the entry code as its very first instruction. */
extern uint64_t x86_boot_tsc;

/* Linker script symbols. */
extern char __image_start[], _etext[], _erodata[], _edata[], _end[];
extern char x86_stack_guard[], x86_stack_bottom[], x86_stack_top[];

#ifndef UK_FUZZ
/* The boot page tables map the first GiB: the loader's data must lie
 * below this to be read at boot. */
#define X86_BOOT_MAPPED		0x40000000ULL

/* A pointer to a fixed physical (= virtual) address, opaque to the
 * compiler's array-bounds checks on small constant addresses. */
static inline void *x86_phys(uintptr_t addr)
{
	void *p;

	__asm__("" : "=r"(p) : "0"(addr));
	return p;
}
#else
/* support/fuzz: "physical memory" is a buffer of the harness's. */
extern uint64_t x86_fuzz_mapped;
#define X86_BOOT_MAPPED		x86_fuzz_mapped
void *x86_phys(uintptr_t addr);
#endif

int x86_bootinfo_parse(uint32_t magic, uint32_t info);

void x86_cpu_init(void);
void x86_tls_init(void);

void x86_traps_init(void);
void x86_trap_handler(struct ukarch_regs *regs);

/* Builds and loads the final page tables; returns their pool. */
void x86_paging_init(uint64_t *pool_start, uint64_t *pool_end);
int x86_paging_is_mapped(uint64_t addr, uint64_t len);

void x86_memregions_init(uint64_t pool_start, uint64_t pool_end);

/*
 * The boot command line as argv (argv[0] the app); @argv holds @max + 2
 * entries. A line longer than @size - 1 bytes or with more than @max
 * words stops the boot (status 64). @max = @size / 2 can never be
 * exceeded: every word takes a character and a blank.
 */
int x86_setup_args(char *buf, size_t size, char **argv, int max);

/* ---- provided by each platform ---------------------------------------- */

/* The first C code: entry.S calls it in long mode on the boot stack with
 * the loader's magic and information address. */
__noreturn void x86_boot_main(uint32_t magic, uint32_t info);

/*
 * Called by the IDT stubs for vectors 32..255, interrupts disabled, on
 * the interrupted stack. The stub saved the general registers and the SSE
 * state; @regs is the interrupted state (error_code is 0).
 */
void x86_irq_dispatch(unsigned int vector, struct ukarch_regs *regs);

#endif /* !__ASSEMBLY__ */
#endif /* __PLAT_X86_BOOT_H__ */
