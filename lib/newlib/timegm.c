/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * timegm(), which newlib 3.3.0 lacks: struct tm in UTC to seconds, with
 * out-of-range fields normalised (the fields are rewritten, as mktime
 * does).
 */
#include <errno.h>
#include <time.h>

/* Days from 1970-01-01 to year @y, month @m (1-12), day 1. */
static long long days_from_epoch(long long y, int m)
{
	long long era, yoe, doy;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

time_t timegm(struct tm *tm)
{
	long long year = tm->tm_year + 1900LL;
	long long mon = tm->tm_mon;
	long long days;
	time_t t;

	year += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	days = days_from_epoch(year, (int)mon + 1) + tm->tm_mday - 1;
	t = ((days * 24 + tm->tm_hour) * 60 + tm->tm_min) * 60LL + tm->tm_sec;
	if (!gmtime_r(&t, tm)) {
		errno = EOVERFLOW;
		return -1;
	}
	return t;
}
