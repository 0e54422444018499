#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# kvm clocks and interrupts under QEMU (TCG): sleeping on the LAPIC timer,
# the monotonic and wall clocks against the host's, a device interrupt
# through the IOAPIC, with the default CPU model and -cpu max, on pc, q35
# and microvm, and the boot cost under -icount. run-kvm bounds every QEMU
# run with TIMEOUT.
. "$(dirname "$0")/lib.sh"

run_kvm() {
	TIMEOUT=${TIMEOUT:-30} "$UK_ROOT/support/scripts/run-kvm" "$@"
}

mkdir -p "$T/kt"
printf '%s\n' 'CONFIG_PLAT_KVM=y' '# CONFIG_PLAT_LINUXU is not set' \
	'CONFIG_LIBUKBOOT_BOOTSTATS=y' >"$T/kt/defconfig"
if ! build plattest kt defconfig DEFCONFIG="$T/kt/defconfig" ||
	! build plattest kt; then
	fail "plattest builds for kvm" "$(cat "$T/kt/build.log")"
	exit 0
fi
pass "plattest builds for kvm"
pt=$(img plattest kt kvm)

# sleep_ok NAME [VAR=value...]: "plattest sleep 10" lasts 10 to 50 ms.
sleep_ok() {
	local name=$1 out us
	shift
	out=$(env TIMEOUT=30 "$@" "$UK_ROOT/support/scripts/run-kvm" "$pt" \
		sleep 10 2>&1)
	us=$(sed -n 's/^slept \([0-9]*\) us\r*$/\1/p' <<<"$out")
	if [ -n "$us" ] && [ "$us" -ge 10000 ] && [ "$us" -lt 50000 ]; then
		pass "$name: sleep 10 ms wakes in time ($us us)"
	else
		fail "$name: sleep 10 ms wakes in time" "$out"
	fi
}

# Different timer paths: qemu64 and max differ in CPUID leaves (TCG has
# neither x2APIC nor TSC-deadline; KVM would use both).
sleep_ok "pc, default CPU"
sleep_ok "pc, -cpu max" QEMU_ARGS="-cpu max"
sleep_ok "q35" MACHINE=q35
sleep_ok "microvm" MACHINE=microvm
sleep_ok "-icount shift=0" QEMU_ARGS="-icount shift=0"

# Clocks: monotonic increases, the boot timestamp lies before it, the wall
# clock is the host's within a couple of seconds.
before=$(date +%s)
out=$(run_kvm "$pt" time 2>&1)
after=$(date +%s)
wall=$(sed -n 's/^wall \([0-9]*\)\.[0-9]* s\r*$/\1/p' <<<"$out")
m1=$(sed -n 's/^monotonic \([0-9]*\) ns\r*$/\1/p' <<<"$out" | head -n 1)
m2=$(sed -n 's/^monotonic \([0-9]*\) ns\r*$/\1/p' <<<"$out" | tail -n 1)
boot=$(sed -n 's/^boot \([0-9]*\) ns\r*$/\1/p' <<<"$out")
[ -n "$m1" ] && [ -n "$m2" ] && [ "$m2" -gt "$m1" ] &&
	pass "monotonic clock increases" || fail "monotonic clock increases" "$out"
[ -n "$boot" ] && [ "$boot" -gt 0 ] && [ "$boot" -lt "$m1" ] &&
	pass "boot timestamp is before main" || fail "boot timestamp is before main" "$out"
[ -n "$wall" ] && [ "$wall" -ge $((before - 2)) ] && [ "$wall" -le $((after + 2)) ] &&
	pass "wall clock matches the host's (RTC)" ||
	fail "wall clock matches the host's (RTC)" "host $before..$after; $out"

# The clock's rate, within one run: the host timestamps the guest's ticks
# as they arrive, one second of guest time apart (within 15%: the host's
# scheduling delays each line a little).
stamps=$(run_kvm "$pt" ticks 3 2>/dev/null | while IFS= read -r l; do
	case $l in tick*) echo "$(date +%s%N) ${l%$'\r'}" ;; esac
done)
t1=$(awk '$3 == 1 {print $1}' <<<"$stamps")
t3=$(awk '$3 == 3 {print $1}' <<<"$stamps")
d=$(( (${t3:-0} - ${t1:-0}) / 1000000 ))
[ -n "$t1" ] && [ -n "$t3" ] && [ "$d" -ge 1700 ] && [ "$d" -le 2300 ] &&
	pass "guest time runs at the host's rate (2000 ms of guest time took $d ms)" ||
	fail "guest time runs at the host's rate" "2000 ms of guest time took $d ms: $stamps"

# A device interrupt: the RTC's periodic interrupt (ISA IRQ 8, 1024 Hz)
# through the IOAPIC for 100 ms.
for m in pc q35 microvm; do
	out=$(MACHINE=$m run_kvm "$pt" irq 2>&1)
	n=$(sed -n 's/^irq: \([0-9]*\)\r*$/\1/p' <<<"$out")
	[ -n "$n" ] && [ "$n" -ge 50 ] && [ "$n" -le 150 ] &&
		pass "$m: RTC interrupts arrive through the IOAPIC ($n in 100 ms)" ||
		fail "$m: RTC interrupts arrive through the IOAPIC" "$out"
done

# Boot cost in instructions (-icount shift=0: 1 ns = 1 instruction).
for cpu in qemu64 max; do
	out=$(QEMU_ARGS="-icount shift=0 -cpu $cpu" run_kvm "$pt" exit 0 2>&1)
	ns=$(sed -n 's/.*bootstats: platform entry to main: \([0-9]*\) ns.*/\1/p' <<<"$out")
	[ -n "$ns" ] && pass "-cpu $cpu: boot to main takes $ns instructions" ||
		fail "-cpu $cpu: bootstats under -icount" "$out"
done
