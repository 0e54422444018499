/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What lwip drops when a limit is reached, counted and said on the
 * console, at most once every LIMITS_REPORT_MS (a flood must not turn
 * into a flood of messages):
 *
 * - IP reassembly: fragments dropped because the fragments waiting for
 *   reassembly would exceed LIBLWIP_IP_REASS_BUFS buffers, and datagrams
 *   given up (incomplete after IP_REASS_MAXAGE seconds, or evicted to
 *   make room), from lwip's own counters (lwip_stats, IPv4 and IPv6).
 * - A listener's full backlog (a SYN flood): lwip counts half-open
 *   connections against the backlog, so a flood of SYNs from addresses
 *   that never answer would refuse every real client until the half-open
 *   ones time out (20 s). When a SYN finds the backlog full, the oldest
 *   half-open connection of that listener is dropped for it (without a
 *   RST: its peer is most likely forged); only a backlog full of
 *   established connections the application has not accepted yet makes
 *   lwip ignore the SYN. Both are counted.
 *
 * The checks run in lwip's thread (LWIP_TCPIP_THREAD_ALIVE, after every
 * message and timer), not on a timer of their own.
 */
#include <string.h>
#include <uk/print.h>
#include "lwip/opt.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/stats.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"

#define LIMITS_REPORT_MS	10000

static unsigned long syn_evicted, syn_refused;

int ukif_tcp_listen_full(struct tcp_pcb_listen *lpcb)
{
	struct tcp_pcb *p, *oldest = NULL;

	/* The list is newest first: the last match is the oldest. */
	for (p = tcp_active_pcbs; p; p = p->next)
		if (p->state == SYN_RCVD && p->listener == lpcb)
			oldest = p;
	if (!oldest) {
		syn_refused++;
		return 0;
	}
	syn_evicted++;
	/* tcp_pcb_purge() gives its place in the backlog back. */
	tcp_abandon(oldest, 0);
	return lpcb->accepts_pending < lpcb->backlog;
}

/* One kind of drop: said again at most every LIMITS_REPORT_MS. */
struct report {
	unsigned long said[3];
	u32_t last;
	int spoke;
};

/* Whether @now differs from what @r said last and may be said now. */
static int due(struct report *r, const unsigned long now[3])
{
	u32_t t;

	/* The usual case, on every message: nothing new, no clock read. */
	if (!memcmp(now, r->said, sizeof(r->said)))
		return 0;
	t = sys_now();
	if (r->spoke && t - r->last < LIMITS_REPORT_MS)
		return 0;
	memcpy(r->said, now, sizeof(r->said));
	r->last = t;
	r->spoke = 1;
	return 1;
}

void ukif_limits_check(void)
{
	static struct report reass, syn;
	unsigned long n[3];

	n[0] = lwip_stats.ip_frag.drop;
	n[1] = lwip_stats.ip_frag.memerr;
	n[2] = lwip_stats.mib2.ipreasmfails;
#if LWIP_IPV6 && LWIP_IPV6_REASS
	n[0] += lwip_stats.ip6_frag.drop;
	n[1] += lwip_stats.ip6_frag.memerr;
#endif
	if (due(&reass, n))
		uk_pr_warn("IP reassembly: %lu fragments dropped (%lu over the limit of %d buffers), %lu datagrams given up (incomplete after %d s or evicted) in all\n",
			   n[0], n[1], IP_REASS_MAX_PBUFS, n[2],
			   IP_REASS_MAXAGE);
	n[0] = syn_evicted;
	n[1] = syn_refused;
	n[2] = 0;
	if (due(&syn, n))
		uk_pr_warn("listen backlog full (a SYN flood?): %lu half-open connections dropped for new ones, %lu SYNs ignored (backlog of unaccepted connections) in all\n",
			   n[0], n[1]);
}
