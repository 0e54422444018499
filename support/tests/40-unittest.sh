#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# In-image unit tests (uktest) of every library, on linuxu. Each test case
# counts as one result.
. "$(dirname "$0")/lib.sh"

if ! build unittest ut; then
	fail "unittest builds" "$(cat "$T/ut/build.log")"
	exit 0
fi
pass "unittest builds"
img=$(img unittest ut linuxu)
timeout 120 "$UK_ROOT/support/scripts/run" "$img" >"$T/ut/run.log" 2>&1
st=$?
while read -r verdict name; do
	case $verdict in
	PASS) pass "linuxu: $name" ;;
	FAIL) fail "linuxu: $name" "$(awk -v n="$name" '$0 == "FAIL " n {p = 1; next} /^(PASS|FAIL|uktest:)/ {p = 0} p' "$T/ut/run.log")" ;;
	esac
done < <(grep -E '^(PASS|FAIL) ' "$T/ut/run.log")
summary=$(grep -E '^uktest: [0-9]+ passed, [0-9]+ failed$' "$T/ut/run.log")
if [ -n "$summary" ] && [ $st = 0 ] && ! grep -q '^uktest: 0 passed' <<<"$summary"; then
	pass "linuxu: unit test run completes ($summary)"
else
	fail "linuxu: unit test run completes" "status $st: $(tail -n 20 "$T/ut/run.log")"
fi
