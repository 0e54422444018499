/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI bus on x86: enumeration through configuration mechanism #1
 * (address to port 0xcf8, data at 0xcfc), recursing into PCI-to-PCI
 * bridges; BAR decoding and sizing; matching against the registered
 * drivers; MSI-X, and legacy INTx, through the platform's IRQ API.
 * Registered with ukbus, probed at boot. pci.list=1 prints every device
 * found; pci.msix=0 makes drivers use INTx.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/alloc.h>
#include <uk/asm/portio.h>
#include <uk/bus.h>
#include <uk/libparam.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <pci/pci.h>
#include "pci_map.h"

#define CONF_ADDR	0xcf8
#define CONF_DATA	0xcfc
#define MAX_BUS		256
#define MAX_SLOT	32
#define MAX_FUNC	8

static struct pci_driver *drivers;
static struct pci_dev *devices;
static struct uk_alloc *pci_a;
static _Bool list;
UK_LIBPARAM_PARAM_DESC(list, bool, "print the PCI devices found at boot");
static _Bool msix = 1;
UK_LIBPARAM_PARAM_DESC(msix, bool, "let drivers use MSI-X (0: INTx only)");

/* MSI-X capability (PCI 3.0, 6.8.2) */
#define MSIX_CTRL		2
#define  MSIX_CTRL_SIZE		0x07ff
#define  MSIX_CTRL_MASKALL	0x4000
#define  MSIX_CTRL_ENABLE	0x8000
#define MSIX_TABLE		4
#define  MSIX_BIR		0x7
#define MSIX_ENTRY_SIZE		16

static uint32_t conf_addr(unsigned int bus, unsigned int slot,
			  unsigned int func, unsigned int off)
{
	return 0x80000000U | bus << 16 | slot << 11 | func << 8 | (off & 0xfc);
}

static uint32_t raw_read32(unsigned int bus, unsigned int slot,
			   unsigned int func, unsigned int off)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	uint32_t v;

	outl(CONF_ADDR, conf_addr(bus, slot, func, off));
	v = inl(CONF_DATA);
	ukplat_lcpu_restore_irqf(flags);
	return v;
}

static void raw_write32(unsigned int bus, unsigned int slot,
			unsigned int func, unsigned int off, uint32_t v)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	outl(CONF_ADDR, conf_addr(bus, slot, func, off));
	outl(CONF_DATA, v);
	ukplat_lcpu_restore_irqf(flags);
}

uint32_t pci_conf_read32(const struct pci_dev *d, unsigned int off)
{
	return raw_read32(d->bus, d->slot, d->func, off);
}

uint16_t pci_conf_read16(const struct pci_dev *d, unsigned int off)
{
	return (uint16_t)(pci_conf_read32(d, off) >> ((off & 2) * 8));
}

uint8_t pci_conf_read8(const struct pci_dev *d, unsigned int off)
{
	return (uint8_t)(pci_conf_read32(d, off) >> ((off & 3) * 8));
}

void pci_conf_write32(const struct pci_dev *d, unsigned int off, uint32_t v)
{
	raw_write32(d->bus, d->slot, d->func, off, v);
}

void pci_conf_write16(const struct pci_dev *d, unsigned int off, uint16_t v)
{
	unsigned int shift = (off & 2) * 8;
	uint32_t w = pci_conf_read32(d, off & ~3U);

	/* Status (0x06) bits are write-one-to-clear: never write them
	 * back along with the command register. */
	if ((off & ~3U) == PCI_COMMAND)
		w &= 0xffff;
	w = (w & ~(0xffffU << shift)) | (uint32_t)v << shift;
	pci_conf_write32(d, off & ~3U, w);
}

unsigned int pci_find_cap(const struct pci_dev *d, uint8_t id,
			  unsigned int after)
{
	unsigned int off, n = 0;

	if (!(pci_conf_read16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	off = after ? pci_conf_read8(d, after + 1)
		    : pci_conf_read8(d, PCI_CAPABILITY_LIST);
	/* At most 48 capabilities fit in 256 bytes: stop loops. */
	while (off >= 0x40 && n++ < 48) {
		off &= ~3U;
		if (pci_conf_read8(d, off) == id)
			return off;
		off = pci_conf_read8(d, off + 1);
	}
	return 0;
}

void pci_enable(const struct pci_dev *d)
{
	uint16_t cmd = pci_conf_read16(d, PCI_COMMAND);

	cmd |= PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	cmd &= (uint16_t)~PCI_COMMAND_INTX_OFF;
	pci_conf_write16(d, PCI_COMMAND, cmd);
}

int pci_irq_register(struct pci_dev *d, ukplat_irq_handler_t handler,
		     void *arg)
{
	if (!d->irq_pin || d->irq_line == 0xff || d->irq_line == 0)
		return -ENODEV;
	return ukplat_irq_register(d->irq_line, handler, arg);
}

unsigned int pci_msix_count(const struct pci_dev *d)
{
	unsigned int cap = msix ? pci_find_cap(d, PCI_CAP_ID_MSIX, 0) : 0;

	if (!cap)
		return 0;
	return (pci_conf_read16(d, cap + MSIX_CTRL) & MSIX_CTRL_SIZE) + 1U;
}

int pci_msix_set(struct pci_dev *d, unsigned int entry,
		 ukplat_irq_handler_t handler, void *arg)
{
	unsigned int cap = pci_find_cap(d, PCI_CAP_ID_MSIX, 0);
	volatile uint32_t *e;
	uint32_t tbl, data;
	uint64_t addr;
	int rc;

	if (!cap || entry >= pci_msix_count(d))
		return -EINVAL;
	tbl = pci_conf_read32(d, cap + MSIX_TABLE);
	if (!d->bar[tbl & MSIX_BIR].size || d->bar[tbl & MSIX_BIR].io ||
	    (tbl & ~MSIX_BIR) + (entry + 1) * MSIX_ENTRY_SIZE >
	    d->bar[tbl & MSIX_BIR].size)
		return -EINVAL;
	rc = ukplat_irq_alloc_msi(handler, arg, &addr, &data);
	if (rc < 0)
		return rc;
	e = (volatile uint32_t *)(uintptr_t)(d->bar[tbl & MSIX_BIR].addr +
		(tbl & ~MSIX_BIR) + entry * MSIX_ENTRY_SIZE);
	e[3] = 1;			/* masked while it changes */
	e[0] = (uint32_t)addr;
	e[1] = (uint32_t)(addr >> 32);
	e[2] = data;
	e[3] = 0;			/* unmasked */
	return 0;
}

int pci_msix_enable(struct pci_dev *d)
{
	unsigned int cap = pci_find_cap(d, PCI_CAP_ID_MSIX, 0);
	uint16_t ctrl;

	if (!cap)
		return -ENODEV;
	ctrl = pci_conf_read16(d, cap + MSIX_CTRL);
	ctrl = (uint16_t)((ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_MASKALL);
	pci_conf_write16(d, cap + MSIX_CTRL, ctrl);
	pci_conf_write16(d, PCI_COMMAND, pci_conf_read16(d, PCI_COMMAND) |
			 PCI_COMMAND_INTX_OFF);
	return 0;
}

void pci_msix_disable(struct pci_dev *d)
{
	unsigned int cap = pci_find_cap(d, PCI_CAP_ID_MSIX, 0);

	if (!cap)
		return;
	pci_conf_write16(d, cap + MSIX_CTRL, pci_conf_read16(d,
			 cap + MSIX_CTRL) & (uint16_t)~MSIX_CTRL_ENABLE);
	pci_conf_write16(d, PCI_COMMAND, pci_conf_read16(d, PCI_COMMAND) &
			 (uint16_t)~PCI_COMMAND_INTX_OFF);
}

struct pci_dev *pci_dev_first(void)
{
	return devices;
}

void pci_driver_register(struct pci_driver *drv)
{
	drv->next = drivers;
	drivers = drv;
}

/* Size and decode the six BARs of a type-0 header (two of a bridge). */
static void read_bars(struct pci_dev *d, unsigned int nbars)
{
	uint16_t cmd = pci_conf_read16(d, PCI_COMMAND);

	/* No decoding while a BAR holds the all-ones sizing pattern. */
	pci_conf_write16(d, PCI_COMMAND, cmd & (uint16_t)~(PCI_COMMAND_IO |
							   PCI_COMMAND_MEMORY));
	for (unsigned int i = 0; i < nbars; i++) {
		unsigned int off = PCI_BAR0 + 4 * i;
		uint32_t lo = pci_conf_read32(d, off), szlo, hi = 0, szhi = ~0U;
		struct pci_bar *b = &d->bar[i];
		uint64_t size;

		pci_conf_write32(d, off, ~0U);
		szlo = pci_conf_read32(d, off);
		pci_conf_write32(d, off, lo);
		if (!szlo || szlo == ~0U)
			continue;
		if (lo & 1) {
			b->io = 1;
			b->addr = lo & ~3U;
			size = ~(uint64_t)(szlo & ~3U) + 1;
			size &= 0xffff;
		} else {
			b->prefetch = !!(lo & 8);
			if (((lo >> 1) & 3) == 2 && i + 1 < nbars) {
				b->is64 = 1;
				hi = pci_conf_read32(d, off + 4);
				pci_conf_write32(d, off + 4, ~0U);
				szhi = pci_conf_read32(d, off + 4);
				pci_conf_write32(d, off + 4, hi);
			}
			b->addr = ((uint64_t)hi << 32) | (lo & ~0xfU);
			size = ~(((uint64_t)szhi << 32) | (szlo & ~0xfU)) + 1;
		}
		b->size = size;
		if (b->is64)
			i++;
	}
	pci_conf_write16(d, PCI_COMMAND, cmd);
}

static void scan_bus(unsigned int bus, unsigned int depth);

static void add_function(unsigned int bus, unsigned int slot,
			 unsigned int func, uint32_t id, unsigned int depth)
{
	struct pci_dev *d, **tail;
	uint8_t htype;

	d = uk_calloc(pci_a, 1, sizeof(*d));
	if (!d) {
		uk_pr_err("pci: out of memory, %02x:%02x.%x skipped\n",
			  bus, slot, func);
		return;
	}
	d->bus = (uint8_t)bus;
	d->slot = (uint8_t)slot;
	d->func = (uint8_t)func;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->class_code = pci_conf_read32(d, PCI_CLASS_REVISION) >> 8;
	d->revision = pci_conf_read8(d, PCI_CLASS_REVISION);
	htype = pci_conf_read8(d, PCI_HEADER_TYPE) & 0x7f;
	if (htype == 0) {
		d->subsys_vendor = pci_conf_read16(d, PCI_SUBSYSTEM_VENDOR_ID);
		d->subsys_id = pci_conf_read16(d, PCI_SUBSYSTEM_ID);
		read_bars(d, PCI_NUM_BARS);
	} else if (htype == 1) {
		read_bars(d, 2);
	}
	d->irq_line = pci_conf_read8(d, PCI_INTERRUPT_LINE);
	d->irq_pin = pci_conf_read8(d, PCI_INTERRUPT_PIN);
	for (tail = &devices; *tail; tail = &(*tail)->next)
		;
	*tail = d;
	if (htype == 1 && depth < 8) {
		unsigned int sec = pci_conf_read8(d, PCI_SECONDARY_BUS);

		if (sec > bus)
			scan_bus(sec, depth + 1);
	}
}

static void scan_bus(unsigned int bus, unsigned int depth)
{
	for (unsigned int slot = 0; slot < MAX_SLOT; slot++) {
		uint32_t id = raw_read32(bus, slot, 0, PCI_VENDOR_ID);
		unsigned int nfunc;

		if ((id & 0xffff) == 0xffff)
			continue;
		nfunc = (raw_read32(bus, slot, 0, PCI_HEADER_TYPE & ~3U) >>
			 ((PCI_HEADER_TYPE & 3) * 8)) & 0x80 ? MAX_FUNC : 1;
		for (unsigned int f = 0; f < nfunc; f++) {
			if (f)
				id = raw_read32(bus, slot, f, PCI_VENDOR_ID);
			if ((id & 0xffff) != 0xffff)
				add_function(bus, slot, f, id, depth);
		}
	}
}

static int matches(const struct pci_driver *drv, const struct pci_dev *d)
{
	for (const struct pci_device_id *id = drv->ids; id->vendor; id++)
		if ((id->vendor == PCI_ANY_ID || id->vendor == d->vendor) &&
		    (id->device == PCI_ANY_ID || id->device == d->device))
			return 1;
	return 0;
}

static void print_dev(const struct pci_dev *d)
{
	uk_printk(UK_PRINT_INFO, UK_LIBNAME_STR, __FILE__, __LINE__,
		  "%02x:%02x.%x %04x:%04x class %06x irq %u pin %u%s%s\n",
		  d->bus, d->slot, d->func, d->vendor, d->device,
		  d->class_code, d->irq_line, d->irq_pin,
		  d->drv ? " driver " : "", d->drv ? d->drv->name : "");
	for (int i = 0; i < PCI_NUM_BARS; i++)
		if (d->bar[i].size)
			uk_printk(UK_PRINT_INFO, UK_LIBNAME_STR, __FILE__,
				  __LINE__, "%02x:%02x.%x  bar%d %s 0x%lx size 0x%lx%s\n",
				  d->bus, d->slot, d->func, i,
				  d->bar[i].io ? "io " : d->bar[i].is64 ?
				  "m64" : "m32", (unsigned long)d->bar[i].addr,
				  (unsigned long)d->bar[i].size,
				  d->bar[i].prefetch ? " prefetch" : "");
}

static int pci_init(struct uk_alloc *a)
{
	if (!a)
		return -ENOMEM;
	pci_a = a;
	/* Mechanism #1 present: the address register reads back. */
	outl(CONF_ADDR, 0x80000000U);
	if (inl(CONF_ADDR) != 0x80000000U) {
		uk_pr_warn("pci: no configuration mechanism #1\n");
		return -ENODEV;
	}
	return 0;
}

static int pci_probe(void)
{
	int taken = 0;

	if (!devices)
		scan_bus(0, 0);
	for (struct pci_dev *d = devices; d; d = d->next) {
		if (d->drv)
			continue;
		for (struct pci_driver *drv = drivers; drv; drv = drv->next) {
			int rc;

			if (!matches(drv, d))
				continue;
			if (pci_map_bars(d) < 0) {
				uk_pr_err("pci %02x:%02x.%x: cannot map its BARs\n",
					  d->bus, d->slot, d->func);
				break;
			}
			rc = drv->add(d);
			if (rc == 0) {
				d->drv = drv;
				taken++;
				break;
			}
			uk_pr_err("pci %02x:%02x.%x: %s: not taken (%d)\n",
				  d->bus, d->slot, d->func, drv->name, rc);
		}
	}
	if (list)
		for (struct pci_dev *d = devices; d; d = d->next)
			print_dev(d);
	return taken;
}

static struct uk_bus pci_bus = {
	.name = "pci",
	.init = pci_init,
	.probe = pci_probe,
};
UK_BUS_REGISTER(&pci_bus);
