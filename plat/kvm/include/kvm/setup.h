/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: state the boot code collects for the platform's other parts, and
 * the functions the boot steps call on each other. Internal to plat/kvm.
 */
#ifndef __KVM_SETUP_H__
#define __KVM_SETUP_H__

/* Magic values in %eax (multiboot) or hvm_start_info (PVH) at entry. */
#define KVM_MULTIBOOT_MAGIC	0x2badb002
#define KVM_PVH_MAGIC		0x336ec578

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stddef.h>
#include <uk/asm/regs.h>

/* A physical address range [start, end) and its E820 type. */
struct kvm_range {
	uint64_t start, end;
	uint32_t type;
};

#define KVM_E820_RAM		1
#define KVM_E820_RESERVED	2
#define KVM_E820_ACPI		3
#define KVM_E820_NVS		4

#define KVM_MAX_RANGES		32
#define KVM_MAX_MODULES		4

struct kvm_bootinfo {
	/* the firmware's memory map */
	struct kvm_range mem[KVM_MAX_RANGES];
	int nmem;
	/* where the loader put its data: the page-table pool avoids them */
	struct kvm_range busy[KVM_MAX_RANGES];
	int nbusy;
	/* initial ramdisks (multiboot modules, PVH modules) */
	struct kvm_range initrd[KVM_MAX_MODULES];
	int ninitrd;
	const char *cmdline;	/* physical = virtual; NULL when none */
	int cmdline_has_image;	/* multiboot: the first word is the file */
	uint64_t rsdp;		/* ACPI RSDP from PVH, 0: search for it */
	uint64_t ebda;		/* BIOS extended data area (page 0 is unmapped
				 * later, so read at boot), 0 if none */
};

extern struct kvm_bootinfo kvm_bootinfo;

/* Linker script symbols. */
extern char __image_start[], _etext[], _erodata[], _edata[], _end[];
extern char kvm_stack_guard[], kvm_stack_bottom[], kvm_stack_top[];

/* A pointer to a fixed physical (= virtual) address, opaque to the
 * compiler's array-bounds checks on small constant addresses. */
static inline void *kvm_phys(uintptr_t addr)
{
	void *p;

	__asm__("" : "=r"(p) : "0"(addr));
	return p;
}

void kvm_console_init(void);
void kvm_vga_init(void);
void kvm_vga_write(const char *buf, size_t len);

int kvm_bootinfo_parse(uint32_t magic, uint32_t info);

void kvm_cpu_init(void);
void kvm_tls_init(void);

void kvm_traps_init(void);
void kvm_trap_handler(struct ukarch_regs *regs);

/* Builds and loads the final page tables; returns their pool. */
void kvm_paging_init(uint64_t *pool_start, uint64_t *pool_end);
int kvm_paging_is_mapped(uint64_t addr, uint64_t len);

void kvm_memregions_init(uint64_t pool_start, uint64_t pool_end);

int kvm_acpi_poweroff(void);

#endif /* !__ASSEMBLY__ */
#endif /* __KVM_SETUP_H__ */
