/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: the IOAPICs (82093AA register interface), which carry ISA and
 * PCI INTx interrupt lines to the local APIC. Where they are and how ISA
 * IRQs map to their inputs (global system interrupts, GSIs) comes from the
 * ACPI MADT; without one, QEMU's layout is assumed (one IOAPIC at
 * 0xfec00000, ISA IRQ 0 on input 2). The lookup happens on the first
 * registration of a handler, so a boot without device interrupts pays
 * nothing for it.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <kvm/setup.h>
#include <kvm/x86/acpi.h>
#include "timeirq.h"

#define IOAPIC_DEFAULT_BASE	0xfec00000UL
#define IOAPIC_MAX		4
#define ISO_MAX			16

/* Registers, through the index/window pair. */
#define IOREGSEL		0x00
#define IOWIN			0x10
#define IOAPICVER		0x01
#define IOREDTBL(pin)		(0x10 + 2 * (pin))

#define RTE_ACTIVE_LOW		(1U << 13)
#define RTE_LEVEL		(1U << 15)
#define RTE_MASKED		(1U << 16)

/* MADT: entry types and the flags of an interrupt source override. */
#define MADT_IOAPIC		1
#define MADT_ISO		2
#define MPS_POLARITY_MASK	0x3
#define MPS_POLARITY_LOW	0x3
#define MPS_TRIGGER_MASK	0xc
#define MPS_TRIGGER_LEVEL	0xc

struct ioapic {
	volatile uint32_t *regs;
	unsigned int gsi_base;
	unsigned int npins;
};

/* ISA IRQ @isa arrives on @gsi with these MPS flags. */
struct iso {
	uint8_t isa;
	uint32_t gsi;
	uint16_t flags;
};

static struct ioapic ioapics[IOAPIC_MAX];
static int nioapics;
static struct iso isos[ISO_MAX];
static int nisos;
static int ready;

static uint32_t ioapic_read(const struct ioapic *io, uint32_t reg)
{
	io->regs[IOREGSEL / 4] = reg;
	return io->regs[IOWIN / 4];
}

static void ioapic_write(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[IOREGSEL / 4] = reg;
	io->regs[IOWIN / 4] = v;
}

static void add_ioapic(uint64_t addr, unsigned int gsi_base)
{
	struct ioapic *io;

	if (nioapics == IOAPIC_MAX || !x86_paging_is_mapped(addr, 0x20)) {
		uk_pr_warn("kvm: IOAPIC at 0x%llx ignored\n",
			   (unsigned long long)addr);
		return;
	}
	io = &ioapics[nioapics++];
	io->regs = x86_phys((uintptr_t)addr);
	io->gsi_base = gsi_base;
	io->npins = ((ioapic_read(io, IOAPICVER) >> 16) & 0xff) + 1;
}

static void madt_parse(const uint8_t *madt)
{
	const uint8_t *p = madt + ACPI_SDT_HEADER + 8;
	const uint8_t *end = madt + acpi_rd32(madt + 4);

	for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1]) {
		if (p[0] == MADT_IOAPIC && p[1] >= 12) {
			add_ioapic(acpi_rd32(p + 4), acpi_rd32(p + 8));
		} else if (p[0] == MADT_ISO && p[1] >= 10 && p[2] == 0 &&
			   nisos < ISO_MAX) {
			isos[nisos].isa = p[3];
			isos[nisos].gsi = acpi_rd32(p + 4);
			isos[nisos].flags = (uint16_t)(p[8] | p[9] << 8);
			nisos++;
		}
	}
}

static void ioapic_setup(void)
{
	const uint8_t *madt = kvm_acpi_find_table("APIC");

	if (madt)
		madt_parse(madt);
	if (!nioapics) {
		if (madt)
			uk_pr_warn("kvm: the MADT names no IOAPIC; trying 0x%lx\n",
				   IOAPIC_DEFAULT_BASE);
		add_ioapic(IOAPIC_DEFAULT_BASE, 0);
		if (!madt) {
			/* QEMU: the PIT's IRQ 0 is wired to input 2. */
			isos[0].isa = 0;
			isos[0].gsi = 2;
			isos[0].flags = 0;
			nisos = 1;
		}
	}
	for (int i = 0; i < nioapics; i++)
		for (unsigned int pin = 0; pin < ioapics[i].npins; pin++)
			ioapic_write(&ioapics[i], IOREDTBL(pin), RTE_MASKED);
	ready = 1;
}

/* ---- lines -------------------------------------------------------------- */

static const struct ioapic *ioapic_of(unsigned int gsi, unsigned int *pin)
{
	for (int i = 0; i < nioapics; i++) {
		const struct ioapic *io = &ioapics[i];

		if (gsi >= io->gsi_base && gsi - io->gsi_base < io->npins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

/* The override of ISA IRQ @isa, or NULL. */
static const struct iso *iso_of(unsigned long isa)
{
	for (int i = 0; i < nisos; i++)
		if (isos[i].isa == isa)
			return &isos[i];
	return NULL;
}

int kvm_ioapic_gsi(unsigned long irq, int *level, int *active_low)
{
	const struct iso *o = NULL;
	unsigned int pin;
	unsigned long gsi = irq;

	if (!ready)
		ioapic_setup();
	/* PCI lines: level-triggered. (QEMU's ACPI tables describe them as
	 * active high; reading the _PRT polarity needs an AML interpreter.) */
	*level = irq >= 16;
	*active_low = 0;
	if (irq < 16 && (o = iso_of(irq))) {
		gsi = o->gsi;
		*level = (o->flags & MPS_TRIGGER_MASK) == MPS_TRIGGER_LEVEL;
		*active_low = (o->flags & MPS_POLARITY_MASK) == MPS_POLARITY_LOW;
	} else if (irq < 16) {
		/* An ISA IRQ whose input another one took (IRQ 2 with the
		 * usual 0 -> 2 override) has no line. */
		for (int i = 0; i < nisos; i++)
			if (isos[i].gsi == irq)
				return -EINVAL;
	}
	if (gsi >= KVM_MAX_GSI || !ioapic_of((unsigned int)gsi, &pin))
		return -EINVAL;
	return (int)gsi;
}

int kvm_ioapic_route(unsigned int gsi, int level, int active_low)
{
	unsigned int pin;
	const struct ioapic *io = ioapic_of(gsi, &pin);
	uint32_t lo = KVM_VEC_GSI_BASE + gsi;

	if (!io)
		return -EINVAL;
	if (level)
		lo |= RTE_LEVEL;
	if (active_low)
		lo |= RTE_ACTIVE_LOW;
	/* Fixed delivery, physical destination: this CPU. Write the
	 * destination while the entry is still masked. */
	ioapic_write(io, IOREDTBL(pin), RTE_MASKED);
	ioapic_write(io, IOREDTBL(pin) + 1, kvm_lapic_id() << 24);
	ioapic_write(io, IOREDTBL(pin), lo);
	return 0;
}

void kvm_ioapic_mask(unsigned int gsi)
{
	unsigned int pin;
	const struct ioapic *io = ioapic_of(gsi, &pin);

	if (io)
		ioapic_write(io, IOREDTBL(pin),
			     ioapic_read(io, IOREDTBL(pin)) | RTE_MASKED);
}
