#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Heavy TCP on lwip sockets and epoll, with apps/tcpecho: a 64 MiB echo
# compared by sha256, 500 connections open at once, each echoed exactly,
# and (linuxu over tap, root) malformed Ethernet/IPv4/TCP frames from a
# packet socket, after which the image must still echo. kvm runs behind
# QEMU user networking with a hostfwd on 127.0.0.1. Each image exits
# after a fixed number of connections (count=), bounded by timeouts.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
host=$here/tcp-host.py

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

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

# echo_run NAME COUNT CLIENTS HOST PORT RUN-CMD...: start the image, wait
# until it listens, run each line of CLIENTS as tcp-host.py's arguments
# ("@" stands for HOST PORT), then the image must exit 0 after COUNT
# connections. $NETNS, when set, runs the clients in that namespace.
echo_run() {
	local name=$1 count=$2 clients=$3 hst=$4 port=$5 log out='' ok=1 line st
	shift 5
	log=$T/echo.$port.log
	"$@" count="$count" </dev/null >"$log" 2>&1 &
	local qpid=$!
	local nsx=()
	[ -z "${NETNS:-}" ] || nsx=(ip netns exec "$NETNS")
	for _ in $(seq 1 300); do
		grep -q 'tcpecho: listening' "$log" && break
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.2
	done
	grep -q 'tcpecho: listening' "$log" || ok=0
	while [ $ok = 1 ] && read -r line; do
		[ -n "$line" ] || continue
		line=${line//@/$hst $port}
		# shellcheck disable=SC2086 # the client line is split on purpose
		out+=$'\n'$("${nsx[@]}" timeout 150 python3 "$host" $line 2>&1) || ok=0
	done <<<"$clients"
	[ $ok = 1 ] || kill "$qpid" 2>/dev/null
	wait "$qpid"
	st=$?
	if [ $ok = 1 ] && [ $st = 0 ] &&
		grep -q "tcpecho: $count connections" "$log"; then
		pass "$name ($(tail -n +2 <<<"$out" | tr '\n' ';' | sed 's/;$//; s/;/; /g'))"
	else
		fail "$name" "clients: $out
image status $st, log:
$(tail -n 30 "$log")"
	fi
}

# kvm: QEMU user networking; 1 + 500 connections. QEMU's hostfwd socket
# listens with a backlog of 1, so a burst of connects loses some: they
# are set up 8 at a time (with a first echoed line), then all stay open
# while each gets its payload.
if [ $kok = 1 ]; then
	port=$(free_port)
	echo_run "kvm: tcpecho over QEMU user networking: 64 MiB echo, 500 concurrent connections" 501 \
		"echo @ 64
many @ 500 8" 127.0.0.1 "$port" \
		env TIMEOUT=280 MEM=64 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7 -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "$(img tcpecho ek kvm)" netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 --
fi

# linuxu over a tap device inside a network namespace.
if [ $lok = 0 ]; then
	exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
	echo "skipped: linuxu tap tests (need root and ip(8) for a network namespace)"
	exit 0
fi
ns=tstcp$$
trap 'ip netns del "$ns" 2>/dev/null' EXIT
if ! { ip netns add "$ns" && ip -n "$ns" link set lo up &&
	ip -n "$ns" tuntap add dev tap0 mode tap &&
	ip -n "$ns" addr add 10.97.0.1/24 dev tap0 &&
	ip -n "$ns" link set tap0 up; } 2>"$T/ns.log"; then
	echo "skipped: linuxu tap tests (cannot set up a network namespace: $(cat "$T/ns.log"))"
	exit 0
fi
# 1 + 500 + 1 (malformed learns the MAC) + 1 + 50 connections.
NETNS=$ns echo_run "linuxu: tcpecho over tap: 64 MiB echo, 500 concurrent connections, malformed frames, then echoes again" 553 \
	"echo @ 64
many @ 500
malformed tap0 @
echo @ 1
many @ 50" 10.97.0.2 7 \
	ip netns exec "$ns" timeout 200 "$(img tcpecho el linuxu)" tap.name=tap0 netdev.ip=10.97.0.2/24 netdev.gw=10.97.0.1 --
