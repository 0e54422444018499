/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: xenbus, the device bus of PV frontends. At boot (ukbus probe,
 * platform init level) every device/<type>/<id> in the guest's xenstore
 * home whose type a registered driver handles becomes a struct
 * xenbus_device and goes to the driver's add(); the driver then does the
 * handshake with its backend:
 *
 *	static int vbd_add(struct xenbus_device *dev)
 *	{
 *		ref = xen_gnttab_grant_page(dev->otherend_id, ring, 0);
 *		xenbus_evtchn_alloc(dev, &port);
 *		xenbus_printf(dev, "ring-ref", "%d", ref);	nodename/ring-ref
 *		xenbus_printf(dev, "event-channel", "%u", port);
 *		xenbus_switch_state(dev, XenbusStateInitialised);
 *		st = xenbus_wait_otherend(dev,
 *			XENBUS_STATE_BIT(XenbusStateConnected), deadline);
 *		xenbus_read_otherend_uint(dev, "sectors", &sectors);
 *		xenbus_switch_state(dev, XenbusStateConnected);
 *	}
 *	static struct xenbus_driver vbd_driver = {
 *		.type = "vbd", .add = vbd_add,
 *	};
 *	XENBUS_DRIVER_REGISTER(&vbd_driver);
 *
 * The device's own nodes live under dev->nodename ("device/vbd/768"),
 * the backend's under dev->otherend ("/local/domain/0/backend/vbd/5/768")
 * and the backend runs in domain dev->otherend_id. xenbus watches the
 * backend's state node from before add() until the device is gone; the
 * driver's otherend_changed() (optional) runs on each change in
 * interrupt context (it must not sleep or call xenstore).
 * The calls return 0 (or a state) on success, -errno on failure; they
 * are xenstore calls and have its rules (no interrupt context).
 */
#ifndef __XEN_PLAT_XENBUS_H__
#define __XEN_PLAT_XENBUS_H__

#include <stdint.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/xenbus.h>
#include <xen-plat/xenstore.h>

#define XENBUS_STATE_BIT(s)	(1U << (s))

struct xenbus_device;

struct xenbus_driver {
	const char *type;			/* "vbd", "vif" */
	/* Take @dev: 0, or -errno (the device is left alone). */
	int (*add)(struct xenbus_device *dev);
	/* The backend's state node changed (interrupt context). */
	void (*otherend_changed)(struct xenbus_device *dev);
	struct xenbus_driver *next;		/* xenbus' list */
};

struct xenbus_device {
	char nodename[64];			/* "device/vbd/768" */
	char otherend[96];			/* the backend's path */
	domid_t otherend_id;			/* the backend's domain */
	const char *type;			/* the driver's type */
	unsigned int id;			/* the <id> of the nodename */
	struct xenbus_driver *drv;
	struct xenstore_watch otherend_watch;	/* otherend/state */
	void *priv;				/* the driver's */
	struct xenbus_device *next;		/* xenbus' list */
};

void xenbus_register_driver(struct xenbus_driver *drv);

#define XENBUS_DRIVER_REGISTER(d)					\
	static int UK_CONCAT(__xenbus_drv_reg_, __LINE__)(void)	\
	{								\
		xenbus_register_driver(d);				\
		return 0;						\
	}								\
	uk_early_initcall(UK_CONCAT(__xenbus_drv_reg_, __LINE__))

/* Devices xenbus found and a driver took, in probe order. */
struct xenbus_device *xenbus_device_next(struct xenbus_device *dev);

/* Write "nodename/state": 0 or -errno. */
int xenbus_switch_state(struct xenbus_device *dev, XenbusState state);
/* The state in @path/state (XenbusStateUnknown if the node is missing),
 * or -errno. */
int xenbus_read_state(const char *path);
/* Wait until the backend's state is one of @mask (XENBUS_STATE_BIT()s)
 * or the monotonic @deadline_ns (0: none) passes: the state reached, or
 * -ETIMEDOUT, or -errno. */
int xenbus_wait_otherend(struct xenbus_device *dev, uint32_t mask,
			 uint64_t deadline_ns);

/* "nodename/@node" (xenbus_printf) and "otherend/@node" reads. */
int xenbus_printf(struct xenbus_device *dev, const char *node,
		  const char *fmt, ...) __printf_like(3, 4);
int xenbus_read_otherend(struct xenbus_device *dev, const char *node,
			 char *buf, size_t size);
int xenbus_read_otherend_uint(struct xenbus_device *dev, const char *node,
			      unsigned long long *value);

/* A fresh event channel the backend domain can bind to: 0 or -errno. */
int xenbus_evtchn_alloc(struct xenbus_device *dev, evtchn_port_t *port);

#endif /* __XEN_PLAT_XENBUS_H__ */
