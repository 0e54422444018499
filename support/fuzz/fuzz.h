/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the harnesses share: the platform and library functions the
 * parsers call, as host stubs (stubs.c), and a reader of the fuzzer's
 * input.
 */
#ifndef __FUZZ_H__
#define __FUZZ_H__

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define FUZZ_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__,	\
				#cond);					\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

/* The fuzzer's bytes, consumed from the front. */
struct fuzz_in {
	const uint8_t *p;
	size_t len;
};

static inline int fuzz_left(const struct fuzz_in *in)
{
	return in->len != 0;
}

static inline uint64_t fuzz_int(struct fuzz_in *in, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n && in->len; i++) {
		v |= (uint64_t)*in->p++ << (8 * i);
		in->len--;
	}
	return v;
}

#define fuzz_u8(in)	((uint8_t)fuzz_int(in, 1))
#define fuzz_u16(in)	((uint16_t)fuzz_int(in, 2))
#define fuzz_u32(in)	((uint32_t)fuzz_int(in, 4))

/* Up to @n bytes (fewer at the end of the input); sets *@got. */
static inline const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t n,
					size_t *got)
{
	const uint8_t *p = in->p;

	if (n > in->len)
		n = in->len;
	in->p += n;
	in->len -= n;
	*got = n;
	return p;
}

/* Monotonic time of the stubs: every look at the clock advances it by
 * fuzz_clock_step ns, so that waits with a deadline end. */
extern uint64_t fuzz_clock_ns, fuzz_clock_step;
/* Set by the harness: called when a waiter halts for an interrupt. */
extern void (*fuzz_halt_hook)(void);
/* How many messages the code printed (uk_printk). */
extern unsigned long fuzz_messages;

#endif /* __FUZZ_H__ */
