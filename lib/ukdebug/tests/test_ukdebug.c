/* SPDX-License-Identifier: BSD-3-Clause */
/* ukdebug tests: assertions that hold do nothing; messages compile. */
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/test.h>

static int evaluated;

static int side_effect(void)
{
	evaluated++;
	return 1;
}

UK_TESTCASE(ukdebug, assert_true_continues)
{
	UK_ASSERT(side_effect());
#if CONFIG_LIBUKDEBUG_ENABLE_ASSERT
	UK_TEST_EXPECT_EQ(evaluated, 1);
#else
	UK_TEST_EXPECT_EQ(evaluated, 0);
#endif
}

UK_TESTCASE(ukdebug, print_levels_are_ordered)
{
	UK_TEST_EXPECT(UK_PRINT_CRIT < UK_PRINT_ERR);
	UK_TEST_EXPECT(UK_PRINT_ERR < UK_PRINT_WARN);
	UK_TEST_EXPECT(UK_PRINT_WARN < UK_PRINT_INFO);
	UK_TEST_EXPECT(UK_PRINT_INFO < UK_PRINT_DEBUG);
	/* Only visible with the debug level on; must not crash either way. */
	uk_pr_debug("ukdebug test message %d\n", 42);
	uk_hexdump("0123456789abcdefXYZ", 19);
}
