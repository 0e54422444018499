/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: boot entries. Multiboot v1 (QEMU -kernel on pc/q35) and PVH
 * (the Xen ELF note; QEMU -kernel on microvm, Firecracker-style loaders)
 * both enter in 32-bit protected mode with paging off. Common code loads
 * a GDT, identity maps the first GiB with 2 MiB pages, enables PAE, long
 * mode, paging and SSE, and calls x86_boot_main(magic, info) in 64-bit
 * mode on the boot stack. The C code then builds the final page tables.
 */
#include <x86/boot.h>

#define MB_MAGIC	0x1badb002
/* page-align modules, memory map wanted, address fields valid */
#define MB_FLAGS	0x00010003

#define CR0_PE		0x00000001
#define CR0_MP		0x00000002
#define CR0_NE		0x00000020
#define CR0_WP		0x00010000
#define CR0_PG		0x80000000
#define CR4_PAE		0x00000020
#define CR4_OSFXSR	0x00000200
#define CR4_OSXMMEXCPT	0x00000400
#define MSR_EFER	0xc0000080
#define EFER_LME	0x00000100

#define PAGE_BOOT_STACK	(X86_BOOT_STACK_KIB * 1024)

/*
 * The multiboot header and the 32-bit code sit at a fixed address
 * (Linker.ld). They name every other address as ABS(sym): its distance
 * from the header, which the assembler turns into a PC-relative
 * relocation, plus the header's fixed address. That is the link-time
 * address, right while this code runs (before kvm's KVM_RANDOM_BASE may
 * move the image), and it needs no 32-bit absolute relocation, which a
 * position-independent link cannot have.
 */
#define MB_HEADER_ADDR	0x100200
#define IMAGE_ADDR	0x100000
#define ABS(sym)	(MB_HEADER_ADDR + ((sym) - x86_mb_header))

	.section .multiboot, "ax"
	.balign 4
	.globl x86_mb_header
x86_mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long MB_HEADER_ADDR		/* header_addr */
	.long IMAGE_ADDR		/* load_addr: file offset 0 */
	.long ABS(_edata)		/* load_end_addr */
	.long ABS(_end)			/* bss_end_addr: the loader zeroes bss */
	.long ABS(_x86_multiboot_entry)	/* entry_addr */

/* XEN_ELFNOTE_PHYS32_ENTRY (18): 32-bit entry point for PVH loaders. */
	.section .note.pvh, "a", @note
	.balign 4
	.long 4				/* name size: "Xen\0" */
	.long 8				/* descriptor size */
	.long 18			/* type */
	.asciz "Xen"
	.quad ABS(_x86_pvh_entry)	/* same section: a constant */

	.section .multiboot, "ax"
	.code32
	.globl _x86_multiboot_entry
	.type _x86_multiboot_entry, @function
_x86_multiboot_entry:
	movl %eax, %edi			/* multiboot magic */
	rdtsc
	movl %eax, ABS(x86_boot_tsc)
	movl %edx, ABS(x86_boot_tsc) + 4
	movl %ebx, %esi			/* multiboot information */
	jmp boot32
	.size _x86_multiboot_entry, . - _x86_multiboot_entry

	.globl _x86_pvh_entry
	.type _x86_pvh_entry, @function
_x86_pvh_entry:
	rdtsc
	movl %eax, ABS(x86_boot_tsc)
	movl %edx, ABS(x86_boot_tsc) + 4
	movl $X86_PVH_MAGIC, %edi
	movl %ebx, %esi			/* hvm_start_info */
	jmp boot32
	.size _x86_pvh_entry, . - _x86_pvh_entry

	.type boot32, @function
boot32:
	cld
	lgdt ABS(gdt_ptr)
	/* PML4[0] -> PDPT, PDPT[0] -> PD, PD: 512 x 2 MiB = first GiB */
	movl $ABS(boot_pdpt), %eax
	orl $3, %eax
	movl %eax, ABS(boot_pml4)
	movl $ABS(boot_pd), %eax
	orl $3, %eax
	movl %eax, ABS(boot_pdpt)
	movl $0x83, %eax		/* present, writable, 2 MiB */
	movl $ABS(boot_pd), %edx
	leal 4096(%edx), %ecx
1:	movl %eax, (%edx)
	addl $0x200000, %eax
	addl $8, %edx
	cmpl %ecx, %edx
	jne 1b

	movl %cr4, %eax
	orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $ABS(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	/* paging, write protection in ring 0, native FPU errors, no EM/TS */
	movl %cr0, %eax
	andl $~0x0000000c, %eax
	orl $(CR0_PG | CR0_WP | CR0_NE | CR0_MP | CR0_PE), %eax
	movl %eax, %cr0
	ljmp $0x08, $ABS(_x86_boot64)
	.size boot32, . - boot32

	.code64
	.type _x86_boot64, @function
_x86_boot64:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	leaq x86_stack_top(%rip), %rsp
	xorl %ebp, %ebp			/* outermost frame for backtraces */
	movl %edi, %edi
	movl %esi, %esi
	fninit
#ifdef X86_RELOCATE
	/*
	 * KVM_RANDOM_BASE: x86_relocate() copies the image to a random
	 * address and relocates the copy; it returns the distance (0: not
	 * moved). Continue in the copy, on its stack, with its GDT.
	 */
	movl %edi, %r12d
	movl %esi, %r13d
	call x86_relocate
	addq %rax, %rsp
	leaq 3f(%rip), %rcx
	addq %rax, %rcx
	jmp *%rcx
3:	lgdt gdt_ptr(%rip)
	movl %r12d, %edi
	movl %r13d, %esi
#endif
	call x86_boot_main
2:	cli
	hlt
	jmp 2b
	.size _x86_boot64, . - _x86_boot64

/* GDT: null, 64-bit code (0x08), data (0x10), TSS (0x18, set in C). */
	.data
	.balign 16
	.globl x86_gdt
x86_gdt:
	.quad 0
	.quad 0x00af9a000000ffff
	.quad 0x00cf92000000ffff
	.quad 0, 0
gdt_end:
	.balign 8
	.word 0, 0, 0
gdt_ptr:
	.word gdt_end - x86_gdt - 1
	.quad x86_gdt

/* Page-aligned boot memory; the loader zeroes it (bss). */
	.section .x86_pages, "aw", @nobits
	.balign 4096
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4096
	.globl x86_stack_guard, x86_stack_bottom, x86_stack_top
x86_stack_guard:
	.skip 4096			/* never mapped: overflow faults here */
x86_stack_bottom:
	.skip PAGE_BOOT_STACK
x86_stack_top:

	.section .note.GNU-stack, "", @progbits
