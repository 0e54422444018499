/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: the `syscall` instruction goes to the host kernel, untrapped. */
#include <errno.h>
#include <uk/essentials.h>
#include <uk/plat/syscall.h>

int ukplat_syscall_handler_set(ukplat_syscall_handler_t h __unused)
{
	return -ENOTSUP;
}
