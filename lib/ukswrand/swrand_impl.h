/* SPDX-License-Identifier: BSD-3-Clause */
/* ukswrand internals shared by its source files. */
#ifndef __UKSWRAND_IMPL_H__
#define __UKSWRAND_IMPL_H__

#include <stdint.h>

/*
 * Fill @n words from the CPU's hardware generator; returns the source's
 * name, or NULL when the CPU has none (or it keeps failing).
 */
const char *swrand_hw_seed(uint64_t *out, unsigned int n);

#endif /* __UKSWRAND_IMPL_H__ */
