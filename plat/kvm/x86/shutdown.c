/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: ending the guest. The status reaches the host through QEMU's
 * isa-debug-exit device (I/O port 0x501): writing V makes QEMU exit with
 * (V << 1) | 1, so the status must be 0..127 (others become 127) and a
 * crash writes UKPLAT_CRASH_STATUS; support/scripts/run-kvm translates
 * back. Without the device the write does nothing and ACPI power-off
 * ends the VM (the status is then lost). Restart uses the 0xcf9 reset
 * control register, then the keyboard controller.
 */
#include <uk/plat/bootstrap.h>
#include <kvm/setup.h>
#include <x86/cpu.h>

#define DEBUG_EXIT_PORT	0x501
#define RESET_CONTROL	0xcf9
#define KBC_COMMAND	0x64

static int terminating;

static __noreturn void halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void ukplat_terminate(enum ukplat_halt how, int status)
{
	__asm__ __volatile__("cli");
	/* A fault while shutting down lands here again: just stop. */
	if (terminating++) {
		outb(DEBUG_EXIT_PORT, UKPLAT_CRASH_STATUS);
		halt();
	}
	if (how == UKPLAT_RESTART) {
		outb(RESET_CONTROL, 0x02);
		outb(RESET_CONTROL, 0x06);	/* hard reset */
		outb(KBC_COMMAND, 0xfe);	/* pulse the reset line */
		halt();
	}
	if (how != UKPLAT_HALT)
		status = UKPLAT_CRASH_STATUS;
	else if (status < 0 || status > 127)
		status = 127;
	outb(DEBUG_EXIT_PORT, (uint8_t)status);
	kvm_acpi_poweroff();
	halt();
}
