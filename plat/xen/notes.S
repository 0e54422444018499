/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: ELF notes for Xen's loader beside the PVH entry note of entry.S
 * (XEN_ELFNOTE_PHYS32_ENTRY), and the hypercall page Xen fills at boot.
 */
#define NOTE(type, desc_size)	\
	.balign 4;		\
	.long 4;		\
	.long desc_size;	\
	.long type;		\
	.asciz "Xen"

	.section .note.pvh, "a", @note
	NOTE(6, 8)			/* XEN_ELFNOTE_GUEST_OS */
	.asciz "Tessera"
	NOTE(5, 8)			/* XEN_ELFNOTE_XEN_VERSION */
	.asciz "xen-3.0"
	NOTE(8, 8)			/* XEN_ELFNOTE_LOADER */
	.asciz "generic"

/* 32-byte stubs at page + 32 * hypercall number, written by Xen. */
	.section .text.hypercall, "ax"
	.balign 4096
	.globl xen_hypercall_page
xen_hypercall_page:
	.skip 4096, 0xcc

	.section .note.GNU-stack, "", @progbits
