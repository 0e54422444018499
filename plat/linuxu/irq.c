/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: device interrupt lines (uk/plat/irq.h). A Linux process has
 * none, so registering a handler is not supported.
 */
#include <errno.h>
#include <uk/essentials.h>
#include <uk/plat/irq.h>

int ukplat_irq_register(unsigned long irq __unused,
			ukplat_irq_handler_t handler __unused, void *arg __unused)
{
	return -ENOTSUP;
}

int ukplat_irq_unregister(unsigned long irq __unused,
			  ukplat_irq_handler_t handler __unused,
			  void *arg __unused)
{
	return -ENOTSUP;
}

int ukplat_irq_alloc_msi(ukplat_irq_handler_t handler __unused,
			 void *arg __unused, uint64_t *addr __unused,
			 uint32_t *data __unused)
{
	return -ENOTSUP;
}
