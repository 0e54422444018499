#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# lwip and sockets: httpreply on kvm behind QEMU user networking (DHCP,
# then static addressing, both seen in QEMU's dump of the guest's frames)
# with a hostfwd on 127.0.0.1 only, up to 500 connections open at once;
# on linuxu over a tap device in a network namespace this group creates
# (root only, else those checks are recorded as skipped), after
# malformed frames and a ping from the host, and idle without polling
# (the host's count of the process's sleeps); lwip's unit tests. Each
# run answers a fixed number of requests (count=) and exits; every run is
# bounded by a timeout.
. "$(dirname "$0")/lib.sh"

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
	uktest_results "linuxu lwip: " "$T/lut/run.log" $? "$(img unittest lut linuxu)"
else
	fail "unittest with lwip's tests builds" "$(tail -n 30 "$T/lut/build.log")"
fi

# The download cache serves every build after the first: a fresh tree
# unpacks without fetching.
fetch=$(sed -n 's/^fetch-y += //p' "$UK_ROOT/lib/lwip/Makefile.uk")
# shellcheck disable=SC2086 # the words of fetch-y
out=$("$UK_ROOT/support/scripts/fetch-source" "$UK_ROOT/lib/lwip" "$T/src/lwip" $fetch 2>&1)
if grep -q '^  UNPACK  lwip 2\.1\.3$' <<<"$out" && ! grep -q FETCH <<<"$out" &&
	[ -f "$T/src/lwip/src/core/tcp.c" ]; then
	pass "a fresh lwip tree is unpacked from the download cache without fetching"
else
	fail "a fresh lwip tree is unpacked from the download cache without fetching" "$out"
fi
# Debian's own patch series (debian/patches/series of the pinned
# debian.tar.xz) is applied first, in its order, then ours; the tree
# records both (max_sockets adds LWIP_SOCKET_OPEN_COUNT to opt.h).
want="patch9350 patch9807 CVE-2020-8597 port max_sockets cmake"
got=$(sed -n 's|^debian/patches/\([^ ]*\) .*|\1|p' "$T/src/lwip/.applied-patches" 2>/dev/null | xargs)
ours=$(sed -n 's|^.*/lib/lwip/patches/\([^ ]*\) .*|\1|p' "$T/src/lwip/.applied-patches" 2>/dev/null | xargs)
if [ "$got" = "$want" ] && grep -q '^  DEBIAN  lwip 2\.1\.3+dfsg1-2: 6 patches$' <<<"$out" &&
	[ "$(head -n 6 "$T/src/lwip/.applied-patches" | grep -c '^debian/')" = 6 ] &&
	[ "$ours" = "$(cd "$UK_ROOT/lib/lwip/patches" && echo *)" ] &&
	grep -q LWIP_SOCKET_OPEN_COUNT "$T/src/lwip/src/include/lwip/opt.h"; then
	pass "lwip: Debian's 6 patches applied in series order, then ours, listed in .applied-patches"
else
	fail "lwip: Debian's patches applied in series order, then ours" \
		"debian: $got; ours: $ours; $out; $(cat "$T/src/lwip/.applied-patches" 2>&1)"
fi

# kvm: DHCP from QEMU's user network; curl, keep-alive, parallel, and
# 500 connections open at once, every one answered. QEMU's hostfwd
# socket listens with a backlog of 1 and accepts one connection per main
# loop turn, so the host kernel drops SYNs of a burst of connects (lost
# connections after 4 SYN retries, 15 s): "held" sets connections up 8 at
# a time, then they all stay open and send their requests together.
# QEMU dumps the guest's frames (filter-dump): the DHCP exchange is read
# from there, not from the image's log.
hk=$(img httpreply hk kvm)
port=$(free_port)
dump=$T/hk/dhcp.pcap
clients="curl @
keepalive @ 20
parallel @ 8 10
held @ 500 2 8"
httpreply_run "kvm: httpreply over DHCP: curl, 20 keep-alive requests, 8 parallel connections x 10, 500 connections open at once" \
	'' 1601 "$clients" 127.0.0.1 "$port" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0 -object filter-dump,id=f0,netdev=n0,file=$dump" \
	"$UK_ROOT/support/scripts/run" "$hk" --
ex=$(dhcp_exchange "$dump")
[ "$ex" = "Discover Offer 10.0.2.15 Request ACK 10.0.2.15" ] &&
	pass "kvm: the image takes its address from QEMU's DHCP server (QEMU's packet dump: $ex)" ||
	fail "kvm: the image takes its address from QEMU's DHCP server" "DHCP in QEMU's packet dump: ${ex:-none}"

# kvm: static addressing through the netdev.* parameters: the hostfwd
# reaches the guest at 10.0.2.15, and the guest asks no DHCP server.
port=$(free_port)
dump=$T/hk/static.pcap
httpreply_run "kvm: static netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2; malformed requests answered (400, 431), then closed" \
	'' 13 "keepalive @ 5
bad @" 127.0.0.1 "$port" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0 -object filter-dump,id=f0,netdev=n0,file=$dump" \
	"$UK_ROOT/support/scripts/run" "$hk" netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 --
ex=$(dhcp_exchange "$dump")
n=$(tcpdump -r "$dump" -nn 2>/dev/null | wc -l)
[ -z "$ex" ] && [ "$n" -gt 0 ] &&
	pass "kvm: with netdev.ip= the image sends no DHCP request (QEMU's packet dump: $n frames, none DHCP)" ||
	fail "kvm: with netdev.ip= the image sends no DHCP request" "DHCP in QEMU's packet dump of $n frames: ${ex:-none}"

# linuxu over a tap device inside a network namespace (root only, else
# each check is recorded as skipped).
ns=tslwip$$
tap_netns "$ns" 10.98.0
hl=$(img httpreply hl linuxu)
clients="garbage tap0 300
ping 10.98.0.2 3
curl @
keepalive @ 1000
parallel @ 16 5
parallel @ 500 2
reuse @ 3"
name="linuxu: httpreply over tap, static address: survives 300 malformed frames, answers ping, 1000 keep-alive requests, 16 and 500 parallel connections, 3 reconnections from one port over TIME_WAIT"
tap_skipped "$name" ||
	NETNS=$ns httpreply_run "$name" '' 2084 "$clients" 10.98.0.2 80 \
		ip netns exec "$ns" timeout 40 "$hl" tap.name=tap0 netdev.ip=10.98.0.2/24 netdev.gw=10.98.0.1 --

# An idle image waits for packets in the host (the tap's descriptor is an
# interrupt line, lcpu.h) instead of polling: polling every 0.2 ms woke
# the process about 4,000 times a second; lwip's own timers need a few.
# The host's count of the process's voluntary context switches (each a
# sleep in the kernel) over 2 s, while nothing arrives, says which.
name="linuxu: idle httpreply sleeps until a packet comes, then answers"
tap_skipped "$name" && exit 0
log=$T/idle.log
ip netns exec "$ns" timeout 20 "$hl" tap.name=tap0 netdev.ip=10.98.0.2/24 -- count=1 \
	</dev/null >"$log" 2>&1 &
ipid=$!
for _ in $(seq 1 50); do
	grep -q 'httpreply: listening' "$log" && break
	sleep 0.2
done
# the image itself: timeout's child in the namespace
img_pid=$(pgrep -P "$ipid" | head -n 1)
w0=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$img_pid/status" 2>/dev/null)
sleep 2
w1=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$img_pid/status" 2>/dev/null)
r=$(ip netns exec "$ns" curl -s -m 5 http://10.98.0.2/)
wait "$ipid"
st=$?
if [ -n "$w0" ] && [ -n "$w1" ] && [ $((w1 - w0)) -lt 200 ] && [ $st = 0 ] &&
	grep -q 'Hello from Tessera' <<<"$r"; then
	pass "$name ($((w1 - w0)) wake-ups in 2 s)"
else
	fail "$name" "wake-ups: ${w0:-?} -> ${w1:-?}, status $st, curl: $r; $(cat "$log")"
fi
