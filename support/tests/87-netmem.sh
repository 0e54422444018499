#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Memory of a network server: httpreply on kvm with -m 8 (the goal size)
# behind QEMU user networking holds 100 connections open at once and
# answers a request on each, then exits after a fixed count; the run is
# bounded by a timeout. support/bench/run netmem finds the smallest -m.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
mem=8

if ! kvm_build httpreply nm; then
	fail "httpreply builds for kvm" "$(tail -n 30 "$T/nm/build.log")"
	exit 0
fi
hk=$(img httpreply nm kvm)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$T/nm/run.log
# 100 first requests while the connections are set up, 100 once all are
# open: the image exits after 200.
TIMEOUT=90 MEM=$mem QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$hk" -- count=200 </dev/null >"$log" 2>&1 &
qpid=$!
for _ in $(seq 1 200); do
	grep -q 'httpreply: listening' "$log" && break
	kill -0 "$qpid" 2>/dev/null || break
	sleep 0.2
done
out=$(timeout 60 python3 "$here/http-host.py" held 127.0.0.1 "$port" 100 1 8 2>&1)
cst=$?
[ $cst = 0 ] || kill "$qpid" 2>/dev/null
wait "$qpid"
qst=$?
if [ $cst = 0 ] && [ $qst = 0 ] && grep -q 'httpreply: 200 requests on 100 connections' "$log"; then
	pass "kvm -m $mem: httpreply serves 100 connections open at once ($out)"
else
	fail "kvm -m $mem: httpreply serves 100 connections open at once" "client: $out
image status $qst, log:
$(cat "$log")"
fi
