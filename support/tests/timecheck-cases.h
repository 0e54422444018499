/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Calendar cases shared by apps/timecheck (Tessera's gmtime_r/timegm) and
 * support/tests/time-host.c (the host's): both print the same lines.
 */
#include <stdio.h>
#include <time.h>

static unsigned long long tc_state = 0x2545f4914f6cdd1dULL;

static unsigned long long tc_next(void)
{
	tc_state = tc_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return tc_state >> 11;
}

static void tc_print_tm(const char *what, long long in, const struct tm *tm)
{
	printf("%s %lld -> %d-%02d-%02d %02d:%02d:%02d wday %d yday %d\n",
	       what, in, tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
	       tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday);
}

static int tc_run(void)
{
	static const long long edges[] = {
		0, -1, 1, 86399, 86400, -86400, -86401, 951782399, 951782400,
		2147483647, 2147483648LL, -2147483648LL, 4102444800LL,
		-62135596800LL, 253402300799LL, -12219292800LL,
	};
	struct tm tm;
	time_t t;

	for (unsigned int i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		t = (time_t)edges[i];
		gmtime_r(&t, &tm);
		tc_print_tm("gmtime", edges[i], &tm);
	}
	for (int i = 0; i < 4000; i++) {
		/* About 2200 years either side of 1970. */
		long long v = (long long)(tc_next() % (1ULL << 37)) -
			(1LL << 36);

		t = (time_t)v;
		gmtime_r(&t, &tm);
		tc_print_tm("gmtime", v, &tm);
	}
	for (int i = 0; i < 2000; i++) {
		/* Out-of-range fields that timegm must normalise. */
		tm.tm_year = (int)(tc_next() % 400) - 100;
		tm.tm_mon = (int)(tc_next() % 40) - 14;
		tm.tm_mday = (int)(tc_next() % 80) - 20;
		tm.tm_hour = (int)(tc_next() % 60) - 10;
		tm.tm_min = (int)(tc_next() % 200) - 50;
		tm.tm_sec = (int)(tc_next() % 200) - 50;
		tm.tm_isdst = 0;
		t = timegm(&tm);
		tc_print_tm("timegm", (long long)t, &tm);
	}
	return 0;
}
