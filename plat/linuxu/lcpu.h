/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: glue between the lazy interrupt flag (lcpu.c), timer.c and
 * the devices whose host descriptors act as interrupt lines. */
#ifndef __LINUXU_LCPU_H__
#define __LINUXU_LCPU_H__

/* The host signal that plays the timer interrupt. */
#define LINUXU_SIGIRQ	14	/* SIGALRM */

/* The host signal that says an armed descriptor may be readable. */
#define LINUXU_SIGIO	29	/* SIGIO */

/* Called by the signal handler: run or defer the interrupt. */
void linuxu_irq_raise(void);
/* Install @fn as the host's handler of an interrupt signal @sig; with
 * @nodefer, @sig stays unblocked while @fn runs. */
int linuxu_irq_signal(int sig, void (*fn)(int, void *, void *), int nodefer);
/* The timer interrupt handler proper (timer.c), interrupts disabled. */
void linuxu_timer_irq(void);

/*
 * Host descriptors as interrupt lines (for devices such as tap): while a
 * line is armed, halting also waits for its descriptor to be readable;
 * while the image runs, the host signals input on it (O_ASYNC: SIGIO),
 * and that signal, like every timer interrupt, takes a look that does
 * not wait. When it is readable, the line disarms and @fn(@arg) runs as
 * an interrupt handler (interrupts disabled). One firing per arming, as
 * with a device's interrupt that the driver enables again when it has
 * drained its queue; arming fires for input that came while the line
 * was off, too. register returns the line, or -ENOSPC; a descriptor
 * without O_ASYNC still works, noticed only at halts and timer
 * interrupts.
 */
#define LINUXU_FD_IRQS	4
int linuxu_fd_irq_register(int fd, void (*fn)(void *arg), void *arg);
void linuxu_fd_irq_arm(int line);
void linuxu_fd_irq_disarm(int line);

#endif /* __LINUXU_LCPU_H__ */
