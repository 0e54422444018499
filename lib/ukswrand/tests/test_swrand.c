/* SPDX-License-Identifier: BSD-3-Clause */
/* ukswrand tests: RFC 8439 vectors and the getrandom() family. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <uk/swrand.h>
#include <uk/test.h>

/* RFC 8439 section 2.3.2: key 00..1f, nonce 0:0x09000000:0x4a000000... */
UK_TESTCASE(ukswrand, rfc8439_block_2_3_2)
{
	static const uint8_t expect[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	struct uk_chacha20 st = { .counter = 1,
		.nonce = { 0x09000000, 0x4a000000, 0x00000000 } };
	uint8_t out[64];

	for (int i = 0; i < 8; i++)
		st.key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
			    (uint32_t)(4 * i + 2) << 16 |
			    (uint32_t)(4 * i + 3) << 24;
	uk_chacha20_block(&st, out);
	UK_TEST_EXPECT_MEMEQ(out, expect, 64);
}

/* RFC 8439 appendix A.1, test vector 1: all-zero key, nonce, counter. */
UK_TESTCASE(ukswrand, rfc8439_block_a1_1)
{
	static const uint8_t expect[16] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
		0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
	};
	struct uk_chacha20 st = { 0 };
	uint8_t out[64];

	uk_chacha20_block(&st, out);
	UK_TEST_EXPECT_MEMEQ(out, expect, 16);
}

UK_TESTCASE(ukswrand, getrandom_fills_and_varies)
{
	uint8_t a[100], b[100], zero[100] = { 0 };

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	UK_TEST_EXPECT_EQ(getrandom(a, sizeof(a), 0), 100);
	UK_TEST_EXPECT_EQ(getrandom(b, sizeof(b), GRND_NONBLOCK), 100);
	UK_TEST_EXPECT(memcmp(a, zero, sizeof(a)) != 0);
	UK_TEST_EXPECT(memcmp(a, b, sizeof(a)) != 0);
	errno = 0;
	UK_TEST_EXPECT_EQ(getrandom(a, 1, 0x80), -1);
	UK_TEST_EXPECT_EQ(errno, EINVAL);
}

UK_TESTCASE(ukswrand, getentropy_limit)
{
	uint8_t buf[300];

	UK_TEST_EXPECT_EQ(getentropy(buf, 256), 0);
	errno = 0;
	UK_TEST_EXPECT_EQ(getentropy(buf, 257), -1);
	UK_TEST_EXPECT_EQ(errno, EIO);
}

UK_TESTCASE(ukswrand, bytes_look_uniform)
{
	/* 64 KiB: every byte value should appear about 256 times; a broken
	 * generator (stuck, or mostly zero) fails by far. */
	static uint8_t buf[65536];
	unsigned int count[256] = { 0 };

	uk_swrand_fill(buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		count[buf[i]]++;
	for (int v = 0; v < 256; v++)
		UK_TEST_EXPECT(count[v] > 150 && count[v] < 380);
}

UK_TESTCASE(ukswrand, seed_source_is_named)
{
	const char *s = uk_swrand_seed_source();

	UK_TEST_EXPECT(s[0] != '\0');
	/* Weak exactly when nothing but the clock and jitter went in. */
	UK_TEST_EXPECT_EQ(uk_swrand_seed_weak(), !strcmp(s, "jitter"));
}

#if CONFIG_LIBUKSWRAND_LIBC_RAND
UK_TESTCASE(ukswrand, srand_replays)
{
	int first[8];

	srand(42);
	for (int i = 0; i < 8; i++)
		first[i] = rand();
	srand(42);
	for (int i = 0; i < 8; i++)
		UK_TEST_EXPECT_EQ(rand(), first[i]);
	srand(43);
	UK_TEST_EXPECT_NE(rand(), first[0]);
}
#endif
