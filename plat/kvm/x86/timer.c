/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the one-shot timer of uk/plat/time.h (ukplat_timer_*) and the
 * deadline of ukplat_lcpu_halt_irq_until(), both on the LAPIC timer: it is
 * programmed for the earlier of the two. Any interrupt ends a halt, so the
 * halt's deadline needs no bookkeeping after it; the callback's deadline
 * is checked against the clock on every timer interrupt, so a timer that
 * fires early (or for the halt) only programs the rest.
 */
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include "timeirq.h"

static void (*timer_fn)(void *arg);
static void *timer_arg;
static uint64_t timer_deadline;	/* monotonic ns; 0: none */

static void program_ns(uint64_t ns)
{
	uint64_t tsc = 0;

	if (ns) {
		tsc = kvm_ns_to_tsc(ns);
		if (!tsc)
			tsc = 1;	/* long past: fire now */
	}
	kvm_lapic_timer_at(tsc);
}

void kvm_timer_program(uint64_t halt_ns)
{
	uint64_t ns = timer_deadline;

	if (halt_ns && (!ns || halt_ns < ns))
		ns = halt_ns;
	program_ns(ns);
}

void kvm_timer_interrupt(void)
{
	kvm_tsc_refine();
	if (timer_deadline && ukplat_monotonic_clock() >= timer_deadline &&
	    timer_fn) {
		/* The timer is idle now; the callback may arm it again, or
		 * switch threads and come back much later. */
		timer_deadline = 0;
		timer_fn(timer_arg);
		return;
	}
	program_ns(timer_deadline);
}

int ukplat_timer_set_handler(void (*fn)(void *arg), void *arg)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	timer_fn = NULL;
	timer_arg = arg;
	timer_fn = fn;
	if (!fn && timer_deadline) {
		timer_deadline = 0;
		program_ns(0);
	}
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

void ukplat_timer_arm(uint64_t deadline_ns)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	timer_deadline = deadline_ns;
	program_ns(deadline_ns);
	ukplat_lcpu_restore_irqf(flags);
}
