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
		grep -qE '^110 +getppid +0 syscall_shim$' "$table" &&
		[ "$(make --no-print-directory -C "$UK_ROOT/apps/syscalltest" \
			O="$T/sl/build" C="$T/sl/.config" syscalls)" = "$(cat "$table")" ]; then
		pass "implemented.txt lists number, name, arguments, library; make syscalls prints it"
	else
		fail "implemented.txt lists number, name, arguments, library" "$(cat "$table")"
	fi
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
