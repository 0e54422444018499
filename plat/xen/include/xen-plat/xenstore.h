/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: the xenstore client, on the ring page and event channel of
 * HVM_PARAM_STORE_PFN / HVM_PARAM_STORE_EVTCHN. Paths without a leading
 * '/' are relative to the guest's home, /local/domain/<domid>/:
 *
 *	char name[64];
 *	n = xenstore_read(XENSTORE_TX_NONE, "name", name, sizeof(name));
 *	rc = xenstore_write(XENSTORE_TX_NONE, "data/greeting", "hello");
 *	rc = xenstore_printf(XENSTORE_TX_NONE, "device/vbd/768/ring-ref",
 *			     "%d", ref);
 *	rc = xenstore_read_uint(XENSTORE_TX_NONE, "device/vbd/768/backend-id",
 *				&id);
 *
 * Every call sends one request and waits for its reply (requests carry
 * ids, so several threads may wait at once). Before the scheduler runs,
 * or without one, the caller polls the ring and halts until the event
 * channel fires; in a thread it sleeps on a wait queue that the event
 * channel's handler wakes. A reply that takes longer than 20 s fails the
 * call with -ETIMEDOUT. Not from interrupt context (except the watch
 * callback rules below).
 *
 * Errors: xenstored's "E..." replies as -errno (-ENOENT: no such node,
 * -EACCES: not allowed, -EAGAIN: transaction conflict, -EINVAL, ...);
 * -E2BIG: a request over XENSTORE_PAYLOAD_MAX, -ERANGE: a reply longer
 * than the caller's buffer (the buffer holds its start), -EIO: the
 * connection failed, -ENODEV: no xenstore (not started yet or absent).
 *
 * Watches: xenstore_watch() registers @path (and everything below it);
 * xenstored fires it once at once and then at every change. Each event
 * counts in w->pending, runs the optional callback (interrupt context:
 * it must not sleep or call xenstore) and wakes xenstore_watch_wait().
 * The struct must stay valid until xenstore_unwatch().
 *
 * Transactions: xenstore_tx_start(&tx), reads and writes with tx, then
 * xenstore_tx_end(tx, 0) to commit (-EAGAIN: another writer won; start
 * over) or xenstore_tx_end(tx, 1) to abort.
 */
#ifndef __XEN_PLAT_XENSTORE_H__
#define __XEN_PLAT_XENSTORE_H__

#include <stddef.h>
#include <stdint.h>
#include <uk/essentials.h>
#include <xen/xen.h>
#include <xen/io/xs_wire.h>

typedef uint32_t xenstore_tx_t;
#define XENSTORE_TX_NONE	0

/* Connect to the ring (at boot, by the platform); 0 or -errno. */
int xenstore_init(void);

/* The value of @path, NUL-terminated, in @buf: its length, or -errno. */
int xenstore_read(xenstore_tx_t tx, const char *path, char *buf,
		  size_t size);
/* A decimal (or 0x hex) value: 0, -EINVAL if it is not a number. */
int xenstore_read_uint(xenstore_tx_t tx, const char *path,
		       unsigned long long *value);
/* Create or replace @path with @value: 0 or -errno. */
int xenstore_write(xenstore_tx_t tx, const char *path, const char *value);
int xenstore_printf(xenstore_tx_t tx, const char *path, const char *fmt, ...)
	__printf_like(3, 4);
/* Remove @path and everything below it: 0 or -errno. */
int xenstore_rm(xenstore_tx_t tx, const char *path);
/* The names of @path's children, each NUL-terminated, one after the
 * other in @buf: their number, or -errno. */
int xenstore_directory(xenstore_tx_t tx, const char *path, char *buf,
		       size_t size);

int xenstore_tx_start(xenstore_tx_t *tx);
int xenstore_tx_end(xenstore_tx_t tx, int abort);

struct xenstore_watch;
typedef void (*xenstore_watch_fn_t)(struct xenstore_watch *w,
				    const char *path, void *arg);

#define XENSTORE_WATCH_PATH_MAX	128

struct xenstore_watch {
	char path[XENSTORE_WATCH_PATH_MAX];
	char token[24];
	xenstore_watch_fn_t fn;		/* may be NULL */
	void *arg;
	volatile unsigned int pending;	/* events since the last wait */
	struct xenstore_watch *next;
};

/* Watch @path: 0 or -errno (-ENAMETOOLONG: path too long). */
int xenstore_watch(struct xenstore_watch *w, const char *path,
		   xenstore_watch_fn_t fn, void *arg);
int xenstore_unwatch(struct xenstore_watch *w);
/* Wait for an event of @w (at once if one is pending), until the
 * monotonic @deadline_ns (0: none): 0 (pending reset) or -ETIMEDOUT. */
int xenstore_watch_wait(struct xenstore_watch *w, uint64_t deadline_ns);

#endif /* __XEN_PLAT_XENSTORE_H__ */
