/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-timerfd: Linux's timerfd descriptors on vfscore. The system
 * calls take Linux's structures (struct itimerspec of two timespecs);
 * with musl, <sys/timerfd.h> declares them.
 *
 * - timerfd_create(clock, flags): CLOCK_REALTIME, CLOCK_MONOTONIC or
 *   CLOCK_BOOTTIME (the monotonic clock here); TFD_NONBLOCK,
 *   TFD_CLOEXEC. Other clocks or flags: EINVAL.
 * - timerfd_settime(fd, flags, new, old): it_value 0 disarms; with
 *   TFD_TIMER_ABSTIME it_value is a time of the timer's clock (one in
 *   the past expires at once); it_interval repeats it. Setting clears
 *   the count. TFD_TIMER_CANCEL_ON_SET is accepted and has no effect
 *   (the wall clock is never set).
 * - read(fd, &u64, 8) returns the expirations since the last read (or
 *   setting) and clears them; with none it blocks, or gives EAGAIN
 *   with TFD_NONBLOCK. A periodic timer that was not read counts every
 *   period that passed.
 * - poll/epoll: readable while the count is non-zero.
 *
 * Expirations are computed from the clock when the descriptor is read
 * or polled; a poll or epoll wait sleeps no longer than the next one
 * (uk_file_poll_timer()), so no thread is needed.
 */
#ifndef __UK_TIMERFD_H__
#define __UK_TIMERFD_H__

#define UK_TFD_TIMER_ABSTIME		1
#define UK_TFD_TIMER_CANCEL_ON_SET	2
#define UK_TFD_NONBLOCK			00004000
#define UK_TFD_CLOEXEC			02000000

#endif /* __UK_TIMERFD_H__ */
