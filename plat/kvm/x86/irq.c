/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: interrupt set-up and dispatch, and the device interrupt API of
 * uk/plat/irq.h. Vectors: 0x20-0x2f the masked 8259s (spurious only),
 * 0x30 + GSI the IOAPIC inputs, 0x60-0xdf message-signalled interrupts
 * (PCI MSI/MSI-X, one handler each), KVM_VEC_TIMER the LAPIC timer, 0xfe APIC
 * errors, 0xff the APIC's spurious vector.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/irq.h>
#include <uk/plat/lcpu.h>
#include <kvm/intctrl.h>
#include "timeirq.h"

/* Handlers sharing one line (PCI INTx). */
#define IRQ_HANDLERS_PER_LINE	4

struct irq_handler {
	ukplat_irq_handler_t fn;
	void *arg;
};

static struct irq_handler handlers[KVM_MAX_GSI][IRQ_HANDLERS_PER_LINE];
static struct irq_handler msi_handlers[KVM_MAX_MSI];
static unsigned int msi_used;
static unsigned long spurious, unhandled;

/* Runs before the final page tables: the LAPIC page is not mapped yet,
 * so kvm_time_init() sets up the LAPIC. Interrupts stay disabled. */
void kvm_irq_init(void)
{
	kvm_pic_disable();
}

static void gsi_interrupt(unsigned int gsi)
{
	struct irq_handler *h = handlers[gsi];
	int any = 0;

	for (int i = 0; i < IRQ_HANDLERS_PER_LINE; i++) {
		if (!h[i].fn)
			continue;
		any = 1;
		if (h[i].fn(h[i].arg))
			break;
	}
	if (!any) {
		/* Nobody listens: keep a level-triggered line from
		 * interrupting forever. */
		kvm_ioapic_mask(gsi);
		unhandled++;
	}
	/* After the handlers: for a level-triggered line the EOI also
	 * re-arms the IOAPIC input, which must see the device quiet. */
	kvm_lapic_eoi();
}

void x86_irq_dispatch(unsigned int vector, struct ukarch_regs *regs __unused)
{
	if (vector == KVM_VEC_TIMER) {
		kvm_lapic_eoi();
		kvm_timer_interrupt();
	} else if (vector >= KVM_VEC_GSI_BASE &&
		   vector < KVM_VEC_GSI_BASE + KVM_MAX_GSI) {
		gsi_interrupt(vector - KVM_VEC_GSI_BASE);
	} else if (vector >= KVM_VEC_MSI_BASE &&
		   vector < KVM_VEC_MSI_BASE + msi_used) {
		struct irq_handler *h = &msi_handlers[vector - KVM_VEC_MSI_BASE];

		h->fn(h->arg);
		kvm_lapic_eoi();
	} else if (vector >= KVM_VEC_PIC_BASE &&
		   vector < KVM_VEC_PIC_BASE + 16) {
		kvm_pic_spurious(vector);
		spurious++;
	} else if (vector == KVM_VEC_SPURIOUS) {
		spurious++;	/* not in service: no EOI */
	} else {
		if (vector == KVM_VEC_APIC_ERROR)
			uk_pr_warn("kvm: local APIC error\n");
		else
			uk_pr_warn("kvm: unexpected interrupt vector %u\n",
				   vector);
		kvm_lapic_eoi();
	}
}

int ukplat_irq_register(unsigned long irq, ukplat_irq_handler_t handler,
			void *arg)
{
	unsigned long flags;
	int gsi, level, low, rc = -ENOSPC, first = 1;
	struct irq_handler *h;

	if (!handler)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	gsi = kvm_ioapic_gsi(irq, &level, &low);
	if (gsi < 0) {
		rc = gsi;
		goto out;
	}
	h = handlers[gsi];
	for (int i = 0; i < IRQ_HANDLERS_PER_LINE; i++)
		if (h[i].fn)
			first = 0;
	for (int i = 0; i < IRQ_HANDLERS_PER_LINE; i++) {
		if (!h[i].fn) {
			h[i].arg = arg;
			h[i].fn = handler;
			rc = 0;
			break;
		}
	}
	if (!rc && first)
		rc = kvm_ioapic_route((unsigned int)gsi, level, low);
out:
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

int ukplat_irq_unregister(unsigned long irq, ukplat_irq_handler_t handler,
			  void *arg)
{
	unsigned long flags;
	int gsi, level, low, rc = -ENOENT, left = 0;
	struct irq_handler *h;

	flags = ukplat_lcpu_save_irqf();
	gsi = kvm_ioapic_gsi(irq, &level, &low);
	if (gsi < 0)
		goto out;
	h = handlers[gsi];
	for (int i = 0; i < IRQ_HANDLERS_PER_LINE; i++) {
		if (rc && h[i].fn == handler && h[i].arg == arg) {
			h[i].fn = NULL;
			rc = 0;
		} else if (h[i].fn) {
			left = 1;
		}
	}
	if (!rc && !left)
		kvm_ioapic_mask((unsigned int)gsi);
out:
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

/* Message address (Intel SDM 11.11.1): 0xfee, destination APIC ID,
 * physical destination mode, no redirection hint. */
#define MSI_ADDR_BASE	0xfee00000UL

int ukplat_irq_alloc_msi(ukplat_irq_handler_t handler, void *arg,
			 uint64_t *addr, uint32_t *data)
{
	unsigned long flags;
	unsigned int v;
	uint32_t apic_id = kvm_lapic_id();

	if (!handler || apic_id > 0xff)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	if (msi_used == KVM_MAX_MSI) {
		ukplat_lcpu_restore_irqf(flags);
		return -ENOSPC;
	}
	v = msi_used;
	msi_handlers[v].fn = handler;
	msi_handlers[v].arg = arg;
	msi_used++;
	ukplat_lcpu_restore_irqf(flags);
	*addr = MSI_ADDR_BASE | (uint64_t)apic_id << 12;
	*data = KVM_VEC_MSI_BASE + v;	/* fixed delivery, edge */
	return 0;
}
