/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the first C code. Runs in long mode on the boot stack with the
 * boot identity map; brings up the console, CPU features, traps, the
 * memory map and final page tables, TLS, the command line and the clocks,
 * then enters the portable boot code.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/argparse.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <kvm/intctrl.h>
#include <kvm/setup.h>

#define MAX_ARGS	64
#define EXIT_USAGE	64

uint64_t kvm_boot_tsc;

static char cmdline[CONFIG_KVM_CMDLINE_MAX];
static char *argv[MAX_ARGS + 2];

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ukplat_coutk(s, n);
}

static int setup_args(void)
{
	const char *src = kvm_bootinfo.cmdline;
	size_t n = 0;
	int argc, skip = kvm_bootinfo.cmdline_has_image;

	if (src) {
		while (src[n] && n < sizeof(cmdline) - 1) {
			cmdline[n] = src[n];
			n++;
		}
		if (src[n])
			uk_pr_warn("command line cut to %zu bytes\n", n);
	}
	cmdline[n] = '\0';
	/* argv[0] is the app; with multiboot the loader's word 0 is the
	 * image's file name and takes its place. */
	argc = uk_argparse(cmdline, argv + 1 - skip, MAX_ARGS + skip);
	if (argc == -E2BIG) {
		uk_pr_warn("more than %d arguments: the rest is dropped\n",
			   MAX_ARGS);
		argc = MAX_ARGS + skip;
	} else if (argc < 0) {
		uk_pr_crit("command line has an unclosed quote\n");
		ukplat_terminate(UKPLAT_HALT, EXIT_USAGE);
	}
	argc = argc - skip < 0 ? 0 : argc - skip;
	argv[0] = UK_APP_NAME;
	argv[argc + 1] = NULL;
	return argc + 1;
}

__noreturn void kvm_boot_main(uint32_t magic, uint32_t info);

__noreturn void kvm_boot_main(uint32_t magic, uint32_t info)
{
	uint64_t pool_start, pool_end;

	/* TLS first: code built with the stack protector reads the canary
	 * at %fs:0x28, and page 0 is unmapped once the final tables load. */
	kvm_cpu_init();
	kvm_tls_init();
	kvm_console_init();
	kvm_traps_init();
	kvm_irq_init();
	if (kvm_bootinfo_parse(magic, info) < 0) {
		put("kvm: not booted by a multiboot or PVH loader, or no memory map\n");
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	kvm_paging_init(&pool_start, &pool_end);
	kvm_memregions_init(pool_start, pool_end);
	kvm_time_init();
	ukplat_entry(setup_args(), argv);
}
