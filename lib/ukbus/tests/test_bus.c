/* SPDX-License-Identifier: BSD-3-Clause */
/* ukbus tests: registration order, init failures skip a bus, probe
 * counts add up. */
#include <errno.h>
#include <stddef.h>
#include <uk/bus.h>
#include <uk/test.h>

static int calls[3], fail_init;

static int init_a(struct uk_alloc *a __unused)
{
	calls[0]++;
	return 0;
}

static int probe_a(void)
{
	calls[1]++;
	return 2;
}

static int init_b(struct uk_alloc *a __unused)
{
	return fail_init ? -EIO : 0;
}

static int probe_b(void)
{
	calls[2]++;
	return 3;
}

static struct uk_bus bus_a = { .name = "test-a", .init = init_a,
			       .probe = probe_a };
static struct uk_bus bus_b = { .name = "test-b", .init = init_b,
			       .probe = probe_b };

UK_TESTCASE(ukbus, register_and_probe)
{
	unsigned int before = uk_bus_count();
	struct uk_bus *b, *last = NULL;
	int base;

	/* What the boot probe found on this platform (other buses). */
	for (b = uk_bus_next(NULL); b; b = uk_bus_next(b))
		last = b;
	uk_bus_register(&bus_a);
	uk_bus_register(&bus_b);
	UK_TEST_EXPECT_EQ(uk_bus_count(), before + 2);
	UK_TEST_EXPECT(uk_bus_next(last) == &bus_a || (!last &&
		       uk_bus_next(NULL) == &bus_a));
	UK_TEST_EXPECT(uk_bus_next(&bus_a) == &bus_b);
	UK_TEST_EXPECT(uk_bus_next(&bus_b) == NULL);
	base = uk_bus_probe_all();
	UK_TEST_EXPECT(base >= 5);
	UK_TEST_EXPECT_EQ(calls[0], 1);
	UK_TEST_EXPECT_EQ(calls[1], 1);
	UK_TEST_EXPECT_EQ(calls[2], 1);
	fail_init = 1;
	UK_TEST_EXPECT_EQ(uk_bus_probe_all(), base - 3);	/* b skipped */
	UK_TEST_EXPECT_EQ(calls[2], 1);
	UK_TEST_EXPECT_EQ(calls[1], 2);
	/* Leave the list as the boot made it. */
	if (last)
		last->next = NULL;
}
