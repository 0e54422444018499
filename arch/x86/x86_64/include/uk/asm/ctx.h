/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 layout of struct ukarch_ctx, shared by C and assembly. */
#ifndef __UK_ASM_CTX_H__
#define __UK_ASM_CTX_H__

#define UKARCH_CTX_SP	0
#define UKARCH_CTX_IP	8
/* Stacks are 16-byte aligned at a call, as the SysV ABI requires. */
#define UKARCH_STACK_ALIGN 16

#endif /* __UK_ASM_CTX_H__ */
