/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: the xenstore client. Requests go into the ring's req half, each
 * with a fresh id; the reader drains the rsp half (from the event
 * channel's handler, or from a polling waiter) and hands every reply to
 * the slot waiting for its id, or every watch event to the watch named
 * by its token. Messages may be longer than the 1 KiB ring halves, so
 * both directions move them in pieces. Interrupts are off while a caller
 * touches the ring or the slots, which is the only lock a single vCPU
 * needs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/config.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <x86/boot.h>
#include <xen-plat/xen.h>
#include <xen-plat/xenstore.h>
#include "ring_checks.h"
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#include <uk/wait.h>
#endif

#define NSLOTS		16
#define TIMEOUT_NS	(20ULL * UKPLAT_NSEC_PER_SEC)
/* How long a waiter trusts the event channel before polling the ring. */
#define POLL_NS		(10ULL * 1000000)

enum { SLOT_FREE, SLOT_WAITING, SLOT_DONE, SLOT_ABANDONED };

struct slot {
	int state;
	uint32_t req_id;
	uint32_t type;		/* of the reply */
	char *buf;		/* the reply's payload goes here */
	size_t size;
	size_t len;		/* the payload's full length */
	int err;
};

static volatile struct xenstore_domain_interface *ring;
static evtchn_port_t port;
static int broken;
static struct slot slots[NSLOTS];
static uint32_t next_id;
static struct xenstore_watch *watches;
#if CONFIG_LIBUKSCHED
static struct uk_waitq waitq = UK_WAITQ_INIT(waitq);
#endif

/* The message being read: header, then payload (the excess of an
 * over-long one is dropped). */
static struct xsd_sockmsg hdr;
static size_t hdr_got, body_got;
static char body[XENSTORE_PAYLOAD_MAX + 1];

static void barrier(void)
{
	__asm__ __volatile__("" ::: "memory");
}

/* Take up to @len bytes of the rsp ring (into @dst unless NULL). */
static size_t ring_get(char *dst, size_t len)
{
	XENSTORE_RING_IDX cons = ring->rsp_cons, prod = ring->rsp_prod;
	size_t n = 0;

	barrier();	/* the data after the index that published it */
	if (prod - cons > XENSTORE_RING_SIZE) {
		broken = 1;
		return 0;
	}
	while (n < len && cons != prod) {
		char c = ring->rsp[MASK_XENSTORE_IDX(cons)];

		if (dst)
			dst[n] = c;
		cons++;
		n++;
	}
	barrier();
	ring->rsp_cons = cons;
	return n;
}

static int map_error(const char *name)
{
	for (size_t i = 0; i < UK_ARRAY_SIZE(xsd_errors); i++)
		if (!strcmp(name, xsd_errors[i].errstring))
			return -xsd_errors[i].errnum;
	return -EIO;
}

static void wake_all(void)
{
#if CONFIG_LIBUKSCHED
	uk_waitq_wake(&waitq, -1);
#endif
}

static void dispatch(void)
{
	size_t len = UK_MIN(hdr.len, (uint32_t)XENSTORE_PAYLOAD_MAX);

	body[len] = '\0';
	if (hdr.type == XS_WATCH_EVENT) {
		const char *path = body;
		size_t plen = strnlen(body, len);
		const char *token = plen < len ? body + plen + 1 : "";

		for (struct xenstore_watch *w = watches; w; w = w->next) {
			if (strcmp(w->token, token))
				continue;
			w->pending++;
			if (w->fn)
				w->fn(w, path, w->arg);
		}
		wake_all();
		return;
	}
	for (struct slot *s = slots; s < slots + NSLOTS; s++) {
		if (s->state < SLOT_WAITING || s->req_id != hdr.req_id)
			continue;
		if (s->state == SLOT_ABANDONED) {
			s->state = SLOT_FREE;
			return;
		}
		s->type = hdr.type;
		s->len = hdr.len;
		s->err = 0;
		if (!xen_xs_len_ok(hdr.len, XENSTORE_PAYLOAD_MAX)) {
			/* longer than the protocol allows: only part of it
			 * was kept, so none of it is given out */
			s->err = -EIO;
		} else if (hdr.type == XS_ERROR) {
			s->err = map_error(body);
		} else if (s->buf) {
			memcpy(s->buf, body, UK_MIN(len, s->size));
			if (len < s->size)
				s->buf[len] = '\0';
		}
		s->state = SLOT_DONE;
		wake_all();
		return;
	}
}

/* Read what xenstored has sent; interrupts off. */
static void process(void)
{
	int moved = 0;

	if (!ring || broken)
		return;
	for (;;) {
		size_t n;

		if (hdr_got < sizeof(hdr)) {
			n = ring_get((char *)&hdr + hdr_got,
				     sizeof(hdr) - hdr_got);
			if (!n)
				break;
			moved = 1;
			hdr_got += n;
			body_got = 0;
			continue;
		}
		if (body_got < hdr.len) {
			size_t room = body_got < XENSTORE_PAYLOAD_MAX ?
				XENSTORE_PAYLOAD_MAX - body_got : 0;
			size_t want = hdr.len - body_got;

			n = ring_get(room ? body + body_got : NULL,
				     room ? UK_MIN(want, room) : want);
			if (!n)
				break;
			moved = 1;
			body_got += n;
			continue;
		}
		dispatch();
		hdr_got = 0;
	}
	/* xenstored may be waiting for room to write the rest. */
	if (moved)
		xen_evtchn_notify(port);
}

static void on_event(evtchn_port_t p __unused, void *arg __unused)
{
	process();
}

int xenstore_init(void)
{
	uint64_t pfn, evtchn;

	if (xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) ||
	    xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &evtchn) || !pfn)
		return -ENODEV;
	ring = x86_phys(pfn << 12);
	port = (evtchn_port_t)evtchn;
	return xen_evtchn_bind(port, on_event, NULL);
}

/*
 * Wait until @cond(@arg) holds or the monotonic @deadline passes;
 * interrupts off. In a thread: sleep until the event handler wakes us;
 * otherwise halt until an interrupt. Both poll the ring now and then in
 * case an event was missed. 0 or -ETIMEDOUT.
 */
static int wait_for(int (*cond)(void *), void *arg, uint64_t deadline)
{
	while (process(), !cond(arg)) {
		uint64_t now = ukplat_monotonic_clock();
		uint64_t until = now + POLL_NS;

		if (broken)
			return -EIO;
		if (deadline && now >= deadline)
			return -ETIMEDOUT;
		if (deadline && deadline < until)
			until = deadline;
#if CONFIG_LIBUKSCHED
		if (uk_sched_started()) {
			uk_waitq_wait_locked(&waitq, until);
			continue;
		}
#endif
		ukplat_lcpu_halt_irq_until(until);
	}
	return 0;
}

static int slot_done(void *arg)
{
	return ((struct slot *)arg)->state == SLOT_DONE;
}

static int ring_has_room(void *arg __unused)
{
	return ring->req_prod - ring->req_cons < XENSTORE_RING_SIZE;
}

/* Copy @len bytes into the req ring, waiting for room; interrupts off. */
static int ring_put(const char *src, size_t len, uint64_t deadline)
{
	while (len) {
		XENSTORE_RING_IDX prod = ring->req_prod;
		int rc;

		while (len && prod - ring->req_cons < XENSTORE_RING_SIZE) {
			ring->req[MASK_XENSTORE_IDX(prod)] = *src++;
			prod++;
			len--;
		}
		/* The bytes before the index that publishes them. */
		__asm__ __volatile__("sfence" ::: "memory");
		ring->req_prod = prod;
		xen_evtchn_notify(port);
		if (len && (rc = wait_for(ring_has_room, NULL, deadline)))
			return rc;
	}
	return 0;
}

struct part {
	const char *p;
	size_t len;
};

/*
 * One request of @type from the @n parts of its payload; the reply's
 * payload goes to @reply (up to @size bytes, NUL-terminated when there
 * is room). Returns the reply's length or -errno.
 */
static int request(uint32_t type, xenstore_tx_t tx, const struct part *parts,
		   unsigned int n, char *reply, size_t size)
{
	struct xsd_sockmsg m = { .type = type, .tx_id = tx };
	uint64_t deadline = ukplat_monotonic_clock() + TIMEOUT_NS;
	struct slot *s = NULL;
	unsigned long flags;
	int rc;

	for (unsigned int i = 0; i < n; i++)
		m.len += parts[i].len;
	if (m.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (!ring)
		return -ENODEV;
	flags = ukplat_lcpu_save_irqf();
	if (broken) {
		rc = -EIO;
		goto out;
	}
	for (unsigned int i = 0; i < NSLOTS && !s; i++)
		if (slots[i].state == SLOT_FREE)
			s = &slots[i];
	if (!s) {
		rc = -EBUSY;
		goto out;
	}
	if (!++next_id)
		next_id = 1;
	*s = (struct slot){ .state = SLOT_WAITING, .req_id = next_id,
			    .buf = reply, .size = size };
	m.req_id = s->req_id;
	/* A request is written whole before the next one starts: nobody
	 * else runs while interrupts are off. */
	rc = ring_put((const char *)&m, sizeof(m), deadline);
	for (unsigned int i = 0; i < n && !rc; i++)
		rc = ring_put(parts[i].p, parts[i].len, deadline);
	if (rc) {
		/* Half a message in the ring: the stream is lost. */
		broken = 1;
		s->state = SLOT_FREE;
		goto out;
	}
	rc = wait_for(slot_done, s, deadline);
	if (rc) {
		/* The reply may still come: its slot swallows it then. */
		s->state = broken ? SLOT_FREE : SLOT_ABANDONED;
		goto out;
	}
	if (s->err)
		rc = s->err;
	else if (s->type != type)
		rc = -EIO;
	else if (reply && s->len >= size)
		rc = -ERANGE;
	else
		rc = (int)s->len;
	s->state = SLOT_FREE;
out:
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

static struct part str(const char *s)
{
	return (struct part){ s, strlen(s) + 1 };
}

int xenstore_read(xenstore_tx_t tx, const char *path, char *buf, size_t size)
{
	struct part p = str(path);

	if (!buf || !size)
		return -EINVAL;
	return request(XS_READ, tx, &p, 1, buf, size);
}

int xenstore_read_uint(xenstore_tx_t tx, const char *path,
		       unsigned long long *value)
{
	char buf[32], *end;
	int rc = xenstore_read(tx, path, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	if (!rc || buf[0] == '-')
		return -EINVAL;
	*value = strtoull(buf, &end, 0);
	return *end ? -EINVAL : 0;
}

int xenstore_write(xenstore_tx_t tx, const char *path, const char *value)
{
	struct part p[2] = { str(path), { value, strlen(value) } };
	char ok[4];
	int rc = request(XS_WRITE, tx, p, 2, ok, sizeof(ok));

	return rc < 0 ? rc : 0;
}

int xenstore_printf(xenstore_tx_t tx, const char *path, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -E2BIG;
	return xenstore_write(tx, path, buf);
}

int xenstore_rm(xenstore_tx_t tx, const char *path)
{
	struct part p = str(path);
	char ok[4];
	int rc = request(XS_RM, tx, &p, 1, ok, sizeof(ok));

	return rc < 0 ? rc : 0;
}

int xenstore_directory(xenstore_tx_t tx, const char *path, char *buf,
		       size_t size)
{
	struct part p = str(path);
	int rc, count = 0;

	if (!buf || !size)
		return -EINVAL;
	rc = request(XS_DIRECTORY, tx, &p, 1, buf, size);
	if (rc < 0)
		return rc;
	for (int i = 0; i < rc; i++)
		count += !buf[i];
	return count;
}

int xenstore_tx_start(xenstore_tx_t *tx)
{
	struct part p = { "", 1 };
	char id[16], *end;
	int rc = request(XS_TRANSACTION_START, XENSTORE_TX_NONE, &p, 1, id,
			 sizeof(id));

	if (rc < 0)
		return rc;
	*tx = (xenstore_tx_t)strtoul(id, &end, 10);
	return *end || !*tx ? -EIO : 0;
}

int xenstore_tx_end(xenstore_tx_t tx, int abort)
{
	struct part p = str(abort ? "F" : "T");
	char ok[4];
	int rc = request(XS_TRANSACTION_END, tx, &p, 1, ok, sizeof(ok));

	return rc < 0 ? rc : 0;
}

/* Take @w off the list: 1, or 0 when it was not on it. */
static int unlink_watch(struct xenstore_watch *w)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int found = 0;

	for (struct xenstore_watch **pp = &watches; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			found = 1;
			break;
		}
	}
	ukplat_lcpu_restore_irqf(flags);
	return found;
}

int xenstore_watch(struct xenstore_watch *w, const char *path,
		   xenstore_watch_fn_t fn, void *arg)
{
	struct part p[2];
	unsigned long flags;
	char ok[4];
	int rc;

	if (strlen(path) >= sizeof(w->path))
		return -ENAMETOOLONG;
	strcpy(w->path, path);
	snprintf(w->token, sizeof(w->token), "tw%lx", (unsigned long)w);
	w->fn = fn;
	w->arg = arg;
	w->pending = 0;
	flags = ukplat_lcpu_save_irqf();
	w->next = watches;
	watches = w;
	ukplat_lcpu_restore_irqf(flags);
	p[0] = str(w->path);
	p[1] = str(w->token);
	rc = request(XS_WATCH, XENSTORE_TX_NONE, p, 2, ok, sizeof(ok));
	if (rc < 0) {
		unlink_watch(w);
		return rc;
	}
	return 0;
}

int xenstore_unwatch(struct xenstore_watch *w)
{
	struct part p[2] = { str(w->path), str(w->token) };
	char ok[4];
	int rc;

	if (!unlink_watch(w))
		return -ENOENT;
	/* Without the entry, events still in flight are dropped. */
	rc = request(XS_UNWATCH, XENSTORE_TX_NONE, p, 2, ok, sizeof(ok));
	return rc < 0 ? rc : 0;
}

static int watch_fired(void *arg)
{
	return ((struct xenstore_watch *)arg)->pending != 0;
}

int xenstore_watch_wait(struct xenstore_watch *w, uint64_t deadline_ns)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	int rc = wait_for(watch_fired, w, deadline_ns);

	if (!rc)
		w->pending = 0;
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}
