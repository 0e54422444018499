/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktime: POSIX clocks and sleeping on the platform clocks. The POSIX
 * functions are declared in <time.h>, <sys/time.h> and <unistd.h>; this
 * header has the helpers other libraries use.
 */
#ifndef __UK_TIME_H__
#define __UK_TIME_H__

#include <stdint.h>

/*
 * Sleep until the monotonic clock reaches @deadline_ns: through the
 * scheduler when one runs, else by halting the CPU.
 */
void uk_time_sleep_until(uint64_t deadline_ns);

/*
 * As uk_time_sleep_until(), but a signal the thread does not block ends
 * the sleep early with -EINTR (0 otherwise): nanosleep, clock_nanosleep.
 */
int uk_time_sleep_until_intr(uint64_t deadline_ns);

#endif /* __UK_TIME_H__ */
