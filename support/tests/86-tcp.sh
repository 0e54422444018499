#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Heavy TCP on lwip sockets and epoll, with apps/tcpecho: a 64 MiB echo
# compared by sha256, 500 connections open at once, each echoed exactly,
# and (linuxu over tap, root) malformed Ethernet/IPv4/TCP frames from a
# packet socket, after which the image must still echo. kvm runs behind
# QEMU user networking with a hostfwd on 127.0.0.1. Each image exits
# after a fixed number of connections (count=), bounded by timeouts.
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
fi

# linuxu over a tap device inside a network namespace.
if [ $lok = 0 ]; then
	exit 0
fi
ns=tstcp$$
if ! tap_netns "$ns" 10.97.0; then
	echo "skipped: linuxu tap tests ($TAP_WHY)"
	exit 0
fi
# 1 + 500 + 1 (malformed learns the MAC) + 1 + 50 connections.
NETNS=$ns tcpecho_run "linuxu: tcpecho over tap: 64 MiB echo, 500 concurrent connections, malformed frames, then echoes again" 553 \
	"echo @ 64
many @ 500
malformed tap0 @
echo @ 1
many @ 50" 10.97.0.2 7 \
	ip netns exec "$ns" timeout 200 "$(img tcpecho el linuxu)" tap.name=tap0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 --
