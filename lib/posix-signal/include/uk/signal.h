/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-signal: Linux signals for the one process a unikernel runs.
 * The system calls (rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait, kill, tkill, tgkill, pause,
 * sigaltstack, setitimer, getitimer, alarm) take Linux's structures,
 * declared here with a uk_ prefix so that this library builds with any
 * C library; musl's sigaction(), raise(), signal(), pthread_sigmask()
 * ... sit on top unchanged.
 *
 * Delivery model:
 * - Handlers are called as plain functions on the stack of the thread
 *   that takes the signal (never on a sigaltstack, which is recorded
 *   only), with the signal and sa_mask blocked while they run (the
 *   signal not with SA_NODEFER), the mask restored afterwards.
 * - A signal the process raises itself (kill, raise, tkill) runs its
 *   handler before that call returns, unless the calling thread blocks
 *   it: it stays pending until a thread unblocks it.
 * - Asynchronous signals (SIGALRM from setitimer/alarm, one another
 *   thread sends) are pending for the process; a thread that does not
 *   block them runs the handler when it leaves any system call, or when
 *   it wakes from an interrupted wait: poll, select, epoll_wait,
 *   nanosleep, pause, sigsuspend and pipe reads/writes end with EINTR
 *   (pipes restart instead for a handler with SA_RESTART). Code that
 *   makes no system call is not interrupted.
 * - Default actions are Linux's: the terminating ones (and the
 *   core-dumping ones) end the image with exit status 128 + signal;
 *   SIGCHLD, SIGURG, SIGWINCH and, as there is nothing to stop,
 *   SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU are ignored.
 * - A standard signal is pending at most once; real-time signals
 *   (32..64) do not queue either.
 * - Per-thread masks and per-thread pending signals (tkill to oneself)
 *   live in thread-local storage; a new thread starts with nothing
 *   blocked (musl sets the creator's mask at once). kill/tkill/tgkill
 *   reach only the process itself: other pids and thread ids give
 *   ESRCH.
 *
 * The cost for everything else is one load and a branch on the way out
 * of each system call (<uk/syscall.h>, uk_syscall_sig_work).
 */
#ifndef __UK_SIGNAL_H__
#define __UK_SIGNAL_H__

#include <stddef.h>
#include <stdint.h>

#define UK_NSIG		65	/* signals are 1..64 */
typedef uint64_t uk_sigset_t;	/* bit (sig - 1), Linux's kernel set */
#define UK_SIGBIT(sig)	(1ULL << ((sig) - 1))

/* The Linux x86_64 numbers used here. */
#define UK_SIGINT	2
#define UK_SIGKILL	9
#define UK_SIGUSR1	10
#define UK_SIGUSR2	12
#define UK_SIGPIPE	13
#define UK_SIGALRM	14
#define UK_SIGTERM	15
#define UK_SIGCHLD	17
#define UK_SIGCONT	18
#define UK_SIGSTOP	19

#define UK_SIG_DFL	((void *)0)
#define UK_SIG_IGN	((void *)1)

#define UK_SA_NOCLDSTOP	0x00000001UL
#define UK_SA_NOCLDWAIT	0x00000002UL
#define UK_SA_SIGINFO	0x00000004UL
#define UK_SA_RESTORER	0x04000000UL
#define UK_SA_ONSTACK	0x08000000UL
#define UK_SA_RESTART	0x10000000UL
#define UK_SA_NODEFER	0x40000000UL
#define UK_SA_RESETHAND	0x80000000UL

#define UK_SIG_BLOCK	0
#define UK_SIG_UNBLOCK	1
#define UK_SIG_SETMASK	2

/* si_code values */
#define UK_SI_USER	0
#define UK_SI_KERNEL	0x80
#define UK_SI_TKILL	(-6)

/* The kernel's struct sigaction (what rt_sigaction takes). */
struct uk_sigaction {
	void *handler;		/* UK_SIG_DFL, UK_SIG_IGN or a function */
	unsigned long flags;	/* UK_SA_* */
	void *restorer;		/* recorded, never used */
	uk_sigset_t mask;
};

/* Linux's siginfo_t layout (128 bytes) for the fields we fill. */
struct uk_siginfo {
	int signo;
	int err;
	int code;
	int pad;
	int pid;		/* sender (1: this process) */
	unsigned int uid;
	char rest[104];
};

/* Linux's stack_t */
struct uk_sigaltstack {
	void *sp;
	int flags;		/* UK_SS_* */
	size_t size;
};

#define UK_SS_ONSTACK		1
#define UK_SS_DISABLE		2
#define UK_SS_AUTODISARM	(1U << 31)
#define UK_MINSIGSTKSZ		2048

struct uk_itimer_tv {
	long sec;
	long usec;
};

/* Linux's struct itimerval */
struct uk_itimerval {
	struct uk_itimer_tv interval;
	struct uk_itimer_tv value;
};

#define UK_ITIMER_REAL		0
#define UK_ITIMER_VIRTUAL	1
#define UK_ITIMER_PROF		2

/*
 * Kernel-internal: make @sig pending for the process (delivered as
 * described above) with si_code @code; 0 or -EINVAL. Thread context
 * (not an interrupt handler).
 */
int uk_signal_raise(int sig, int code);

#endif /* __UK_SIGNAL_H__ */
