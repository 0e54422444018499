/* SPDX-License-Identifier: BSD-3-Clause */
/* newlib's <limits.h>, plus SSIZE_MAX (POSIX), which it lacks. */
#include_next <limits.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__
#endif
