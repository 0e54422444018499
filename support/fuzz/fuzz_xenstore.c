/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat/xen/xenstore.c: the client's reading of xenstored's replies and
 * watch events from the shared ring. The source is included here so
 * that its state can start afresh for every input. Input: the calls to
 * make (a byte each, plus their arguments) and the replies of a fake
 * xenstored, which consumes each request and writes the next chunk of
 * the input into the response ring:
 *	ctl[1] len[2] bytes[len]
 * ctl bit 0: put the last request's id into the chunk's header, bit 1:
 * its type, bit 2: the payload length; bit 3: then set rsp_prod to the
 * next 4 bytes (a hostile index). Checks: results within the buffers
 * given, strings terminated, watch paths strings.
 */
#include "../../plat/xen/xenstore.c"
#include "fuzz.h"

static struct fuzz_in in;
static uint8_t page[4096] __aligned(4096);
static uint32_t last_id, last_type;

void *x86_phys(uintptr_t addr)
{
	FUZZ_ASSERT(addr == 0x1000, "ring at %#lx", (unsigned long)addr);
	return page;
}

int xen_hvm_get_param(unsigned int index, uint64_t *value)
{
	*value = index == HVM_PARAM_STORE_PFN ? 1 : 5;
	return 0;
}

int xen_evtchn_bind(evtchn_port_t p, xen_evtchn_handler_t fn, void *arg)
{
	(void)p;
	(void)fn;
	(void)arg;
	return 0;
}

/* xenstored: take the requests, answer with the next chunk. */
static void xenstored(void)
{
	volatile struct xenstore_domain_interface *r = ring;
	struct xsd_sockmsg m;
	uint8_t ctl, chunk[XENSTORE_RING_SIZE];
	size_t len, got;
	const uint8_t *p;

	/* the requests: remember the header of the last one */
	while (r->req_prod - r->req_cons >= sizeof(m)) {
		uint8_t *b = (uint8_t *)&m;

		for (size_t i = 0; i < sizeof(m); i++)
			b[i] = r->req[MASK_XENSTORE_IDX(r->req_cons + i)];
		last_id = m.req_id;
		last_type = m.type;
		r->req_cons += sizeof(m) +
			UK_MIN(m.len, r->req_prod - r->req_cons - sizeof(m));
	}
	if (!fuzz_left(&in))
		return;
	ctl = fuzz_u8(&in);
	len = fuzz_u16(&in) % (sizeof(chunk) + 1);
	p = fuzz_bytes(&in, len, &got);
	memcpy(chunk, p, got);
	if (got >= sizeof(m)) {
		memcpy(&m, chunk, sizeof(m));
		if (ctl & 1)
			m.req_id = last_id;
		if (ctl & 2)
			m.type = last_type;
		if (ctl & 4)
			m.len = (uint32_t)(got - sizeof(m));
		memcpy(chunk, &m, sizeof(m));
	}
	for (size_t i = 0; i < got &&
	     r->rsp_prod - r->rsp_cons < XENSTORE_RING_SIZE; i++) {
		r->rsp[MASK_XENSTORE_IDX(r->rsp_prod)] = (char)chunk[i];
		r->rsp_prod++;
	}
	if (ctl & 8)
		r->rsp_prod = fuzz_u32(&in);
}

int xen_evtchn_notify(evtchn_port_t p)
{
	(void)p;
	xenstored();
	return 0;
}

static int fired;

static void on_watch(struct xenstore_watch *w, const char *path, void *arg)
{
	FUZZ_ASSERT(w && arg == w, "watch callback arguments");
	FUZZ_ASSERT(strlen(path) <= XENSTORE_PAYLOAD_MAX, "watch path");
	fired++;
}

static void check_str(const char *buf, size_t size, int rc)
{
	FUZZ_ASSERT(rc < 0 || (size_t)rc < size, "%d bytes in %zu", rc, size);
	if (rc >= 0)
		FUZZ_ASSERT(buf[rc] == '\0', "reply not terminated");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xenstore_watch w[2];
	int watching[2] = { 0, 0 };
	unsigned long long v;
	xenstore_tx_t tx = XENSTORE_TX_NONE;
	char buf[96];
	size_t n;
	int rc;

	in.p = data;
	in.len = size;
	/* a fresh client and ring */
	memset(page, 0, sizeof(page));
	memset(slots, 0, sizeof(slots));
	memset(w, 0, sizeof(w));
	ring = NULL;
	broken = 0;
	next_id = 0;
	watches = NULL;
	hdr_got = body_got = 0;
	fuzz_halt_hook = xenstored;
	fuzz_clock_step = 5 * UKPLAT_NSEC_PER_SEC;
	FUZZ_ASSERT(xenstore_init() == 0, "init");

	while (fuzz_left(&in)) {
		uint8_t op = fuzz_u8(&in);

		n = 1 + (op >> 4) * 6;
		switch (op & 15) {
		case 0:
			rc = xenstore_read(tx, "name", buf, n);
			check_str(buf, n, rc);
			break;
		case 1:
			xenstore_read_uint(tx, "device/vif/0/backend-id", &v);
			break;
		case 2:
			xenstore_write(tx, "data/x", "value");
			break;
		case 3:
			xenstore_rm(tx, "data/x");
			break;
		case 4:
			rc = xenstore_directory(tx, "device", buf, n);
			FUZZ_ASSERT(rc < 0 || (size_t)rc <= n, "%d names", rc);
			break;
		case 5:
			if (xenstore_tx_start(&tx))
				tx = XENSTORE_TX_NONE;
			break;
		case 6:
			xenstore_tx_end(tx, op & 16);
			tx = XENSTORE_TX_NONE;
			break;
		case 7:
		case 8:
			/* a struct is registered once until unwatched (the
			 * API's rule: a second time would loop the list) */
			if (!watching[op & 1])
				watching[op & 1] = !xenstore_watch(&w[op & 1],
					"device", on_watch, &w[op & 1]);
			break;
		case 9:
		case 10:
			xenstore_unwatch(&w[op & 1]);
			watching[op & 1] = 0;
			break;
		case 11:
			xenstore_watch_wait(&w[0], ukplat_monotonic_clock() +
					    UKPLAT_NSEC_PER_SEC);
			break;
		default:
			/* an event: xenstored writes without a request */
			xenstored();
			process();
			break;
		}
	}
	/* watches still registered point into this function's statics */
	watches = NULL;
	return 0;
}
