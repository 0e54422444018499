/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The end of the one process: newlib's exit() has run the atexit
 * handlers (ukboot registers the .fini_array as one) and flushed stdio.
 */
#include <stdlib.h>
#include <unistd.h>
#include <uk/plat/bootstrap.h>

void _exit(int status)
{
	ukplat_terminate(UKPLAT_HALT, status);
}
