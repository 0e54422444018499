/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-signal: actions, masks, pending signals and their delivery (the
 * model is described in <uk/signal.h>). One CPU: the short critical
 * sections run with interrupts off, which is also what keeps a timer
 * thread of a preemptive scheduler out.
 */
#include <errno.h>
#include <string.h>
#include <uk/config.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/signal.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_static.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#include <uk/wait.h>
#endif
#include "signal_impl.h"

#define UNBLOCKABLE	(UK_SIGBIT(UK_SIGKILL) | UK_SIGBIT(UK_SIGSTOP))

/* Default action "ignore": SIGCHLD, SIGCONT, the stop signals (nothing
 * to stop), SIGURG, SIGWINCH. */
#define DEFAULT_IGNORED	(UK_SIGBIT(17) | UK_SIGBIT(18) | UK_SIGBIT(19) | \
			 UK_SIGBIT(20) | UK_SIGBIT(21) | UK_SIGBIT(22) | \
			 UK_SIGBIT(23) | UK_SIGBIT(28))

struct sig_thread {
	uk_sigset_t mask;
	uk_sigset_t pending;	/* sent to this thread (tkill) */
	uk_sigset_t taken;	/* reserved by an interrupted wait */
	int taken_code;
	int restore;		/* sigsuspend: put saved back after delivery */
	uk_sigset_t saved;
	struct uk_sigaltstack alt;
};

static struct uk_sigaction actions[UK_NSIG];
static uk_sigset_t proc_pending;
static int proc_code[UK_NSIG];
static __thread struct sig_thread st;

#if CONFIG_LIBUKSCHED
/* pause, sigsuspend and sigtimedwait sleep here. */
static struct uk_waitq sig_wq = UK_WAITQ_INIT(sig_wq);
#endif

static inline int lowest(uk_sigset_t s)
{
	return __builtin_ctzll(s) + 1;
}

static int ignored(int sig)
{
	void *h = actions[sig].handler;

	return h == UK_SIG_IGN ||
	       (h == UK_SIG_DFL && (DEFAULT_IGNORED & UK_SIGBIT(sig)));
}

static const char *const sig_names[32] = {
	"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
	"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
	"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
	"SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
	"SIGSYS",
};

/* The default action of every signal that is not ignored. */
static __noreturn void terminate(int sig)
{
	uk_pr_warn("terminated by signal %d (%s)\n", sig,
		   sig < 32 ? sig_names[sig] : "real-time");
	ukplat_terminate(UKPLAT_HALT, 128 + sig);
}

/* The shim's flag counts pending and reserved signals. IRQs off. */
static inline void work(long n)
{
	uk_syscall_sig_work += (unsigned long)n;
}

void uk_signal_wake_waiters(void)
{
#if CONFIG_LIBUKSCHED
	unsigned long flags = ukplat_lcpu_save_irqf();

	uk_waitq_wake(&sig_wq, -1);
	ukplat_lcpu_restore_irqf(flags);
#endif
}

/*
 * Generation. A signal that is ignored and not blocked is dropped, as
 * on Linux. Sleepers are woken when the raising thread itself will not
 * take it on its way out (it blocks it: a timer thread blocks all).
 */
static int generate(int sig, int code, int to_self)
{
	uk_sigset_t bit = UK_SIGBIT(sig);
	unsigned long flags;
	int kick;

	if (sig == UK_SIGKILL)
		terminate(sig);
	flags = ukplat_lcpu_save_irqf();
	if (ignored(sig) && !(st.mask & bit)) {
		ukplat_lcpu_restore_irqf(flags);
		return 0;
	}
	if (to_self) {
		if (!(st.pending & bit)) {
			st.pending |= bit;
			work(1);
		}
	} else if (!(proc_pending & bit)) {
		proc_pending |= bit;
		proc_code[sig] = code;
		work(1);
	}
	kick = !to_self && (st.mask & bit);
	ukplat_lcpu_restore_irqf(flags);
	if (kick)
		uk_syscall_sig_kick_all();
	return 0;
}

int uk_signal_raise(int sig, int code)
{
	if (sig < 1 || sig >= UK_NSIG)
		return -EINVAL;
	return generate(sig, code, 0);
}

/* Dequeue the next signal the running thread may take. IRQs off. */
static int take_next(int *code)
{
	uk_sigset_t m;
	int sig;

	if (st.taken) {
		sig = lowest(st.taken);
		st.taken &= ~UK_SIGBIT(sig);
		*code = st.taken_code;
	} else if ((m = st.pending & ~st.mask)) {
		sig = lowest(m);
		st.pending &= ~UK_SIGBIT(sig);
		*code = UK_SI_TKILL;
	} else if ((m = proc_pending & ~st.mask)) {
		sig = lowest(m);
		proc_pending &= ~UK_SIGBIT(sig);
		*code = proc_code[sig];
	} else {
		return 0;
	}
	work(-1);
	return sig;
}

/* A wait asks: reserve a deliverable signal for this thread. */
static int sig_interrupted(void)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int sig, code, r = 0;

	if (st.taken) {
		r = 1;
	} else {
		while ((sig = take_next(&code))) {
			if (ignored(sig))
				continue;
			st.taken = UK_SIGBIT(sig);
			st.taken_code = code;
			work(1);
			r = 1;
			break;
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return r;
}

/* Room for Linux's ucontext_t, which SA_SIGINFO handlers get. */
#define UCONTEXT_SIZE		1024
#define UCONTEXT_SIGMASK	296	/* offset of uc_sigmask */

static void call_handler(const struct uk_sigaction *act, int sig, int code,
			 uk_sigset_t mask)
{
	if (act->flags & UK_SA_SIGINFO) {
		struct uk_siginfo si;
		unsigned char uc[UCONTEXT_SIZE] __aligned(16);

		memset(&si, 0, sizeof(si));
		si.signo = sig;
		si.code = code;
		si.pid = code == UK_SI_KERNEL ? 0 : 1;
		memset(uc, 0, sizeof(uc));
		memcpy(uc + UCONTEXT_SIGMASK, &mask, sizeof(mask));
		((void (*)(int, void *, void *))act->handler)(sig, &si, uc);
	} else {
		((void (*)(int))act->handler)(sig);
	}
}

/*
 * On the way out of a system call: run the handler of every signal
 * the thread may take. A call a wait interrupted with -UK_ERESTARTSYS
 * runs again unless a handler without SA_RESTART ran.
 */
static long sig_return(long ret)
{
	int restart = ret == -UK_ERESTARTSYS, ran = 0, norestart = 0;
	/* Taken now: a call a handler makes must not restore it early. */
	int restore = st.restore;
	uk_sigset_t saved = st.saved;
	struct uk_sigaction act;
	unsigned long flags;
	uk_sigset_t old;
	int sig, code;

	st.restore = 0;
	for (;;) {
		flags = ukplat_lcpu_save_irqf();
		sig = take_next(&code);
		if (!sig) {
			ukplat_lcpu_restore_irqf(flags);
			break;
		}
		if (ignored(sig)) {
			ukplat_lcpu_restore_irqf(flags);
			continue;
		}
		act = actions[sig];
		if (act.handler == UK_SIG_DFL)
			terminate(sig);
		if (act.flags & UK_SA_RESETHAND) {
			actions[sig].handler = UK_SIG_DFL;
			actions[sig].flags &= ~UK_SA_SIGINFO;
		}
		old = st.mask;
		st.mask |= act.mask;
		if (!(act.flags & UK_SA_NODEFER))
			st.mask |= UK_SIGBIT(sig);
		st.mask &= ~UNBLOCKABLE;
		ukplat_lcpu_restore_irqf(flags);
		call_handler(&act, sig, code, old);
		st.mask = old;
		ran = 1;
		if (!(act.flags & UK_SA_RESTART))
			norestart = 1;
	}
	if (restore)
		st.mask = saved;
	if (restart)
		return ran && norestart ? -EINTR : -UK_ERESTARTSYS;
	return ret;
}

static const struct uk_syscall_sig_hooks hooks = {
	.sig_return = sig_return,
	.interrupted = sig_interrupted,
};

static struct uk_syscall_sig_kick wq_kick = {
	.kick = uk_signal_wake_waiters,
};

static int signal_init(void)
{
	uk_syscall_sig_register(&hooks);
	uk_syscall_sig_kick_register(&wq_kick);
	return 0;
}
uk_early_initcall(signal_init);

void uk_signal_block_all(void)
{
	st.mask = ~UNBLOCKABLE;
}

/*
 * Sleep until a signal the thread does not block (or, with @want, one
 * in @want) arrives or the monotonic @deadline (0: none) passes.
 * Returns the signal dequeued from @want (*code set), -EINTR, or
 * -EAGAIN at the deadline.
 */
static int sig_wait(uk_sigset_t want, uint64_t deadline, int *code)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	uk_sigset_t m;
	int sig, rc;

	for (;;) {
		if ((m = st.pending & want)) {
			sig = lowest(m);
			st.pending &= ~UK_SIGBIT(sig);
			*code = UK_SI_TKILL;
			work(-1);
			rc = sig;
			break;
		}
		if ((m = proc_pending & want)) {
			sig = lowest(m);
			proc_pending &= ~UK_SIGBIT(sig);
			*code = proc_code[sig];
			work(-1);
			rc = sig;
			break;
		}
		if (sig_interrupted()) {
			rc = -EINTR;
			break;
		}
		if (deadline && ukplat_monotonic_clock() >= deadline) {
			rc = -EAGAIN;
			break;
		}
#if CONFIG_LIBUKSCHED
		if (uk_sched_started()) {
			uk_waitq_wait_locked(&sig_wq, deadline);
			continue;
		}
#endif
		/* No threads: only the deadline can end this wait. */
		ukplat_lcpu_halt_irq_until(deadline);
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

/* ---- the system calls --------------------------------------------------- */

UK_SYSCALL_R_DEFINE(int, rt_sigaction, int, sig,
		    const struct uk_sigaction *, act, struct uk_sigaction *, old,
		    size_t, size)
{
	struct uk_sigaction nact;
	unsigned long flags;

	if (size != sizeof(uk_sigset_t))
		return -EINVAL;
	if (sig < 1 || sig >= UK_NSIG)
		return -EINVAL;
	if (act && (sig == UK_SIGKILL || sig == UK_SIGSTOP))
		return -EINVAL;
	if (act)
		nact = *act;
	flags = ukplat_lcpu_save_irqf();
	if (old)
		*old = actions[sig];
	if (act) {
		nact.mask &= ~UNBLOCKABLE;
		actions[sig] = nact;
		/* POSIX: setting "ignore" discards a pending instance. */
		if (ignored(sig)) {
			if (proc_pending & UK_SIGBIT(sig)) {
				proc_pending &= ~UK_SIGBIT(sig);
				work(-1);
			}
			if (st.pending & UK_SIGBIT(sig)) {
				st.pending &= ~UK_SIGBIT(sig);
				work(-1);
			}
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

/* The thread's mask; a signal it unblocks runs on the way out. */
UK_SYSCALL_R_DEFINE(int, rt_sigprocmask, int, how, const uk_sigset_t *, set,
		    uk_sigset_t *, old, size_t, size)
{
	uk_sigset_t o = st.mask, n;

	if (size != sizeof(uk_sigset_t))
		return -EINVAL;
	if (set) {
		n = *set;
		switch (how) {
		case UK_SIG_BLOCK:
			n |= o;
			break;
		case UK_SIG_UNBLOCK:
			n = o & ~n;
			break;
		case UK_SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		st.mask = n & ~UNBLOCKABLE;
	}
	if (old)
		*old = o;
	return 0;
}

UK_SYSCALL_R_DEFINE(int, rt_sigpending, uk_sigset_t *, set, size_t, size)
{
	uk_sigset_t p;

	if (size > sizeof(uk_sigset_t))
		return -EINVAL;
	p = (st.pending | proc_pending | st.taken) & st.mask;
	memcpy(set, &p, size);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, rt_sigsuspend, const uk_sigset_t *, mask,
		    size_t, size)
{
	int code;

	if (size != sizeof(uk_sigset_t))
		return -EINVAL;
	/* The handler runs with @mask; the old mask comes back after. */
	st.saved = st.mask;
	st.restore = 1;
	st.mask = *mask & ~UNBLOCKABLE;
	return sig_wait(0, 0, &code);
}

UK_SYSCALL_R_DEFINE(int, pause)
{
	int code;

	return sig_wait(0, 0, &code);
}

struct ktimespec {
	long sec;
	long nsec;
};

UK_SYSCALL_R_DEFINE(int, rt_sigtimedwait, const uk_sigset_t *, set,
		    struct uk_siginfo *, info, const struct ktimespec *, ts,
		    size_t, size)
{
	uint64_t deadline = 0;
	int sig, code;

	if (size != sizeof(uk_sigset_t))
		return -EINVAL;
	if (ts) {
		if (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= 1000000000L)
			return -EINVAL;
		deadline = ukplat_monotonic_clock() +
			   (uint64_t)ts->sec * UKPLAT_NSEC_PER_SEC +
			   (uint64_t)ts->nsec;
		if (!deadline)
			deadline = 1;
	}
	sig = sig_wait(*set & ~UNBLOCKABLE, deadline, &code);
	if (sig > 0 && info) {
		memset(info, 0, sizeof(*info));
		info->signo = sig;
		info->code = code;
		info->pid = code == UK_SI_KERNEL ? 0 : 1;
	}
	return sig;
}

/* The process is pid 1; 0 and -1 name it too. */
UK_SYSCALL_R_DEFINE(int, kill, int, pid, int, sig)
{
	if (sig < 0 || sig >= UK_NSIG)
		return -EINVAL;
	if (pid != 1 && pid != 0 && pid != -1)
		return -ESRCH;
	if (!sig)
		return 0;
	return generate(sig, UK_SI_USER, 0);
}

static long self_tid(void)
{
#if CONFIG_LIBMUSL
	return uk_syscall_r_gettid();
#else
	return 1;
#endif
}

UK_SYSCALL_R_DEFINE(int, tkill, int, tid, int, sig)
{
	if (tid <= 0 || sig < 0 || sig >= UK_NSIG)
		return -EINVAL;
	if (tid != self_tid())
		return -ESRCH;
	if (!sig)
		return 0;
	return generate(sig, UK_SI_TKILL, 1);
}

UK_SYSCALL_R_DEFINE(int, tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0 || tid <= 0 || sig < 0 || sig >= UK_NSIG)
		return -EINVAL;
	if (tgid != 1 || tid != self_tid())
		return -ESRCH;
	if (!sig)
		return 0;
	return generate(sig, UK_SI_TKILL, 1);
}

/* Recorded per thread; handlers never run on it. */
UK_SYSCALL_R_DEFINE(int, sigaltstack, const struct uk_sigaltstack *, ss,
		    struct uk_sigaltstack *, old)
{
	struct uk_sigaltstack n;

	if (ss) {
		n = *ss;
		if (n.flags & ~(UK_SS_DISABLE | UK_SS_ONSTACK |
				UK_SS_AUTODISARM))
			return -EINVAL;
		if ((n.flags & UK_SS_DISABLE) && (n.flags & UK_SS_ONSTACK))
			return -EINVAL;
		if (!(n.flags & UK_SS_DISABLE) && n.size < UK_MINSIGSTKSZ)
			return -ENOMEM;
		n.flags &= ~UK_SS_ONSTACK;
		if (n.flags & UK_SS_DISABLE) {
			n.sp = NULL;
			n.size = 0;
		}
	}
	if (old) {
		*old = st.alt;
		if (!st.alt.sp && !st.alt.size)
			old->flags = UK_SS_DISABLE;
	}
	if (ss)
		st.alt = n;
	return 0;
}
