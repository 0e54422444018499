/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: the logical CPU. Interrupts are host signals (the timer signal,
 * see timer.c) and host descriptors becoming readable (armed fd lines,
 * see lcpu.h). Masking is "lazy": disabling interrupts only sets a flag,
 * so it costs no system call; a signal arriving while the flag is set is
 * recorded as pending and its handler runs when interrupts are enabled
 * again. Only halting blocks the signals for real, to wait for them
 * atomically with ppoll(), which also waits for the armed descriptors.
 *
 * A thread that never lets the image halt (busy polling with zero-timeout
 * epoll_wait, as Redis does during a script) must still get its input, so
 * the descriptors are also noticed while the image runs: each is put in
 * O_ASYNC mode, and the host sends SIGIO when input arrives on it. The
 * SIGIO handler only marks the descriptor's line (the host names it,
 * F_SETSIG) as pending; it fires the next time interrupts are enabled
 * (the scheduler does on every thread switch), so a busy image makes no
 * system call for this. A SIGIO that names no line known to us asks for
 * a look instead: one ppoll() with a zero timeout on the armed lines. Running it in the
 * handler instead let the host's signal frames (a few KiB each) pile up
 * on a thread's stack under a flood of input: the idle thread's 16 KiB
 * overflowed. A SIGIO while a line is off (its driver draining the queue)
 * is noted for that line, and arming the line again then takes a look:
 * input that came just before the driver turned it back on is not lost.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/arch/lcpu.h>
#include <uk/essentials.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <linuxu/syscall.h>
#include "lcpu.h"

#define POLLIN		0x001
#define F_GETFL		3
#define F_SETFL		4
#define F_SETOWN	8
#define F_SETSIG	10
#define O_ASYNC		020000

struct linuxu_pollfd {
	int fd;
	short events;
	short revents;
};

static volatile int irqs_off;
static volatile int irq_pending;	/* something below is */
static volatile int timer_pending;	/* set by the signal handlers */
static volatile int io_pending;	/* a SIGIO for an unknown descriptor */
static unsigned int io_lines;	/* lines a SIGIO named (atomic) */

static struct {
	int fd;
	void (*fn)(void *arg);
	void *arg;
} fd_irq[LINUXU_FD_IRQS];
static unsigned int fd_irqs;
/* Bits per line. Changed only with the signals blocked or interrupts
 * off, so their handlers never see them half-done. fd_missed: lines that
 * were off at a SIGIO, so arming them takes a look. */
static unsigned int fd_armed, fd_fired, fd_missed;
static int fd_look;		/* an arming wants a look */

/* The armed lines' descriptors, for ppoll(); returns how many. */
static unsigned int fd_pollset(struct linuxu_pollfd *p, unsigned int *line)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < fd_irqs; i++)
		if (fd_armed & (1U << i)) {
			p[n] = (struct linuxu_pollfd){ fd_irq[i].fd, POLLIN, 0 };
			line[n++] = i;
		}
	return n;
}

/* Fire the lines ppoll() found readable. */
static void fd_collect(const struct linuxu_pollfd *p,
		       const unsigned int *line, unsigned int n)
{
	for (unsigned int k = 0; k < n; k++)
		if (p[k].revents) {
			fd_armed &= ~(1U << line[k]);
			fd_fired |= 1U << line[k];
			irq_pending = 1;
		}
}

/* A look at the armed descriptors that does not wait. */
static void fd_peek(void)
{
	struct linuxu_pollfd p[LINUXU_FD_IRQS];
	unsigned int line[LINUXU_FD_IRQS], n = fd_pollset(p, line);
	struct linuxu_timespec zero = { 0, 0 };

	if (n && linuxu_syscall6(__NR_ppoll, (long)p, n, (long)&zero, 0, 0,
				 0) > 0)
		fd_collect(p, line, n);
}

/* Run pending interrupt handlers; called with irqs_off set. */
static void irq_dispatch(void)
{
	unsigned int fired;
	int look;

	while (irq_pending) {
		irq_pending = 0;
		ukarch_barrier();
		look = fd_look;
		fd_look = 0;
		if (io_pending) {
			io_pending = 0;
			ukarch_barrier();
			fd_missed |= ((1U << fd_irqs) - 1) & ~fd_armed;
			look = 1;
		}
		/* A line the host named has input: it fires without a
		 * look, or takes one when it is armed again. */
		fired = __atomic_exchange_n(&io_lines, 0, __ATOMIC_SEQ_CST);
		fd_fired |= fired & fd_armed;
		fd_missed |= fired & ~fd_armed;
		fd_armed &= ~fired;
		if (timer_pending) {
			timer_pending = 0;
			ukarch_barrier();
			linuxu_timer_irq();
			look = 1;
		}
		/* With no line armed, this costs no system call. */
		if (look)
			fd_peek();
		fired = fd_fired;
		fd_fired = 0;
		for (unsigned int i = 0; fired; i++, fired >>= 1)
			if (fired & 1)
				fd_irq[i].fn(fd_irq[i].arg);
	}
}

/* Enable, then run whatever arrived while disabled. */
static void irq_on(void)
{
	ukarch_barrier();
	irqs_off = 0;
	ukarch_barrier();
	while (irq_pending) {
		irqs_off = 1;
		ukarch_barrier();
		irq_dispatch();
		ukarch_barrier();
		irqs_off = 0;
		ukarch_barrier();
	}
}

/* Run what is pending now, unless interrupts are off. */
static void irq_kick(void)
{
	ukarch_barrier();
	if (irqs_off)
		return;
	/* The handler may switch threads; we come back here later, when the
	 * interrupted thread runs again, with interrupts as it had them. */
	irqs_off = 1;
	ukarch_barrier();
	irq_dispatch();
	irq_on();
}

void linuxu_irq_raise(void)
{
	timer_pending = 1;
	irq_pending = 1;
	irq_kick();
}

/* The part of the host's siginfo a SIGIO fills in (F_SETSIG). */
struct sigio_info {
	int signo, err, code, pad;
	long band;
	int fd;
};

#define POLL_IN		1

/* Blocked while it runs (no SA_NODEFER): it never switches threads.
 * The host names the descriptor (F_SETSIG) when it can; two SIGIOs
 * for different descriptors may merge into one, so with more than one
 * line all of them are looked at too. */
static void on_sigio(int sig __unused, void *info, void *uctx __unused)
{
	const struct sigio_info *si = info;
	unsigned int i;

	for (i = 0; si->code == POLL_IN && i < fd_irqs; i++)
		if (fd_irq[i].fd == si->fd)
			break;
	if (si->code == POLL_IN && i < fd_irqs)
		__atomic_or_fetch(&io_lines, 1U << i, __ATOMIC_SEQ_CST);
	if (si->code != POLL_IN || i == fd_irqs || fd_irqs > 1)
		io_pending = 1;
	irq_pending = 1;
}

/* Have the host send SIGIO on input at @fd. Best effort: a descriptor
 * that cannot is still looked at when halting and at timer interrupts. */
static void fd_async(int fd)
{
	static int handled;
	long fl;

	/* The handler first: SIGIO's default action ends the process. */
	if (!handled && linuxu_irq_signal(LINUXU_SIGIO, on_sigio, 0) < 0)
		return;
	handled = 1;
	linuxu_syscall6(__NR_fcntl, fd, F_SETOWN,
			linuxu_syscall6(__NR_getpid, 0, 0, 0, 0, 0, 0),
			0, 0, 0);
	/* SIGIO with a siginfo that names @fd */
	linuxu_syscall6(__NR_fcntl, fd, F_SETSIG, LINUXU_SIGIO, 0, 0, 0);
	fl = linuxu_syscall6(__NR_fcntl, fd, F_GETFL, 0, 0, 0, 0);
	if (fl >= 0)
		linuxu_syscall6(__NR_fcntl, fd, F_SETFL, fl | O_ASYNC, 0, 0,
				0);
}

int linuxu_fd_irq_register(int fd, void (*fn)(void *arg), void *arg)
{
	if (fd_irqs == LINUXU_FD_IRQS)
		return -ENOSPC;
	fd_async(fd);
	fd_irq[fd_irqs].fd = fd;
	fd_irq[fd_irqs].fn = fn;
	fd_irq[fd_irqs].arg = arg;
	return (int)fd_irqs++;
}

void linuxu_fd_irq_arm(int line)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	fd_armed |= 1U << line;
	if (fd_missed & (1U << line)) {
		fd_missed &= ~(1U << line);
		fd_look = 1;
		irq_pending = 1;
	}
	ukplat_lcpu_restore_irqf(flags);
}

void linuxu_fd_irq_disarm(int line)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	fd_armed &= ~(1U << line);
	fd_fired &= ~(1U << line);
	ukplat_lcpu_restore_irqf(flags);
}

void ukplat_lcpu_enable_irq(void)
{
	irq_on();
}

void ukplat_lcpu_disable_irq(void)
{
	irqs_off = 1;
	ukarch_barrier();
}

unsigned long ukplat_lcpu_save_irqf(void)
{
	unsigned long old = (unsigned long)irqs_off;

	irqs_off = 1;
	ukarch_barrier();
	return old;
}

void ukplat_lcpu_restore_irqf(unsigned long flags)
{
	if (flags) {
		irqs_off = 1;
		ukarch_barrier();
	} else {
		irq_on();
	}
}

int ukplat_lcpu_irqs_disabled(void)
{
	return irqs_off;
}

void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	unsigned long block = 1UL << (LINUXU_SIGIRQ - 1) |
			      1UL << (LINUXU_SIGIO - 1), old = 0;
	struct linuxu_timespec ts, *tsp = NULL;
	struct linuxu_pollfd p[LINUXU_FD_IRQS];
	unsigned int line[LINUXU_FD_IRQS], n;
	uint64_t now;

	if (irq_pending)
		return;
	if (until_ns) {
		now = ukplat_monotonic_clock();
		if (now >= until_ns)
			return;
		ts.tv_sec = (long)((until_ns - now) / UKPLAT_NSEC_PER_SEC);
		ts.tv_nsec = (long)((until_ns - now) % UKPLAT_NSEC_PER_SEC);
		tsp = &ts;
	}
	/* Block the signals, check once more, then let ppoll() unblock them
	 * atomically while sleeping: no wake-up can be lost. Descriptors
	 * are level-triggered: one readable before the call ends it at
	 * once. */
	linuxu_syscall6(__NR_rt_sigprocmask, 0 /* SIG_BLOCK */, (long)&block,
			(long)&old, sizeof(old), 0, 0);
	if (!irq_pending) {
		n = fd_pollset(p, line);
		if (linuxu_syscall6(__NR_ppoll, (long)p, n, (long)tsp,
				    (long)&old, sizeof(old), 0) > 0)
			fd_collect(p, line, n);
	}
	linuxu_syscall6(__NR_rt_sigprocmask, 2 /* SIG_SETMASK */, (long)&old,
			0, sizeof(old), 0, 0);
	if (fd_fired)
		irq_kick();
}
