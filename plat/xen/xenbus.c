/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: xenbus. A ukbus bus whose probe lists device/<type>/<id> in the
 * guest's xenstore home, reads each device's backend path and domain,
 * watches the backend's state and hands the device to the driver of its
 * type. The state handshake helpers are thin layers over xenstore.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/bus.h>
#include <uk/print.h>
#include <xen-plat/xen.h>
#include <xen-plat/xenbus.h>

static struct xenbus_driver *drivers;
static struct xenbus_device *devices, **devices_tail = &devices;

void xenbus_register_driver(struct xenbus_driver *drv)
{
	drv->next = drivers;
	drivers = drv;
}

struct xenbus_device *xenbus_device_next(struct xenbus_device *dev)
{
	return dev ? dev->next : devices;
}

int xenbus_switch_state(struct xenbus_device *dev, XenbusState state)
{
	return xenbus_printf(dev, "state", "%d", (int)state);
}

int xenbus_read_state(const char *path)
{
	char node[192];
	unsigned long long v;
	int rc;

	if ((size_t)snprintf(node, sizeof(node), "%s/state", path) >=
	    sizeof(node))
		return -ENAMETOOLONG;
	rc = xenstore_read_uint(XENSTORE_TX_NONE, node, &v);
	if (rc == -ENOENT)
		return XenbusStateUnknown;
	if (rc < 0)
		return rc;
	return v > XenbusStateReconfigured ? -EINVAL : (int)v;
}

int xenbus_wait_otherend(struct xenbus_device *dev, uint32_t mask,
			 uint64_t deadline_ns)
{
	for (;;) {
		int st = xenbus_read_state(dev->otherend);
		int rc;

		if (st < 0 || (mask & XENBUS_STATE_BIT(st)))
			return st;
		rc = xenstore_watch_wait(&dev->otherend_watch, deadline_ns);
		if (rc < 0)
			return rc;
	}
}

int xenbus_printf(struct xenbus_device *dev, const char *node,
		  const char *fmt, ...)
{
	char path[128], value[256];
	va_list ap;
	int n;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dev->nodename,
			     node) >= sizeof(path))
		return -ENAMETOOLONG;
	va_start(ap, fmt);
	n = vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return -E2BIG;
	return xenstore_write(XENSTORE_TX_NONE, path, value);
}

static int otherend_path(struct xenbus_device *dev, const char *node,
			 char *path, size_t size)
{
	if ((size_t)snprintf(path, size, "%s/%s", dev->otherend, node) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int xenbus_read_otherend(struct xenbus_device *dev, const char *node,
			 char *buf, size_t size)
{
	char path[192];
	int rc = otherend_path(dev, node, path, sizeof(path));

	return rc < 0 ? rc : xenstore_read(XENSTORE_TX_NONE, path, buf, size);
}

int xenbus_read_otherend_uint(struct xenbus_device *dev, const char *node,
			      unsigned long long *value)
{
	char path[192];
	int rc = otherend_path(dev, node, path, sizeof(path));

	return rc < 0 ? rc : xenstore_read_uint(XENSTORE_TX_NONE, path, value);
}

int xenbus_evtchn_alloc(struct xenbus_device *dev, evtchn_port_t *port)
{
	return xen_evtchn_alloc_unbound(dev->otherend_id, port);
}

static void otherend_event(struct xenstore_watch *w __unused,
			   const char *path __unused, void *arg)
{
	struct xenbus_device *dev = arg;

	if (dev->drv->otherend_changed)
		dev->drv->otherend_changed(dev);
}

/* Set up device @type/@id and offer it to @drv: 1 if taken, 0 or -errno
 * if not. */
static int probe_one(struct xenbus_driver *drv, const char *type,
		     const char *id)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct xenbus_device *dev = uk_calloc(a, 1, sizeof(*dev));
	unsigned long long domid;
	char path[128];
	int rc;

	if (!dev)
		return -ENOMEM;
	if ((size_t)snprintf(dev->nodename, sizeof(dev->nodename),
			     "device/%s/%s", type, id) >= sizeof(dev->nodename)) {
		rc = -ENAMETOOLONG;
		goto err;
	}
	dev->type = drv->type;
	dev->id = (unsigned int)strtoul(id, NULL, 10);
	dev->drv = drv;
	snprintf(path, sizeof(path), "%s/backend", dev->nodename);
	rc = xenstore_read(XENSTORE_TX_NONE, path, dev->otherend,
			   sizeof(dev->otherend));
	if (rc < 0)
		goto err;
	snprintf(path, sizeof(path), "%s/backend-id", dev->nodename);
	rc = xenstore_read_uint(XENSTORE_TX_NONE, path, &domid);
	if (rc < 0)
		goto err;
	if (domid >= DOMID_FIRST_RESERVED) {
		rc = -EINVAL;
		goto err;
	}
	dev->otherend_id = (domid_t)domid;
	snprintf(path, sizeof(path), "%s/state", dev->otherend);
	rc = xenstore_watch(&dev->otherend_watch, path, otherend_event, dev);
	if (rc < 0)
		goto err;
	rc = drv->add(dev);
	if (rc < 0) {
		xenstore_unwatch(&dev->otherend_watch);
		goto err;
	}
	*devices_tail = dev;
	devices_tail = &dev->next;
	return 1;
err:
	uk_pr_err("xenbus: %s/%s: not added: error %d\n", type, id, -rc);
	uk_free(a, dev);
	return rc;
}

static int xenbus_probe(void)
{
	char *ids = uk_malloc(uk_alloc_get_default(), XENSTORE_PAYLOAD_MAX);
	int taken = 0;

	if (!ids)
		return -ENOMEM;
	for (struct xenbus_driver *drv = drivers; drv; drv = drv->next) {
		char path[64];
		int n;

		snprintf(path, sizeof(path), "device/%s", drv->type);
		n = xenstore_directory(XENSTORE_TX_NONE, path, ids,
				       XENSTORE_PAYLOAD_MAX);
		if (n == -ENOENT)
			continue;	/* no device of this type */
		if (n < 0) {
			uk_pr_err("xenbus: cannot list %s: error %d\n", path,
				  -n);
			continue;
		}
		for (const char *id = ids; n--; id += strlen(id) + 1)
			if (probe_one(drv, drv->type, id) > 0)
				taken++;
	}
	uk_free(uk_alloc_get_default(), ids);
	return taken;
}

static struct uk_bus xenbus = {
	.name = "xenbus",
	.probe = xenbus_probe,
};
UK_BUS_REGISTER(&xenbus);
