#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Networking, low-level path: PCI enumeration on kvm compared with QEMU's
# devices, and apps/udpecho-raw answering UDP datagrams from the host
# through virtio-net (modern and legacy interface, interrupt and polling
# mode) behind QEMU user networking with a hostfwd on 127.0.0.1 only.
# Then, in a network namespace the group creates (root only, else
# "skipped"), a tap device: linuxu and kvm images answer ping and UDP.
# Multiqueue: kvm with 4 virtio-net queue pairs over a multiqueue tap.
# Every QEMU run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null || { fail "qemu-system-x86_64 is installed"; exit 0; }
command -v python3 >/dev/null || { fail "python3 is installed"; exit 0; }
here=$(cd "$(dirname "$0")" && pwd)


# A free UDP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# PCI enumeration: plattest with pci.list=1 against QEMU's own list.
if kvm_build plattest npt CONFIG_PLAT_PCI=y; then
	pass "plattest builds for kvm with the PCI bus"
	pt=$(img plattest npt kvm)
	out=$(TIMEOUT=30 MEM=16 QEMU_ARGS="-netdev user,id=n0 -device virtio-net-pci,netdev=n0,addr=5 -device virtio-net-pci,netdev=n1,addr=6.0,multifunction=on -netdev user,id=n1 -device virtio-net-pci,netdev=n2,addr=6.2 -netdev user,id=n2" \
		"$UK_ROOT/support/scripts/run" "$pt" pci.list=1 -- exit 0 </dev/null 2>&1)
	grep -q '00:00.0 8086:1237 class 060000' <<<"$out" &&
		grep -q '00:01.1 8086:7010 class 010180' <<<"$out" &&
		grep -q '00:05.0 1af4:1000 class 020000 irq [0-9]* pin 1' <<<"$out" &&
		grep -q '00:06.0 1af4:1000 class 020000' <<<"$out" &&
		grep -q '00:06.2 1af4:1000 class 020000' <<<"$out" &&
		grep -qE '00:05.0  bar0 io  0x[0-9a-f]+ size 0x20' <<<"$out" &&
		grep -qE '00:05.0  bar4 m64 0x[0-9a-f]+ size 0x4000 prefetch' <<<"$out" &&
		pass "kvm: PCI enumeration lists the host bridge, IDE, and virtio-net on slot 5 and functions 6.0 and 6.2 with their BARs" ||
		fail "kvm: PCI enumeration lists the host bridge, IDE, and virtio-net on slot 5 and functions 6.0 and 6.2 with their BARs" "$out"
	# The same count of functions as QEMU's "info pci" (via the monitor).
	want=$(printf 'info pci\nquit\n' | timeout 20 qemu-system-x86_64 -M q35 -m 16 -display none \
		-nic none -monitor stdio -S 2>/dev/null | grep -c 'Bus *[0-9]*, device')
	out=$(TIMEOUT=30 MEM=16 MACHINE=q35 "$UK_ROOT/support/scripts/run" "$pt" pci.list=1 -- exit 0 </dev/null 2>&1)
	got=$(grep -cE '^\[info\] pci: [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] [0-9a-f]{4}:' <<<"$out")
	[ "$want" -gt 0 ] && [ "$got" = "$want" ] &&
		pass "kvm: -M q35: as many PCI functions as QEMU's info pci ($got)" ||
		fail "kvm: -M q35: as many PCI functions as QEMU's info pci ($got)" "QEMU: $want; image:
$out"
else
	fail "plattest builds for kvm with the PCI bus" "$(tail -n 30 "$T/npt/build.log")"
fi

if ! kvm_build udpecho-raw nue CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	fail "udpecho-raw builds for kvm" "$(tail -n 30 "$T/nue/build.log")"
	exit 0
fi
pass "udpecho-raw builds for kvm"
ue=$(img udpecho-raw nue kvm)

# echo_run NAME DEVICE-PROPS MACHINE EXPECT KERNEL-ARGS...: boot, echo 8
# datagrams; the boot log must match EXPECT (interface, interrupt kind).
echo_run() {
	local name=$1 props=$2 machine=$3 expect=$4 port log st
	shift 4
	port=$(free_port)
	log=$T/nue/$port.log
	TIMEOUT=60 MEM=32 MACHINE=$machine QEMU_ARGS="-netdev user,id=n0,hostfwd=udp:127.0.0.1:$port-:7 -device virtio-net-pci,netdev=n0$props" \
		"$UK_ROOT/support/scripts/run" "$ue" "$@" count=8 </dev/null >"$log" 2>&1 &
	local qpid=$!
	out=$(timeout 45 python3 "$here/udpecho-host.py" 127.0.0.1 "$port" 8 40 2>&1)
	st=$?
	wait "$qpid"
	local qst=$?
	if [ $st = 0 ] && [ $qst = 0 ] && grep -q 'udpecho-raw: 8 datagrams echoed' "$log" &&
		grep -q "virtio: virtio 00:0[0-9].0: type 1, $expect, driver virtio-net" "$log"; then
		pass "kvm: udpecho-raw: $name ($out)"
	else
		fail "kvm: udpecho-raw: $name" "client: $out (status $st), image status $qst:
$(cat "$log")"
	fi
}

echo_run "modern virtio-net, MSI-X, interrupt mode" ",disable-legacy=on" pc \
	"modern interface, MSI-X" --
echo_run "legacy virtio-net, MSI-X, interrupt mode" ",disable-modern=on" pc \
	"legacy interface, MSI-X" --
echo_run "legacy virtio-net without MSI-X (vectors=0): INTx" ",disable-modern=on,vectors=0" pc \
	"legacy interface, INTx" --
echo_run "transitional virtio-net, polling mode" "" pc "modern interface, MSI-X" -- mode=poll
echo_run "modern virtio-net, pci.msix=0: INTx, no checksum offload, -M q35" \
	",disable-legacy=on,csum=off,guest_csum=off" q35 "modern interface, INTx" pci.msix=0 --

# linuxu (and kvm) over a tap device inside a network namespace this
# group creates and deletes; needs root and iproute2.
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
	echo "skipped: tap tests (need root and ip(8) for a network namespace)"
	exit 0
fi
if ! build udpecho-raw nul -j4; then
	fail "udpecho-raw builds for linuxu" "$(tail -n 30 "$T/nul/build.log")"
	exit 0
fi
pass "udpecho-raw builds for linuxu (with the tap device)"
ul=$(img udpecho-raw nul linuxu)
ns=tessera-net-$$
trap 'ip netns del "$ns" 2>/dev/null' EXIT
if ! { ip netns add "$ns" && ip -n "$ns" link set lo up &&
	ip -n "$ns" tuntap add dev tap0 mode tap &&
	ip -n "$ns" addr add 10.99.0.1/24 dev tap0 &&
	ip -n "$ns" link set tap0 up; } 2>"$T/nul/ns.log"; then
	echo "skipped: tap tests (cannot set up a network namespace: $(cat "$T/nul/ns.log"))"
	exit 0
fi

# tap_run NAME CMD...: the image (CMD, in the namespace) survives 300
# malformed frames, then answers 3 pings and echoes 8 datagrams at
# 10.99.0.2 (udpecho_tap_run in lib.sh).
tap_run() {
	local name=$1
	shift
	udpecho_tap_run "$name" "$ns" 10.99.0.2 "$T/nul/run.log" "$@"
}

tap_run "linuxu: udpecho-raw over tap.name=tap0 survives malformed frames, answers ping and echoes UDP" \
	timeout 40 "$ul" tap.name=tap0 -- ip=10.99.0.2 count=8
out=$(ip netns exec "$ns" timeout 10 "$ul" tap.name=nosuch0000000000000 -- count=1 2>&1)
grep -q 'interface name nosuch0000000000000 is too long' <<<"$out" && grep -q 'no network device' <<<"$out" &&
	pass "linuxu: a bad tap name is reported, the image says it has no device" ||
	fail "linuxu: a bad tap name is reported, the image says it has no device" "$out"
# kvm on the same tap (the linuxu image has let go of it).
tap_run "kvm: udpecho-raw over a tap netdev survives malformed frames, answers ping and echoes UDP" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.0.2 count=8
expect_output "kvm: virtio-net negotiated transmit checksum offload" \
	'checksum offload: tx yes' "$T/nul/run.log"
# The host's UDP checksums arrive partial (pseudo header only): without
# the device's transmit offload the application completes them.
tap_run "kvm: udpecho-raw over tap, transmit checksum offload off (software checksums)" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,csum=off" \
	"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.0.2 count=8
expect_output "kvm: csum=off: no transmit checksum offload" \
	'checksum offload: tx no' "$T/nul/run.log"

# Multiqueue: a multi_queue tap with 4 queues behind virtio-net with
# mq=on; the image asks for 4 queue pairs. The host kernel spreads the
# 16 flows (source ports) over the tap's queues, so the guest receives
# on several; every frame is answered (IPv6 off: no unanswered router
# solicitations) on the queue it came in on, which uknetdev's per-queue
# counters show as rx == tx on each queue.
# mq_run NAME DEVICE-PROPS PAIRS: the image asks for PAIRS of the 4.
mq_run() {
	local name=$1 props=$2 pairs=$3 log=$T/nul/mq.log out st used bad
	ip netns exec "$ns" env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap1,script=no,downscript=no,queues=4 -device virtio-net-pci,netdev=n0,mq=on,vectors=10$props" \
		"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.1.2 count=64 queues="$pairs" \
		</dev/null >"$log" 2>&1 &
	local qpid=$!
	sleep 0.3
	out=$(ip netns exec "$ns" timeout 40 python3 "$here/udpflows-host.py" 10.99.1.2 7 16 4 2>&1)
	st=$?
	wait "$qpid"
	used=$(grep -cE '^udpecho-raw: queue [0-3]: rx [1-9][0-9]* tx' "$log")
	bad=$(awk '/^udpecho-raw: queue [0-9]+: rx/ && $5 != $7' "$log")
	# Several queues in use, and none beyond those asked for.
	if [ $st = 0 ] && grep -q "udpecho-raw: $pairs queue pairs asked, the device offers 4" "$log" &&
		grep -q "virtio-net: netdev0: $pairs queue pairs of 4" "$log" &&
		grep -q "$pairs queues with interrupts, $((pairs + 1)) MSI-X vectors of 10 used" "$log" &&
		grep -q 'udpecho-raw: 64 datagrams echoed' "$log" &&
		[ "$used" -ge 2 ] && [ "$used" -le "$pairs" ] && [ -z "$bad" ] &&
		[ "$(grep -c '^udpecho-raw: queue' "$log")" = "$pairs" ]; then
		pass "$name ($out; $used queues received; $(grep -E '^udpecho-raw: queue' "$log" | sed 's/udpecho-raw: //' | tr '\n' ';' | sed 's/;$//; s/;/; /g'))"
	else
		fail "$name" "client: $out; $used queues received; image:
$(cat "$log")"
	fi
}
if ! { ip -n "$ns" tuntap add dev tap1 mode tap multi_queue &&
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.tap1.disable_ipv6=1 &&
	ip -n "$ns" addr add 10.99.1.1/24 dev tap1 &&
	ip -n "$ns" link set tap1 up; } 2>"$T/nul/mq-ns.log"; then
	fail "a multi_queue tap device in the namespace" "$(cat "$T/nul/mq-ns.log")"
	exit 0
fi
mq_run "kvm: modern virtio-net, 4 queue pairs over a multiqueue tap, one MSI-X vector per receive queue, replies on the receiving queue" \
	",disable-legacy=on" 4
mq_run "kvm: legacy virtio-net, 4 queue pairs over a multiqueue tap" \
	",disable-modern=on" 4
mq_run "kvm: 2 of the 4 queue pairs asked for: the device uses only those" \
	",disable-legacy=on" 2
