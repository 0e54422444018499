#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# syscall_shim: apps/syscalltest on linuxu (direct entries, number
# dispatch) and on kvm (also raw `syscall` instructions: results, -errno,
# preserved registers, SSE state, red zone); the -ENOSYS warning comes
# once per number; the generated table names each call's library. With
# posix-signal: a handler runs before kill returns on every path, and a
# signal's default action ends the image with the status a shell shows
# (128 + signal on linuxu; kvm's exit device carries at most 127).
. "$(dirname "$0")/lib.sh"

# results TAG LOG STATUS: one result per "ok"/"FAIL" line, then the run.
results() {
	local tag=$1 log=$2 st=$3 verdict what
	while read -r verdict what; do
		if [ "$verdict" = ok ]; then
			pass "$tag: $what"
		else
			fail "$tag: $what" "$(cat "$log")"
		fi
	done < <(tr -d '\r' <"$log" | grep -E '^(ok|FAIL) ')
	if [ "$st" = 0 ] && tr -d '\r' <"$log" | grep -q '^0 failures$'; then
		pass "$tag: run ends with 0 failures"
	else
		fail "$tag: run ends with 0 failures" "status $st: $(tail -n 20 "$log")"
	fi
}

# warned_once TAG LOG NAME: the warning for NAME printed exactly once.
warned_once() {
	local n
	n=$(grep -c "system call [0-9]* ($3) is not implemented: -ENOSYS" "$2")
	if [ "$n" = 1 ]; then
		pass "$1: -ENOSYS warning for $3 printed once"
	else
		fail "$1: -ENOSYS warning for $3 printed once" "$n times: $(cat "$2")"
	fi
}

if ! build syscalltest sl -j2; then
	fail "syscalltest builds for linuxu" "$(cat "$T/sl/build.log")"
else
	pass "syscalltest builds for linuxu"
	timeout 30 "$(img syscalltest sl linuxu)" >"$T/sl/run.log" 2>&1
	results linuxu "$T/sl/run.log" $?
	warned_once linuxu "$T/sl/run.log" vhangup
	timeout 30 "$(img syscalltest sl linuxu)" kill 15 >"$T/sl/kill.log" 2>&1
	st=$?
	[ $st = 143 ] && grep -q 'terminated by signal 15 (SIGTERM)' "$T/sl/kill.log" &&
		pass "linuxu: SIGTERM's default action ends the image with status 143" ||
		fail "linuxu: SIGTERM's default action ends the image with status 143" \
			"status $st: $(cat "$T/sl/kill.log")"
	timeout 30 "$(img syscalltest sl linuxu)" kill 28 >"$T/sl/kill28.log" 2>&1
	st=$?
	[ $st = 1 ] && grep -q 'kill returned 0: not terminated' "$T/sl/kill28.log" &&
		pass "linuxu: SIGWINCH's default action ignores it" ||
		fail "linuxu: SIGWINCH's default action ignores it" \
			"status $st: $(cat "$T/sl/kill28.log")"
	table=$T/sl/build/syscall_shim/implemented.txt
	if grep -qE '^0 +read +3 vfscore$' "$table" &&
		grep -qE '^110 +getppid +0 syscall_shim$' "$table"; then
		pass "implemented.txt lists number, name, arguments, library"
	else
		fail "implemented.txt lists number, name, arguments, library" "$(cat "$table")"
	fi
	# support/scripts/syscalls: every Linux call (the host's unistd_64.h)
	# once, "name number implemented|missing"; make syscalls prints the
	# same. Then held against the image: every call listed missing
	# returns -ENOSYS (38) when called by number, and the zero-argument
	# calls listed implemented do not.
	list=$("$UK_ROOT/support/scripts/syscalls" "$T/sl/build" 2>&1)
	nlinux=$(grep -c '^#define __NR_' /usr/include/x86_64-linux-gnu/asm/unistd_64.h)
	if [ "$(grep -cE '^[a-z_0-9]+ [0-9]+ (implemented|missing)$' <<<"$list")" = "$nlinux" ] &&
		[ "$(wc -l <<<"$list")" = "$nlinux" ] &&
		grep -qx 'read 0 implemented' <<<"$list" && grep -qx 'vhangup 153 missing' <<<"$list" &&
		[ "$(make --no-print-directory -C "$UK_ROOT/apps/syscalltest" \
			O="$T/sl/build" C="$T/sl/.config" syscalls)" = "$list" ]; then
		pass "support/scripts/syscalls lists all $nlinux Linux calls (implemented or missing); make syscalls prints it"
	else
		fail "support/scripts/syscalls lists all $nlinux Linux calls (implemented or missing); make syscalls prints it" "$list"
	fi
	missing=$(awk '$3 == "missing" { print $2 }' <<<"$list")
	safe=$(awk '$3 == "implemented" && ($1 == "getpid" || $1 == "getppid" ||
		$1 == "sched_yield" || $1 == "time") { print $2 }' <<<"$list")
	# shellcheck disable=SC2086 # one argument per number
	timeout 30 "$(img syscalltest sl linuxu)" call $missing $safe >"$T/sl/calls.log" 2>&1
	st=$?
	bad=$(awk 'NR == FNR { want[$1] = $2; next }
		/^call [0-9]+: -?[0-9]+$/ { n = $2; sub(/:/, "", n); got[n] = $3 }
		END { for (n in want)
			if (!(n in got) || (want[n] == "m") != (got[n] == -38))
				print n, want[n] == "m" ? "listed missing" : "listed implemented",
					(n in got) ? "returned " got[n] : "not called" }' \
		<(for n in $missing; do echo "$n m"; done; for n in $safe; do echo "$n i"; done) \
		"$T/sl/calls.log")
	nm=$(wc -w <<<"$missing")
	ns=$(wc -w <<<"$safe")
	if [ $st = 0 ] && [ -z "$bad" ] && [ "$nm" -ge 100 ] && [ "$ns" -ge 2 ]; then
		pass "the image agrees with the listing: $nm missing calls return -ENOSYS, $ns implemented ones do not"
	else
		fail "the image agrees with the listing: missing calls return -ENOSYS, implemented ones do not" \
			"status $st, $nm missing, $ns implemented called; disagreeing: $bad
$(tail -n 5 "$T/sl/calls.log")"
	fi
	out=$("$UK_ROOT/support/scripts/syscalls" "$T/nosuch" 2>&1)
	st=$?
	mkdir -p "$T/noshim"
	out2=$(make --no-print-directory -C "$UK_ROOT/apps/helloworld" O="$T/noshim/build" \
		C="$T/noshim/.config" syscalls 2>&1)
	st2=$?
	[ $st = 1 ] && grep -q "no such build folder" <<<"$out" &&
		[ $st2 != 0 ] && grep -q 'hint: select it (CONFIG_LIBSYSCALL_SHIM=y' <<<"$out2" &&
		pass "no table to list (missing folder; helloworld without the shim): error naming the fix" ||
		fail "no table to list (missing folder; helloworld without the shim): error naming the fix" \
			"status $st: $out
status $st2: $out2"
fi

if ! kvm_build syscalltest sk; then
	fail "syscalltest builds for kvm" "$(cat "$T/sk/config.log" "$T/sk/build.log")"
	exit 0
fi
pass "syscalltest builds for kvm"
TIMEOUT=60 "$UK_ROOT/support/scripts/run-kvm" "$(img syscalltest sk kvm)" \
	>"$T/sk/run.log" 2>&1
results kvm "$T/sk/run.log" $?
warned_once kvm "$T/sk/run.log" vhangup
grep -q '^ok   syscall vhangup again' "$T/sk/run.log" ||
	fail "kvm: raw syscall checks ran" "$(cat "$T/sk/run.log")"
TIMEOUT=60 "$UK_ROOT/support/scripts/run-kvm" "$(img syscalltest sk kvm)" \
	kill 9 >"$T/sk/kill.log" 2>&1
st=$?
[ $st = 127 ] && grep -q 'terminated by signal 9 (SIGKILL)' "$T/sk/kill.log" &&
	pass "kvm: SIGKILL ends the image (status 137, clamped to 127)" ||
	fail "kvm: SIGKILL ends the image (status 137, clamped to 127)" \
		"status $st: $(cat "$T/sk/kill.log")"
