/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: the first C code, called by the shared PVH entry (entry.S) in long
 * mode on the boot stack: CPU features, TLS, the hypercall page, traps,
 * the start info, final page tables, the console ring, clocks, event
 * channels and the timer, grant tables and xenstore (with xenbus), then
 * the portable boot code.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <x86/boot.h>
#include <xen-plat/xen.h>
#if CONFIG_XEN_XENBUS
#include <xen-plat/gnttab.h>
#include <xen-plat/xenstore.h>
#endif

/* Every word takes at least a character and a blank: argv never fills. */
#define MAX_ARGS	(CONFIG_XEN_CMDLINE_MAX / 2)

static char cmdline[CONFIG_XEN_CMDLINE_MAX];
static char *argv[MAX_ARGS + 2];

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ukplat_coutk(s, n);
}

__noreturn void x86_boot_main(uint32_t magic, uint32_t info)
{
	uint64_t pool_start, pool_end;

	x86_cpu_init();
	x86_tls_init();
	if (xen_hypercall_init() < 0) {
		/* Not under Xen: nothing to report to, stop. */
		for (;;)
			__asm__ __volatile__("cli; hlt");
	}
	x86_traps_init();
	if (magic != X86_PVH_MAGIC || x86_bootinfo_parse(magic, info) < 0) {
		put("xen: not started as a PVH guest, or no memory map\n");
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	x86_paging_init(&pool_start, &pool_end);
	xen_console_init();
	x86_memregions_init(pool_start, pool_end);
	xen_time_init();
	xen_events_init();
	xen_timer_init();
#if CONFIG_XEN_XENBUS
	if (xen_gnttab_init() < 0)
		put("xen: no grant table: frontends cannot share pages\n");
	if (xenstore_init() < 0)
		put("xen: no xenstore: no frontend devices\n");
#endif
	ukplat_entry(x86_setup_args(cmdline, sizeof(cmdline), argv, MAX_ARGS),
		     argv);
}
