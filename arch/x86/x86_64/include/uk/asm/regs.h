/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 register state at a trap, in the order a trap entry stub saves
 * them (lowest address first): general registers, then vector and error
 * code, then what the CPU pushes (rip, cs, rflags, rsp, ss).
 */
#ifndef __UK_ASM_REGS_H__
#define __UK_ASM_REGS_H__

#ifndef __ASSEMBLY__
struct ukarch_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long vector, error_code;
	unsigned long rip, cs, rflags, rsp, ss;
};
#endif

#define UKARCH_REGS_SIZE (22 * 8)

#endif /* __UK_ASM_REGS_H__ */
