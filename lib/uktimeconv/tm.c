/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktimeconv: the C library's calendar functions on struct tm. There are
 * no time zones: local time is UTC.
 */
#include <errno.h>
#include <limits.h>
#include <time.h>
#include <uk/timeconv.h>

#define SECS_PER_DAY	86400

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	int64_t days = *t / SECS_PER_DAY, year;
	int64_t secs = *t % SECS_PER_DAY;
	int month, day, yday;

	if (secs < 0) {
		secs += SECS_PER_DAY;
		days--;
	}
	uk_timeconv_civil_from_days(days, &year, &month, &day, &yday);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = month - 1;
	tm->tm_mday = day;
	tm->tm_yday = yday;
	/* 1970-01-01 was a Thursday. */
	tm->tm_wday = (int)(((days % 7) + 11) % 7);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

time_t timegm(struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900 + tm->tm_mon / 12;
	int mon = tm->tm_mon % 12;
	time_t t;

	if (mon < 0) {
		mon += 12;
		year--;
	}
	t = (time_t)(uk_timeconv_days_from_civil(year, mon + 1, 1) +
		     tm->tm_mday - 1) * SECS_PER_DAY +
		(time_t)tm->tm_hour * 3600 + (time_t)tm->tm_min * 60 +
		tm->tm_sec;
	/* Normalise the fields, as mktime() does. */
	if (!gmtime_r(&t, tm))
		return (time_t)-1;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

double difftime(time_t t1, time_t t0)
{
	return (double)(t1 - t0);
}
