/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukbus: device buses. A bus implementation (e.g. PCI) fills a struct
 * uk_bus and registers it with UK_BUS_REGISTER(); drivers register with
 * the bus itself, through that bus's own API. At boot (platform level of
 * the init tables) ukbus calls every bus's init() and then its probe(),
 * which matches the devices found against the bus's drivers and calls
 * their add functions.
 *
 *	static struct uk_bus pci_bus = {
 *		.name = "pci", .init = pci_init, .probe = pci_probe,
 *	};
 *	UK_BUS_REGISTER(&pci_bus);
 */
#ifndef __UK_BUS_H__
#define __UK_BUS_H__

#include <uk/essentials.h>
#include <uk/init.h>

struct uk_alloc;

struct uk_bus {
	const char *name;
	/* Prepare the bus, with @a for its own data; 0 or -errno (the
	 * bus is then skipped, the boot goes on). May be NULL. */
	int (*init)(struct uk_alloc *a);
	/* Find devices and hand them to the drivers; returns the number of
	 * devices a driver took, or -errno. */
	int (*probe)(void);
	struct uk_bus *next;	/* ukbus' list */
};

/* Add @b to the list of buses (normally through UK_BUS_REGISTER). */
void uk_bus_register(struct uk_bus *b);

/* Number of registered buses. */
unsigned int uk_bus_count(void);

/* The bus after @b, or the first one for NULL; NULL at the end. */
struct uk_bus *uk_bus_next(struct uk_bus *b);

/* Initialise and probe every registered bus now (done once at boot;
 * calling it again probes again). Returns the number of devices taken by
 * drivers over all buses. */
int uk_bus_probe_all(void);

#define UK_BUS_REGISTER(b)						\
	static int UK_CONCAT(__uk_bus_reg_, __LINE__)(void)		\
	{								\
		uk_bus_register(b);					\
		return 0;						\
	}								\
	uk_early_initcall(UK_CONCAT(__uk_bus_reg_, __LINE__))

#endif /* __UK_BUS_H__ */
