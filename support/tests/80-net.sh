#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Networking, low-level path: PCI enumeration on kvm compared with QEMU's
# own list, and apps/udpecho-raw answering UDP datagrams from the host
# through virtio-net (modern and legacy interface, interrupt and polling
# mode) behind QEMU user networking with a hostfwd on 127.0.0.1 only;
# how the device interrupted the guest is read from QEMU's trace, not
# from the image. Then, in a network namespace the group creates (root
# only, else each check is recorded as skipped), a tap device: linuxu and
# kvm images answer ping and UDP; a capture on the tap shows whether the
# image left its UDP checksums to the device. Multiqueue: kvm with 4
# virtio-net queue pairs over a multiqueue tap, each queue's traffic and
# interrupts from QEMU's trace. Every QEMU run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null || { fail "qemu-system-x86_64 is installed"; exit 0; }
command -v python3 >/dev/null || { fail "python3 is installed"; exit 0; }

# qemu_pci QEMU-ARGS...: "bus:dev.fn vendor:device" of every PCI function
# in QEMU's "info pci" for a machine started with QEMU-ARGS.
qemu_pci() {
	printf 'info pci\nquit\n' | timeout 20 qemu-system-x86_64 "$@" -m 16 -display none \
		-nic none -monitor stdio -S 2>/dev/null | tr -d '\r' | awk '
		/Bus +[0-9]+, device +[0-9]+, function [0-9]+:/ {
			gsub(/[,:]/, ""); b = $2; d = $4; f = $6 }
		/PCI device [0-9a-f]+:[0-9a-f]+/ && b != "" {
			printf "%02x:%02x.%d %s\n", b, d, f, $NF; b = "" }' | sort
}

# image_pci LOG: the same list from the image's pci.list=1 lines.
image_pci() {
	sed -n 's/^\[info\] pci: \([0-9a-f]*:[0-9a-f]*\.[0-7]\) \([0-9a-f]*:[0-9a-f]*\) .*/\1 \2/p' "$1" | sort
}

# PCI enumeration: plattest with pci.list=1 against QEMU's own list
# ("info pci" through the monitor, for the same devices), on -M pc with
# three more virtio-net functions (slot 5, functions 6.0 and 6.2) and on
# -M q35; the BARs of slot 5 against virtio-net's (an I/O BAR of 32 bytes,
# a 64-bit prefetchable memory BAR of 16 KiB).
if kvm_build plattest npt CONFIG_PLAT_PCI=y; then
	pass "plattest builds for kvm with the PCI bus"
	pt=$(img plattest npt kvm)
	nics="-netdev user,id=n0 -device virtio-net-pci,netdev=n0,addr=5 -device virtio-net-pci,netdev=n1,addr=6.0,multifunction=on -netdev user,id=n1 -device virtio-net-pci,netdev=n2,addr=6.2 -netdev user,id=n2"
	for m in pc q35; do
		args=
		[ $m = q35 ] || args=$nics
		log=$T/npt/pci-$m.log
		# shellcheck disable=SC2086 # the device arguments split at spaces
		want=$(qemu_pci -M $m $args)
		TIMEOUT=30 MEM=16 MACHINE=$m QEMU_ARGS="$args" "$UK_ROOT/support/scripts/run" \
			"$pt" pci.list=1 -- exit 0 </dev/null >"$log" 2>&1
		st=$?
		got=$(image_pci "$log")
		name="kvm: -M $m: the image finds the PCI functions of QEMU's info pci"
		[ $m = q35 ] || name+=", virtio-net on slot 5 and functions 6.0 and 6.2"
		if [ $st = 0 ] && [ "$(wc -l <<<"$want")" -ge 4 ] && [ "$got" = "$want" ]; then
			pass "$name ($(wc -l <<<"$want") functions)"
		else
			fail "$name" "status $st; QEMU's info pci | the image:
$(diff <(echo "$want") <(echo "$got") | grep '^[<>]')
$(cat "$log")"
		fi
	done
	out=$(cat "$T/npt/pci-pc.log")
	grep -qE '00:05.0  bar0 io  0x[0-9a-f]+ size 0x20' <<<"$out" &&
		grep -qE '00:05.0  bar4 m64 0x[0-9a-f]+ size 0x4000 prefetch' <<<"$out" &&
		pass "kvm: virtio-net's BARs: 32 bytes of I/O, 16 KiB of 64-bit prefetchable memory" ||
		fail "kvm: virtio-net's BARs: 32 bytes of I/O, 16 KiB of 64-bit prefetchable memory" "$out"
else
	fail "plattest builds for kvm with the PCI bus" "$(tail -n 30 "$T/npt/build.log")"
fi

if ! kvm_build udpecho-raw nue CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	fail "udpecho-raw builds for kvm" "$(tail -n 30 "$T/nue/build.log")"
	exit 0
fi
pass "udpecho-raw builds for kvm"
ue=$(img udpecho-raw nue kvm)

# echo_run NAME DEVICE-PROPS MACHINE MODE KERNEL-ARGS...: boot, echo 8
# datagrams, exit 0; QEMU's trace must show the device interrupting the
# guest by MODE (MSI-X, INTx, or not at all: polling).
echo_run() {
	local name=$1 props=$2 machine=$3 mode=$4 port log st qst out irq trace
	shift 4
	port=$(free_port udp)
	log=$T/nue/$port.log
	trace=$T/nue/$port.trace
	# shellcheck disable=SC2086 # the event names split at spaces
	TIMEOUT=60 MEM=32 MACHINE=$machine QEMU_ARGS="-netdev user,id=n0,hostfwd=udp:127.0.0.1:$port-:7 -device virtio-net-pci,netdev=n0$props $(qemu_trace "$trace" $VIRTIO_IRQ_EVENTS)" \
		"$UK_ROOT/support/scripts/run" "$ue" "$@" count=8 </dev/null >"$log" 2>&1 &
	local qpid=$!
	out=$(timeout 45 python3 "$HOST_TOOLS/udpecho-host.py" 127.0.0.1 "$port" 8 40 2>&1)
	st=$?
	wait "$qpid"
	qst=$?
	irq=$(virtio_irq_mode "$trace" virtio-net-pci 2>&1)
	if [ $st = 0 ] && [ $qst = 0 ] && [ "${irq%%:*}" = "$mode" ]; then
		pass "kvm: udpecho-raw: $name ($out; QEMU's trace: $irq)"
	else
		fail "kvm: udpecho-raw: $name" "client: $out (status $st), image status $qst, QEMU's trace: $irq (expected $mode):
$(cat "$log")"
	fi
}

echo_run "modern virtio-net, MSI-X, interrupt mode" ",disable-legacy=on" pc MSI-X --
echo_run "legacy virtio-net, MSI-X, interrupt mode" ",disable-modern=on" pc MSI-X --
echo_run "legacy virtio-net without MSI-X (vectors=0): INTx" ",disable-modern=on,vectors=0" pc INTx --
echo_run "transitional virtio-net, polling mode: no interrupt at all" "" pc polling -- mode=poll
echo_run "modern virtio-net, pci.msix=0: INTx, no checksum offload, -M q35" \
	",disable-legacy=on,csum=off,guest_csum=off" q35 INTx pci.msix=0 --

# linuxu (and kvm) over a tap device inside a network namespace this
# group creates and deletes; needs root and iproute2. Without them each
# check below is recorded as skipped.
if ! build udpecho-raw nul -j2; then
	fail "udpecho-raw builds for linuxu" "$(tail -n 30 "$T/nul/build.log")"
	exit 0
fi
pass "udpecho-raw builds for linuxu (with the tap device)"
ul=$(img udpecho-raw nul linuxu)
ns=tessera-net-$$
tap_netns "$ns" 10.99.0

# tap_run NAME CMD...: the image (CMD, in the namespace) survives 300
# malformed frames, then answers 3 pings and echoes 8 datagrams at
# 10.99.0.2 (udpecho_tap_run in lib.sh).
tap_run() {
	local name=$1
	shift
	tap_skipped "$name" || udpecho_tap_run "$name" "$ns" 10.99.0.2 "$T/nul/run.log" "$@"
}

# csum_run RUN-NAME NAME WANT CMD...: tap_run RUN-NAME CMD... with a
# capture on tap0; then the check NAME: the image's UDP datagrams (its
# echoes) reached the host with checksums as WANT says: "partial" (left
# to the device) or "complete".
csum_run() {
	local run=$1 name=$2 want=$3 pcap=$T/nul/csum.$RANDOM.pcap sums n
	shift 3
	if tap_skipped "$run"; then
		tap_skipped "$name"
		return
	fi
	if ! capture_start "$pcap" "$ns" tap0 udp and src host 10.99.0.2; then
		tap_run "$run" "$@"
		skip "$name" "$CAPTURE_WHY"
		return
	fi
	tap_run "$run" "$@"
	capture_stop "$pcap"
	sums=$(udp_checksums "$pcap" 10.99.0.2)
	if [ "$want" = partial ]; then
		n=$(sed -n 's/^0 complete, \([0-9]*\) partial$/\1/p' <<<"$sums")
	else
		n=$(sed -n 's/^\([0-9]*\) complete, 0 partial$/\1/p' <<<"$sums")
	fi
	if [ "${n:-0}" -ge 8 ]; then
		pass "$name (UDP from the image on tap0: $sums)"
	else
		fail "$name" "UDP from the image on tap0: $sums; expected 8 or more, all $want; tcpdump: $(cat "$pcap.err")"
	fi
}

# The tap's transmit checksum offload (virtio-net headers on the tap):
# the image's datagrams reach the host with partial checksums, which the
# host's stack accepts; with tap.offload=0 it computes them itself.
csum_run "linuxu: udpecho-raw over tap.name=tap0 survives malformed frames, answers ping and echoes UDP" \
	"linuxu: tap checksum offload: the image leaves UDP checksums to the host" partial \
	timeout 40 "$ul" tap.name=tap0 -- ip=10.99.0.2 count=8
csum_run "linuxu: udpecho-raw over tap without offloads (tap.offload=0)" \
	"linuxu: tap.offload=0: the image computes complete UDP checksums itself" complete \
	timeout 40 "$ul" tap.name=tap0 tap.offload=0 -- ip=10.99.0.2 count=8
name="linuxu: a bad tap name is reported, the image says it has no device"
if ! tap_skipped "$name"; then
	out=$(ip netns exec "$ns" timeout 10 "$ul" tap.name=nosuch0000000000000 -- count=1 2>&1)
	grep -q 'interface name nosuch0000000000000 is too long' <<<"$out" && grep -q 'no network device' <<<"$out" &&
		pass "$name" || fail "$name" "$out"
fi
# kvm on the same tap (the linuxu image has let go of it). With QEMU's
# tap (virtio-net headers) the device offers transmit checksum offload;
# with csum=off it does not.
csum_run "kvm: udpecho-raw over a tap netdev survives malformed frames, answers ping and echoes UDP" \
	"kvm: virtio-net transmit checksum offload: the image leaves UDP checksums to the device" partial \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.0.2 count=8
csum_run "kvm: udpecho-raw over tap, transmit checksum offload off (csum=off)" \
	"kvm: csum=off: the image computes complete UDP checksums itself" complete \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,csum=off" \
	"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.0.2 count=8

# Multiqueue: a multi_queue tap with 4 queues behind virtio-net with
# mq=on; the image asks for PAIRS queue pairs. The host kernel spreads the
# 16 flows (source ports) over the tap's queues; QEMU's trace shows per
# virtqueue how many frames the device received and sent: frames must
# arrive on several receive queues and only on the PAIRS asked for, each
# pair must send as many as it received (every frame is answered on the
# queue it came in on; IPv6 is off: no unanswered router solicitations),
# and every receive queue that got one of the flows must interrupt the
# guest (one that got only the start-up ARP request or ping may have had
# them polled before interrupts were on), each through a vector of its
# own.
# mq_run NAME DEVICE-PROPS PAIRS
mq_run() {
	local name=$1 props=$2 pairs=$3 log=$T/nul/mq.log trace=$T/nul/mq.trace out st qst q qs
	tap_skipped "$name" && return
	# shellcheck disable=SC2046 # the trace arguments split at spaces
	ip netns exec "$ns" env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap1,script=no,downscript=no,queues=4 -device virtio-net-pci,netdev=n0,mq=on,vectors=10$props $(qemu_trace "$trace" virtio_queue_notify virtqueue_fill virtio_notify apic_deliver_irq)" \
		"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.99.1.2 count=64 queues="$pairs" \
		</dev/null >"$log" 2>&1 &
	local qpid=$!
	udpecho_wait "$ns" 10.99.1.2 "$qpid"
	out=$(ip netns exec "$ns" timeout 40 python3 "$HOST_TOOLS/udpflows-host.py" 10.99.1.2 7 16 4 2>&1)
	st=$?
	wait "$qpid"
	qst=$?
	q=$(python3 "$HOST_TOOLS/qemu-trace.py" queues "$trace" "$pairs" 4 2>&1)
	qs=$?
	if [ $st = 0 ] && [ $qst = 0 ] && [ $qs = 0 ]; then
		pass "$name ($out; QEMU's trace: $q)"
	else
		fail "$name" "client: $out; image status $qst; QEMU's trace: $q; image:
$(cat "$log")"
	fi
}
if [ -z "$TAP_WHY" ] && ! out=$(tap_add "$ns" tap1 10.99.1 multi_queue 2>&1); then
	fail "a multi_queue tap device in the namespace" "$out"
	exit 0
fi
mq_run "kvm: modern virtio-net, 4 queue pairs over a multiqueue tap, one MSI-X vector per receive queue, replies on the receiving queue" \
	",disable-legacy=on" 4
mq_run "kvm: legacy virtio-net, 4 queue pairs over a multiqueue tap" \
	",disable-modern=on" 4
mq_run "kvm: 2 of the 4 queue pairs asked for: the device uses only those" \
	",disable-legacy=on" 2
