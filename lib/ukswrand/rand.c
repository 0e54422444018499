/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukswrand: rand()/srand() as a ChaCha20 stream keyed by the seed, so
 * srand(s) still replays the same sequence, as C requires.
 */
#include <stdlib.h>
#include <string.h>
#include <uk/swrand.h>

static struct uk_chacha20 stream = { .key = { 1 } };
static uint32_t words[16];
static unsigned int next = 16;

void srand(unsigned int seed)
{
	memset(&stream, 0, sizeof(stream));
	stream.key[0] = seed;
	next = 16;
}

int rand(void)
{
	if (next == 16) {
		uk_chacha20_block(&stream, (uint8_t *)words);
		stream.counter++;
		next = 0;
	}
	return (int)(words[next++] & RAND_MAX);
}
