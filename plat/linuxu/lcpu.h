/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: glue between the lazy interrupt flag (lcpu.c), timer.c and
 * the devices whose host descriptors act as interrupt lines. */
#ifndef __LINUXU_LCPU_H__
#define __LINUXU_LCPU_H__

/* The host signal that plays the timer interrupt. */
#define LINUXU_SIGIRQ	14	/* SIGALRM */

/* Called by the signal handler: run or defer the interrupt. */
void linuxu_irq_raise(void);
/* The timer interrupt handler proper (timer.c), interrupts disabled. */
void linuxu_timer_irq(void);

/*
 * Host descriptors as interrupt lines (for devices such as tap): while a
 * line is armed, halting also waits for its descriptor to be readable,
 * and so does every timer interrupt, with a look that does not wait.
 * When it is, the line disarms and @fn(@arg) runs as an interrupt
 * handler (interrupts disabled). One firing per arming, as with a
 * device's interrupt that the driver enables again when it has drained
 * its queue. register returns the line, or -ENOSPC.
 */
#define LINUXU_FD_IRQS	4
int linuxu_fd_irq_register(int fd, void (*fn)(void *arg), void *arg);
void linuxu_fd_irq_arm(int line);
void linuxu_fd_irq_disarm(int line);

#endif /* __LINUXU_LCPU_H__ */
