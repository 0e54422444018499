/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ELF64 records linuxu reads in memory: the host's vDSO (time.c) and
 * the image's own .dbg for crash backtraces (symbols.c). Private to
 * plat/linuxu.
 */
#ifndef __LINUXU_ELF_H__
#define __LINUXU_ELF_H__

#include <stdint.h>

struct elf_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct elf_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

struct elf_sym {
	uint32_t name;
	unsigned char info, other;
	uint16_t shndx;
	uint64_t value, size;
};

#define PT_LOAD		1
#define SHT_SYMTAB	2
#define SHT_DYNSYM	11
#define STT_FUNC	2

#endif /* __LINUXU_ELF_H__ */
