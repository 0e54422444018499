/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the legacy 8259 interrupt controller pair. Interrupts go
 * through the IOAPIC, so both chips are remapped away from the CPU
 * exception vectors and fully masked; only their spurious interrupts can
 * still arrive.
 */
#include <x86/cpu.h>
#include "timeirq.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define PIC_ICW1_INIT	0x11	/* edge, cascaded, ICW4 follows */
#define PIC_ICW4_8086	0x01
#define PIC_OCW3_ISR	0x0b	/* next command-port read: in-service */
#define PIC_EOI		0x20

void kvm_pic_disable(void)
{
	outb(PIC1_CMD, PIC_ICW1_INIT);
	outb(PIC2_CMD, PIC_ICW1_INIT);
	outb(PIC1_DATA, KVM_VEC_PIC_BASE);	/* ICW2: vector base */
	outb(PIC2_DATA, KVM_VEC_PIC_BASE + 8);
	outb(PIC1_DATA, 1 << 2);		/* ICW3: slave on line 2 */
	outb(PIC2_DATA, 2);			/* ICW3: slave's id */
	outb(PIC1_DATA, PIC_ICW4_8086);
	outb(PIC2_DATA, PIC_ICW4_8086);
	outb(PIC1_DATA, 0xff);			/* mask every line */
	outb(PIC2_DATA, 0xff);
}

static uint8_t pic_isr(uint16_t cmd)
{
	outb(cmd, PIC_OCW3_ISR);
	return inb(cmd);
}

/*
 * With every line masked, a vector from the 8259 range is normally a
 * spurious IRQ 7 or 15 (not in service: no EOI, except the master's for
 * the cascade line when the slave's was spurious). Anything really in
 * service is acknowledged so the chips never stay blocked.
 */
void kvm_pic_spurious(unsigned int vector)
{
	unsigned int irq = vector - KVM_VEC_PIC_BASE;

	if (irq < 8) {
		if (pic_isr(PIC1_CMD) & (1U << irq))
			outb(PIC1_CMD, PIC_EOI);
		return;
	}
	if (pic_isr(PIC2_CMD) & (1U << (irq - 8)))
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
