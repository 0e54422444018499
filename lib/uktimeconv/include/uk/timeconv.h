/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktimeconv: calendar arithmetic in the proleptic Gregorian calendar,
 * UTC, no leap seconds; behind gmtime_r(), timegm() and friends.
 */
#ifndef __UK_TIMECONV_H__
#define __UK_TIMECONV_H__

#include <stdint.h>

int uk_timeconv_is_leap(int64_t year);
/* Days of @month (1-12) in @year; 0 for a month out of range. */
int uk_timeconv_days_in_month(int64_t year, int month);
/* Days from 1970-01-01 to @year-@month-@day (month 1-12, day 1-31). */
int64_t uk_timeconv_days_from_civil(int64_t year, int month, int day);
/* The date @days after 1970-01-01; @yday gets 0-365 (may be NULL). */
void uk_timeconv_civil_from_days(int64_t days, int64_t *year, int *month,
				 int *day, int *yday);

#endif /* __UK_TIMECONV_H__ */
