/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: xenstore, xenbus helpers and grant tables against the real
 * xenstored and Xen of the harness (support/tests/95-xen.sh). Nodes are
 * written under the guest's own data/, which the toolstack lets a guest
 * write.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uk/config.h>
#include <uk/test.h>
#include <uk/plat/time.h>
#include <xen-plat/xen.h>
#include <xen-plat/gnttab.h>
#include <xen-plat/xenbus.h>
#include <xen-plat/xenstore.h>
/* Threads need a scheduler implementation, not just the API. */
#define THREADS	(CONFIG_LIBUKSCHEDCOOP || CONFIG_LIBUKSCHEDPREEMPT)
#if THREADS
#include <uk/sched.h>
#endif

#define TX	XENSTORE_TX_NONE
#define SEC	UKPLAT_NSEC_PER_SEC

static uint64_t in_s(unsigned int s)
{
	return ukplat_monotonic_clock() + s * SEC;
}

UK_TESTCASE(xenstore, reads_own_name_and_domid)
{
	char name[64], name2[64], path[64];
	unsigned long long domid = 0;

	UK_TEST_EXPECT(xenstore_read(TX, "name", name, sizeof(name)) > 0);
	UK_TEST_EXPECT_EQ(xenstore_read_uint(TX, "domid", &domid), 0);
	UK_TEST_EXPECT(domid > 0 && domid < DOMID_FIRST_RESERVED);
	/* the same node by its absolute path */
	snprintf(path, sizeof(path), "/local/domain/%llu/name", domid);
	UK_TEST_EXPECT(xenstore_read(TX, path, name2, sizeof(name2)) > 0);
	UK_TEST_EXPECT_STREQ(name2, name);
	printf("     xenstore: this guest is %s, domain %llu\n", name, domid);
}

UK_TESTCASE(xenstore, write_read_back_remove)
{
	char buf[64];
	unsigned long long v = 0;

	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/tessera", "hello"), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/tessera", buf, sizeof(buf)),
			  5);
	UK_TEST_EXPECT_STREQ(buf, "hello");
	UK_TEST_EXPECT_EQ(xenstore_printf(TX, "data/num", "%d", 4096 + 7), 0);
	UK_TEST_EXPECT_EQ(xenstore_read_uint(TX, "data/num", &v), 0);
	UK_TEST_EXPECT_EQ(v, 4103);
	UK_TEST_EXPECT_EQ(xenstore_read_uint(TX, "data/tessera", &v), -EINVAL);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/tessera"), 0);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/num"), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/tessera", buf, sizeof(buf)),
			  -ENOENT);
}

UK_TESTCASE(xenstore, lists_a_directory)
{
	char buf[256];
	const char *p = buf;
	int n, seen = 0;

	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/dir/alpha", "1"), 0);
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/dir/beta", "2"), 0);
	n = xenstore_directory(TX, "data/dir", buf, sizeof(buf));
	UK_TEST_EXPECT_EQ(n, 2);
	for (int i = 0; i < n; i++, p += strlen(p) + 1)
		seen |= !strcmp(p, "alpha") ? 1 : !strcmp(p, "beta") ? 2 : 4;
	UK_TEST_EXPECT_EQ(seen, 3);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/dir"), 0);
	UK_TEST_EXPECT_EQ(xenstore_directory(TX, "data/dir", buf, sizeof(buf)),
			  -ENOENT);
}

UK_TESTCASE(xenstore, errors_map_to_errno)
{
	char small[4], buf[64];

	UK_TEST_EXPECT_EQ(xenstore_read(TX, "no/such/node", buf, sizeof(buf)),
			  -ENOENT);
	/* dom0's home is not ours to write */
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "/local/domain/0/tessera", "x"),
			  -EACCES);
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/long", "0123456789"), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/long", small, sizeof(small)),
			  -ERANGE);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/long"), 0);
}

static unsigned int events;
static char event_path[64];

static void count_event(struct xenstore_watch *w __unused, const char *path,
			void *arg __unused)
{
	events++;
	snprintf(event_path, sizeof(event_path), "%s", path);
}

UK_TESTCASE(xenstore, watch_fires_on_writes_until_unwatched)
{
	static struct xenstore_watch w;

	events = 0;
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/watched", "0"), 0);
	UK_TEST_EXPECT_EQ(xenstore_watch(&w, "data/watched", count_event,
					 NULL), 0);
	/* xenstored fires a new watch once at once */
	UK_TEST_EXPECT_EQ(xenstore_watch_wait(&w, in_s(5)), 0);
	UK_TEST_EXPECT_EQ(events, 1);
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/watched", "1"), 0);
	UK_TEST_EXPECT_EQ(xenstore_watch_wait(&w, in_s(5)), 0);
	UK_TEST_EXPECT(events >= 2);
	UK_TEST_EXPECT_STREQ(event_path, "data/watched");
	UK_TEST_EXPECT_EQ(xenstore_unwatch(&w), 0);
	events = 0;
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/watched", "2"), 0);
	UK_TEST_EXPECT_EQ(xenstore_watch_wait(&w, ukplat_monotonic_clock() +
					      SEC / 5), -ETIMEDOUT);
	UK_TEST_EXPECT_EQ(events, 0);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/watched"), 0);
}

UK_TESTCASE(xenstore, transaction_commits_and_aborts)
{
	xenstore_tx_t tx = 0;
	char buf[16];

	UK_TEST_EXPECT_EQ(xenstore_tx_start(&tx), 0);
	UK_TEST_EXPECT_NE(tx, 0);
	UK_TEST_EXPECT_EQ(xenstore_write(tx, "data/tx", "in"), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(tx, "data/tx", buf, sizeof(buf)), 2);
	/* not visible outside before the commit */
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/tx", buf, sizeof(buf)),
			  -ENOENT);
	UK_TEST_EXPECT_EQ(xenstore_tx_end(tx, 0), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/tx", buf, sizeof(buf)), 2);
	UK_TEST_EXPECT_STREQ(buf, "in");
	UK_TEST_EXPECT_EQ(xenstore_tx_start(&tx), 0);
	UK_TEST_EXPECT_EQ(xenstore_write(tx, "data/tx", "aborted"), 0);
	UK_TEST_EXPECT_EQ(xenstore_tx_end(tx, 1), 0);
	UK_TEST_EXPECT_EQ(xenstore_read(TX, "data/tx", buf, sizeof(buf)), 2);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/tx"), 0);
}

UK_TESTCASE(xenbus, reads_states_and_allocates_channels)
{
	struct xenbus_device dev = { .otherend_id = 0 };
	evtchn_port_t port = 0;

	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/bus/state", "4"), 0);
	UK_TEST_EXPECT_EQ(xenbus_read_state("data/bus"),
			  XenbusStateConnected);
	UK_TEST_EXPECT_EQ(xenbus_read_state("data/nobus"),
			  XenbusStateUnknown);
	snprintf(dev.nodename, sizeof(dev.nodename), "data/bus");
	UK_TEST_EXPECT_EQ(xenbus_switch_state(&dev, XenbusStateClosing), 0);
	UK_TEST_EXPECT_EQ(xenbus_read_state("data/bus"), XenbusStateClosing);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/bus"), 0);
	UK_TEST_EXPECT_EQ(xenbus_evtchn_alloc(&dev, &port), 0);
	UK_TEST_EXPECT_NE(port, 0);
}

/* A page we grant, and one we map the grant onto (its RAM is given up
 * for the mapping, so it is used for nothing else). */
static uint8_t granted[4096] __aligned(4096);
static uint8_t mapped_at[4096] __aligned(4096);

UK_TESTCASE(gnttab, grant_map_end_access)
{
	unsigned long long self;
	unsigned int nfree = xen_gnttab_free_count();
	struct gnttab_map_grant_ref map = { 0 };
	struct gnttab_unmap_grant_ref unmap = { 0 };
	volatile uint8_t *m = mapped_at;
	int ref;

	UK_TEST_EXPECT_EQ(xenstore_read_uint(TX, "domid", &self), 0);
	memset(granted, 0x5a, sizeof(granted));
	ref = xen_gnttab_grant_page((domid_t)self, granted, 0);
	UK_TEST_EXPECT(ref >= GNTTAB_NR_RESERVED_ENTRIES);
	UK_TEST_EXPECT_EQ(xen_gnttab_free_count(), nfree - 1);
	if (ref < 0)
		return;
	/* The grant maps (here into our own space): the same frame. */
	map.host_addr = (uintptr_t)mapped_at;
	map.flags = GNTMAP_host_map;
	map.ref = (grant_ref_t)ref;
	map.dom = (domid_t)self;
	UK_TEST_EXPECT_EQ(xen_hypercall(__HYPERVISOR_grant_table_op,
					GNTTABOP_map_grant_ref,
					(unsigned long)&map, 1), 0);
	UK_TEST_EXPECT_EQ(map.status, GNTST_okay);
	if (map.status == GNTST_okay) {
		UK_TEST_EXPECT_EQ(m[0], 0x5a);
		UK_TEST_EXPECT_EQ(m[4095], 0x5a);
		/* mapped: the grant cannot end */
		UK_TEST_EXPECT_EQ(xen_gnttab_end_access((grant_ref_t)ref),
				  -EBUSY);
		unmap.host_addr = map.host_addr;
		unmap.handle = map.handle;
		UK_TEST_EXPECT_EQ(xen_hypercall(__HYPERVISOR_grant_table_op,
						GNTTABOP_unmap_grant_ref,
						(unsigned long)&unmap, 1), 0);
		UK_TEST_EXPECT_EQ(unmap.status, GNTST_okay);
	}
	UK_TEST_EXPECT_EQ(xen_gnttab_end_access((grant_ref_t)ref), 0);
	UK_TEST_EXPECT_EQ(xen_gnttab_free_count(), nfree);
	UK_TEST_EXPECT_EQ(xen_gnttab_end_access((grant_ref_t)ref), -EINVAL);
}

#if THREADS
struct waiter {
	struct xenstore_watch w;
	int rc;
	char value[16];
};

static void wait_thread(void *arg)
{
	struct waiter *t = arg;

	t->rc = xenstore_watch_wait(&t->w, in_s(10));
	if (!t->rc)
		t->rc = xenstore_read(TX, "data/thr", t->value,
				      sizeof(t->value));
}

/* A thread sleeps on a watch while this one writes the node. */
UK_TESTCASE(xenstore, a_thread_sleeps_on_a_watch)
{
	static struct waiter t;
	struct uk_thread *th;

	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/thr", "before"), 0);
	UK_TEST_EXPECT_EQ(xenstore_watch(&t.w, "data/thr", NULL, NULL), 0);
	UK_TEST_EXPECT_EQ(xenstore_watch_wait(&t.w, in_s(5)), 0);
	th = uk_thread_create(NULL, "xswait", NULL, wait_thread, &t);
	UK_TEST_EXPECT_NOT_NULL(th);
	if (!th)
		return;
	uk_sched_sleep_ns(SEC / 20);
	UK_TEST_EXPECT_EQ(xenstore_write(TX, "data/thr", "after"), 0);
	uk_thread_join(th, NULL);
	UK_TEST_EXPECT_EQ(t.rc, 5);
	UK_TEST_EXPECT_STREQ(t.value, "after");
	UK_TEST_EXPECT_EQ(xenstore_unwatch(&t.w), 0);
	UK_TEST_EXPECT_EQ(xenstore_rm(TX, "data/thr"), 0);
}
#endif
