/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: storage behind errno (one global until threads bring TLS). */
#include <errno.h>
#include <uk/essentials.h>

static int nolibc_errno;

/* Weak so that a thread library can return a per-thread location. */
__weak int *__uk_errno_location(void)
{
	return &nolibc_errno;
}
