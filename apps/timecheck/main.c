/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * timecheck: prints uktimeconv's gmtime_r/timegm results for the cases in
 * support/tests/timecheck-cases.h; support/tests/45-threads.sh compares
 * them line by line with the host libc's (support/tests/time-host.c).
 */
#include "../../support/tests/timecheck-cases.h"

int main(void)
{
	return tc_run();
}
