/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: glue between the lazy interrupt flag (lcpu.c) and timer.c. */
#ifndef __LINUXU_LCPU_H__
#define __LINUXU_LCPU_H__

/* The host signal that plays the timer interrupt. */
#define LINUXU_SIGIRQ	14	/* SIGALRM */

/* Called by the signal handler: run or defer the interrupt. */
void linuxu_irq_raise(void);
/* The timer interrupt handler proper (timer.c), interrupts disabled. */
void linuxu_timer_irq(void);

#endif /* __LINUXU_LCPU_H__ */
