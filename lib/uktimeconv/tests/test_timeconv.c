/* SPDX-License-Identifier: BSD-3-Clause */
/* uktimeconv tests: leap years, month lengths, known dates, round trips. */
#include <time.h>
#include <uk/test.h>
#include <uk/timeconv.h>

UK_TESTCASE(uktimeconv, leap_years)
{
	UK_TEST_EXPECT(uk_timeconv_is_leap(2000));
	UK_TEST_EXPECT(uk_timeconv_is_leap(2024));
	UK_TEST_EXPECT(!uk_timeconv_is_leap(1900));
	UK_TEST_EXPECT(!uk_timeconv_is_leap(2100));
	UK_TEST_EXPECT(!uk_timeconv_is_leap(2023));
	UK_TEST_EXPECT(uk_timeconv_is_leap(-4));
	UK_TEST_EXPECT(uk_timeconv_is_leap(0));
}

UK_TESTCASE(uktimeconv, days_in_month)
{
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(2024, 2), 29);
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(2023, 2), 28);
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(1900, 2), 28);
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(2023, 4), 30);
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(2023, 12), 31);
	UK_TEST_EXPECT_EQ(uk_timeconv_days_in_month(2023, 13), 0);
}

UK_TESTCASE(uktimeconv, known_dates)
{
	static const struct {
		time_t t;
		int y, mon, d, h, min, s, wday, yday;
	} k[] = {
		{ 0, 1970, 1, 1, 0, 0, 0, 4, 0 },
		{ -1, 1969, 12, 31, 23, 59, 59, 3, 364 },
		{ 951782400, 2000, 2, 29, 0, 0, 0, 2, 59 },
		{ 1000000000, 2001, 9, 9, 1, 46, 40, 0, 251 },
		{ 2147483647, 2038, 1, 19, 3, 14, 7, 2, 18 },
		{ 4107542400, 2100, 3, 1, 0, 0, 0, 1, 59 },
		{ -2208988800, 1900, 1, 1, 0, 0, 0, 1, 0 },
		{ 1709164800, 2024, 2, 29, 0, 0, 0, 4, 59 },
		{ 253402300799, 9999, 12, 31, 23, 59, 59, 5, 364 },
	};
	struct tm tm;

	for (unsigned int i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct tm copy;

		UK_TEST_EXPECT_NOT_NULL(gmtime_r(&k[i].t, &tm));
		UK_TEST_EXPECT_EQ(tm.tm_year + 1900, k[i].y);
		UK_TEST_EXPECT_EQ(tm.tm_mon + 1, k[i].mon);
		UK_TEST_EXPECT_EQ(tm.tm_mday, k[i].d);
		UK_TEST_EXPECT_EQ(tm.tm_hour, k[i].h);
		UK_TEST_EXPECT_EQ(tm.tm_min, k[i].min);
		UK_TEST_EXPECT_EQ(tm.tm_sec, k[i].s);
		UK_TEST_EXPECT_EQ(tm.tm_wday, k[i].wday);
		UK_TEST_EXPECT_EQ(tm.tm_yday, k[i].yday);
		copy = tm;
		UK_TEST_EXPECT_EQ(timegm(&copy), k[i].t);
	}
}

UK_TESTCASE(uktimeconv, timegm_normalises)
{
	/* 2023-14-32 25:61:61 is 2024-03-04 02:02:01 */
	struct tm tm = {
		.tm_year = 123, .tm_mon = 13, .tm_mday = 32,
		.tm_hour = 25, .tm_min = 61, .tm_sec = 61,
	};
	time_t t = timegm(&tm);

	UK_TEST_EXPECT_EQ(tm.tm_year, 124);
	UK_TEST_EXPECT_EQ(tm.tm_mon, 2);
	UK_TEST_EXPECT_EQ(tm.tm_mday, 4);
	UK_TEST_EXPECT_EQ(tm.tm_hour, 2);
	UK_TEST_EXPECT_EQ(tm.tm_min, 2);
	UK_TEST_EXPECT_EQ(tm.tm_sec, 1);
	UK_TEST_EXPECT_EQ(t, 1709517721);
}

UK_TESTCASE(uktimeconv, days_round_trip)
{
	int bad = 0;

	for (int64_t d = -800000; d < 800000; d += 37) {
		int64_t y;
		int m, day;

		uk_timeconv_civil_from_days(d, &y, &m, &day, NULL);
		bad += uk_timeconv_days_from_civil(y, m, day) != d ||
			day < 1 || day > uk_timeconv_days_in_month(y, m);
	}
	UK_TEST_EXPECT_EQ(bad, 0);
}
