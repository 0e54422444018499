/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukswrand: the system generator. ChaCha20 in counter mode; after every
 * request the key is replaced by fresh keystream ("fast key erasure"), so
 * a later look at the state cannot reproduce earlier output.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/random.h>
#include <uk/init.h>
#include <uk/swrand.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "swrand_impl.h"

static struct uk_chacha20 state;
static const char *seed_source = "none";

/* Keystream for @len bytes, then re-key. Interrupts masked by caller. */
static void generate(uint8_t *out, size_t len)
{
	uint8_t block[64];

	while (len) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		uk_chacha20_block(&state, block);
		state.counter++;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	uk_chacha20_block(&state, block);
	state.counter = 0;
	memcpy(state.key, block, sizeof(state.key));
	memset(block, 0, sizeof(block));
}

void uk_swrand_fill(void *buf, size_t len)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	generate(buf, len);
	ukplat_lcpu_restore_irqf(flags);
}

const char *uk_swrand_seed_source(void)
{
	return seed_source;
}

/*
 * Without a hardware source: the low bits of the time a short piece of
 * work takes vary with caches, interrupts and (under emulation) the host.
 * Many samples are folded through ChaCha20 by the caller's re-keying.
 */
static void jitter_seed(uint64_t *out, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		uint64_t acc = ukplat_wall_clock() ^ ((uint64_t)i << 56);

		for (int s = 0; s < 64; s++) {
			uint64_t t0 = ukplat_monotonic_clock();
			volatile uint64_t spin = acc;

			for (int k = 0; k < (int)(t0 & 7) + 1; k++)
				spin = spin * 6364136223846793005ULL + 1;
			acc = (acc << 7 | acc >> 57) ^
				(ukplat_monotonic_clock() - t0) ^ spin;
		}
		out[i] = acc;
	}
}

static int swrand_init(void)
{
	uint64_t seed[4];
	const char *src = swrand_hw_seed(seed, 4);

	if (!src) {
		jitter_seed(seed, 4);
		src = "jitter";
	}
	memcpy(state.key, seed, sizeof(state.key));
	state.nonce[0] = (uint32_t)ukplat_monotonic_clock();
	seed_source = src;
	/* Mix once so the raw seed never appears as output. */
	generate((uint8_t *)seed, sizeof(seed));
	memset(seed, 0, sizeof(seed));
	return 0;
}
uk_early_initcall(swrand_init);

UK_SYSCALL_R_DEFINE(ssize_t, getrandom, void *, buf, size_t, len,
		    unsigned int, flags)
{
	if (flags & ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM |
				    GRND_INSECURE))
		return -EINVAL;
	if (len > (size_t)SSIZE_MAX)
		len = (size_t)SSIZE_MAX;
	uk_swrand_fill(buf, len);
	return (ssize_t)len;
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
int getentropy(void *buf, size_t len)
{
	if (len > 256) {
		errno = EIO;
		return -1;
	}
	uk_swrand_fill(buf, len);
	return 0;
}
#endif
