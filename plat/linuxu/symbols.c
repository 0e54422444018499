/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: function names in crash backtraces when the image runs without
 * a wrapper. The image itself is stripped, but IMAGE.dbg, the same link
 * with symbols, is normally beside it: at the first backtrace line it is
 * mapped read-only and its ELF symbol table searched (the image itself is
 * tried next, for a run of the .dbg or of an unstripped copy). A file whose
 * symbols put ukplat_crash_frame() elsewhere than where it runs belongs to
 * another build and is not used. Raw system calls only: a crash may come
 * from libc or the allocator being broken.
 */
#include <stddef.h>
#include <stdint.h>
#include <uk/plat/crash.h>
#include <linuxu/elf.h>
#include <linuxu/syscall.h>

#define O_RDONLY	0
#define O_CLOEXEC	02000000
#define PROT_READ	1
#define MAP_PRIVATE	2
#define SEEK_END	2

static const struct elf_sym *syms;
static unsigned long nsyms;
static const char *strs;
static unsigned long strsz;
static int state;		/* 0: not tried yet, 1: symbols, -1: none */

static int same(const char *a, unsigned long alen, const char *b)
{
	unsigned long i;

	for (i = 0; i < alen && a[i] && a[i] == b[i]; i++)
		;
	return i < alen && !a[i] && !b[i];
}

/* The symbol table of the file @path if it is this image's: 0, else -1. */
static int map_symbols(const char *path)
{
	const struct elf_ehdr *eh;
	const struct elf_shdr *sh;
	unsigned long size, i;
	unsigned long frame = (unsigned long)&ukplat_crash_frame;
	long fd, r, map;

	fd = linuxu_syscall(__NR_open, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	r = linuxu_syscall(__NR_lseek, fd, 0, SEEK_END);
	map = -1;
	if (r >= (long)sizeof(*eh))
		map = linuxu_syscall6(__NR_mmap, 0, r, PROT_READ, MAP_PRIVATE,
				      fd, 0);
	linuxu_syscall(__NR_close, fd, 0, 0);
	if (map == 0 || (map < 0 && map > -4096))
		return -1;
	size = (unsigned long)r;
	eh = (const struct elf_ehdr *)map;
	if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' ||
	    eh->ident[2] != 'L' || eh->ident[3] != 'F' || eh->ident[4] != 2 ||
	    eh->shentsize != sizeof(*sh) || eh->shoff > size ||
	    (size - eh->shoff) / sizeof(*sh) < eh->shnum)
		goto unusable;
	sh = (const struct elf_shdr *)(map + eh->shoff);
	for (i = 0; i < eh->shnum; i++) {
		const struct elf_shdr *st;

		if (sh[i].type != SHT_SYMTAB ||
		    sh[i].entsize != sizeof(*syms) || sh[i].link >= eh->shnum)
			continue;
		st = &sh[sh[i].link];
		if (sh[i].offset > size || sh[i].size > size - sh[i].offset ||
		    st->offset > size || st->size > size - st->offset)
			continue;
		syms = (const struct elf_sym *)(map + sh[i].offset);
		nsyms = sh[i].size / sizeof(*syms);
		strs = (const char *)(map + st->offset);
		strsz = st->size;
		break;
	}
	if (!syms)
		goto unusable;
	/* Another build's .dbg would name the wrong functions. */
	for (i = 0; i < nsyms; i++) {
		if (syms[i].name < strsz &&
		    same(strs + syms[i].name, strsz - syms[i].name,
			 "ukplat_crash_frame")) {
			if (syms[i].value == frame - ukplat_image_offset)
				return 0;
			break;
		}
	}
	syms = NULL;
unusable:
	linuxu_syscall(__NR_munmap, map, r, 0);
	return -1;
}

static void load(void)
{
	static char path[1024];
	long n;

	state = -1;
	n = linuxu_syscall(__NR_readlink, "/proc/self/exe", path,
			   sizeof(path) - 5);
	if (n > 0 && n < (long)sizeof(path) - 5) {
		path[n] = '.';
		path[n + 1] = 'd';
		path[n + 2] = 'b';
		path[n + 3] = 'g';
		path[n + 4] = '\0';
		if (!map_symbols(path)) {
			state = 1;
			return;
		}
	}
	if (!map_symbols("/proc/self/exe"))
		state = 1;
}

int ukplat_crash_symbol(unsigned long addr, int ret, char *buf,
			unsigned long len)
{
	const struct elf_sym *best = NULL;
	unsigned long at = ret ? addr - 1 : addr, i;

	if (!state)
		load();
	if (state < 0 || !len)
		return -1;
	for (i = 0; i < nsyms; i++) {
		const struct elf_sym *s = &syms[i];

		if ((s->info & 0xf) == STT_FUNC && s->shndx &&
		    s->value <= at && at - s->value < s->size &&
		    s->name < strsz && (!best || s->value > best->value))
			best = s;
	}
	if (!best)
		return -1;
	for (i = 0; i < len - 1 && best->name + i < strsz; i++) {
		if (!strs[best->name + i])
			break;
		buf[i] = strs[best->name + i];
	}
	buf[i] = '\0';
	return (int)(addr - best->value);
}
