/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unittest: runs the in-image unit tests (uktest) of every library whose
 * LIB<NAME>_TEST option is on; arguments filter by "suite.name" prefix.
 * Exit status: 0 when no case failed (skipped cases are not failures),
 * 1 otherwise. Whether enough ran is for the host to judge: the image
 * prints how many cases it holds (support/tests/lib.sh, uktest_results).
 */
#include <uk/test.h>

int main(int argc, char *argv[])
{
	return uk_test_run(argc - 1, argv + 1) ? 1 : 0;
}
