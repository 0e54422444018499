#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# nolibc's printf family against the host libc's snprintf: the same case
# list (lib/nolibc/tests/printf_cases.h) formatted by both, line by line.
. "$(dirname "$0")/lib.sh"

if ! build printfcheck pf; then
	fail "printfcheck builds" "$(cat "$T/pf/build.log")"
	exit 0
fi
if ! gcc -O1 -w -o "$T/pf/host" "$UK_ROOT/support/tests/printf-host.c" 2>"$T/pf/cc.log"; then
	fail "host printf program builds" "$(cat "$T/pf/cc.log")"
	exit 0
fi
"$(img printfcheck pf linuxu)" >"$T/pf/image.out" 2>&1
"$T/pf/host" >"$T/pf/host.out"
cases=$(grep -c '^printf-case ' "$T/pf/host.out")
if [ "$cases" -lt 400 ]; then
	fail "at least 400 printf cases" "only $cases"
fi
diffs=$(diff "$T/pf/host.out" "$T/pf/image.out")
if [ -z "$diffs" ]; then
	pass "printf family matches the host on all $cases cases"
else
	fail "printf family matches the host on all $cases cases" \
		"$(printf '%s\n' "$diffs" | head -n 30)"
fi
