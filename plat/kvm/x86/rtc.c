/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the MC146818 CMOS real-time clock, read once at boot for the
 * wall clock. Handles BCD and binary, 12- and 24-hour modes and updates in
 * progress; the RTC is assumed to keep UTC (QEMU's default, -rtc base=utc).
 */
#include <uk/print.h>
#include <uk/arch/lcpu.h>
#include <x86/cpu.h>
#include "timeirq.h"

#define RTC_INDEX	0x70
#define RTC_DATA	0x71

#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_MDAY	0x07
#define RTC_MON		0x08
#define RTC_YEAR	0x09
#define RTC_A		0x0a
#define RTC_B		0x0b
#define RTC_CENTURY	0x32	/* the register ACPI's FADT names on PCs */

#define RTC_A_UIP	0x80	/* update in progress (or starting soon) */
#define RTC_B_24H	0x02
#define RTC_B_BINARY	0x04
#define RTC_HOUR_PM	0x80	/* 12-hour mode */

/* An update lasts at most ~2 ms after UIP rises; give up after 5 ms. */
#define RTC_MAX_WAIT_PER_SEC	200

struct rtc_time {
	uint8_t sec, min, hour, mday, mon, year, century;
};

static uint8_t rtc_reg(uint8_t reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

/* Wait until no update is in progress: the datasheet then guarantees
 * 244 us before the next one starts. */
static int rtc_wait_uip(void)
{
	uint64_t start = ukarch_rdtsc();
	uint8_t a;

	while ((a = rtc_reg(RTC_A)) & RTC_A_UIP) {
		if (a == 0xff)	/* nothing answers at the port: no RTC */
			return -1;
		if (ukarch_rdtsc() - start > kvm_tsc_hz / RTC_MAX_WAIT_PER_SEC)
			return -1;
	}
	return 0;
}

static void rtc_read_raw(struct rtc_time *t)
{
	t->sec = rtc_reg(RTC_SEC);
	t->min = rtc_reg(RTC_MIN);
	t->hour = rtc_reg(RTC_HOUR);
	t->mday = rtc_reg(RTC_MDAY);
	t->mon = rtc_reg(RTC_MON);
	t->year = rtc_reg(RTC_YEAR);
	t->century = rtc_reg(RTC_CENTURY);
}

static unsigned int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

static int is_leap(unsigned int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Leap years in 1..y. */
static unsigned int leaps_upto(unsigned int y)
{
	return y / 4 - y / 100 + y / 400;
}

static uint64_t days_since_1970(unsigned int y, unsigned int m,
				unsigned int d)
{
	static const uint16_t before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	uint64_t days = (uint64_t)(y - 1970) * 365;

	days += leaps_upto(y - 1) - leaps_upto(1969);
	days += before[m - 1] + (m > 2 && is_leap(y)) + d - 1;
	return days;
}

uint64_t kvm_rtc_read_epoch(void)
{
	struct rtc_time a, b;
	unsigned int sec, min, hour, mday, mon, year, cent;
	uint8_t regb;
	int pm, tries = 0;

	/* Two identical reads in a row cannot straddle an update. */
	do {
		if (rtc_wait_uip() < 0 || ++tries > 10)
			goto bad;
		rtc_read_raw(&a);
		if (rtc_wait_uip() < 0)
			goto bad;
		rtc_read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour ||
		 a.mday != b.mday || a.mon != b.mon || a.year != b.year ||
		 a.century != b.century);

	regb = rtc_reg(RTC_B);
	pm = !(regb & RTC_B_24H) && (a.hour & RTC_HOUR_PM);
	a.hour &= (uint8_t)~RTC_HOUR_PM;
	if (regb & RTC_B_BINARY) {
		sec = a.sec;
		min = a.min;
		hour = a.hour;
		mday = a.mday;
		mon = a.mon;
		year = a.year;
		cent = a.century;
	} else {
		sec = bcd(a.sec);
		min = bcd(a.min);
		hour = bcd(a.hour);
		mday = bcd(a.mday);
		mon = bcd(a.mon);
		year = bcd(a.year);
		cent = bcd(a.century);
	}
	if (!(regb & RTC_B_24H))
		hour = hour % 12 + (pm ? 12 : 0);	/* 12 AM is 0:xx */
	if (cent >= 19 && cent <= 99)
		year += cent * 100;
	else
		year += year < 70 ? 2000 : 1900;

	if (year < 1970 || mon < 1 || mon > 12 || mday < 1 || mday > 31 ||
	    hour > 23 || min > 59 || sec > 59)
		goto bad;
	return ((days_since_1970(year, mon, mday) * 24 + hour) * 60 + min) *
	       60 + sec;
bad:
	uk_pr_warn("kvm: the CMOS clock is unreadable; wall clock starts at 1970\n");
	return 0;
}
