#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Threads: the unit tests again with each scheduler (apps/unittest's
# defconfig.coop and defconfig.preempt) on linuxu and kvm (ukmemops's
# again on kvm with AVX, "-cpu max", preemptive), then checks
# from outside the image (calendar conversion against the host's gmtime,
# one check whose failure names every differing case; a thread's stack
# overflow hitting its guard page).
. "$(dirname "$0")/lib.sh"

# run_variant SCHED: build unittest with defconfig.SCHED (for linuxu, kvm
# and xen: 95-xen runs the xen image), run it on linuxu and kvm; each run
# is one result.
run_variant() {
	local s=$1 tag=thr-$1 plat img st log
	if ! unittest_build "$tag" "$s"; then
		fail "unittest ($s) builds" "$(cat "$T/$tag/build.log")"
		return
	fi
	pass "unittest ($s) builds"
	for plat in linuxu kvm; do
		img=$(img unittest "$tag" $plat)
		log=$T/$tag/run-$plat.log
		TIMEOUT=240 MEM=64 timeout 300 "$UK_ROOT/support/scripts/run" \
			"$img" </dev/null >"$log" 2>&1
		st=$?
		uktest_results "$plat $s: " "$log" $st "$img"
	done
}

run_variant coop
run_variant preempt

# AVX registers across preemption on kvm (plat/common's interrupt entry
# saves the XSAVE state; ukmemops's AVX loops rely on it): QEMU's default
# CPU has no AVX, "-cpu max" has; ukmemops's cases only.
img=$(img unittest thr-preempt kvm)
if [ -f "$img" ]; then
	QEMU_ARGS="-cpu max" TIMEOUT=240 MEM=64 timeout 300 "$UK_ROOT/support/scripts/run" \
		"$img" ukmemops </dev/null >"$T/thr-preempt/run-kvm-cpumax.log" 2>&1
	uktest_results "kvm preempt -cpu max (ukmemops): " \
		"$T/thr-preempt/run-kvm-cpumax.log" $? "$img"
fi

# Calendar conversion against the host libc, line by line.
if ! build timecheck tc; then
	fail "timecheck builds" "$(cat "$T/tc/build.log")"
	exit 0
fi
if ! gcc -O1 -w -o "$T/tc/host" "$UK_ROOT/support/tests/time-host.c" 2>"$T/tc/cc.log"; then
	fail "host time program builds" "$(cat "$T/tc/cc.log")"
	exit 0
fi
"$(img timecheck tc linuxu)" >"$T/tc/image.out" 2>&1
st=$?
TZ=UTC "$T/tc/host" >"$T/tc/host.out"
cases=$(wc -l <"$T/tc/host.out")
# One check for the comparison, line by line (a line is a case); a
# failure lists every differing case, then the first ones' lines.
bad=$(awk 'FNR == 1 { f++ } f == 1 { want[FNR] = $0; k = FNR } f == 2 { got[FNR] = $0; m = FNR }
	END { for (i = 1; i <= (k > m ? k : m); i++)
		if (!(i in got) || !(i in want) || got[i] != want[i])
			print i "\t" (i in want ? want[i] : "(none)") "\t" (i in got ? got[i] : "(missing)") }' \
	"$T/tc/host.out" "$T/tc/image.out")
nbad=$(grep -c . <<<"$bad")
if [ "$nbad" = 0 ] && [ $st = 0 ] && [ "$cases" -ge 6000 ]; then
	pass "gmtime_r/timegm match the host on all $cases cases"
else
	fail "gmtime_r/timegm match the host on all $cases cases" \
		"image status $st; $nbad cases (lines) differ: $(cut -f1 <<<"$bad" | tr '\n' ' ')
$(head -n 12 <<<"$bad" | awk -F '\t' '{ printf "case %s: host  %s\n%*s image %s\n", $1, $2, length($1) + 6, "", $3 }')"
fi

# A stack overflow in a thread hits the guard page below its stack: a
# crash report, not a corrupted heap. On linuxu and on kvm.
def=$T/guard.defconfig
printf 'CONFIG_LIBUKSCHEDCOOP=y\nCONFIG_PLAT_KVM=y\n' >"$def"
mkdir -p "$T/guard"
if make --no-print-directory -C "$UK_ROOT/apps/plattest" O="$T/guard/build" \
	C="$T/guard/.config" defconfig DEFCONFIG="$def" >"$T/guard/build.log" 2>&1 &&
	build plattest guard; then
	for plat in linuxu kvm; do
		out=$(TIMEOUT=60 "$UK_ROOT/support/scripts/run" \
			"$(img plattest guard $plat)" crash threadstack 2>&1)
		st=$?
		guard=$(sed -n 's/^guard page: 0x\([0-9a-f]*\)$/\1/p' <<<"$out")
		addr=$(sed -n 's/^CRASH: page fault.* at address 0x\([0-9a-f]*\)$/\1/p' <<<"$out")
		if [ $st = 101 ] && [ -n "$guard" ] && [ -n "$addr" ] &&
			[ $((16#$addr - 16#$guard)) -ge 0 ] &&
			[ $((16#$addr - 16#$guard)) -lt 4096 ] &&
			grep -q 'recurse at apps/plattest/main.c' <<<"$out"; then
			pass "$plat: thread stack overflow hits the guard page"
		else
			fail "$plat: thread stack overflow hits the guard page" \
				"status $st: $(head -c 1500 <<<"$out")"
		fi
	done
else
	fail "plattest with a scheduler builds" "$(cat "$T/guard/build.log")"
fi
