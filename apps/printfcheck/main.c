/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printfcheck: prints nolibc's snprintf output for every case in
 * lib/nolibc/tests/printf_cases.h; support/tests compares it line by line
 * with the host libc's output for the same cases (support/tests/printf-host.c).
 */
int nolibc_printf_dump(void);

int main(void)
{
	return nolibc_printf_dump();
}
