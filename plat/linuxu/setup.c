/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: from the process entry to ukplat_entry(): read argc/argv/envp and
 * the auxiliary vector, set up TLS (and the stack-protector canary), install
 * the crash handlers.
 */
#include <stdint.h>
#include <string.h>
#include <uk/arch/tls.h>
#include <uk/plat/bootstrap.h>
#include <linuxu/syscall.h>

#define AT_NULL		0
#define AT_SYSINFO_EHDR	33
#define AT_RANDOM	25
#define AT_HWCAP2	26

char **linuxu_argv;
char **linuxu_envp;

static char tls_area[4096] __aligned(64);

static void tls_init(const unsigned char *random)
{
	void *tp;

	if (ukarch_tls_area_size() > sizeof(tls_area)) {
		static const char msg[] =
			"linuxu: thread-local data too large for the boot TLS area\n";
		linuxu_syscall(__NR_write, 2, msg, sizeof(msg) - 1);
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	tp = ukarch_tls_area_init(tls_area);
	if (random)
		ukarch_tls_set_canary(tp, *(const unsigned long *)random);
	linuxu_syscall(__NR_arch_prctl, LINUXU_ARCH_SET_FS, tp, 0);
}

__noreturn void linuxu_main(long *sp);

__noreturn void linuxu_main(long *sp)
{
	int argc;
	char **argv = (char **)(sp + 1);
	char **envp;
	const unsigned char *random = NULL;
	const void *vdso = NULL;
	unsigned long *auxv;

	argc = (int)sp[0];
	envp = argv + argc + 1;
	for (auxv = (unsigned long *)envp; *auxv; auxv++)
		;
	for (auxv++; auxv[0] != AT_NULL; auxv += 2)
		if (auxv[0] == AT_RANDOM)
			random = (const unsigned char *)auxv[1];
		else if (auxv[0] == AT_HWCAP2)
			linuxu_tls_init_hwcap(auxv[1]);
		else if (auxv[0] == AT_SYSINFO_EHDR)
			vdso = (const void *)auxv[1];

	linuxu_argv = argv;
	linuxu_envp = envp;
	/* Nothing with a stack canary may run before this. */
	tls_init(random);
	linuxu_time_boot_mark(vdso);
	linuxu_traps_init();
	ukplat_entry(argc, argv);
}
