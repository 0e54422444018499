/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unittest: runs the in-image unit tests (uktest) of every library whose
 * LIB<NAME>_TEST option is on; arguments filter by "suite.name" prefix.
 * Exit status: 0 when all passed, 1 otherwise (also when none ran).
 */
#include <uk/test.h>

int main(int argc, char *argv[])
{
	return uk_test_run(argc - 1, argv + 1) ? 1 : 0;
}
