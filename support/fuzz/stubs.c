/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host stand-ins for the platform and core-library functions the parsers
 * call. Messages are formatted (so a bad format argument is caught by
 * the sanitizers) but not shown unless FUZZ_VERBOSE is set.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <uk/mutex.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include "fuzz.h"

uint64_t fuzz_clock_ns, fuzz_clock_step = 1000000;
void (*fuzz_halt_hook)(void);
unsigned long fuzz_messages;

void uk_vprintk(int level, const char *libname, const char *file, int line,
		const char *fmt, va_list ap)
{
	static int verbose = -1;
	char buf[1024];

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	fuzz_messages++;
	if (verbose)
		fprintf(stderr, "[%d] %s: %s:%d: %s\n", level, libname, file,
			line, buf);
}

void uk_printk(int level, const char *libname, const char *file, int line,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	uk_vprintk(level, libname, file, line, fmt, ap);
	va_end(ap);
}

static int irqs_off;

unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long f = (unsigned long)irqs_off;

	irqs_off = 1;
	return f;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	irqs_off = (int)flags;
}

void ukplat_lcpu_enable_irq(void)
{
	irqs_off = 0;
}

void ukplat_lcpu_disable_irq(void)
{
	irqs_off = 1;
}

int ukplat_lcpu_irqs_disabled(void)
{
	return irqs_off;
}

void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	if (fuzz_clock_ns < until_ns)
		fuzz_clock_ns = until_ns;
	if (fuzz_halt_hook)
		fuzz_halt_hook();
}

uint64_t ukplat_monotonic_clock(void)
{
	fuzz_clock_ns += fuzz_clock_step;
	return fuzz_clock_ns;
}

uint64_t ukplat_wall_clock(void)
{
	return ukplat_monotonic_clock();
}

/* One thread: a mutex is only checked for being taken twice. */
void uk_mutex_init_config(struct uk_mutex *m, int recursive)
{
	memset(m, 0, sizeof(*m));
	m->recursive = recursive;
}

void uk_mutex_lock(struct uk_mutex *m)
{
	FUZZ_ASSERT(!m->owner || m->recursive, "mutex taken twice");
	m->owner = 2;
	m->depth++;
}

void uk_mutex_unlock(struct uk_mutex *m)
{
	FUZZ_ASSERT(m->owner && m->depth, "mutex released but not held");
	if (!--m->depth)
		m->owner = 0;
}
