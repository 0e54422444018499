/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI bus (x86 platforms): the devices found at boot through the
 * configuration mechanism #1 (ports 0xcf8/0xcfc), their BARs and
 * interrupt line, and the drivers that take them. A driver lists the
 * vendor/device IDs it handles and registers with PCI_DRIVER_REGISTER;
 * the bus calls its add() for every matching device during the boot
 * probe (ukbus). Memory BARs are identity-mapped (uncached) before add()
 * runs, so their address is usable as a pointer.
 */
#ifndef __PCI_PCI_H__
#define __PCI_PCI_H__

#include <stdint.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/plat/irq.h>

#define PCI_ANY_ID		0xffff

/* Configuration space offsets */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x0001
#define  PCI_COMMAND_MEMORY	0x0002
#define  PCI_COMMAND_MASTER	0x0004
#define  PCI_COMMAND_INTX_OFF	0x0400
#define PCI_STATUS		0x06
#define  PCI_STATUS_CAP_LIST	0x0010
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BAR0		0x10
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_CAP_ID_MSIX		0x11
#define PCI_CAP_ID_VNDR		0x09

#define PCI_NUM_BARS		6

struct pci_bar {
	uint64_t addr;		/* bus == physical == virtual address */
	uint64_t size;		/* 0: not implemented */
	uint8_t io;		/* I/O port range, else memory */
	uint8_t is64;		/* 64-bit memory BAR (uses the next slot) */
	uint8_t prefetch;
};

struct pci_driver;

struct pci_dev {
	uint8_t bus, slot, func;
	uint16_t vendor, device;
	uint16_t subsys_vendor, subsys_id;
	uint32_t class_code;	/* class, subclass, prog-if (24 bits) */
	uint8_t revision;
	uint8_t irq_line;	/* from firmware; 0xff: none */
	uint8_t irq_pin;	/* 1-4 = INTA-INTD, 0 none */
	struct pci_bar bar[PCI_NUM_BARS];
	struct pci_driver *drv;	/* the driver that took it, or NULL */
	void *priv;		/* the driver's */
	struct pci_dev *next;
};

struct pci_device_id {
	uint16_t vendor;	/* PCI_ANY_ID matches any */
	uint16_t device;
};

struct pci_driver {
	const char *name;
	/* terminated by an entry with vendor 0 */
	const struct pci_device_id *ids;
	/* take @dev: 0, or -errno (the device stays free) */
	int (*add)(struct pci_dev *dev);
	struct pci_driver *next;
};

void pci_driver_register(struct pci_driver *drv);

#define PCI_DRIVER_REGISTER(d)						\
	static int UK_CONCAT(__pci_drv_reg_, __LINE__)(void)		\
	{								\
		pci_driver_register(d);					\
		return 0;						\
	}								\
	uk_early_initcall(UK_CONCAT(__pci_drv_reg_, __LINE__))

/* Configuration space of @dev; @off must be aligned to the size. */
uint8_t pci_conf_read8(const struct pci_dev *dev, unsigned int off);
uint16_t pci_conf_read16(const struct pci_dev *dev, unsigned int off);
uint32_t pci_conf_read32(const struct pci_dev *dev, unsigned int off);
void pci_conf_write16(const struct pci_dev *dev, unsigned int off,
		      uint16_t v);
void pci_conf_write32(const struct pci_dev *dev, unsigned int off,
		      uint32_t v);

/* Offset of the first capability @id after @after (0: from the start),
 * or 0 if there is none. */
unsigned int pci_find_cap(const struct pci_dev *dev, uint8_t id,
			  unsigned int after);

/* Turn on I/O and memory decoding and bus mastering (DMA). */
void pci_enable(const struct pci_dev *dev);

/*
 * Call @handler(@arg) when @dev interrupts, through its legacy INTx line
 * (the interrupt line the firmware programmed, routed by the platform's
 * IOAPIC; shared lines call each handler until one claims it). Returns 0,
 * -ENODEV (the device has no interrupt pin or line) or the platform's
 * error.
 */
int pci_irq_register(struct pci_dev *dev, ukplat_irq_handler_t handler,
		     void *arg);

/*
 * MSI-X: the number of table entries of @dev (0: no MSI-X capability, or
 * turned off with pci.msix=0 on the command line); point entry @entry at
 * a new message-signalled interrupt calling @handler(@arg) (unmasked);
 * turn MSI-X on (and INTx off) for the function, or off again (INTx
 * back on). 0 or -errno.
 */
unsigned int pci_msix_count(const struct pci_dev *dev);
int pci_msix_set(struct pci_dev *dev, unsigned int entry,
		 ukplat_irq_handler_t handler, void *arg);
int pci_msix_enable(struct pci_dev *dev);
void pci_msix_disable(struct pci_dev *dev);

/* The devices found, in bus order (NULL-terminated list). */
struct pci_dev *pci_dev_first(void);

#endif /* __PCI_PCI_H__ */
