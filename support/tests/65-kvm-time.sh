#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# kvm clocks and interrupts under QEMU (TCG): sleeping on the LAPIC timer
# timed by the host, the wall clock against the host's, a device
# interrupt through the IOAPIC counted in QEMU's trace, with the default
# CPU model and -cpu max, on pc, q35 and microvm, and under -icount.
# run-kvm bounds every QEMU run with TIMEOUT. No bound here depends on
# how busy the host is: latencies and rates are benchmark figures.
. "$(dirname "$0")/lib.sh"

run_kvm() {
	TIMEOUT=${TIMEOUT:-30} "$UK_ROOT/support/scripts/run-kvm" "$@"
}

mkdir -p "$T/kt"
printf '%s\n' 'CONFIG_PLAT_KVM=y' '# CONFIG_PLAT_LINUXU is not set' \
	'CONFIG_LIBUKBOOT_BOOTSTATS=y' >"$T/kt/defconfig"
if ! build plattest kt defconfig DEFCONFIG="$T/kt/defconfig" ||
	! build plattest kt; then
	fail "plattest with boot statistics builds for kvm" "$(cat "$T/kt/build.log")"
	exit 0
fi
pass "plattest with boot statistics builds for kvm"
pt=$(img plattest kt kvm)

# ticks_ok NAME [VAR=value...]: "plattest ticks 2" prints "tick 0", then
# sleeps until one and two seconds of guest time later for "tick 1" and
# "tick 2". The host timestamps the lines as they arrive: two seconds of
# guest time must take 1.7 to 2.6 s of the host's (the host's scheduling
# delays a line a little, more on a loaded machine). This is the guest's
# sleep on its timer and its clock's rate, seen from outside; the
# wake-up latency itself is a benchmark figure, not a check.
ticks_ok() {
	local name=$1 stamps t0 t2 d
	shift
	stamps=$(env TIMEOUT=30 "$@" "$UK_ROOT/support/scripts/run-kvm" "$pt" ticks 2 2>&1 </dev/null |
		while IFS= read -r l; do echo "$(date +%s%N) ${l%$'\r'}"; done)
	t0=$(awk '$2 == "tick" && $3 == 0 {print $1}' <<<"$stamps")
	t2=$(awk '$2 == "tick" && $3 == 2 {print $1}' <<<"$stamps")
	d=$(( (${t2:-0} - ${t0:-0}) / 1000000 ))
	if [ -n "$t0" ] && [ -n "$t2" ] && [ "$d" -ge 1700 ] && [ "$d" -le 2600 ]; then
		pass "$name: 2 s of guest time (sleeping on the timer) take 1.7 to 2.6 s of the host's ($d ms)"
	else
		fail "$name: 2 s of guest time (sleeping on the timer) take 1.7 to 2.6 s of the host's" \
			"$d ms; output with the host's timestamps (ns):
$stamps"
	fi
}

# Different timer paths: qemu64 and max differ in CPUID leaves (TCG has
# neither x2APIC nor TSC-deadline; KVM would use both).
ticks_ok "pc, default CPU"
ticks_ok "pc, -cpu max" QEMU_ARGS="-cpu max"
ticks_ok "q35" MACHINE=q35
ticks_ok "microvm" MACHINE=microvm
ticks_ok "-icount shift=0" QEMU_ARGS="-icount shift=0"

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

# A device interrupt: the RTC's periodic interrupt (ISA IRQ 8, 1024 Hz)
# through the IOAPIC for 100 ms of guest time. QEMU's trace shows the
# guest unmasking IOAPIC pin 8 with a vector, every interrupt the IOAPIC
# delivered with that vector, and the rising edges of IRQ 8: the RTC
# raises it again only after the guest's handler has read register C, so
# the edges count the interrupts the guest handled (give or take the
# reads before and after). The guest may not count more interrupts than
# were delivered, nor fewer than QEMU saw it handle. How many arrive in
# 100 ms depends on the host's load: a rate is a benchmark figure.
for m in pc q35 microvm; do
	trace=$T/kt/irq-$m.trace
	out=$(MACHINE=$m QEMU_ARGS="$(qemu_trace "$trace" ioapic_set_irq ioapic_mem_write apic_deliver_irq)" \
		run_kvm "$pt" irq 2>&1)
	n=$(sed -n 's/^irq: \([0-9]*\)\r*$/\1/p' <<<"$out")
	q=$(python3 "$HOST_TOOLS/qemu-trace.py" rtc "$trace" 2>&1)
	e=$(sed -n 's/^edges \([0-9]*\), unmasked vector [0-9]*, deliveries \([0-9]*\)$/\1 \2/p' <<<"$q")
	# shellcheck disable=SC2086 # two numbers
	set -- $e
	if [ -n "$n" ] && [ $# = 2 ] && [ "$1" -gt 0 ] && [ "$n" -gt 0 ] &&
		[ "$n" -le "$2" ] && [ "$1" -le $((n + 3)) ]; then
		pass "$m: RTC interrupts arrive through the IOAPIC (the guest counted $n; QEMU: $q)"
	else
		fail "$m: RTC interrupts arrive through the IOAPIC" "QEMU: $q; the guest: $out"
	fi
done
