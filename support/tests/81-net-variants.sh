#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Networking variants over a tap device in a network namespace this group
# creates (root only, else "skipped"), with apps/httpreply on lwip:
# kvm with QEMU's -netdev tap and static addressing; DHCP from a dnsmasq
# serving the namespace, on linuxu (tap) and on kvm. The image must get a
# lease (dnsmasq's lease file must hold its MAC and address), then answer
# ping and curl at the leased address. (kvm DHCP from QEMU's user network
# is in 85-lwip.) Every run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
PATH=$PATH:/usr/sbin:/sbin

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
	echo "skipped: tap tests (need root and ip(8) for a network namespace)"
	exit 0
fi
for c in qemu-system-x86_64 python3 curl dnsmasq; do
	command -v $c >/dev/null || { fail "$c is installed"; exit 0; }
done

kvm_build httpreply vk && pass "httpreply builds for kvm" ||
	fail "httpreply builds for kvm" "$(tail -n 30 "$T/vk/build.log")"
build httpreply vl -j2 && pass "httpreply builds for linuxu" ||
	fail "httpreply builds for linuxu" "$(tail -n 30 "$T/vl/build.log")"
hk=$(img httpreply vk kvm)
hl=$(img httpreply vl linuxu)

ns=tsvar$$
dpid=
cleanup() {
	[ -z "$dpid" ] || kill "$dpid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
if ! { ip netns add "$ns" && ip -n "$ns" link set lo up &&
	ip -n "$ns" tuntap add dev tap0 mode tap &&
	ip -n "$ns" addr add 10.96.0.1/24 dev tap0 &&
	ip -n "$ns" link set tap0 up; } 2>"$T/ns.log"; then
	echo "skipped: tap tests (cannot set up a network namespace: $(cat "$T/ns.log"))"
	exit 0
fi

# http_run NAME LOG-REGEX CMD...: start the image (CMD, in the namespace,
# answering 3 requests), wait until it listens, take its address from
# lwip's line, ping it twice and fetch the page 3 times with curl; the
# image must then exit 0 with LOG-REGEX in its log. Sets $addr.
http_run() {
	local name=$1 expect=$2 log=$T/run.$RANDOM.log out= ok=1 i r
	shift 2
	ip netns exec "$ns" "$@" count=3 </dev/null >"$log" 2>&1 &
	local pid=$!
	for i in $(seq 1 300); do
		grep -q 'httpreply: listening' "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	addr=$(sed -n 's/.*lwip: netdev0 ([a-z-]*) \([0-9.]*\)\/.*/\1/p' "$log")
	grep -q 'httpreply: listening' "$log" && [ -n "$addr" ] || ok=0
	if [ $ok = 1 ]; then
		out=$(ip netns exec "$ns" timeout 30 python3 "$here/udpecho-host.py" --ping "$addr" 2 2>&1) || ok=0
	fi
	for i in 1 2 3; do
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
	if [ $ok = 1 ] && [ $st = 0 ] && grep -qE "$expect" "$log" &&
		grep -q 'httpreply: 3 requests' "$log"; then
		pass "$name ($addr: $out)"
		return 0
	fi
	fail "$name" "clients: $out
image status $st, log:
$(cat "$log")
$([ ! -f "$T/dnsmasq.log" ] || tail -n 12 "$T/dnsmasq.log")"
	return 1
}

tapnet="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0"

http_run "kvm: httpreply over -netdev tap, static netdev.ip=10.96.0.3/24: ping and curl" \
	'lwip: netdev0 \(virtio-net\) 10\.96\.0\.3/24 gw 10\.96\.0\.1 \(static\)' \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="$tapnet" "$UK_ROOT/support/scripts/run" "$hk" \
	netdev.ip=10.96.0.3/24 netdev.gw=10.96.0.1 --

# A DHCP server for the namespace (a fresh lease file per group run).
leases=$T/dnsmasq.leases
: >"$leases"
ip netns exec "$ns" dnsmasq --keep-in-foreground --no-resolv --no-hosts \
	--port=0 --user=root --interface=tap0 --bind-interfaces \
	--dhcp-range=10.96.0.50,10.96.0.59,255.255.255.0,1h \
	--dhcp-leasefile="$leases" --log-dhcp --log-facility="$T/dnsmasq.log" \
	--pid-file="$T/dnsmasq.pid" >"$T/dnsmasq.out" 2>&1 &
dpid=$!
sleep 0.5
if ! kill -0 "$dpid" 2>/dev/null; then
	fail "dnsmasq serves DHCP in the namespace" "$(cat "$T/dnsmasq.out" "$T/dnsmasq.log" 2>/dev/null)"
	exit 0
fi

# lease_check NAME MAC-REGEX: dnsmasq's lease file names $addr for MAC.
lease_check() {
	if grep -qE "^[0-9]+ $2 $addr " "$leases"; then
		pass "$1"
	else
		fail "$1" "address $addr; leases:
$(cat "$leases")
$(tail -n 20 "$T/dnsmasq.log")"
	fi
}

# QEMU has used tap0 just before (and set its virtio-net header size to
# 12 bytes): the linuxu tap driver must set the size it uses.
addr=
http_run "linuxu: httpreply over tap gets a DHCP lease from dnsmasq, answers ping and curl" \
	'lwip: netdev0 \(tap\) 10\.96\.0\.5[0-9]/24 gw 10\.96\.0\.1 \(dhcp\)' \
	timeout 60 "$hl" tap.name=tap0 -- &&
	lease_check "linuxu: dnsmasq's lease file holds the address for the tap device's MAC 02:54:00:12:34:57" \
		'02:54:00:12:34:57'

addr=
http_run "kvm: httpreply over -netdev tap gets a DHCP lease from dnsmasq, answers ping and curl" \
	'lwip: netdev0 \(virtio-net\) 10\.96\.0\.5[0-9]/24 gw 10\.96\.0\.1 \(dhcp\)' \
	env TIMEOUT=60 MEM=32 QEMU_ARGS="$tapnet,mac=52:54:00:96:00:05" \
	"$UK_ROOT/support/scripts/run" "$hk" -- &&
	lease_check "kvm: dnsmasq's lease file holds the address for the guest's MAC 52:54:00:96:00:05" \
		'52:54:00:96:00:05'
