#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Heavy TCP on lwip sockets and epoll, with apps/tcpecho: a 64 MiB echo
# compared by sha256, 500 connections open at once, each echoed exactly,
# and (linuxu over tap, root, else recorded as skipped) malformed
# Ethernet/IPv4/TCP frames from a packet socket, after which the image
# must still echo; segmentation offload used over tap (linuxu, kvm) and
# the path without offloads, both counted by the host's kernel. kvm
# runs behind QEMU user networking with a hostfwd on 127.0.0.1 (also
# busy-polling with zero-timeout epoll_wait), and over a tap netdev;
# linuxu over tap also busy-polling, and recovering after its heap ran
# out.
# Each image exits after a fixed number of connections (count=), bounded
# by timeouts.
. "$(dirname "$0")/lib.sh"

kvm_build tcpecho ek & kpid=$!
build tcpecho el -j2 & lpid=$!
kok=1 lok=1
if wait $kpid; then
	pass "tcpecho builds for kvm"
else
	kok=0
	fail "tcpecho builds for kvm" "$(tail -n 30 "$T/ek/build.log")"
fi
if wait $lpid; then
	pass "tcpecho builds for linuxu"
else
	lok=0
	fail "tcpecho builds for linuxu" "$(tail -n 30 "$T/el/build.log")"
fi

# kvm: QEMU user networking; 1 + 500 connections. QEMU's hostfwd socket
# listens with a backlog of 1, so a burst of connects loses some: they
# are set up 8 at a time (with a first echoed line), then all stay open
# while each gets its payload.
if [ $kok = 1 ]; then
	port=$(free_port)
	tcpecho_run "kvm: tcpecho over QEMU user networking: 64 MiB echo, 500 concurrent connections" 501 \
		"echo @ 64
many @ 500 8" 127.0.0.1 "$port" \
		env TIMEOUT=280 MEM=64 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7 -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "$(img tcpecho ek kvm)" netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 --
	# Busy polling (poll=busy: epoll_wait with a zero timeout in a
	# loop, as Redis while a script runs): under the cooperative
	# scheduler lwip's threads run only because a zero-timeout wait that
	# finds nothing yields; without that nothing is ever accepted.
	port=$(free_port)
	tcpecho_run "kvm: tcpecho busy-polling with epoll_wait(..., 0) still gets its input: 1 MiB echo, 20 connections" 21 \
		"echo @ 1
many @ 20" 127.0.0.1 "$port" \
		env TIMEOUT=120 MEM=64 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7 -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "$(img tcpecho ek kvm)" netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 -- poll=busy
fi

# linuxu over a tap device inside a network namespace (root only, else
# each check is recorded as skipped).
lname1="linuxu: tcpecho over tap: 64 MiB echo with segmentation offload and merged receive, 500 concurrent connections, malformed frames, then echoes again"
lname2="linuxu: tcpecho over tap without offloads (tap.offload=0): 16 MiB echo, every segment a frame of its own, 50 connections"
lname3="linuxu: tcpecho over tap busy-polling with epoll_wait(..., 0) notices its input at once: 1 MiB echo, 20 connections within 15 s"
lname4="linuxu: tcpecho over tap recovers from heap exhaustion: 300 connections of 64 KiB fill an 8 MiB heap; once closed, the image answers ARP and, within 30 s, echoes on 50 new connections"
kname="kvm: tcpecho over a tap netdev: 64 MiB echo with TSO, 50 connections"
ns=tstcp$$
tap_netns "$ns" 10.97.0
# The packet counts are the host kernel's, on the tap (tcp-host.py echo).
# 64 MiB need 45,965 segments of 1460 bytes, 16 MiB 11,492: with the
# tap's offloads (TSO one way, the host's large frames the other way) the
# image sends and receives far fewer packets; without them, at least so
# many each way. 1 + 500 + 1 (malformed learns the MAC) + 1 + 50
# connections.
if [ $lok = 1 ]; then
	tap_skipped "$lname1" ||
		NETNS=$ns tcpecho_run "$lname1" 553 \
			"echo @ 64 tap0 sent<=15000 received<=15000
many @ 500
malformed tap0 @
echo @ 1
many @ 50" 10.97.0.2 7 \
			ip netns exec "$ns" timeout 200 "$(img tcpecho el linuxu)" tap.name=tap0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 --
	tap_skipped "$lname2" ||
		NETNS=$ns tcpecho_run "$lname2" 51 \
			"echo @ 16 tap0 sent>=11492 received>=11492
many @ 50" 10.97.0.2 7 \
			ip netns exec "$ns" timeout 100 "$(img tcpecho el linuxu)" tap.name=tap0 tap.offload=0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 --
	# Busy polling never halts, where the tap's descriptor used to be
	# looked at: only a host signal on its input (lcpu.c) wakes lwip's
	# receive thread, else each batch of input waits for lwip's 1 s
	# safety wake-up and this takes about 30 s.
	tap_skipped "$lname3" ||
		NETNS=$ns tcpecho_run "$lname3" 21 \
			"echo @ 1
many @ 20" 10.97.0.2 7 \
			ip netns exec "$ns" timeout 15 "$(img tcpecho el linuxu)" tap.name=tap0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 -- poll=busy
	# Out of memory (issue 19): with an 8 MiB heap, 300 connections of
	# 64 KiB (one tcpecho buffer each, plus what lwip holds) exhaust it.
	# The tap driver must keep draining the tap (it used to stop for
	# good, unable to get buffers for a 64 KiB merged packet, and then
	# never saw the FINs that would free memory): once the clients have
	# closed, the image answers ARP again and echoes on new connections.
	tap_skipped "$lname4" || {
		log=$T/exhaust.log
		ip netns exec "$ns" timeout 90 "$(img tcpecho el linuxu)" linuxu.heap_mb=8 tap.name=tap0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 -- </dev/null >"$log" 2>&1 &
		epid=$!
		for _ in $(seq 1 100); do
			grep -q 'tcpecho: listening' "$log" && break
			kill -0 "$epid" 2>/dev/null || break
			sleep 0.2
		done
		if out=$(ip netns exec "$ns" timeout 80 python3 "$HOST_TOOLS/tcp-host.py" exhaust tap0 10.97.0.2 7 300 2>&1) &&
			kill -0 "$epid" 2>/dev/null; then
			pass "$lname4 ($out)"
		else
			fail "$lname4" "client: $out
image log:
$(tail -n 30 "$log")"
		fi
		kill "$epid" 2>/dev/null
		wait "$epid"
	}
fi

# kvm over a tap netdev in the same namespace: QEMU's virtio-net offers
# TSO (its tap has virtio-net headers), and the image must use it. It
# receives MSS-sized segments (no receive offload) and acknowledges every
# second one: about 23,000 packets, plus the data in TSO packets; without
# TSO the data alone would be 45,965.
[ $kok = 1 ] || exit 0
tap_skipped "$kname" && exit 0
if out=$(tap_add "$ns" tap1 10.97.1 2>&1); then
	NETNS=$ns tcpecho_run "$kname" 51 \
		"echo @ 64 tap1 sent<=40000
many @ 50" 10.97.1.2 7 \
		ip netns exec "$ns" env TIMEOUT=200 MEM=64 QEMU_ARGS="-netdev tap,id=n0,ifname=tap1,script=no,downscript=no -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "$(img tcpecho ek kvm)" netdev.ip=10.97.1.2/24 --
else
	fail "$kname" "cannot add tap1 to namespace $ns: $out"
fi
