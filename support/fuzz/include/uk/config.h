/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration the fuzz harnesses compile the tree's parsers with
 * (in place of the build's generated config.h): no scheduler, so every
 * waiter polls, and every message printed.
 */
#ifndef __UK_CONFIG_H__
#define __UK_CONFIG_H__

#define CONFIG_LIBUKSCHED 0
#define CONFIG_LIBUKDEBUG_PRINT_LEVEL 5
#define CONFIG_LIBUK9P_MSIZE 8192
#define CONFIG_LIBUK9P_TIMEOUT_MS 10000
#define CONFIG_LIBUKNETDEV_QSTATS 4
#define CONFIG_LIBVFSCORE_NR_FDS 64

#endif
