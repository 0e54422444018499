/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: clocks from the host's clock_gettime, through the vDSO (the
 * code and data page the kernel maps into every process, found by the
 * auxiliary vector's AT_SYSINFO_EHDR), so that reading the clock costs
 * no system call; the system call when the host has no vDSO or it lacks
 * the function. The scheduler, lwip's timers and every deadline read the
 * clock several times per packet: as system calls that was 4 of the 7 a
 * request of a TCP echo cost.
 */
#include <stddef.h>
#include <string.h>
#include <uk/plat/time.h>
#include <linuxu/elf.h>
#include <linuxu/syscall.h>

typedef long (*vdso_gettime_t)(int clock, struct linuxu_timespec *ts);
static vdso_gettime_t vdso_gettime;

/* __vdso_clock_gettime in the vDSO at @base, or NULL. The vDSO's section
 * headers are mapped too, and give the dynamic symbol table directly. */
static vdso_gettime_t vdso_find(const char *base)
{
	const struct elf_ehdr *eh = (const void *)base;
	const struct elf_phdr *ph;
	const struct elf_shdr *sh, *str;
	const struct elf_sym *sym;
	uint64_t bias = 0;
	int i, j, load = 0;

	if (!base || memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 ||
	    eh->phentsize != sizeof(*ph) || eh->shentsize != sizeof(*sh))
		return NULL;
	ph = (const void *)(base + eh->phoff);
	for (i = 0; i < eh->phnum; i++)
		if (ph[i].type == PT_LOAD) {
			bias = (uint64_t)base + ph[i].offset - ph[i].vaddr;
			load = 1;
			break;
		}
	if (!load)
		return NULL;
	sh = (const void *)(base + eh->shoff);
	for (i = 0; i < eh->shnum; i++) {
		if (sh[i].type != SHT_DYNSYM || sh[i].link >= eh->shnum ||
		    sh[i].entsize != sizeof(*sym))
			continue;
		str = &sh[sh[i].link];
		sym = (const void *)(base + sh[i].offset);
		for (j = 0; j < (int)(sh[i].size / sizeof(*sym)); j++)
			if ((sym[j].info & 0xf) == STT_FUNC && sym[j].shndx &&
			    sym[j].name < str->size &&
			    !strcmp(base + str->offset + sym[j].name,
				    "__vdso_clock_gettime"))
				return (vdso_gettime_t)(bias + sym[j].value);
	}
	return NULL;
}

static uint64_t clock_ns(int clock)
{
	struct linuxu_timespec ts;

	if (vdso_gettime ? vdso_gettime(clock, &ts) < 0 :
	    linuxu_syscall(__NR_clock_gettime, clock, &ts, 0) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * UKPLAT_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t ukplat_monotonic_clock(void)
{
	return clock_ns(LINUXU_CLOCK_MONOTONIC);
}

uint64_t ukplat_wall_clock(void)
{
	return clock_ns(LINUXU_CLOCK_REALTIME);
}

static uint64_t boot_start;

/* Taken by linuxu_main, the first C code of the process, with the vDSO
 * the kernel mapped (AT_SYSINFO_EHDR; NULL if none). */
void linuxu_time_boot_mark(const void *vdso)
{
	vdso_gettime = vdso_find(vdso);
	boot_start = ukplat_monotonic_clock();
}

uint64_t ukplat_boot_start_ns(void)
{
	return boot_start;
}
