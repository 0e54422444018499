#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Networking variants over a tap device in a network namespace this group
# creates (root only, else every check is recorded as skipped), with
# apps/httpreply on lwip:
# kvm with QEMU's -netdev tap and static addressing; DHCP from a dnsmasq
# serving the namespace, on linuxu (tap) and on kvm. The image must get a
# lease (dnsmasq's lease file must hold its MAC and address), then answer
# ping and curl at the leased address. (kvm DHCP from QEMU's user network
# is in 85-lwip.) Every run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

for c in qemu-system-x86_64 python3 curl dnsmasq; do
	command -v $c >/dev/null || { fail "$c is installed"; exit 0; }
done

kvm_build httpreply vk && pass "httpreply for the tap variants builds for kvm" ||
	fail "httpreply for the tap variants builds for kvm" "$(tail -n 30 "$T/vk/build.log")"
build httpreply vl -j2 && pass "httpreply for the tap variants builds for linuxu" ||
	fail "httpreply for the tap variants builds for linuxu" "$(tail -n 30 "$T/vl/build.log")"
hk=$(img httpreply vk kvm)
hl=$(img httpreply vl linuxu)

ns=tsvar$$
tap_netns "$ns" 10.96.0

# http_run NAME ADDR LEASE-NAME CMD...: start the image (CMD, in the
# namespace, answering 3 requests), wait until it listens at ADDR, ping it
# twice and fetch the page 3 times with curl; the image must then exit 0.
# With a MAC address for ADDR, the image's address is the one dnsmasq's
# lease file holds for that MAC, and that lease is the check LEASE-NAME
# ("-" for none).
http_run() {
	local name=$1 addr=$2 lname=$3 log=$T/run.$RANDOM.log out="" ok=1 i r mac=""
	shift 3
	if [ "$lname" != - ]; then
		mac=$addr
		addr=
	fi
	if tap_skipped "$name"; then
		[ -z "$mac" ] || tap_skipped "$lname"
		return
	fi
	ip netns exec "$ns" "$@" count=3 </dev/null >"$log" 2>&1 &
	local pid=$!
	for i in $(seq 1 300); do
		grep -q 'httpreply: listening' "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	grep -q 'httpreply: listening' "$log" || ok=0
	if [ -n "$mac" ]; then
		# dnsmasq writes the lease file just after it acknowledges
		for i in $(seq 1 50); do
			addr=$(awk -v m="$mac" '$2 == m { print $3 }' "$leases")
			[ -z "$addr" ] || [ $ok = 0 ] || break
			sleep 0.1
		done
		if [ $ok = 1 ] && [[ $addr =~ ^10\.96\.0\.5[0-9]$ ]]; then
			pass "$lname ($addr)"
		else
			fail "$lname" "lease file:
$(cat "$leases")
$(tail -n 20 "$T/dnsmasq.log")"
			ok=0
		fi
	fi
	if [ $ok = 1 ]; then
		out=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --ping "$addr" 2 2>&1) || ok=0
	fi
	for _ in 1 2 3; do
		[ $ok = 1 ] || break
		if r=$(ip netns exec "$ns" timeout 10 curl -s "http://$addr/") &&
			grep -q 'Hello from Tessera' <<<"$r"; then
			out+="; curl got the page"
		else
			out+="; curl failed: $r"
			ok=0
		fi
	done
	[ $ok = 1 ] || kill "$pid" 2>/dev/null
	wait "$pid"
	local st=$?
	if [ $ok = 1 ] && [ $st = 0 ]; then
		pass "$name ($addr: $out)"
	else
		fail "$name" "address ${addr:-none}; clients: $out
image status $st, log:
$(cat "$log")"
	fi
}

tapnet="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0"

http_run "kvm: httpreply over -netdev tap, static netdev.ip=10.96.0.3/24: ping and curl" 10.96.0.3 - \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="$tapnet" "$UK_ROOT/support/scripts/run" "$hk" \
	netdev.ip=10.96.0.3/24 netdev.gw=10.96.0.1 --

# A DHCP server for the namespace (a fresh lease file per group run).
leases=$T/dnsmasq.leases
if [ -z "$TAP_WHY" ]; then
	: >"$leases"
	ip netns exec "$ns" dnsmasq --keep-in-foreground --no-resolv --no-hosts \
		--port=0 --user=root --interface=tap0 --bind-interfaces \
		--dhcp-range=10.96.0.50,10.96.0.59,255.255.255.0,1h \
		--dhcp-leasefile="$leases" --log-dhcp --log-facility="$T/dnsmasq.log" \
		--pid-file="$T/dnsmasq.pid" >"$T/dnsmasq.out" 2>&1 &
	at_exit "kill $! 2>/dev/null"
	sleep 0.5
	if ! kill -0 $! 2>/dev/null; then
		fail "dnsmasq serves DHCP in the namespace" "$(cat "$T/dnsmasq.out" "$T/dnsmasq.log" 2>/dev/null)"
		exit 0
	fi
fi

# QEMU has used tap0 just before (and set its virtio-net header size to
# 12 bytes): the linuxu tap driver must set the size it uses.
http_run "linuxu: httpreply over tap answers ping and curl at its DHCP address" 02:54:00:12:34:57 \
	"linuxu: dnsmasq's lease file holds an address for the tap device's MAC 02:54:00:12:34:57" \
	timeout 60 "$hl" tap.name=tap0 --
http_run "kvm: httpreply over -netdev tap answers ping and curl at its DHCP address" 52:54:00:96:00:05 \
	"kvm: dnsmasq's lease file holds an address for the guest's MAC 52:54:00:96:00:05" \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="$tapnet,mac=52:54:00:96:00:05" \
	"$UK_ROOT/support/scripts/run" "$hk" --
