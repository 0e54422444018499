/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: entry into the portable boot code and the way out.
 */
#ifndef __UK_PLAT_BOOTSTRAP_H__
#define __UK_PLAT_BOOTSTRAP_H__

#include <uk/essentials.h>

enum ukplat_halt {
	UKPLAT_HALT,	/* normal end: @status reaches the host */
	UKPLAT_RESTART,	/* reboot the guest (linuxu: exec the image again) */
	UKPLAT_CRASH,	/* fatal error: the host sees UKPLAT_CRASH_STATUS */
};

/*
 * Exit status a host sees after a crash (assertion, CPU exception, panic).
 * Below 128 so that it survives QEMU's isa-debug-exit encoding; 101 is the
 * status Rust uses for a panic, so it is already read as "crashed".
 */
#define UKPLAT_CRASH_STATUS 101

/* End the guest. @status is the application's exit status for UKPLAT_HALT. */
__noreturn void ukplat_terminate(enum ukplat_halt how, int status);

/*
 * The portable boot sequence (lib/ukboot). A platform calls it once, after
 * CPU set-up, early console and memory map, with the boot command line split
 * into words (argv[0] is the image name).
 */
__noreturn void ukplat_entry(int argc, char *argv[]);

#endif /* __UK_PLAT_BOOTSTRAP_H__ */
