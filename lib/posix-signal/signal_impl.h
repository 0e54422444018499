/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-signal: what signal.c gives itimer.c. */
#ifndef __POSIX_SIGNAL_IMPL_H__
#define __POSIX_SIGNAL_IMPL_H__

/* The running thread blocks every signal (kernel threads). */
void uk_signal_block_all(void);
/* Wake pause/sigsuspend/sigtimedwait sleepers to re-check. */
void uk_signal_wake_waiters(void);

#endif /* __POSIX_SIGNAL_IMPL_H__ */
