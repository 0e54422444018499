/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: crash reports. A report names what went wrong, shows the
 * registers when a trap delivered them, and a backtrace as lines
 * "  #N 0x<address>" that support/scripts/symbolize turns into
 * function file:line; where the image can read its own symbols (linuxu,
 * from IMAGE.dbg) the line already ends in "function+0x<offset>". The
 * report goes to the error console (ukplat_cerrk: linuxu's stderr). The
 * guest then ends with UKPLAT_CRASH_STATUS.
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

/*
 * Print backtrace line #@n for the run-time address @addr on the error
 * console, in the report's format (for reports made outside this API,
 * such as the allocator's bad-free report).
 */
void ukplat_crash_frame(unsigned int n, unsigned long addr);

/*
 * Name the function holding the link-time address @addr: its name in
 * @buf (@len bytes, cut if longer), the return value its offset into
 * the function, or -1 when unknown. @ret: @addr is a return address (it
 * is looked up one byte back, at the call). A weak default knows nothing;
 * linuxu reads the symbol table of IMAGE.dbg.
 */
int ukplat_crash_symbol(unsigned long addr, int ret, char *buf,
			unsigned long len);

#endif /* __UK_PLAT_CRASH_H__ */
