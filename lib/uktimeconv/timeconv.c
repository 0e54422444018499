/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktimeconv: date arithmetic. Any 400 consecutive Gregorian years have
 * exactly 146097 days, so a date is found by whole 400-year cycles, then
 * an estimate of the year inside the cycle corrected by counting days.
 */
#include <uk/timeconv.h>

#define DAYS_PER_400Y	146097

static const short days_before_month[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

/* Division rounding towards minus infinity. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int uk_timeconv_is_leap(int64_t year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int uk_timeconv_days_in_month(int64_t year, int month)
{
	static const unsigned char len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	return len[month - 1] + (month == 2 && uk_timeconv_is_leap(year));
}

/* Leap years among the years 1 .. @year (or minus those in year+1 .. 0). */
static int64_t leaps_through(int64_t year)
{
	return floor_div(year, 4) - floor_div(year, 100) + floor_div(year, 400);
}

/* Days from 1970-01-01 to @year-01-01. */
static int64_t days_before_year(int64_t year)
{
	return (year - 1970) * 365 + leaps_through(year - 1) -
		leaps_through(1969);
}

int64_t uk_timeconv_days_from_civil(int64_t year, int month, int day)
{
	return days_before_year(year) + days_before_month[month - 1] +
		(month > 2 && uk_timeconv_is_leap(year)) + day - 1;
}

void uk_timeconv_civil_from_days(int64_t days, int64_t *year, int *month,
				 int *day, int *yday)
{
	int64_t cycles = floor_div(days, DAYS_PER_400Y);
	int64_t rest = days - cycles * DAYS_PER_400Y;
	/* A year has at most 366 days: this never overshoots. */
	int64_t y = 1970 + cycles * 400 + rest / 366;
	int doy, m, leap;

	while (days_before_year(y + 1) <= days)
		y++;
	doy = (int)(days - days_before_year(y));
	leap = uk_timeconv_is_leap(y);
	for (m = 11; m > 0; m--)
		if (doy >= days_before_month[m] + (m >= 2 && leap))
			break;
	*year = y;
	*month = m + 1;
	*day = doy - days_before_month[m] - (m >= 2 && leap) + 1;
	if (yday)
		*yday = doy;
}
