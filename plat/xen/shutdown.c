/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: ending the guest with SCHEDOP_shutdown. Xen passes only the reason
 * (poweroff, reboot, crash) to the toolstack, so the exit status goes to
 * the console first, as the last line "exit status N"; a crash ends with
 * "exit status 101" and the crash reason.
 */
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <xen-plat/xen.h>

static int terminating;

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ukplat_coutk(s, n);
}

static void put_status(int status)
{
	char buf[16];
	int i = sizeof(buf) - 1;
	unsigned int v = status < 0 ? -(unsigned int)status : (unsigned int)status;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 1);
	if (status < 0)
		buf[--i] = '-';
	put("exit status ");
	put(buf + i);
	put("\n");
}

static __noreturn void shutdown(unsigned int reason)
{
	struct sched_shutdown s = { .reason = reason };

	xen_console_flush();
	for (;;) {
		xen_sched_op(SCHEDOP_shutdown, &s);
		__asm__ __volatile__("cli; hlt");
	}
}

void ukplat_terminate(enum ukplat_halt how, int status)
{
	__asm__ __volatile__("cli");
	/* A fault while shutting down lands here again: just stop. */
	if (terminating++)
		shutdown(SHUTDOWN_crash);
	if (how == UKPLAT_RESTART)
		shutdown(SHUTDOWN_reboot);
	if (how != UKPLAT_HALT)
		status = UKPLAT_CRASH_STATUS;
	put_status(status);
	shutdown(how == UKPLAT_HALT ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}
