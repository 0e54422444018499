/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Benchmark baseline: the least a QEMU -kernel guest can do. A 32-bit
 * multiboot kernel that ends the VM at its first instruction through
 * isa-debug-exit (status 0), falling back to halting. Built by
 * support/bench/run with: as --32, ld -m elf_i386 -Ttext 0x100000.
 */
	.text
	.globl _start
	.balign 4
mb_header:
	.long 0x1badb002
	.long 0
	.long -0x1badb002
_start:
	movw $0x501, %dx
	xorl %eax, %eax
	outb %al, %dx
1:	cli
	hlt
	jmp 1b
	.section .note.GNU-stack, "", @progbits
