/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the `syscall` instruction. The image runs in ring 0, where
 * `syscall` works too: EFER.SCE enables it, LSTAR is the entry, STAR
 * gives the code selector (0x08; the stack selector 0x10 follows it) and
 * FMASK the flags cleared on entry. The entry (syscall_entry.S) returns with
 * popfq and a jump because sysret always goes to ring 3.
 */
#include <uk/essentials.h>
#include <uk/plat/syscall.h>
#include <x86/cpu.h>

#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_FMASK	0xc0000084
#define EFER_SCE	(1UL << 0)

/* IF (re-enabled once off the caller's stack), DF, TF and AC. */
#define FMASK_FLAGS	((1UL << 9) | (1UL << 10) | (1UL << 8) | (1UL << 18))

#define KERNEL_CS	0x08

void x86_syscall_entry(void);

/* Read by the entry; NULL makes it return -ENOSYS. */
ukplat_syscall_handler_t x86_syscall_handler;

int ukplat_syscall_handler_set(ukplat_syscall_handler_t h)
{
	x86_syscall_handler = h;
	x86_wrmsr(MSR_STAR, (uint64_t)KERNEL_CS << 32);
	x86_wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)x86_syscall_entry);
	x86_wrmsr(MSR_FMASK, FMASK_FLAGS);
	x86_wrmsr(X86_MSR_EFER, x86_rdmsr(X86_MSR_EFER) | EFER_SCE);
	return 0;
}
