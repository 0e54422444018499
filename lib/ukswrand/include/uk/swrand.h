/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukswrand: random numbers from ChaCha20 (RFC 8439). The generator is
 * seeded once at boot; every call is safe with interrupts and threads
 * (it masks interrupts for the few hundred cycles a block takes).
 */
#ifndef __UK_SWRAND_H__
#define __UK_SWRAND_H__

#include <stddef.h>
#include <stdint.h>

/* Fill @buf with @len random bytes. */
void uk_swrand_fill(void *buf, size_t len);

static inline uint32_t uk_swrand_u32(void)
{
	uint32_t v;

	uk_swrand_fill(&v, sizeof(v));
	return v;
}

static inline uint64_t uk_swrand_u64(void)
{
	uint64_t v;

	uk_swrand_fill(&v, sizeof(v));
	return v;
}

/* The ChaCha20 block function: 64 bytes of keystream into @out. */
struct uk_chacha20 {
	uint32_t key[8];
	uint32_t counter;
	uint32_t nonce[3];
};

void uk_chacha20_block(const struct uk_chacha20 *st, uint8_t out[64]);

/*
 * Where the seed came from: the strong sources mixed in, joined by '+'
 * ("rdseed", "rdrand", "cmdline" for ukswrand.seed=, "virtio-rng"), or
 * "jitter" when there was none.
 */
const char *uk_swrand_seed_source(void);

/*
 * 1 when no strong source seeded the generator: only the clock and timer
 * jitter went in, which an observer of the boot may guess. The boot
 * prints a warning in that case.
 */
int uk_swrand_seed_weak(void);

/*
 * Mix @len bytes into the state (a device, the host). @strong: the bytes
 * are good enough to seed the generator on their own; @source then names
 * them in uk_swrand_seed_source(). Safe from any context.
 */
void uk_swrand_add_entropy(const void *buf, size_t len, const char *source,
			   int strong);

#endif /* __UK_SWRAND_H__ */
