/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Architecture API: unprivileged CPU helpers (spin-wait hint, barriers,
 * frame and stack pointer, cycle counter), from the selected arch.
 */
#ifndef __UK_ARCH_LCPU_H__
#define __UK_ARCH_LCPU_H__

#include <uk/asm/lcpu.h>

/* Compiler-only barrier. */
#define ukarch_barrier()	__asm__ __volatile__("" ::: "memory")

#endif /* __UK_ARCH_LCPU_H__ */
