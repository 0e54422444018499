/* SPDX-License-Identifier: BSD-3-Clause */
/* ukboot tests: init-table ordering, constructors, the context switch. */
#include <string.h>
#include <uk/arch/ctx.h>
#include <uk/init.h>
#include <uk/test.h>

static char order[8];
static unsigned int norder;
static int ctor_ran;
static int main_init_argc = -1, main_init_after_levels;
static char *main_init_argv0;

static int init_late(void) { order[norder++] = 'L'; return 0; }
static int init_early(void) { order[norder++] = 'E'; return 0; }
static int init_lib(void) { order[norder++] = 'B'; return 0; }
/* Registered out of order on purpose: levels decide, not link order. */
uk_late_initcall(init_late);
uk_early_initcall(init_early);
uk_lib_initcall(init_lib);

/* After every level, with main's arguments, before constructors. */
static int main_init(int argc, char *argv[])
{
	main_init_after_levels = (norder == 3 && !ctor_ran);
	main_init_argc = argc;
	main_init_argv0 = argc > 0 ? argv[0] : NULL;
	return 0;
}
uk_main_initcall(main_init, UK_MAIN_INIT_LIB);

__attribute__((constructor)) static void ctor(void)
{
	/* Constructors run after every init level. */
	ctor_ran = (norder == 3 && main_init_argc >= 0);
}

UK_TESTCASE(ukboot, inittab_runs_by_level)
{
	UK_TEST_EXPECT_EQ(norder, 3);
	UK_TEST_EXPECT_MEMEQ(order, "EBL", 3);
}

UK_TESTCASE(ukboot, constructors_run_after_init)
{
	UK_TEST_EXPECT(ctor_ran);
}

UK_TESTCASE(ukboot, main_initcall_gets_main_arguments)
{
	UK_TEST_EXPECT(main_init_after_levels);
	UK_TEST_EXPECT(main_init_argc >= 1);
	UK_TEST_EXPECT_NOT_NULL(main_init_argv0);
}

static struct ukarch_ctx main_ctx, co_ctx;
static unsigned long co_stack[2048] __aligned(16);
static int co_steps;
static unsigned long co_sp_alignment;

static void coroutine(void *arg)
{
	int *steps = arg;

	co_sp_alignment = ((unsigned long)__builtin_frame_address(0)) & 15;
	for (;;) {
		(*steps)++;
		ukarch_ctx_switch(&co_ctx, &main_ctx);
	}
}

UK_TESTCASE(ukboot, ctx_switch_round_trips)
{
	ukarch_ctx_init(&co_ctx, co_stack, sizeof(co_stack), coroutine,
			&co_steps);
	for (int i = 1; i <= 5; i++) {
		ukarch_ctx_switch(&main_ctx, &co_ctx);
		UK_TEST_EXPECT_EQ(co_steps, i);
	}
	/* With frame pointers the frame address is 16-byte aligned when the
	 * entry was called with an ABI-aligned stack. */
	UK_TEST_EXPECT_EQ(co_sp_alignment, 0);
}
