/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 TLS (ELF "variant II"): the TLS block sits right below the thread
 * pointer (%fs base), which points at a control block whose first word
 * points to itself; GCC's stack protector reads its canary at %fs:0x28.
 */
#include <stdint.h>
#include <string.h>
#include <uk/essentials.h>
#include <uk/arch/tls.h>

/* From the linker script. */
extern char _tls_start[], _etdata[], _tls_end[], _tls_start_plus_align[];

struct tcb {
	void *self;
	unsigned long reserved[4];
	unsigned long canary;		/* %fs:0x28 */
	/* The rest belongs to the libc (musl's struct pthread). */
	unsigned long pad[CONFIG_UKARCH_TLS_TCB_SIZE / 8 - 6];
};
UK_CTASSERT(__builtin_offsetof(struct tcb, canary) == 0x28);
UK_CTASSERT(sizeof(struct tcb) == CONFIG_UKARCH_TLS_TCB_SIZE);

static size_t tls_block_size(void)
{
	uintptr_t align = UK_MAX((uintptr_t)(_tls_start_plus_align - _tls_start),
				 (uintptr_t)1);

	return UK_ALIGN_UP((size_t)(_tls_end - _tls_start), (size_t)align);
}

size_t ukarch_tls_area_size(void)
{
	return UK_ALIGN_UP(tls_block_size(), (size_t)UKARCH_TLS_AREA_ALIGN) +
		sizeof(struct tcb);
}

void *ukarch_tls_area_init(void *area)
{
	size_t block = tls_block_size();
	size_t tdata = (size_t)(_etdata - _tls_start);
	struct tcb *tcb = (struct tcb *)((char *)area +
		UK_ALIGN_UP(block, (size_t)UKARCH_TLS_AREA_ALIGN));
	char *start = (char *)tcb - block;

	memcpy(start, _tls_start, tdata);
	memset(start + tdata, 0, block - tdata);
	memset(tcb, 0, sizeof(*tcb));
	tcb->self = tcb;
	return tcb;
}

void ukarch_tls_set_canary(void *tp, unsigned long canary)
{
	/* A zero low byte stops string overflows from copying past it. */
	((struct tcb *)tp)->canary = canary & ~0xffUL;
}

unsigned long ukarch_tls_canary(void)
{
	unsigned long canary;

	__asm__ __volatile__("movq %%fs:0x28, %0" : "=r"(canary));
	return canary;
}
