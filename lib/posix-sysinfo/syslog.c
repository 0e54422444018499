/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * syslog() on the console, with every C library. There is no log daemon
 * to send to (musl's own syslog writes to the /dev/log socket and reaches
 * the console only with LOG_CONS), so each message goes to the platform
 * console as one line, "ident[pid]: message" (what musl's LOG_CONS
 * fallback prints), and with LOG_PERROR to standard error as well.
 * The mask, ident and options behave as POSIX says; facilities are
 * accepted and have no effect.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <uk/plat/console.h>
#include <uk/plat/lcpu.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

#define LINE_MAX_LEN 1024

static char ident[32];
static int options;
static int mask = 0xff;

void openlog(const char *id, int opt, int facility)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	(void)facility;
	ident[0] = '\0';
	if (id) {
		strncpy(ident, id, sizeof(ident) - 1);
		ident[sizeof(ident) - 1] = '\0';
	}
	options = opt;
	ukplat_lcpu_restore_irqf(flags);
}

void closelog(void)
{
}

int setlogmask(int m)
{
	int old = mask;

	if (m)
		mask = m;
	return old;
}

void vsyslog(int priority, const char *fmt, va_list ap)
{
	char line[LINE_MAX_LEN], id[sizeof(ident)];
	unsigned long flags;
	int opt, n, len;

	/* Bits beyond a facility and a level: ignored, as musl does. */
	if (!(mask & LOG_MASK(LOG_PRI(priority))) || (priority & ~0x3ff))
		return;
	flags = ukplat_lcpu_save_irqf();
	memcpy(id, ident, sizeof(id));
	opt = options;
	ukplat_lcpu_restore_irqf(flags);
	if (opt & LOG_PID)
		n = snprintf(line, sizeof(line), "%s[1]: ", id);
	else
		n = snprintf(line, sizeof(line), "%s: ", id);
	if (n < 0)
		return;
	len = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (len < 0)
		return;
	len += n;
	if (len > (int)sizeof(line) - 2)
		len = (int)sizeof(line) - 2;
	if (line[len - 1] != '\n')
		line[len++] = '\n';
	ukplat_coutk(line, (size_t)len);
	if (opt & LOG_PERROR)
		uk_syscall_static_r(UK_SYSCALL_NR_write, 2, (long)line, len,
				    0, 0, 0);
}

void syslog(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsyslog(priority, fmt, ap);
	va_end(ap);
}
