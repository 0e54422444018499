#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# nolibc's printf family against the host libc's snprintf: the same case
# list (lib/nolibc/tests/printf_cases.h) formatted by both, line by line;
# one check, whose failure names every differing case.
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
st=$?
"$T/pf/host" >"$T/pf/host.out"
cases=$(grep -c '^printf-case ' "$T/pf/host.out")
# One check for the whole comparison; a failure lists every case that
# differs (or is missing), then the first ones' lines.
bad=$(awk 'FNR == 1 { f++ }
	{ if (!match($0, /^printf-case [0-9]+: /)) next
	  n = substr($0, 13, RLENGTH - 14); t = substr($0, RLENGTH + 1) }
	f == 1 { want[n] = t; order[++k] = n }
	f == 2 { got[n] = t }
	END { for (i = 1; i <= k; i++) { n = order[i]
		if (!(n in got)) print n "\t" want[n] "\t(missing)"
		else if (got[n] != want[n]) print n "\t" want[n] "\t" got[n] } }' \
	"$T/pf/host.out" "$T/pf/image.out")
nbad=$(grep -c . <<<"$bad")
name="printf family matches the host on all $cases cases (at least 400)"
if [ "$nbad" = 0 ] && [ $st = 0 ] && [ "$cases" -ge 400 ]; then
	pass "$name"
else
	fail "$name" "image status $st, $cases cases on the host
$nbad cases differ or are missing: $(cut -f1 <<<"$bad" | tr '\n' ' ')
$(head -n 12 <<<"$bad" | awk -F '\t' '{ printf "case %s: host  %s\n%*s image %s\n", $1, $2, length($1) + 6, "", $3 }')"
fi
