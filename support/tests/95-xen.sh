#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# xen images as PVH guests of real Xen (Debian's hypervisor with a Linux
# dom0) inside qemu-system-x86_64 (TCG): support/scripts/xen-run boots it
# once and runs every guest below as one batch. Output, arguments, exit
# status (the console's last line and the shutdown reason), crash reports,
# the syscall instruction, the unit tests and both schedulers; dom0's
# network: a guest's vif on the bridge xenbr0.
. "$(dirname "$0")/lib.sh"

if ! command -v qemu-system-x86_64 >/dev/null || [ ! -e /usr/include/xen/xen.h ]; then
	fail "xen: qemu-system-x86_64 and libxen-dev are installed (support/scripts/install-deps)"
	exit 0
fi

# xen_build APP TAG [DEFCONFIG]: the app (or DEFCONFIG) for xen only.
xen_build() {
	local app=$1 tag=$2 def
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		cat "${3:-$UK_ROOT/apps/$app/defconfig}" 2>/dev/null
		echo CONFIG_PLAT_XEN=y
		echo "# CONFIG_PLAT_KVM is not set"
		echo "# CONFIG_PLAT_LINUXU is not set"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

guests=()
for b in "helloworld xhw" "plattest xpt" "unittest xut" "syscalltest xst" \
	"unittest xcoop $UK_ROOT/apps/unittest/defconfig.coop" \
	"unittest xpre $UK_ROOT/apps/unittest/defconfig.preempt"; do
	set -- $b
	if xen_build "$@"; then
		pass "$1 ($2) builds for xen"
	else
		fail "$1 ($2) builds for xen" "$(tail -n 30 "$T/$2/build.log")"
		exit 0
	fi
done
hw=$(img helloworld xhw xen)
pt=$(img plattest xpt xen)
size=$(stat -c %s "$hw")
[ "$size" -le 65536 ] && pass "xen: helloworld image is $size bytes (<= 64 KiB)" ||
	fail "xen: helloworld image is $size bytes (<= 64 KiB)"

kinds="assert null div0 ud2 stackoverflow"
guests=(hw="$hw:one two" exit3="$pt:exit 3" exit0="$pt:exit 0"
	ut="$(img unittest xut xen)" st="$(img syscalltest xst xen)" coop="$(img unittest xcoop xen)"
	pre="$(img unittest xpre xen)")
for k in $kinds; do
	guests+=(crash_$k="$pt:crash $k")
done
# A guest without a netfront: its vif's backend waits in InitWait (2)
# once xen-vif has put it on the bridge and reported it connected.
cat >"$T/vif.client" <<'EOF'
p=backend/vif/$DOMID/0
for i in $(seq 1 50); do
	[ "$(xenstore-read $p/hotplug-status 2>/dev/null)" = connected ] && break
	usleep 100000
done
echo "domid $DOMID"
echo "state $(xenstore-read $p/state)"
echo "hotplug-status $(xenstore-read $p/hotplug-status)"
echo "bridge ports $(ls /sys/class/net/xenbr0/brif)"
ip -o link show vif$DOMID.0
ip -o -4 addr show xenbr0
EOF
guests+=(vif="$pt:sleep 20000" vif.client="$T/vif.client")
out=$T/xen-run
start=$(date +%s)
# Generous bounds: the unit tests are slow under nested paging in TCG.
if ! XEN_TIMEOUT=900 XEN_GUEST_TIMEOUT=300 "$UK_ROOT/support/scripts/xen-run" \
	"$out" "${guests[@]}" 2>"$T/xen-run.err"; then
	fail "xen: Xen boots and runs the batch" "$(cat "$T/xen-run.err"; tail -n 30 "$out/qemu.log")"
	exit 0
fi
pass "xen: Xen boots and runs the batch"
# A figure, not a check: timings belong to benchmarks.
echo "     xen: the whole batch took $(( $(date +%s) - start )) s"

# status NAME: the guest's exit status from its last console line.
status() { sed -n 's/^exit status \(-\?[0-9]*\)$/\1/p' "$out/$1.log" | tail -n 1; }
ended() { cut -d' ' -f1 "$out/$1.end" 2>/dev/null; }

[ "$(cat "$out/hw.log")" = "Hello world!
argv[1]: one
argv[2]: two
exit status 0" ] && [ "$(ended hw)" = shutdown ] &&
	pass "xen: helloworld prints its greeting and arguments, exits 0 by poweroff" ||
	fail "xen: helloworld prints its greeting and arguments, exits 0 by poweroff" \
		"$(ended hw): $(cat "$out/hw.log")"
for n in 0 3; do
	[ "$(status exit$n)" = $n ] && [ "$(ended exit$n)" = shutdown ] &&
		pass "xen: exit status $n reaches the host" ||
		fail "xen: exit status $n reaches the host" "$(ended exit$n): $(cat "$out/exit$n.log")"
done

declare -A pattern=(
	[assert]='CRASH: apps/plattest/main.c:[0-9]+: Assertion failed: zero == 1'
	[null]='CRASH: page fault \(#PF: not present, read\) at address 0x0000000000000000'
	[div0]='CRASH: divide error \(#DE\)'
	[ud2]='CRASH: invalid opcode \(#UD\)'
	[stackoverflow]='CRASH: page fault \(#PF: stack overflow into the guard page'
)
for k in $kinds; do
	l=$out/crash_$k.log
	if [ "$(ended crash_$k)" = crash ] && [ "$(status crash_$k)" = 101 ] &&
		grep -qE -- "${pattern[$k]}" "$l" && grep -q '^Backtrace:' "$l"; then
		pass "xen: crash '$k' is reported with a backtrace, status 101 and reason crash"
	else
		fail "xen: crash '$k' is reported with a backtrace, status 101 and reason crash" \
			"$(ended crash_$k): $(cat "$l")"
	fi
done
sym=$("$UK_ROOT/support/scripts/symbolize" "$pt.dbg" <"$out/crash_null.log")
grep -qE '#0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' <<<"$sym" &&
	grep -qE '#[0-9] 0x[0-9a-f]+ .*ukplat_entry at lib/ukboot/boot\.c:[0-9]+' <<<"$sym" &&
	pass "xen: the crash backtrace symbolizes to the crashing function and ukplat_entry" ||
	fail "xen: the crash backtrace symbolizes to the crashing function and ukplat_entry" "$sym"

c=$out/vif.client
d=$(sed -n 's/^domid //p' "$c")
if [ "$(ended vif)" = stopped ] && [ "$(cat "$out/vif.client-status" 2>/dev/null)" = 0 ] &&
	grep -qx 'state 2' "$c" && grep -qx 'hotplug-status connected' "$c" &&
	grep -qx "bridge ports vif$d.0" "$c" &&
	grep -qE "^[0-9]+: vif$d\.0: <[^>]*[<,]UP[,>].* master xenbr0 " "$c" &&
	grep -q 'xenbr0 *inet 10\.0\.0\.1/24 ' "$c"; then
	pass "xen: a guest's vif is up on dom0's bridge xenbr0 (10.0.0.1/24), backend in InitWait"
else
	fail "xen: a guest's vif is up on dom0's bridge xenbr0 (10.0.0.1/24), backend in InitWait" \
		"$(ended vif), client status $(cat "$out/vif.client-status" 2>/dev/null): $(cat "$c")"
fi

[ "$(status st)" = 0 ] && grep -qx '0 failures' "$out/st.log" &&
	pass "xen: syscalltest: the syscall instruction reaches the shim" ||
	fail "xen: syscalltest: the syscall instruction reaches the shim" "$(cat "$out/st.log")"

for g in ut coop pre; do
	[ -s "$out/$g.log" ] || echo "exit status none ($(cat "$out/$g.end" 2>/dev/null))" >>"$out/$g.log"
done
uktest_results "xen: " "$out/ut.log" "$(status ut)"
uktest_results "xen coop: " "$out/coop.log" "$(status coop)"
uktest_results "xen preempt: " "$out/pre.log" "$(status pre)"
for g in hw ut coop pre; do
	echo "     xen: $g: $(cut -d' ' -f1 "$out/$g.end"), from xl create to first output $(cut -d' ' -f3 "$out/$g.end") s, to its end $(cut -d' ' -f2 "$out/$g.end") s"
done
