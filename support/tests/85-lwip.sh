#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# lwip and sockets: httpreply on kvm behind QEMU user networking (DHCP,
# then static addressing) with a hostfwd on 127.0.0.1 only, up to 500
# connections open at once; on linuxu
# over a tap device in a network namespace this group creates (root
# only), after malformed frames and a ping from the host; lwip's unit
# tests. Each run answers a fixed number of requests (count=) and exits;
# every run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
http=$here/http-host.py

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The images at once: lwip is the biggest library.
kvm_build httpreply hk & kpid=$!
build httpreply hl -j4 & lpid=$!
mkdir -p "$T/lut"
{ cat "$UK_ROOT/apps/unittest/defconfig"; echo CONFIG_LIBLWIP=y; echo CONFIG_LIBLWIP_TEST=y; } >"$T/lut/.config"
{ make --no-print-directory -C "$UK_ROOT/apps/unittest" O="$T/lut/build" C="$T/lut/.config" \
	olddefconfig >/dev/null 2>&1 && build unittest lut -j4; } & upid=$!
wait $kpid && pass "httpreply builds for kvm (lwip fetched, unpacked, compiled)" ||
	fail "httpreply builds for kvm (lwip fetched, unpacked, compiled)" "$(tail -n 30 "$T/hk/build.log")"
wait $lpid && pass "httpreply builds for linuxu" ||
	fail "httpreply builds for linuxu" "$(tail -n 30 "$T/hl/build.log")"
if grep -q '^  UNPACK  lwip 2\.1\.3$' "$T/hk/build.log"; then
	pass "lwip 2.1.3 unpacked under build/src ($(grep -c '^  CC      lib/lwip/lwip/' "$T/hk/build.log") upstream objects)"
else
	fail "lwip 2.1.3 unpacked under build/src" "$(head -n 5 "$T/hk/build.log")"
fi
# lwip's unit tests (loopback TCP and UDP, descriptors, poll, select).
if wait $upid; then
	timeout 60 "$(img unittest lut linuxu)" lwip >"$T/lut/run.log" 2>&1
	uktest_results "linuxu: " "$T/lut/run.log" $?
else
	fail "unittest with lwip's tests builds" "$(tail -n 30 "$T/lut/build.log")"
fi

# The download cache serves every build after the first: a fresh tree
# unpacks without fetching.
fetch=$(sed -n 's/^fetch-y += //p' "$UK_ROOT/lib/lwip/Makefile.uk")
# shellcheck disable=SC2086 # the four words of fetch-y
out=$("$UK_ROOT/support/scripts/fetch-source" "$UK_ROOT/lib/lwip" "$T/src/lwip" $fetch 2>&1)
if grep -q '^  UNPACK  lwip 2\.1\.3$' <<<"$out" && ! grep -q FETCH <<<"$out" &&
	[ -f "$T/src/lwip/src/core/tcp.c" ]; then
	pass "a fresh lwip tree is unpacked from the download cache without fetching"
else
	fail "a fresh lwip tree is unpacked from the download cache without fetching" "$out"
fi

# serve NAME EXPECT-LOG COUNT CLIENTS HOST PORT RUN-CMD...: start the
# image, wait until it says it listens, run the clients (one per line in
# CLIENTS, "@" standing for HOST PORT; "curl @" fetches the page with
# curl), then the image must exit 0 after COUNT requests with EXPECT-LOG
# in its log. $NETNS, when set, runs the clients in that namespace.
serve() {
	local name=$1 expect=$2 count=$3 clients=$4 host=$5 port=$6 log out= qst ok=1 line i
	shift 6
	log=$T/serve.$port.log
	"$@" count="$count" </dev/null >"$log" 2>&1 &
	local qpid=$!
	local nsx=()
	[ -z "${NETNS:-}" ] || nsx=(ip netns exec "$NETNS")
	for i in $(seq 1 200); do
		grep -q 'httpreply: listening' "$log" && break
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.2
	done
	grep -q 'httpreply: listening' "$log" || ok=0
	while [ $ok = 1 ] && read -r line; do
		[ -n "$line" ] || continue
		line=${line//@/$host $port}
		if [ "${line%% *}" = curl ]; then
			set -- $line
			if r=$("${nsx[@]}" timeout 10 curl -s "http://$2:$3/") &&
				grep -q 'Hello from Tessera' <<<"$r"; then
				out+=$'\n'"curl got the page"
			else
				out+=$'\n'"curl failed: $r"
				ok=0
			fi
			continue
		fi
		case ${line%% *} in
		ping | garbage)
			# "ping HOST N", "garbage IFNAME N" (udpecho-host.py, root)
			# shellcheck disable=SC2086 # split on purpose
			out+=$'\n'$("${nsx[@]}" timeout 30 python3 "$here/udpecho-host.py" --$line 2>&1) || ok=0
			continue ;;
		esac
		# shellcheck disable=SC2086 # the client line is split on purpose
		out+=$'\n'$("${nsx[@]}" timeout 40 python3 "$http" $line 2>&1) || ok=0
	done <<<"$clients"
	[ $ok = 1 ] || kill "$qpid" 2>/dev/null
	wait "$qpid"
	qst=$?
	if [ $ok = 1 ] && [ $qst = 0 ] && grep -qE "$expect" "$log" &&
		grep -q "httpreply: $count requests" "$log"; then
		pass "$name ($(tail -n +2 <<<"$out" | tr '\n' ';' | sed 's/;$//; s/;/; /g'))"
	else
		fail "$name" "clients: $out
image status $qst, log:
$(cat "$log")"
	fi
}

# kvm: DHCP from QEMU's user network; curl, keep-alive, parallel, and
# 500 connections open at once, every one answered. QEMU's hostfwd
# socket listens with a backlog of 1 and accepts one connection per main
# loop turn, so the host kernel drops SYNs of a burst of connects (lost
# connections after 4 SYN retries, 15 s): "held" sets connections up 8 at
# a time, then they all stay open and send their requests together.
hk=$(img httpreply hk kvm)
port=$(free_port)
clients="curl @
keepalive @ 20
parallel @ 8 10
held @ 500 2 8"
serve "kvm: httpreply over DHCP: curl, 20 keep-alive requests, 8 parallel connections x 10, 500 connections open at once" \
	'lwip: netdev0 \(virtio-net\) 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(dhcp\)' 1601 "$clients" 127.0.0.1 "$port" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$hk" --

# kvm: static addressing through the netdev.* parameters.
port=$(free_port)
serve "kvm: static netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2" \
	'lwip: netdev0 \(virtio-net\) 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(static\)' 5 "keepalive @ 5" 127.0.0.1 "$port" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$hk" netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 --

# linuxu over a tap device inside a network namespace.
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
	echo "skipped: linuxu tap tests (need root and ip(8) for a network namespace)"
	exit 0
fi
ns=tslwip$$
trap 'ip netns del "$ns" 2>/dev/null' EXIT
if ! { ip netns add "$ns" && ip -n "$ns" link set lo up &&
	ip -n "$ns" tuntap add dev tap0 mode tap &&
	ip -n "$ns" addr add 10.98.0.1/24 dev tap0 &&
	ip -n "$ns" link set tap0 up; } 2>"$T/ns.log"; then
	echo "skipped: linuxu tap tests (cannot set up a network namespace: $(cat "$T/ns.log"))"
	exit 0
fi
hl=$(img httpreply hl linuxu)
clients="garbage tap0 300
ping 10.98.0.2 3
curl @
keepalive @ 1000
parallel @ 16 5
parallel @ 500 2"
NETNS=$ns serve "linuxu: httpreply over tap, static address: survives 300 malformed frames, answers ping, 1000 keep-alive requests, 16 and 500 parallel connections" \
	'lwip: netdev0 \(tap\) 10\.98\.0\.2/24 gw 10\.98\.0\.1 \(static\)' 2081 "$clients" 10.98.0.2 80 \
	ip netns exec "$ns" timeout 40 "$hl" tap.name=tap0 netdev.ip=10.98.0.2/24 netdev.gw=10.98.0.1 --
