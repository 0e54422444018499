#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# In-image unit tests (uktest) of every library, on linuxu: the run is one
# result (support/tests/lib.sh, uktest_results).
. "$(dirname "$0")/lib.sh"

if ! unittest_build ut; then
	fail "unittest builds" "$(cat "$T/ut/build.log")"
	exit 0
fi
pass "unittest builds"
img=$(img unittest ut linuxu)
timeout 120 "$UK_ROOT/support/scripts/run" "$img" >"$T/ut/run.log" 2>&1
st=$?
uktest_results "linuxu: " "$T/ut/run.log" $st "$img"
