/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the 8254 programmable interval timer, used only as a reference
 * of known frequency to measure the TSC against. Channel 2 (gated through
 * port 0x61, speaker off) counts down freely in mode 2; channel 0 and IRQ 0
 * are left alone.
 */
#include <uk/arch/lcpu.h>
#include <x86/cpu.h>
#include "timeirq.h"

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_PORT_B	0x61	/* bit 0: channel 2 gate, bit 1: speaker */

/* Command bytes: channel 2 (bits 7-6 = 10), binary counting. */
#define PIT_CH2_MODE2	0xb4	/* low then high byte, mode 2 (rate) */
#define PIT_CH2_LATCH	0x80	/* latch the count for reading */

/* Polls to wait for the count to change before giving up (no PIT). */
#define PIT_MAX_POLLS	100000

void kvm_pit_start(void)
{
	uint8_t b = inb(PIT_PORT_B);

	outb(PIT_PORT_B, (uint8_t)((b & ~0x02) | 0x01));
	outb(PIT_CMD, PIT_CH2_MODE2);
	outb(PIT_CH2, 0);	/* initial count 0 means 65536 */
	outb(PIT_CH2, 0);
}

uint16_t kvm_pit_read(void)
{
	uint8_t lo, hi;

	outb(PIT_CMD, PIT_CH2_LATCH);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (uint16_t)(lo | hi << 8);
}

/* Poll until the count differs from @from; the TSC right after the read
 * that saw the change goes to @tsc. Returns the new count and the number
 * of reads in @polls, or sets @polls to 0 on time-out. */
static uint16_t pit_wait_change(uint16_t from, uint64_t *tsc,
				unsigned int *polls)
{
	uint16_t c;
	unsigned int n = 0;

	do {
		c = kvm_pit_read();
		*tsc = ukarch_rdtsc();
		if (++n > PIT_MAX_POLLS) {
			*polls = 0;
			return c;
		}
	} while (c == from);
	*polls = n;
	return c;
}

/*
 * Both ends of the measurement are taken right after the count changed,
 * so each is late by at most one read; after at least @min_polls reads in
 * between, that error is at most about 2 / @min_polls of the interval,
 * whatever a read costs (a few instructions under TCG, a VM exit under
 * KVM).
 */
uint64_t kvm_pit_measure_tsc(unsigned int min_polls, uint64_t *end_tsc,
			     uint16_t *end_count)
{
	uint64_t t0, t1;
	uint16_t c0, c1;
	unsigned int polls, n;

	c0 = pit_wait_change(kvm_pit_read(), &t0, &polls);
	if (!polls)
		return 0;
	c1 = c0;
	for (n = 0; n < min_polls; n++)
		c1 = kvm_pit_read();
	c1 = pit_wait_change(c1, &t1, &polls);
	if (!polls || c1 == c0 || t1 <= t0)
		return 0;
	*end_tsc = t1;
	*end_count = c1;
	return (t1 - t0) * KVM_PIT_HZ / (uint16_t)(c0 - c1);
}
