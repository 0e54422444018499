/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: ending the image is ending the process with the status. */
#include <uk/plat/bootstrap.h>
#include <linuxu/syscall.h>

void ukplat_terminate(enum ukplat_halt how, int status)
{
	if (how == UKPLAT_RESTART)
		linuxu_syscall(__NR_execve, "/proc/self/exe", linuxu_argv,
			       linuxu_envp);
	if (how != UKPLAT_HALT)
		status = UKPLAT_CRASH_STATUS;
	for (;;)
		linuxu_syscall(__NR_exit_group, status & 0xff, 0, 0);
}
