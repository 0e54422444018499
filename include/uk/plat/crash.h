/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: crash reports. A report names what went wrong, shows the
 * registers when a trap delivered them, and a backtrace as lines
 * "  #N 0x<address>" that support/scripts/symbolize turns into
 * function file:line. The guest then ends with UKPLAT_CRASH_STATUS.
 */
#ifndef __UK_PLAT_CRASH_H__
#define __UK_PLAT_CRASH_H__

#include <uk/essentials.h>
#include <uk/asm/regs.h>

/* Software crash (UK_CRASH, UK_ASSERT): backtrace from the caller. */
__noreturn void ukplat_crash(const char *msg, const char *file, int line);

/*
 * Crash from a trap: @what names the exception, @regs the state at the
 * trap, @fault_addr the faulting data address when @has_addr.
 */
__noreturn void ukplat_crash_regs(const char *what,
				  const struct ukarch_regs *regs,
				  unsigned long fault_addr, int has_addr);

/*
 * Run-time minus link-time address of the image (0 unless a
 * position-independent image relocated itself). Backtraces print
 * link-time addresses, which the .dbg image's symbols use.
 */
extern unsigned long ukplat_image_offset;

#endif /* __UK_PLAT_CRASH_H__ */
