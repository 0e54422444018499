#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Memory of a network server: httpreply on kvm with -m 8 (the goal size)
# behind QEMU user networking holds 100 connections open at once and
# answers a request on each, then exits after a fixed count; the run is
# bounded by a timeout. support/bench/run netmem finds the smallest -m.
. "$(dirname "$0")/lib.sh"
mem=8

if ! kvm_build httpreply nm; then
	fail "httpreply builds for kvm" "$(tail -n 30 "$T/nm/build.log")"
	exit 0
fi
hk=$(img httpreply nm kvm)
port=$(free_port)
# 100 first requests while the connections are set up, 100 once all are
# open: the image exits after 200.
httpreply_run "kvm -m $mem: httpreply serves 100 connections open at once" \
	'' 200 "held @ 100 1 8" 127.0.0.1 "$port" \
	env TIMEOUT=90 MEM=$mem QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device virtio-net-pci,netdev=n0" \
	"$UK_ROOT/support/scripts/run" "$hk" --
