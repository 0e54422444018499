/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host reference for nolibc's printf: the same dump code as the image
 * (lib/nolibc/tests/printf_dump.c), compiled against the host libc
 * (glibc). Identical output means nolibc's printf matches glibc on every
 * case of printf_cases.h.
 *
 *	gcc -O2 -Wall -Wextra -Werror -o printf-host support/tests/printf-host.c
 *	./printf-host > host.txt
 */
#include "../../lib/nolibc/tests/printf_dump.c"

int main(void)
{
	return nolibc_printf_dump();
}
