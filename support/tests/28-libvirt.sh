#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tessera libvirt: kvm images booted by a real libvirt. Each domain is
# defined and started through qemu:///session (libvirtd and virtlogd
# spawned for one user, QEMU under TCG); as root that user is nobody,
# with a home of its own in a scratch folder, so the test needs no system
# daemon, no systemd and no change to /etc. The evidence comes from
# outside the image: the console file QEMU writes, the state and reason
# libvirt reports, and HTTP answers through QEMU's port forwarding.
# Domains are destroyed and undefined, and the session's daemons stopped,
# whatever happens (at_exit); every wait is bounded.
. "$(dirname "$0")/lib.sh"

TS=$UK_ROOT/support/tessera/tessera

# Bad input: clear errors, no XML, non-zero status.
out=$("$TS" libvirt /bin/true 2>&1)
st=$?
out2=$("$TS" libvirt "$T/none" 2>&1)
st2=$?
out3=$("$TS" libvirt "$0" --net tap 2>&1)
st3=$?
if [ $st = 1 ] && grep -q 'not a kvm image.*CONFIG_PLAT_KVM=y' <<<"$out" &&
	[ $st2 = 1 ] && grep -q 'no such image' <<<"$out2" &&
	[ $st3 = 1 ] && grep -q -- '--net tap: use one of user, none' <<<"$out3"; then
	pass "tessera libvirt refuses a non-kvm image, a missing one and an unknown --net, naming the fix"
else
	fail "tessera libvirt refuses bad input" "$st: $out
$st2: $out2
$st3: $out3"
fi

if ! command -v virsh >/dev/null || ! command -v libvirtd >/dev/null ||
	! command -v virt-xml-validate >/dev/null; then
	skip "libvirt runs" "virsh, libvirtd or virt-xml-validate missing: run support/scripts/install-deps"
	exit 0
fi

hw_ok=1 hr_ok=1
kvm_build helloworld khw || hw_ok=0
kvm_build httpreply hk || hr_ok=0
[ $hw_ok = 1 ] || fail "helloworld builds for kvm" "$(tail -n 30 "$T/khw/build.log")"
[ $hr_ok = 1 ] || fail "httpreply builds for kvm" "$(tail -n 30 "$T/hk/build.log")"
[ $hw_ok = 1 ] && [ $hr_ok = 1 ] || exit 0

# The session's user, and a scratch folder it owns (QEMU, running as
# that user, reads the images and writes the console files there).
S=$(mktemp -d /tmp/tessera-libvirt.XXXXXX)
chmod 755 "$S"
as_user=()
if [ "$(id -u)" = 0 ]; then
	as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
	chown nobody: "$S"
fi
U() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$S/home" XDG_RUNTIME_DIR="$S/run" \
		"${as_user[@]}" "$@"
}
U mkdir -p "$S/home" "$S/run"
U chmod 700 "$S/run"
V() {
	U timeout 60 virsh -q -c qemu:///session "$@"
}
# The session's libvirtd and virtlogd: those whose HOME is ours.
stop_daemons() {
	local p
	for p in $(pgrep -x libvirtd) $(pgrep -x virtlogd); do
		tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "HOME=$S/home" &&
			kill "$p" 2>/dev/null
	done
}
at_exit "rm -rf '$S'"
at_exit stop_daemons
cp "$(img helloworld khw kvm)" "$S/hw.kvm"
cp "$(img httpreply hk kvm)" "$S/hr.kvm"
cp -r "$UK_ROOT/support/tessera" "$S/tessera"
chmod -R a+rX "$S/hw.kvm" "$S/hr.kvm" "$S/tessera"

# The XML of several option sets is valid by libvirt's own schema.
bad=
for opts in "" "--net user" "--forward 8080:80 --exit-device" "--console pty --mem 128" \
	"--share $S --initrd $S/hw.kvm --accel tcg"; do
	# shellcheck disable=SC2086 # the options are split on purpose
	if ! "$TS" libvirt "$S/hw.kvm" $opts -o "$T/v.xml" -- a b >"$T/v.out" 2>&1 ||
		! virt-xml-validate "$T/v.xml" domain >>"$T/v.out" 2>&1; then
		bad+="options '$opts': $(cat "$T/v.out")"$'\n'
	fi
done
[ -z "$bad" ] && pass "tessera libvirt writes XML that libvirt's schema accepts (5 option sets)" ||
	fail "tessera libvirt writes XML that libvirt's schema accepts" "$bad"

# wait_state DOMAIN STATE SECONDS: until virsh reports STATE.
wait_state() {
	local i
	for ((i = 0; i < $3 * 2; i++)); do
		[ "$(V domstate "$1" 2>/dev/null | head -n 1)" = "$2" ] && return 0
		sleep 0.5
	done
	return 1
}

# helloworld: defined and started by virsh from tessera's XML, with
# arguments on the command line; it prints them and powers off (ACPI),
# which libvirt reports as a shutdown.
dom=tessera-hw-$$
at_exit "V destroy $dom >/dev/null 2>&1; V undefine $dom >/dev/null 2>&1"
"$TS" libvirt "$S/hw.kvm" --name "$dom" --accel tcg --log "$S/hw.log" -o "$S/hw.xml" \
	-- 'from libvirt' two >"$T/hw.out" 2>&1
SECONDS=0
if V define "$S/hw.xml" >>"$T/hw.out" 2>&1 && V start "$dom" >>"$T/hw.out" 2>&1 &&
	wait_state "$dom" "shut off" 90; then
	reason=$(V domstate "$dom" --reason 2>&1)
else
	reason="not ended: $(V domstate "$dom" --reason 2>&1)"
fi
V undefine "$dom" >>"$T/hw.out" 2>&1
V dominfo "$dom" >/dev/null 2>&1 && reason+=", still defined after undefine"
if [ "$reason" = "shut off (shutdown)" ] && grep -qx 'Hello world!' "$S/hw.log" &&
	grep -qx 'argv\[1\]: from libvirt' "$S/hw.log" && grep -qx 'argv\[2\]: two' "$S/hw.log"; then
	pass "helloworld under libvirt (QEMU TCG): prints its arguments to the console file and powers off ($reason, ${SECONDS} s), undefined"
else
	fail "helloworld under libvirt (QEMU TCG)" "state: $reason; tessera/virsh: $(cat "$T/hw.out")
console: $(cat "$S/hw.log" 2>&1)
QEMU: $(tail -n 5 "$S/home/.cache/libvirt/qemu/log/$dom.log" 2>&1)"
fi

# httpreply: tessera itself defines and starts it (--start), run as the
# session's user; curl reaches it through the forwarded port, and after
# its 3 requests it ends and powers off.
dom=tessera-hr-$$
at_exit "V destroy $dom >/dev/null 2>&1; V undefine $dom >/dev/null 2>&1"
port=$(free_port)
U timeout 150 "$S/tessera/tessera" libvirt "$S/hr.kvm" --name "$dom" --accel tcg \
	--forward "$port:80" --log "$S/hr.log" -o "$S/hr.xml" --start \
	--connect qemu:///session -- count=3 >"$T/hr.out" 2>&1
st=$?
got=
for _ in $(seq 1 180); do
	grep -q 'httpreply: listening' "$S/hr.log" 2>/dev/null && break
	[ "$(V domstate "$dom" 2>/dev/null | head -n 1)" = running ] || break
	sleep 0.5
done
for i in 1 2 3; do
	r=$(timeout 10 curl -s "http://127.0.0.1:$port/") &&
		grep -q 'Hello from Tessera' <<<"$r" && got+=$i
done
wait_state "$dom" "shut off" 60
reason=$(V domstate "$dom" --reason 2>&1)
V undefine "$dom" >>"$T/hr.out" 2>&1
V dominfo "$dom" >/dev/null 2>&1 && reason+=", still defined after undefine"
if [ $st = 0 ] && grep -q "started domain $dom" "$T/hr.out" && [ "$got" = 123 ] &&
	grep -q 'httpreply: 3 requests' "$S/hr.log" && [ "$reason" = "shut off (shutdown)" ]; then
	pass "httpreply under libvirt (tessera libvirt --start, --forward): curl gets 3 pages through 127.0.0.1:$port, then it powers off ($reason), undefined"
else
	fail "httpreply under libvirt (tessera libvirt --start, --forward)" "tessera status $st: $(cat "$T/hr.out")
pages answered: ${got:-none}; state: $reason
console: $(tail -n 20 "$S/hr.log" 2>&1)
QEMU: $(tail -n 5 "$S/home/.cache/libvirt/qemu/log/$dom.log" 2>&1)"
fi
