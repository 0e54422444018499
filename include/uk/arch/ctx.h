/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Architecture API: the context-switch primitive schedulers build on.
 * A context is a stack pointer and a resume address; everything else lives
 * on the context's own stack.
 */
#ifndef __UK_ARCH_CTX_H__
#define __UK_ARCH_CTX_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/asm/ctx.h>

struct ukarch_ctx {
	unsigned long sp;
	unsigned long ip;
};

/* Save the running context in @prev and resume @next. */
void ukarch_ctx_switch(struct ukarch_ctx *prev, struct ukarch_ctx *next);

void ukarch_ctx_trampoline(void);

/*
 * Prepare @ctx so that switching to it calls entry(arg) on the stack
 * [@stack, @stack + @size). @entry must never return.
 */
static inline void ukarch_ctx_init(struct ukarch_ctx *ctx, void *stack,
				   size_t size, void (*entry)(void *),
				   void *arg)
{
	unsigned long *sp = (unsigned long *)
		(((uintptr_t)stack + size) & ~(uintptr_t)(UKARCH_STACK_ALIGN - 1));

	/* The trampoline pops both words, leaving sp 16-byte aligned
	 * right before its call, as the ABI wants. */
	*--sp = (unsigned long)arg;
	*--sp = (unsigned long)entry;
	ctx->sp = (unsigned long)sp;
	ctx->ip = (unsigned long)ukarch_ctx_trampoline;
}

#endif /* __UK_ARCH_CTX_H__ */
