#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# linuxu images as plain processes: output, arguments, library parameters,
# exit status, stdin from files and pipes, crash reports.
. "$(dirname "$0")/lib.sh"

check "helloworld builds for the linuxu runs" build helloworld hw
hw=$(img helloworld hw linuxu)
"$hw" one "two words" >"$T/hw/out" 2>&1
st=$?
if [ $st = 0 ] && [ "$(cat "$T/hw/out")" = "Hello world!
argv[1]: one
argv[2]: two words" ]; then
	pass "helloworld prints its greeting and arguments, exits 0"
else
	fail "helloworld prints its greeting and arguments, exits 0" "status $st: $(cat "$T/hw/out")"
fi
out=$(make -C "$UK_ROOT/apps/helloworld" O="$T/hw/build" C="$T/hw/.config" run ARGS="-- via-run" 2>&1)
grep -qx 'argv\[1\]: via-run' <<<"$out" && pass "make run passes ARGS" || fail "make run passes ARGS" "$out"

check "plattest builds" build plattest pt
pt=$(img plattest pt linuxu)
for n in 0 3 42 255; do
	expect_status "exit status $n reaches the host" "$n" "$pt" exit "$n"
done
out=$(make -C "$UK_ROOT/apps/plattest" O="$T/pt/build" C="$T/pt/.config" run ARGS="exit 3" 2>&1)
st=$?
[ $st != 0 ] && grep -q 'run: plattest_linuxu-x86_64 exited with status 3' <<<"$out" &&
	pass "make run fails and names the app's status" ||
	fail "make run fails and names the app's status" "status $st: $out"
expect_status "support/scripts/run returns the app's status" 3 \
	"$UK_ROOT/support/scripts/run" "$(img plattest pt linuxu)" exit 3

# Arguments: without --, all go to the app; with --, the words before it
# are library parameters.
out=$("$pt" args a "b c" "" 2>&1)
[ "$out" = "arg: [a]
arg: [b c]
arg: []" ] && pass "arguments reach main unchanged" || fail "arguments reach main unchanged" "$out"
out=$("$pt" argvwrite ab 2>&1)
st=$?
[ $st = 0 ] && [ "$out" = "argv[0]: $(printf '%*s' ${#pt} '' | tr ' ' x)
argv[1]: xxxxxxxxx
argv[2]: xx" ] && pass "the argument strings, argv[0] too, can be written" ||
	fail "the argument strings, argv[0] too, can be written" "status $st: $out"
out=$("$pt" linuxu.heap_mb=8 -- args x 2>&1)
[ "$out" = "arg: [x]" ] && pass "library parameters before -- are consumed" ||
	fail "library parameters before -- are consumed" "$out"
out=$("$pt" -- args -- y 2>&1)
[ "$out" = "arg: [--]
arg: [y]" ] && pass "only the first -- splits" || fail "only the first -- splits" "$out"
expect_status "malformed parameter stops the image (status 64)" 64 "$pt" linuxu.heap_mb=lots -- args
out=$("$pt" linuxu.heap_mb=lots -- args 2>&1)
grep -q "linuxu.heap_mb" <<<"$out" && pass "malformed parameter is named" || fail "malformed parameter is named" "$out"
out=$("$pt" nosuch.param=1 -- args 2>&1)
grep -q "nosuch.param" <<<"$out" && pass "unknown parameter is named" || fail "unknown parameter is named" "$out"
expect_status "word without = before -- is rejected" 64 "$pt" justaword -- args

# Heap size parameter: a small heap makes a large allocation fail cleanly.
out=$("$pt" linuxu.heap_mb=1 -- args ok 2>&1)
[ "$out" = "arg: [ok]" ] && pass "image runs with a 1 MiB heap" || fail "image runs with a 1 MiB heap" "$out"

# stdin and stdout redirected (CI has no terminal).
seq 1 2000 >"$T/pt/in"
"$pt" echo <"$T/pt/in" >"$T/pt/out" 2>&1
check "stdin from a file, stdout to a file" cmp "$T/pt/in" "$T/pt/out"
seq 1 500 | "$pt" echo | cmp - <(seq 1 500) >/dev/null && pass "stdin and stdout through pipes" ||
	fail "stdin and stdout through pipes"
expect_status "stdin closed" 0 bash -c "'$pt' echo <&-"

# Crashes: a report with registers and a symbolized backtrace, status 101.
for kind in assert null unmapped rodata div0 ud2 stackoverflow abort; do
	out=$("$UK_ROOT/support/scripts/run" "$pt" crash "$kind" 2>&1)
	st=$?
	if [ $st = 101 ] && grep -q '^CRASH: ' <<<"$out" && grep -q '^Backtrace:' <<<"$out"; then
		pass "crash '$kind' reports and exits 101"
	else
		fail "crash '$kind' reports and exits 101" "status $st: $out"
	fi
done
out=$("$UK_ROOT/support/scripts/run" "$pt" crash null 2>&1)
grep -qE '#0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+ .*main at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	grep -qE '#[0-9] 0x[0-9a-f]+ .*ukplat_entry at lib/ukboot/boot\.c:[0-9]+' <<<"$out" &&
	pass "backtrace is symbolized to function and file:line" ||
	fail "backtrace is symbolized to function and file:line" "$out"
out=$("$pt" crash null 2>&1)
grep -q 'page fault (address not mapped) at address 0x0000000000000000' <<<"$out" &&
	grep -q '^RIP=0x' <<<"$out" && pass "page fault names address and registers" ||
	fail "page fault names address and registers" "$out"
out=$("$pt" crash div0 2>&1)
grep -q 'divide error' <<<"$out" && pass "divide error is named" || fail "divide error is named" "$out"
out=$("$pt" crash ud2 2>&1)
grep -q 'invalid opcode' <<<"$out" && pass "invalid opcode is named" || fail "invalid opcode is named" "$out"
out=$("$pt" crash assert 2>&1)
grep -q 'CRASH: apps/plattest/main.c:[0-9]*: Assertion failed: zero == 1' <<<"$out" &&
	pass "failed assertion names file:line and condition" ||
	fail "failed assertion names file:line and condition" "$out"

# Run directly (no wrapper), as README shows: the report is on stderr,
# stdout holds only the program's own output, and the backtrace names
# functions from IMAGE.dbg beside the image; exit status 101.
"$pt" crash null >"$T/pt/crash.out" 2>"$T/pt/crash.err"
st=$?
[ $st = 101 ] && [ "$(cat "$T/pt/crash.out")" = "plattest: crash null" ] &&
	grep -q '^CRASH: page fault' "$T/pt/crash.err" && grep -q '^RIP=0x' "$T/pt/crash.err" &&
	grep -qE '^  #0 0x[0-9a-f]+ main\+0x[0-9a-f]+$' "$T/pt/crash.err" &&
	grep -qE '^  #[0-9] 0x[0-9a-f]+ ukplat_entry\+0x[0-9a-f]+$' "$T/pt/crash.err" &&
	! grep -q 'plattest: crash' "$T/pt/crash.err" &&
	pass "run directly: crash report on stderr naming functions, program output alone on stdout, status 101" ||
	fail "run directly: crash report on stderr naming functions, program output alone on stdout, status 101" \
		"status $st; stdout:
$(cat "$T/pt/crash.out")
stderr:
$(cat "$T/pt/crash.err")"
# The names come from the .dbg of this very build: without one, or with
# another build's, the lines keep their bare addresses (never wrong names).
mkdir -p "$T/pt/alone"
cp "$pt" "$T/pt/alone/pt"
"$T/pt/alone/pt" crash null 2>"$T/pt/alone/none.err" >/dev/null
cp "$hw.dbg" "$T/pt/alone/pt.dbg"
"$T/pt/alone/pt" crash null 2>"$T/pt/alone/other.err" >/dev/null
cp "$pt.dbg" "$T/pt/alone/pt.dbg"
"$T/pt/alone/pt" crash null 2>"$T/pt/alone/own.err" >/dev/null
bare='^  #0 0x[0-9a-f]+$'
grep -qE "$bare" "$T/pt/alone/none.err" && grep -qE "$bare" "$T/pt/alone/other.err" &&
	grep -qE '^  #0 0x[0-9a-f]+ main\+0x' "$T/pt/alone/own.err" &&
	pass "backtrace names only from the image's own .dbg" ||
	fail "backtrace names only from the image's own .dbg" "$(head -n 30 "$T/pt/alone/"*.err)"
# Through support/scripts/run the streams stay apart too; stderr's
# backtrace gets file:line.
"$UK_ROOT/support/scripts/run" "$pt" crash null >"$T/pt/crash.out" 2>"$T/pt/crash.err"
st=$?
[ $st = 101 ] && [ "$(cat "$T/pt/crash.out")" = "plattest: crash null" ] &&
	grep -qE '^  #0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' "$T/pt/crash.err" &&
	pass "support/scripts/run: symbolized report on stderr, program output on stdout" ||
	fail "support/scripts/run: symbolized report on stderr, program output on stdout" \
		"status $st; stdout:
$(cat "$T/pt/crash.out")
stderr:
$(cat "$T/pt/crash.err")"

# Hardening (doc/hardening.md), each by an attack that must fail.
# A stack buffer overflow (48 bytes too many into a 16-byte buffer) is
# stopped by the stack protector before the function returns.
out=$("$UK_ROOT/support/scripts/run" "$pt" crash stacksmash 2>&1)
st=$?
[ $st = 101 ] && grep -q '^CRASH: stack smashing detected' <<<"$out" &&
	grep -qE '^  #1 0x[0-9a-f]+ smash at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	! grep -q 'went unnoticed' <<<"$out" &&
	pass "a stack buffer overflow ends in the stack-protector report naming the function, status 101" ||
	fail "a stack buffer overflow ends in the stack-protector report naming the function, status 101" "status $st: $out"
# A static PIE (ELF type DYN, no dynamic loader) that the host kernel puts
# at a new random address on every run: two runs agree on no address of
# the image, nor on the stack-protector canary.
hdr=$(readelf -lh "$pt" 2>&1)
grep -qE 'Type: +DYN' <<<"$hdr" && ! grep -q INTERP <<<"$hdr" &&
	pass "linuxu image is a static PIE (ELF type DYN, no program interpreter)" ||
	fail "linuxu image is a static PIE (ELF type DYN, no program interpreter)" "$hdr"
if [ "$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null)" = 0 ]; then
	skip "two linuxu runs load the image at different addresses" \
		"the host has address space randomisation off (randomize_va_space=0)"
else
	a1=$("$pt" addr 2>&1)
	a2=$("$pt" addr 2>&1)
	link=$(nm "$pt.dbg" | awk '$3 == "main" { print $1 }')
	glink=$(nm "$pt.dbg" | awk '$3 == "global_var" { print $1 }')
	re='^addr: main (0x[0-9a-f]+) global (0x[0-9a-f]+) stack 0x[0-9a-f]+ canary (0x[0-9a-f]+)$'
	if [[ $a1 =~ $re ]]; then m1=${BASH_REMATCH[1]} g1=${BASH_REMATCH[2]} c1=${BASH_REMATCH[3]}; fi
	if [[ $a2 =~ $re ]]; then m2=${BASH_REMATCH[1]} g2=${BASH_REMATCH[2]} c2=${BASH_REMATCH[3]}; fi
	[ -n "${m1:-}" ] && [ -n "${m2:-}" ] && [ "$m1" != "$m2" ] && [ "$g1" != "$g2" ] &&
		[ -n "$link" ] && [ -n "$glink" ] &&
		[ $((m1 - 16#$link)) = $((g1 - 16#$glink)) ] &&
		[ $((m2 - 16#$link)) = $((g2 - 16#$glink)) ] &&
		[ $((m1 - 16#$link)) != 0 ] && [ $((m2 - 16#$link)) != 0 ] &&
		[ $(((m1 - 16#$link) & 4095)) = 0 ] &&
		pass "two linuxu runs load the image at different random addresses (main at $m1, $m2)" ||
		fail "two linuxu runs load the image at different random addresses" "main, global_var in .dbg: $link $glink"$'\n'"$a1"$'\n'"$a2"
	[ -n "${c1:-}" ] && [ -n "${c2:-}" ] && [ "$c1" != "$c2" ] && [ $((c1)) != 0 ] &&
		pass "the stack-protector canary differs between two linuxu runs" ||
		fail "the stack-protector canary differs between two linuxu runs" "$a1"$'\n'"$a2"
fi

# A sleep of 200 ms lasts at least that long by the host's clock too (an
# upper bound would depend on the host's load: a benchmark figure).
t0=$(date +%s%N)
out=$("$pt" sleep 200 2>&1)
ms=$((($(date +%s%N) - t0) / 1000000))
us=$(sed -n 's/^slept \([0-9]*\) us$/\1/p' <<<"$out")
[ -n "$us" ] && [ "$us" -ge 200000 ] && [ "$ms" -ge 200 ] &&
	pass "sleep 200 ms lasts at least the asked time (the host measured $ms ms)" ||
	fail "sleep 200 ms lasts at least the asked time" "the host measured $ms ms; $out"
