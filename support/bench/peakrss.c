// SPDX-License-Identifier: BSD-3-Clause
/*
 * peakrss PROGRAM [ARGS...]: run PROGRAM with stdout to /dev/null and print
 * its peak resident set size in KiB (VmHWM), read when it is about to exit.
 * rusage's ru_maxrss is no good for this: it includes the memory of the
 * process before exec (the launcher's).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static long vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

int main(int argc, char *argv[])
{
	long kib = -1;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: peakrss PROGRAM [ARGS...]\n");
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL);
	ptrace(PTRACE_CONT, pid, 0, 0);
	for (;;) {
		if (waitpid(pid, &status, 0) < 0)
			break;
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8)))
			kib = vm_hwm(pid);
		/* Pass real signals on; swallow the exec and exit stops. */
		ptrace(PTRACE_CONT, pid, 0,
		       WSTOPSIG(status) == SIGTRAP ? 0 : WSTOPSIG(status));
	}
	printf("%ld\n", kib);
	return kib < 0;
}
