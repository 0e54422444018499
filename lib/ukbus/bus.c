/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukbus: the list of registered buses, and the boot-time init and probe
 * of each (at the platform level of the init tables, after every bus and
 * driver registered itself at the early level).
 */
#include <stddef.h>
#include <uk/alloc.h>
#include <uk/bus.h>
#include <uk/init.h>
#include <uk/print.h>

static struct uk_bus *buses;

void uk_bus_register(struct uk_bus *b)
{
	struct uk_bus **p = &buses;

	/* Keep registration order: buses probe in link order. */
	while (*p)
		p = &(*p)->next;
	b->next = NULL;
	*p = b;
}

unsigned int uk_bus_count(void)
{
	unsigned int n = 0;

	for (struct uk_bus *b = buses; b; b = b->next)
		n++;
	return n;
}

struct uk_bus *uk_bus_next(struct uk_bus *b)
{
	return b ? b->next : buses;
}

int uk_bus_probe_all(void)
{
	struct uk_alloc *a = uk_alloc_get_default();
	int total = 0, rc;

	for (struct uk_bus *b = buses; b; b = b->next) {
		if (b->init && (rc = b->init(a)) < 0) {
			uk_pr_err("bus %s: initialisation failed (%d), skipped\n",
				  b->name, rc);
			continue;
		}
		rc = b->probe ? b->probe() : 0;
		if (rc < 0) {
			uk_pr_err("bus %s: probe failed (%d)\n", b->name, rc);
			continue;
		}
		total += rc;
	}
	return total;
}

static int bus_boot_probe(void)
{
	uk_bus_probe_all();
	return 0;
}
uk_plat_initcall(bus_boot_probe);
