/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: CPU features the boot code turns on after the switch to long
 * mode (no-execute pages, XSAVE/AVX state, saved on interrupts and syscalls
 * by x86/fpu_save.h), and the boot thread's TLS with
 * the stack-protector canary. Every optional feature is checked in CPUID
 * first: the image must run on QEMU's default CPU model.
 */
#include <stdint.h>
#include <uk/arch/lcpu.h>
#include <uk/arch/tls.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <x86/boot.h>
#include <x86/cpu.h>

uint64_t x86_boot_tsc;
int x86_cpu_nx;
int x86_cpu_gbpages;
unsigned long x86_xsave_size;

void x86_cpu_init(void)
{
	struct x86_cpuid c = x86_cpuid(0x80000000, 0);
	unsigned long cr4;

	if (c.eax >= 0x80000001) {
		c = x86_cpuid(0x80000001, 0);
		x86_cpu_nx = !!(c.edx & X86_CPUIDX1_EDX_NX);
		x86_cpu_gbpages = !!(c.edx & X86_CPUIDX1_EDX_PDPE1GB);
	}
	if (x86_cpu_nx)
		x86_wrmsr(X86_MSR_EFER,
			  x86_rdmsr(X86_MSR_EFER) | X86_EFER_NXE);

	c = x86_cpuid(1, 0);
	if (c.ecx & X86_CPUID1_ECX_XSAVE) {
		uint64_t xcr0 = X86_XCR0_X87 | X86_XCR0_SSE;

		cr4 = x86_read_cr4() | X86_CR4_OSXSAVE;
		x86_write_cr4(cr4);
		if ((c.ecx & X86_CPUID1_ECX_AVX) &&
		    (x86_cpuid(0xd, 0).eax & X86_XCR0_AVX))
			xcr0 |= X86_XCR0_AVX;
		x86_xsetbv(0, xcr0);
		/* The interrupt and syscall entries now save all of it. */
		x86_xsave_size = x86_cpuid(0xd, 0).ebx;
	}
}

/* As on linuxu: room for a libc's per-thread state (newlib's struct
 * _reent is 1336 bytes). */
static char tls_area[4096] __aligned(64);

void x86_tls_init(void)
{
	void *tp;

	if (ukarch_tls_area_size() > sizeof(tls_area)) {
		static const char msg[] =
			"x86: thread-local data too large for the boot TLS area\n";
		ukplat_coutk(msg, sizeof(msg) - 1);
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	tp = ukarch_tls_area_init(tls_area);
	ukarch_tls_set_canary(tp, x86_boot_random(x86_boot_tsc));
	x86_wrmsr(X86_MSR_FS_BASE, (uintptr_t)tp);
}
