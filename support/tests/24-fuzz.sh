#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The parser fuzzers (support/fuzz, doc/fuzzing.md): each harness,
# built with libFuzzer, AddressSanitizer and UBSan, runs every stored
# input of support/fuzz/corpus/<harness>/ (the regression cases of past
# findings among them) and then fuzzes for FUZZ_TEST_TIME seconds (2)
# from there. One check per harness: every stored input was run, and
# nothing crashed, leaked, hit undefined behaviour or failed a check.
# Long campaigns are `make fuzz`, not part of the suite.
. "$(dirname "$0")/lib.sh"

fz=$UK_ROOT/support/fuzz
secs=${FUZZ_TEST_TIME:-2}
harnesses=$(make -s -C "$fz" print-fuzzers)
if ! command -v clang >/dev/null; then
	for h in $harnesses; do
		skip "fuzz $h: stored inputs and a short run" "clang is missing"
	done
	exit 0
fi
if ! make -s -C "$fz" O="$T/build" -j2 >"$T/build.log" 2>&1; then
	fail "fuzz harnesses build" "$(cat "$T/build.log")"
	exit 0
fi

one() {
	local h=$1 log=$T/$1.log n want st
	# vfs compares with Linux in a chroot inside a user namespace
	if [ "$h" = vfs ] && ! unshare -r true 2>/dev/null; then
		skip "fuzz $h: stored inputs and a short run" \
			"no user namespaces here (unshare -r)"
		return
	fi
	mkdir -p "$T/work/$h"
	want=$(ls "$fz/corpus/$h" | wc -l)
	# the stored inputs are read, not written: new ones go to work/
	TMPDIR=$T timeout 120 nice -n 10 "$T/build/fuzz-$h" \
		-max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$T/$h-" "$T/work/$h" "$fz/corpus/$h" \
		>"$log" 2>&1
	st=$?
	n=$(sed -n 's/^INFO: seed corpus: files: \([0-9]*\).*/\1/p' "$log")
	if [ $st = 0 ] && [ "${n:-0}" -ge "$want" ] && [ "$want" -gt 0 ]; then
		pass "fuzz $h: stored inputs and a short run"
	else
		fail "fuzz $h: stored inputs and a short run" \
			"status $st; $want stored inputs, ${n:-no} read
$(grep -a -E -m 12 'ERROR|SUMMARY|runtime error|lwip assertion|fuzz_[a-z0-9]*\.c:[0-9]+: |Test unit written' "$log")"
	fi
	echo "     $h: $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") executions"
}

# two at a time: the machine has two cores
running=0
for h in $harnesses; do
	one "$h" &
	running=$((running + 1))
	if [ $running -ge 2 ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait
