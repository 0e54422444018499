#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# lwip at its limits, with apps/tcpecho (TCP and UDP echo) on linuxu over
# a tap device in a network namespace (root only, else recorded as
# skipped): UDP datagrams of 60,000 and 65,507 bytes (fragmented both
# ways) echoed; incomplete datagrams beyond the reassembly limit evicted,
# counted and reported on the console, after which a whole one still
# gets through; a SYN flood from forged addresses (raw socket, 1000 SYNs/s
# for 6 s) during which a real client connects every second and after
# which a 1 MiB echo works, the flood reported on the console. The host
# side is netlimits-host.py; everything is bounded by timeouts.
. "$(dirname "$0")/lib.sh"

names=("linuxu: UDP datagrams of 60,000 and 65,507 bytes echoed (reassembled and fragmented by lwip)"
	"linuxu: incomplete datagrams beyond the reassembly limit are evicted and reported; a whole one still gets through"
	"linuxu: during a SYN flood from forged addresses every real client connects, and the flood is reported"
	"linuxu: after the SYN flood a 1 MiB echo works")

if ! config_build tcpecho nl; then
	fail "tcpecho builds for linuxu" "$(tail -n 30 "$T/nl/config.log" "$T/nl/build.log")"
	exit 0
fi
ns=tstlim$$
if ! tap_netns "$ns" 10.93.0; then
	for n in "${names[@]}"; do
		tap_skipped "$n"
	done
	exit 0
fi

log=$T/tcpecho.log
ip netns exec "$ns" timeout 120 "$(img tcpecho nl linuxu)" tap.name=tap0 \
	netdev.ip=10.93.0.2/24 netdev.gw=10.93.0.1 -- </dev/null >"$log" 2>&1 &
ipid=$!
at_exit "kill $ipid 2>/dev/null"
for _ in $(seq 1 100); do
	grep -q 'tcpecho: listening' "$log" && break
	kill -0 "$ipid" 2>/dev/null || break
	sleep 0.2
done
host() {
	ip netns exec "$ns" timeout 60 python3 "$HOST_TOOLS/netlimits-host.py" "$@" 2>&1
}

out=$(host bigudp 10.93.0.2 7 60000 3 && host bigudp 10.93.0.2 7 65507 2)
st=$?
[ $st = 0 ] && pass "${names[0]} ($(tr '\n' ';' <<<"$out" | sed 's/;$//; s/;/; /g'))" ||
	fail "${names[0]}" "status $st: $out; image: $(cat "$log")"

# 10 datagrams of 40 fragments each, never completed: 400 buffers, more
# than the limit (192).
out=$(host fragments 10.93.0.2 7 10 && sleep 1 && host bigudp 10.93.0.2 7 60000 1)
st=$?
out=$(tr '\n' ';' <<<"$out" | sed 's/;$//; s/;/; /g')
said=$(grep -a '^\[warn\] lwip: IP reassembly: ' "$log" | tail -n 1)
given=$(sed -n 's/.* \([0-9]*\) datagrams given up.*/\1/p' <<<"$said")
[ $st = 0 ] && [ "${given:-0}" -ge 1 ] &&
	pass "${names[1]} ($out; the image: ${said#\[warn\] })" ||
	fail "${names[1]}" "status $st: $out; image: $(cat "$log")"

out=$(host synflood 10.93.0.2 7 1000 6)
st=$?
said=$(grep -a '^\[warn\] lwip: listen backlog full' "$log" | tail -n 1)
[ $st = 0 ] && [ -n "$said" ] &&
	pass "${names[2]} ($out; the image: ${said#\[warn\] })" ||
	fail "${names[2]}" "status $st: $out; image: $(cat "$log")"

out=$(ip netns exec "$ns" timeout 60 python3 "$HOST_TOOLS/tcp-host.py" echo 10.93.0.2 7 1 2>&1)
st=$?
[ $st = 0 ] && pass "${names[3]} ($out)" || fail "${names[3]}" "status $st: $out; image: $(cat "$log")"
kill "$ipid" 2>/dev/null
wait "$ipid" 2>/dev/null
exit 0
