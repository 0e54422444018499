/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform API: handlers for device interrupt lines. (The timer interrupt
 * has its own API, ukplat_timer_* in uk/plat/time.h.)
 *
 * Every handler runs in interrupt context: on the stack of whatever was
 * interrupted, with interrupts disabled, and must not sleep or wait.
 * Platforms without device interrupts (linuxu) return -ENOTSUP.
 */
#ifndef __UK_PLAT_IRQ_H__
#define __UK_PLAT_IRQ_H__

#include <stdint.h>

/*
 * Device interrupt handler: returns 1 when its device raised the interrupt
 * (and the device has been quietened), 0 otherwise. Several handlers may
 * share a line (PCI INTx); each is called until one returns 1.
 */
typedef int (*ukplat_irq_handler_t)(void *arg);

/*
 * Call @handler(@arg) whenever line @irq interrupts, and unmask the line.
 * On x86 platforms @irq 0-15 are ISA IRQs (edge-triggered unless the
 * firmware says otherwise) and @irq 16 and above are global system
 * interrupts of PCI INTx lines (level-triggered); a PCI device's
 * "interrupt line" config byte is the @irq to pass. Returns 0, -EINVAL
 * (no such line), -ENOSPC (too many handlers) or -ENOTSUP.
 */
int ukplat_irq_register(unsigned long irq, ukplat_irq_handler_t handler,
			void *arg);

/*
 * Remove a handler added with the same @irq, @handler and @arg; the line
 * is masked when its last handler goes. Returns 0, -ENOENT or -ENOTSUP.
 */
int ukplat_irq_unregister(unsigned long irq, ukplat_irq_handler_t handler,
			  void *arg);

/*
 * Message-signalled interrupts (PCI MSI, MSI-X): reserve an interrupt
 * that calls @handler(@arg) (its return value is ignored: the interrupt
 * is not shared) and give in @addr and @data the message a device writes
 * to raise it (edge-triggered, to the boot CPU). Reservations are for
 * the life of the image. Returns 0, -EINVAL, -ENOSPC (none left) or
 * -ENOTSUP (linuxu).
 */
int ukplat_irq_alloc_msi(ukplat_irq_handler_t handler, void *arg,
			 uint64_t *addr, uint32_t *data);

#endif /* __UK_PLAT_IRQ_H__ */
