/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * syscalltest: the paths into a system call. Without arguments it checks
 * the direct entries and the number dispatch (every platform) and, where
 * the platform traps the `syscall` instruction (kvm), raw instructions:
 * results, -errno, preserved registers, SSE state and the red zone. One
 * line per check ("ok ..." or "FAIL ..."), exit status = failures.
 * With posix-signal, a handler runs before kill returns on each path.
 * With "bench": cycles per call of each path, and of the C library's
 * getppid(), against a function call. With "kill N": send signal N to
 * itself (a terminating one ends the image with status 128 + N). With
 * "call NR...": each number through the dispatcher with zero arguments,
 * one line "call NR: RESULT" each (support/tests/88-syscall.sh holds them
 * against support/scripts/syscalls' listing).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>
#include <uk/config.h>
#if CONFIG_LIBPOSIX_SIGNAL
#include <uk/signal.h>
#endif

long raw_in[7], raw_out[15], raw_flags, raw_xmm[16], raw_rz[16];
void raw_syscall(void);
void raw_after(void);
long raw_syscall0(long nr);

enum { RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14,
       R15 };

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

static long raw(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	raw_in[0] = nr;
	raw_in[1] = a1;
	raw_in[2] = a2;
	raw_in[3] = a3;
	raw_in[4] = a4;
	raw_in[5] = a5;
	raw_in[6] = a6;
	raw_syscall();
	return raw_out[RAX];
}

static char cwd[64];

static void direct_and_dispatch(void)
{
	static const char msg[] = "written by number\n";
	long nr = UK_SYSCALL_NR_write;

	check(uk_syscall_r_getpid() == 1 && getpid() == 1, "direct getpid");
	check(uk_syscall_r_getppid() == 0, "direct getppid");
	check(uk_syscall_r_close(-1) == -EBADF, "direct close(-1) is -EBADF");
	errno = 0;
	check(close(-1) == -1 && errno == EBADF,
	      "libc close(-1) is -1 with errno EBADF");
	check(uk_syscall6_r(UK_SYSCALL_NR_getpid, 0, 0, 0, 0, 0, 0) == 1,
	      "dispatch getpid");
	__asm__ volatile("" : "+r"(nr));
	check(uk_syscall6_r(nr, 1, (long)msg, sizeof(msg) - 1, 0, 0, 0) ==
	      (long)sizeof(msg) - 1, "dispatch write to stdout");
	check(uk_syscall_static_r(UK_SYSCALL_NR_getppid, 0, 0, 0, 0, 0, 0) == 0,
	      "static getppid");
	check(uk_syscall6_r(UK_SYSCALL_NR_vhangup, 0, 0, 0, 0, 0, 0) ==
	      -ENOSYS, "dispatch vhangup is -ENOSYS");
	check(uk_syscall6_r(UK_SYSCALL_NR_getcwd, (long)cwd, sizeof(cwd), 0, 0,
			    0, 0) == 2 && !strcmp(cwd, "/"),
	      "dispatch getcwd fills the buffer and returns the length");
}

static void raw_instruction(void)
{
	static const char msg[] = "written by the syscall instruction\n";
	int i, same;

	check(raw(UK_SYSCALL_NR_getpid, 0, 0, 0, 0, 0, 0) == 1,
	      "syscall getpid is 1");
	check(raw(UK_SYSCALL_NR_write, 1, (long)msg, sizeof(msg) - 1, 0, 0, 0)
	      == (long)sizeof(msg) - 1, "syscall write returns the count");
	check(raw(UK_SYSCALL_NR_read, 12345, (long)raw_rz, 8, 0, 0, 0) ==
	      -EBADF, "syscall read on a bad descriptor is -EBADF");
	check(raw(UK_SYSCALL_NR_vhangup, 0, 0, 0, 0, 0, 0) == -ENOSYS,
	      "syscall vhangup (unimplemented) is -ENOSYS");
	check(raw(UK_SYSCALL_NR_vhangup, 0, 0, 0, 0, 0, 0) == -ENOSYS,
	      "syscall vhangup again is -ENOSYS");
	check(raw(4000, 0, 0, 0, 0, 0, 0) == -ENOSYS,
	      "syscall 4000 (no such call) is -ENOSYS");

	/* Six arguments through, every other register back intact. */
	raw(UK_SYSCALL_NR_getppid, 0x101, 0x202, 0x303, 0x404, 0x505, 0x606);
	check(raw_out[RAX] == 0, "syscall getppid is 0");
	check(raw_out[RDI] == 0x101 && raw_out[RSI] == 0x202 &&
	      raw_out[RDX] == 0x303 && raw_out[R10] == 0x404 &&
	      raw_out[R8] == 0x505 && raw_out[R9] == 0x606,
	      "argument registers preserved");
	check(raw_out[RBX] == 0x1111111111111111L &&
	      raw_out[RBP] == 0x2222222222222222L &&
	      raw_out[R12] == 0x1212121212121212L &&
	      raw_out[R13] == 0x1313131313131313L &&
	      raw_out[R14] == 0x1414141414141414L &&
	      raw_out[R15] == 0x1515151515151515L,
	      "rbx, rbp, r12-r15 preserved");
	check(raw_out[RCX] == (long)raw_after,
	      "rcx holds the return address (as on Linux)");
	check(raw_out[R11] == raw_flags, "r11 holds the caller's flags");
	for (i = 0, same = 1; i < 16; i++)
		same &= raw_xmm[i] == (long)(0x3c3c3c3c00000000UL + i);
	check(same, "xmm0-xmm15 preserved");
	for (i = 0, same = 1; i < 16; i++)
		same &= raw_rz[i] == (long)(0x5a5a5a5a00000000UL + i + 1);
	check(same, "128-byte red zone untouched");

	memset(cwd, 0, sizeof(cwd));
	check(raw(UK_SYSCALL_NR_getcwd, (long)cwd, sizeof(cwd), 0, 0, 0, 0)
	      == 2 && !strcmp(cwd, "/"),
	      "syscall getcwd fills the buffer and returns the length");
}

/* ---- signals ---- */
#if CONFIG_LIBPOSIX_SIGNAL
static volatile int usr1;

static void on_usr1(int sig)
{
	usr1 += sig == UK_SIGUSR1;
}

static void signals(void)
{
	struct uk_sigaction sa = { .handler = on_usr1 };

	check(uk_syscall_r_rt_sigaction(UK_SIGUSR1, (long)&sa, 0, 8) == 0,
	      "rt_sigaction sets a handler");
	check(uk_syscall_r_kill(1, UK_SIGUSR1) == 0 && usr1 == 1,
	      "kill runs the handler before the direct entry returns");
	check(uk_syscall6_r(UK_SYSCALL_NR_kill, 1, UK_SIGUSR1, 0, 0, 0, 0)
	      == 0 && usr1 == 2,
	      "kill runs the handler before dispatch returns");
	if (uk_syscall_trap_enabled())
		check(raw(UK_SYSCALL_NR_kill, 1, UK_SIGUSR1, 0, 0, 0, 0) == 0 &&
		      usr1 == 3,
		      "syscall kill runs the handler before the instruction "
		      "returns");
	sa.handler = UK_SIG_DFL;
	uk_syscall_r_rt_sigaction(UK_SIGUSR1, (long)&sa, 0, 8);
}
#endif

/* ---- benchmark ---- */

#define ROUNDS 200000

static inline unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

__attribute__((noinline, noipa)) static long plain(void)
{
	return 0;
}

/* Cycles per call of @what, best of 5 runs of ROUNDS calls. */
#define MEASURE(name, what)						\
	do {								\
		unsigned long best = ~0UL, t0, t;			\
		int r_, i_;						\
		for (r_ = 0; r_ < 5; r_++) {				\
			t0 = rdtsc();					\
			for (i_ = 0; i_ < ROUNDS; i_++)			\
				what;					\
			t = rdtsc() - t0;				\
			if (t < best)					\
				best = t;				\
		}							\
		printf("bench %-10s %lu.%02lu cycles\n", name,		\
		       best / ROUNDS, best * 100 / ROUNDS % 100);	\
	} while (0)

static void bench(void)
{
	long nr = UK_SYSCALL_NR_getppid;

	__asm__ volatile("" : "+r"(nr));
	MEASURE("function", plain());
	MEASURE("direct", uk_syscall_r_getppid());
	MEASURE("static", uk_syscall_static_r(UK_SYSCALL_NR_getppid, 0, 0,
					      0, 0, 0, 0));
	MEASURE("dispatch", uk_syscall6_r(nr, 0, 0, 0, 0, 0, 0));
	/* The C library's getppid(): what an application's call costs. */
	MEASURE("libc", getppid());
	/* kvm: our handler; linuxu: the host kernel's getppid. */
	MEASURE(uk_syscall_trap_enabled() ? "trap" : "host", raw_syscall0(nr));
}

int main(int argc, char *argv[])
{
	if (argc > 1 && !strcmp(argv[1], "bench")) {
		bench();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "call")) {
		for (int i = 2; i < argc; i++) {
			long nr = atol(argv[i]);

			printf("call %ld: %ld\n", nr,
			       uk_syscall6_r(nr, 0, 0, 0, 0, 0, 0));
		}
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "kill")) {
		long r = uk_syscall_r_kill(1, atoi(argv[2]));

		printf("kill returned %ld: not terminated\n", r);
		return 1;
	}
	direct_and_dispatch();
	if (uk_syscall_trap_enabled())
		raw_instruction();
	else
		printf("syscall instruction not trapped on this platform\n");
#if CONFIG_LIBPOSIX_SIGNAL
	signals();
#endif
	printf("%d failures\n", failures);
	return failures;
}
