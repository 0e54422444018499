#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# kvm images under qemu-system-x86_64 (TCG): output, command line,
# exit status, crash reports for every CPU exception kind, machines
# (pc, q35, microvm), memory sizes, plain QEMU runs ending through ACPI,
# and the unit tests. Every QEMU run is bounded by TIMEOUT.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null || { fail "qemu-system-x86_64 is installed"; exit 0; }


# run IMAGE ARGS...: small guest, short timeout, no stdin.
run() {
	TIMEOUT=${TIMEOUT:-30} MEM=${MEM:-16} "$UK_ROOT/support/scripts/run" "$@" </dev/null
}

if ! kvm_build helloworld khw; then
	fail "helloworld builds for kvm" "$(tail -n 30 "$T/khw/build.log")"
	exit 0
fi
pass "helloworld builds for kvm"
hw=$(img helloworld khw kvm)
out=$(run "$hw" one "two words" "it's" 2>&1)
st=$?
[ $st = 0 ] && [ "$out" = "Hello world!
argv[1]: one
argv[2]: two words
argv[3]: it's" ] && pass "kvm: helloworld prints its greeting and arguments, exits 0" ||
	fail "kvm: helloworld prints its greeting and arguments, exits 0" "status $st: $out"
out=$(make -C "$UK_ROOT/apps/helloworld" O="$T/khw/build" C="$T/khw/.config" run ARGS="-- via-run" </dev/null 2>&1)
grep -qx 'argv\[1\]: via-run' <<<"$out" && pass "kvm: make run passes ARGS" || fail "kvm: make run passes ARGS" "$out"

# Machines and memory sizes; plain QEMU (no isa-debug-exit) ends by ACPI.
for m in pc q35 microvm; do
	out=$(MACHINE=$m run "$hw" 2>&1)
	st=$?
	[ $st = 0 ] && [ "$out" = "Hello world!" ] && pass "kvm: boots on -M $m" ||
		fail "kvm: boots on -M $m" "status $st: $out"
done
for mem in 2 4096; do
	out=$(MEM=$mem run "$hw" 2>&1)
	[ "$out" = "Hello world!" ] && pass "kvm: boots with -m ${mem}M" || fail "kvm: boots with -m ${mem}M" "$out"
done
out=$(MEM=4096 QEMU_ARGS="-cpu max" run "$hw" 2>&1)
[ "$out" = "Hello world!" ] && pass "kvm: boots with -cpu max (1 GiB pages, RDRAND, XSAVE)" ||
	fail "kvm: boots with -cpu max (1 GiB pages, RDRAND, XSAVE)" "$out"
for m in pc microvm; do
	out=$(timeout 30 qemu-system-x86_64 -M $m -m 16 -kernel "$hw" -display none -serial stdio \
		-no-reboot -nic none </dev/null 2>&1)
	st=$?
	[ $st = 0 ] && grep -q 'Hello world!' <<<"$out" &&
		pass "kvm: plain qemu -M $m run ends by ACPI power-off" ||
		fail "kvm: plain qemu -M $m run ends by ACPI power-off" "status $st: $out"
done

if ! kvm_build plattest kpt; then
	fail "plattest builds for kvm" "$(tail -n 30 "$T/kpt/build.log")"
	exit 0
fi
pass "plattest builds for kvm"
pt=$(img plattest kpt kvm)
for n in 0 3 127; do
	expect_status "kvm: exit status $n reaches the host" "$n" run "$pt" exit "$n"
done
expect_status "kvm: exit status 3 on -M microvm" 3 env MACHINE=microvm \
	TIMEOUT=30 MEM=16 "$UK_ROOT/support/scripts/run" "$pt" exit 3
out=$(run "$pt" args a "b c" "" 2>&1)
[ "$out" = "arg: [a]
arg: [b c]
arg: []" ] && pass "kvm: arguments reach main unchanged" || fail "kvm: arguments reach main unchanged" "$out"
out=$(run "$pt" argvwrite ab 2>&1)
st=$?
[ $st = 0 ] && [ "$out" = "argv[0]: xxxxxxxx
argv[1]: xxxxxxxxx
argv[2]: xx" ] && pass "kvm: the argument strings, argv[0] too, can be written" ||
	fail "kvm: the argument strings, argv[0] too, can be written" "status $st: $out"
out=$(run "$pt" nosuch.param=1 -- args x 2>&1)
grep -q "nosuch.param" <<<"$out" && pass "kvm: kernel parameters before -- are parsed" ||
	fail "kvm: kernel parameters before -- are parsed" "$out"

# The command line: QEMU puts the image's file name in front of it, which
# the image skips as one unquoted word; no word is ever dropped silently.
mkdir -p "$T/kpt/it's" "$T/kpt/my dir"
cp "$pt" "$T/kpt/it's/img"
out=$(timeout 30 qemu-system-x86_64 -m 16 -kernel "$T/kpt/it's/img" -append "args a 'b c'" \
	-display none -serial stdio -no-reboot -nic none </dev/null 2>&1 | tr -d '\r')
grep -qx 'arg: \[a\]' <<<"$out" && grep -qx 'arg: \[b c\]' <<<"$out" &&
	! grep -q 'arg: .*img' <<<"$out" &&
	pass "kvm: a quote in the image's file name is no quote (qemu -kernel \"it's/img\")" ||
	fail "kvm: a quote in the image's file name is no quote (qemu -kernel \"it's/img\")" "$out"
cp "$pt" "$T/kpt/my dir/"
out=$(run "$T/kpt/my dir/${pt##*/}" args x 2>&1)
[ "$out" = "arg: [x]" ] && pass "kvm: run-kvm boots an image whose path has a blank" ||
	fail "kvm: run-kvm boots an image whose path has a blank" "$out"
# shellcheck disable=SC2046 # one argument per word
out=$(run "$pt" args $(seq -f 'w%g' 1 600) last 2>&1)
[ "$(grep -c '^arg: \[w[0-9]*\]$' <<<"$out")" = 600 ] && grep -qx 'arg: \[last\]' <<<"$out" &&
	pass "kvm: 601 arguments all arrive" ||
	fail "kvm: 601 arguments all arrive" "$(grep -v '^arg: \[w' <<<"$out")"
out=$(run "$pt" args "$(printf '%05000d' 0)" 2>&1)
st=$?
[ $st = 64 ] && grep -q 'command line longer than 4095 bytes' <<<"$out" &&
	pass "kvm: a command line over KVM_CMDLINE_MAX stops the boot (status 64), not cut" ||
	fail "kvm: a command line over KVM_CMDLINE_MAX stops the boot (status 64), not cut" "status $st: $(head -c 600 <<<"$out")"

# Console input that waits before the image boots reaches the app whole:
# setting up the UART must not empty its receiver.
out=$(printf 'first byte kept.' | TIMEOUT=20 MEM=16 "$UK_ROOT/support/scripts/run" "$pt" echo . 2>&1)
[ "$out" = "first byte kept." ] && pass "kvm: console input waiting at boot arrives whole" ||
	fail "kvm: console input waiting at boot arrives whole" "$out"

# Crashes: the exception named, registers, backtrace, status 101.
check_crash() {
	local kind=$1 pattern=$2 out st
	out=$(run "$pt" crash "$kind" 2>&1)
	st=$?
	if [ $st = 101 ] && grep -qE -- "$pattern" <<<"$out" && grep -q '^Backtrace:' <<<"$out"; then
		pass "kvm: crash '$kind' reports /$pattern/ and exits 101"
	else
		fail "kvm: crash '$kind' reports /$pattern/ and exits 101" "status $st: $out"
	fi
}
check_crash assert 'CRASH: apps/plattest/main.c:[0-9]+: Assertion failed: zero == 1'
check_crash null 'CRASH: page fault \(#PF: not present, read\) at address 0x0000000000000000'
check_crash unmapped 'CRASH: page fault \(#PF: not present, read\) at address 0x00007ff0deadbee0'
check_crash rodata 'CRASH: page fault \(#PF: protection violation, write\)'
check_crash exec 'CRASH: page fault \(#PF: protection violation, instruction fetch\)'
check_crash div0 'CRASH: divide error \(#DE\)'
check_crash ud2 'CRASH: invalid opcode \(#UD\)'
check_crash stackoverflow 'CRASH: page fault \(#PF: stack overflow into the guard page'
check_crash abort 'CRASH: .*abort\(\) called'
# The stack protector stops a stack buffer overflow (doc/hardening.md).
check_crash stacksmash '^  #1 0x[0-9a-f]+ smash at apps/plattest/main\.c:[0-9]+'
# Its canary is random per boot.
c1=$(run "$pt" addr 2>&1 | sed -n 's/^addr: .* canary \(0x[0-9a-f]*\)$/\1/p')
c2=$(run "$pt" addr 2>&1 | sed -n 's/^addr: .* canary \(0x[0-9a-f]*\)$/\1/p')
[ -n "$c1" ] && [ -n "$c2" ] && [ "$c1" != "$c2" ] && [ $((c1)) != 0 ] &&
	pass "kvm: the stack-protector canary differs between two boots ($c1, $c2)" ||
	fail "kvm: the stack-protector canary differs between two boots" "'$c1' '$c2'"
out=$(run "$pt" crash null 2>&1)
grep -qE '#0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	grep -qE '#[0-9] 0x[0-9a-f]+ .*ukplat_entry at lib/ukboot/boot\.c:[0-9]+' <<<"$out" &&
	grep -q '^RIP=0x' <<<"$out" &&
	pass "kvm: crash shows registers and a symbolized backtrace" ||
	fail "kvm: crash shows registers and a symbolized backtrace" "$out"
out=$(MEM=2 run "$pt" crash stackoverflow 2>&1)
st=$?
[ $st = 101 ] && pass "kvm: stack overflow with -m 2M still reports" ||
	fail "kvm: stack overflow with -m 2M still reports" "status $st: $out"

# KVM_RANDOM_BASE (doc/hardening.md): the image moves itself to a random
# address on every boot, by multiboot (pc) and PVH (microvm); crash
# backtraces still name functions from the .dbg image. Without it the
# image runs where it was linked.
link_main=$(nm "$pt.dbg" | awk '$3 == "main" { print $1 }')
m=$(run "$pt" addr 2>&1 | sed -n 's/^addr: main \(0x[0-9a-f]*\) .*/\1/p')
[ -n "$m" ] && [ $((m)) = $((16#$link_main)) ] &&
	pass "kvm: by default the image runs at its link address" ||
	fail "kvm: by default the image runs at its link address" "main at '$m', linked at $link_main"
if kvm_build plattest kptr CONFIG_KVM_RANDOM_BASE=y; then
	pass "plattest builds for kvm with KVM_RANDOM_BASE"
	ptr=$(img plattest kptr kvm)
	link_main=$(nm "$ptr.dbg" | awk '$3 == "main" { print $1 }')
	addrs=()
	for machine in pc pc microvm; do
		addrs+=("$(MACHINE=$machine run "$ptr" addr 2>&1 |
			sed -n 's/^addr: main \(0x[0-9a-f]*\) .*/\1/p')")
	done
	ok=1
	for a in "${addrs[@]}"; do
		[ -n "$a" ] && [ $((a)) != $((16#$link_main)) ] &&
			[ $(((a - 16#$link_main) & 4095)) = 0 ] || ok=0
	done
	[ $ok = 1 ] && [ "${addrs[0]}" != "${addrs[1]}" ] && [ "${addrs[1]}" != "${addrs[2]}" ] &&
		pass "kvm: KVM_RANDOM_BASE: three boots (pc, pc, microvm) run main at different random addresses (${addrs[*]})" ||
		fail "kvm: KVM_RANDOM_BASE: three boots (pc, pc, microvm) run main at different random addresses" "linked at $link_main: ${addrs[*]}"
	out=$(run "$ptr" crash null 2>&1)
	st=$?
	[ $st = 101 ] && grep -q '^Image relocated by 0x' <<<"$out" &&
		grep -qE '#0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
		grep -qE '#[0-9] 0x[0-9a-f]+ .*ukplat_entry at lib/ukboot/boot\.c:[0-9]+' <<<"$out" &&
		pass "kvm: KVM_RANDOM_BASE: a crash backtrace is symbolized from the .dbg image" ||
		fail "kvm: KVM_RANDOM_BASE: a crash backtrace is symbolized from the .dbg image" "status $st: $out"
else
	fail "plattest builds for kvm with KVM_RANDOM_BASE" "$(tail -n 30 "$T/kptr/build.log")"
fi

# Unit tests: the run is one result. Some tests have large static
# buffers: the image needs more than the default 16 MiB.
if ! unittest_build kut; then
	fail "unittest builds for kvm" "$(tail -n 30 "$T/kut/build.log")"
	exit 0
fi
pass "unittest builds for kvm"
TIMEOUT=120 MEM=64 run "$(img unittest kut kvm)" >"$T/kut/run.log" 2>&1
st=$?
uktest_results "kvm: " "$T/kut/run.log" $st "$(img unittest kut kvm)"

# An image larger than the VM's memory cannot boot; that must never look
# like success (status 0 with no output).
out=$(TIMEOUT=30 MEM=4 "$UK_ROOT/support/scripts/run" "$(img unittest kut kvm)" </dev/null 2>&1)
st=$?
if [ $st = 125 ] && grep -q 'without reporting an exit status' <<<"$out"; then
	pass "kvm: an image larger than RAM is an error, not a silent success"
else
	fail "kvm: an image larger than RAM is an error, not a silent success" "status $st: $out"
fi
