/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: the console on the PV console ring (page and event channel from
 * the HVM parameters; xenconsoled in dom0 reads it). Hypercall console
 * output is refused to ordinary guests on release builds of Xen. The
 * ring page lies high in the guest's physical space, which the boot
 * identity map does not cover: output before xen_console_init() is kept
 * in a buffer and written out then.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/plat/console.h>
#include <x86/boot.h>
#include <x86/cpu.h>
#include <xen-plat/xen.h>
#include <xen/io/console.h>
#include "ring_checks.h"

static volatile struct xencons_interface *ring;
static int broken;	/* xenconsoled moved out_cons past out_prod */
static evtchn_port_t port;
static char early[4096];
static size_t nearly;

static void ring_write(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len && !broken) {
		XENCONS_RING_IDX prod = ring->out_prod, cons;

		/* out_cons read once per look; it may not pass out_prod */
		cons = ring->out_cons;
		if (!xen_bytes_idx_ok(prod, cons, sizeof(ring->out), 1)) {
			broken = 1;
			return;
		}
		while (i < len && prod - cons < sizeof(ring->out)) {
			ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[i++];
			prod++;
		}
		/* The bytes before the index that publishes them. */
		__asm__ __volatile__("sfence" ::: "memory");
		ring->out_prod = prod;
		xen_evtchn_notify(port);
		/* Full: xenconsoled empties it once notified; give dom0
		 * the CPU meanwhile (it may share ours). */
		while (i < len) {
			cons = ring->out_cons;
			if (!xen_bytes_idx_ok(prod, cons, sizeof(ring->out),
					      1)) {
				broken = 1;
				return;
			}
			if (prod - cons < sizeof(ring->out))
				break;
			xen_sched_op(SCHEDOP_yield, NULL);
		}
	}
}

void xen_console_init(void)
{
	uint64_t pfn, evtchn;

	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) ||
	    xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &evtchn) || !pfn)
		return;
	port = (evtchn_port_t)evtchn;
	ring = x86_phys(pfn << 12);
	ring_write(early, nearly);
	nearly = 0;
}

/*
 * Wait until xenconsoled has read everything: the toolstack may tear the
 * domain down right after it shuts down, and unread output is lost.
 * Bounded, in case nobody reads the ring.
 */
void xen_console_flush(void)
{
	if (!ring)
		return;
	for (int i = 0; i < 100000 && !broken &&
			ring->out_cons != ring->out_prod; i++)
		xen_sched_op(SCHEDOP_yield, NULL);
}

int ukplat_coutk(const char *buf, size_t len)
{
#if CONFIG_XEN_DEBUG_E9
	for (size_t i = 0; i < len; i++)
		outb(0xe9, (uint8_t)buf[i]);
#endif
	if (ring) {
		ring_write(buf, len);
	} else {
		for (size_t i = 0; i < len && nearly < sizeof(early); i++)
			early[nearly++] = buf[i];
	}
	return (int)len;
}

/* One serial line for everything: crash reports share it with output. */
int ukplat_cerrk(const char *buf, size_t len)
{
	return ukplat_coutk(buf, len);
}

int ukplat_cink(char *buf, size_t maxlen)
{
	size_t n = 0;
	XENCONS_RING_IDX cons, prod;

	if (!ring)
		return 0;
	cons = ring->in_cons;
	prod = ring->in_prod;		/* read once */
	__asm__ __volatile__("" ::: "memory");
	if (!xen_bytes_idx_ok(cons, prod, sizeof(ring->in), 0))
		cons = prod;		/* nonsense: drop it all */
	while (n < maxlen && cons != prod)
		buf[n++] = ring->in[MASK_XENCONS_IDX(cons++, ring->in)];
	__asm__ __volatile__("" ::: "memory");
	ring->in_cons = cons;
	if (n)
		xen_evtchn_notify(port);
	return (int)n;
}
