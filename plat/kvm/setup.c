/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the first C code. Runs in long mode on the boot stack with the
 * boot identity map; brings up the console, CPU features, traps, the
 * memory map and final page tables, TLS, the command line and the clocks,
 * then enters the portable boot code.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <kvm/intctrl.h>
#include <kvm/setup.h>

/* Every word takes at least a character and a blank: argv never fills. */
#define MAX_ARGS	(CONFIG_KVM_CMDLINE_MAX / 2)


static char cmdline[CONFIG_KVM_CMDLINE_MAX];
static char *argv[MAX_ARGS + 2];

__noreturn void x86_boot_main(uint32_t magic, uint32_t info)
{
	uint64_t pool_start, pool_end;

	/* TLS first: code built with the stack protector reads the canary
	 * at %fs:0x28, and page 0 is unmapped once the final tables load. */
	x86_cpu_init();
	x86_tls_init();
	kvm_console_init();
	x86_traps_init();
	kvm_irq_init();
	if (x86_bootinfo_parse(magic, info) < 0) {
		static const char msg[] = "kvm: not booted by a multiboot or "
			"PVH loader, or no memory map\n";

		ukplat_coutk(msg, sizeof(msg) - 1);
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	x86_paging_init(&pool_start, &pool_end);
	x86_memregions_init(pool_start, pool_end);
	kvm_time_init();
	ukplat_entry(x86_setup_args(cmdline, sizeof(cmdline), argv, MAX_ARGS),
		     argv);
}
