/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>
#include <uk/syscall.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>
#include <uk/test.h>
#include "cases.h"

/*
 * tuxcall has a Linux number but no implementation anywhere: the test
 * gives it one with three arguments of different types.
 */
UK_LLSYSCALL_R_DEFINE(int, tuxcall, long, a, int, b, const char *, s)
{
	if (!s)
		return -EFAULT;
	return a + b + (long)strlen(s);
}

UK_TESTCASE(syscall_shim, raw_and_errno_entries)
{
	UK_TEST_EXPECT_EQ(uk_syscall_r_tuxcall(1, 2, (long)"abc"), 6);
	UK_TEST_EXPECT_EQ(uk_syscall_r_tuxcall(1, 2, 0), -EFAULT);
	errno = 0;
	UK_TEST_EXPECT_EQ(uk_syscall_e_tuxcall(40, 2, ""), 42);
	UK_TEST_EXPECT_EQ(errno, 0);
	UK_TEST_EXPECT_EQ(uk_syscall_e_tuxcall(40, 2, NULL), -1);
	UK_TEST_EXPECT_EQ(errno, EFAULT);
}

UK_TESTCASE(syscall_shim, dispatch_by_number)
{
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_tuxcall, 5, 6,
					(long)"xy", 0, 0, 0), 13);
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_tuxcall, 5, 6, 0, 0,
					0, 0), -EFAULT);
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_getpid, 0, 0, 0, 0, 0,
					0), 1);
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_getppid, 0, 0, 0, 0,
					0, 0), 0);
}

UK_TESTCASE(syscall_shim, static_switch)
{
	long nr = UK_SYSCALL_NR_tuxcall;

	UK_TEST_EXPECT_EQ(uk_syscall_static_r(UK_SYSCALL_NR_tuxcall, 1, 1,
					      (long)"z", 0, 0, 0), 3);
	/* A number only known at run time takes the same cases. */
	__asm__ volatile("" : "+r"(nr));
	UK_TEST_EXPECT_EQ(uk_syscall_static_r(nr, 1, 1, (long)"z", 0, 0, 0),
			  3);
	UK_TEST_EXPECT(UK_SYSCALL_NR_IMPLEMENTED >= 3);
}

UK_TESTCASE(syscall_shim, unimplemented_is_enosys)
{
	/* vhangup: a Linux call no library here implements. */
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_vhangup, 0, 0, 0, 0, 0,
					0), -ENOSYS);
	UK_TEST_EXPECT_EQ(uk_syscall6_r(UK_SYSCALL_NR_vhangup, 0, 0, 0, 0, 0,
					0), -ENOSYS);
	UK_TEST_EXPECT_EQ(uk_syscall_static_r(-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	UK_TEST_EXPECT_EQ(uk_syscall6_r(100000, 0, 0, 0, 0, 0, 0), -ENOSYS);
}

UK_TESTCASE(syscall_shim, names)
{
	UK_TEST_EXPECT_STREQ(uk_syscall_name(0), "read");
	UK_TEST_EXPECT_STREQ(uk_syscall_name(UK_SYSCALL_NR_getppid),
			     "getppid");
	UK_TEST_EXPECT_NULL(uk_syscall_name(-1));
	UK_TEST_EXPECT_NULL(uk_syscall_name(100000));
}
