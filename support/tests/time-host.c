/* SPDX-License-Identifier: BSD-3-Clause */
/* The host libc's answers for support/tests/timecheck-cases.h. */
#define _GNU_SOURCE
#include "timecheck-cases.h"

int main(void)
{
	return tc_run();
}
