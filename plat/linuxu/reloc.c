/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: self-relocation of a static PIE (LINUXU_PIE). The image is linked
 * at 0; the kernel maps it at a random base and jumps to the entry with no
 * dynamic loader. Before anything reads a pointer from the image's data,
 * entry.S calls here to add the base to every address the linker left in
 * .rela.dyn (R_X86_64_RELATIVE: all a static PIE has, checked). The
 * read-only segment holds such addresses too (init tables, .data.rel.ro):
 * it is writable while they are fixed up, read-only afterwards.
 *
 * Runs before TLS: built without the stack protector (Makefile.uk), and
 * reaches linker symbols only PC-relative (hidden), never through a
 * pointer that would itself need relocating.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/crash.h>
#include <linuxu/syscall.h>

#if CONFIG_LINUXU_PIE
#define R_X86_64_RELATIVE	8
#define NR_mprotect		10
#define PROT_READ		1
#define PROT_WRITE		2
#define PAGE_MASK		(~4095UL)

struct rela {
	uint64_t offset;
	uint64_t info;
	int64_t addend;
};

#define HIDDEN __attribute__((visibility("hidden")))
extern const struct rela __rela_start[] HIDDEN, __rela_end[] HIDDEN;
extern char __executable_start[] HIDDEN;
extern char __rodata_start[] HIDDEN, _erodata[] HIDDEN;

static __noreturn void reloc_fail(void)
{
	static const char msg[] =
		"linuxu: unexpected relocation type in the image\n";

	linuxu_syscall(__NR_write, 2, msg, sizeof(msg) - 1);
	linuxu_syscall(__NR_exit_group, UKPLAT_CRASH_STATUS, 0, 0);
	for (;;)
		;
}

void linuxu_relocate(void);

void linuxu_relocate(void)
{
	/* Linked at 0: the run-time address of the start is the offset. */
	uintptr_t base = (uintptr_t)__executable_start;
	uintptr_t ro = (uintptr_t)__rodata_start & PAGE_MASK;
	uintptr_t ro_end = ((uintptr_t)_erodata + 4095) & PAGE_MASK;
	const struct rela *r;

	if (!base)
		return;
	linuxu_syscall(NR_mprotect, ro, ro_end - ro, PROT_READ | PROT_WRITE);
	for (r = __rela_start; r < __rela_end; r++) {
		if ((uint32_t)r->info != R_X86_64_RELATIVE)
			reloc_fail();
		*(uint64_t *)(base + r->offset) = base + (uint64_t)r->addend;
	}
	linuxu_syscall(NR_mprotect, ro, ro_end - ro, PROT_READ);
	ukplat_image_offset = base;
}
#else
void linuxu_relocate(void);

void linuxu_relocate(void)
{
}
#endif
