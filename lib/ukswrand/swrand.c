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
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/swrand.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "swrand_impl.h"

static struct uk_chacha20 state;

/* The strong sources mixed in so far ("rdrand+virtio-rng"); empty when
 * only the clock and timer jitter seeded the state. */
static char sources[64];

/*
 * ukswrand.seed=HEX on the command line: 32 to 128 hex digits (128 to
 * 512 bits) from the host, mixed into the boot seed. The digits are
 * overwritten in the command line once read.
 */
static char *seed;
UK_LIBPARAM_PARAM_DESC(seed, charp,
		       "32 to 128 hex digits of seed from the host");

/* Keystream for @len bytes, then re-key. Interrupts masked by caller. */
static void generate(uint8_t *out, size_t len)
{
	uint8_t block[64];

	while (len) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		uk_chacha20_block(&state, block);
		state.counter++;
		if (out)
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
	return sources[0] ? sources : "jitter";
}

int uk_swrand_seed_weak(void)
{
	return !sources[0];
}

static void note_source(const char *name)
{
	size_t have = strlen(sources), n = strlen(name);

	if (strstr(sources, name))
		return;
	if (have + !!have + n >= sizeof(sources))
		return;
	if (have)
		sources[have++] = '+';
	memcpy(sources + have, name, n + 1);
}

/*
 * Each 32-byte piece is XORed into the key, and the key is then replaced
 * by a block of keystream: the new key depends on the old state and on
 * every input byte, and neither can be read back from it.
 */
void uk_swrand_add_entropy(const void *buf, size_t len, const char *source,
			   int strong)
{
	const uint8_t *in = buf;
	unsigned long flags = ukplat_lcpu_save_irqf();
	uint8_t *key = (uint8_t *)state.key;

	while (len) {
		size_t n = len < sizeof(state.key) ? len : sizeof(state.key);

		for (size_t i = 0; i < n; i++)
			key[i] ^= in[i];
		state.nonce[1] ^= (uint32_t)ukplat_monotonic_clock();
		generate(NULL, 0);
		in += n;
		len -= n;
	}
	if (strong && source)
		note_source(source);
	ukplat_lcpu_restore_irqf(flags);
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

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ukswrand.seed: 0 when absent or used, -EINVAL when malformed. */
static int cmdline_seed(void)
{
	uint8_t bytes[64];
	size_t n = seed ? strlen(seed) : 0;

	if (!seed)
		return 0;
	if (n < 32 || n > 128 || n % 2) {
		uk_pr_err("seed: %zu characters; give an even number of hex digits, 32 to 128\n",
			  n);
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval(seed[i]), lo = hexval(seed[i + 1]);

		if (hi < 0 || lo < 0) {
			uk_pr_err("seed: '%c' at %zu is not a hex digit\n",
				  hi < 0 ? seed[i] : seed[i + 1],
				  hi < 0 ? i : i + 1);
			return -EINVAL;
		}
		bytes[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	uk_swrand_add_entropy(bytes, n / 2, "cmdline", 1);
	memset(bytes, 0, sizeof(bytes));
	/* Nobody reads the seed back from the command line. */
	memset(seed, 'x', n);
	return 0;
}

static int swrand_init(void)
{
	uint64_t seed_words[4], jitter[4];
	const char *src = swrand_hw_seed(seed_words, 4);

	/* The clock and timer jitter always go in; alone they are weak. */
	jitter_seed(jitter, 4);
	memcpy(state.key, jitter, sizeof(state.key));
	state.nonce[0] = (uint32_t)ukplat_monotonic_clock();
	generate(NULL, 0);
	if (src)
		uk_swrand_add_entropy(seed_words, sizeof(seed_words), src, 1);
	memset(seed_words, 0, sizeof(seed_words));
	memset(jitter, 0, sizeof(jitter));
	return cmdline_seed();
}
uk_early_initcall(swrand_init);

/*
 * After the devices (virtio-rng adds its bytes when the bus is probed):
 * say where the seed came from, and warn when it is weak.
 */
static int swrand_report(void)
{
	if (uk_swrand_seed_weak())
		uk_pr_warn("weak seed: only the clock and timer jitter (no RDSEED/RDRAND, no virtio-rng, no ukswrand.seed=)\n");
	else
		uk_pr_info("seeded from %s\n", sources);
	return 0;
}
uk_late_initcall(swrand_report);

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
