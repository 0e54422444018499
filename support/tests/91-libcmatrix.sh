#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The sample-app x C-library matrix: the cells no other group runs (the
# other groups use each app's defconfig, nolibc unless it says otherwise;
# doc/libc.md has the whole table). For each C library in LIBCS, each
# app of matrix_apps is built once for linuxu and kvm together (one build
# folder, so the C library is compiled once per app) and runs its real
# check:
#   httpreply    page, keep-alive and parallel requests (linuxu over tap,
#                kvm behind QEMU user networking with DHCP)
#   tcpecho      an echo checked by sha256 and many connections at once
#   udpecho-raw  malformed frames, ping, UDP echo over tap (linuxu, kvm)
#   fstest       the initrd listed, read, written to (linuxu, kvm)
#   unittest     the unit tests of apps/unittest's defconfig less
#                nolibc's own (vfscore's files, stdio, pipes, epoll and
#                record locks, ramfs, devfs, the syscall shim, ukmmap,
#                allocators, ...) and lwip's (loopback TCP and UDP,
#                poll, select, epoll, address conversions), linuxu only
# Builds run one after the other in the background while the checks of
# the apps already built run. Every image run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

LIBCS="musl newlib"
APPS="httpreply tcpecho udpecho-raw fstest unittest"

# matrix_apps LIBC: the apps LIBC runs (each C library runs them all).
matrix_apps() {
	echo "$APPS"
}

# matrix_lines APP: what APP's build adds to its defconfig.
matrix_lines() {
	case $1 in
	unittest)
		# The tests of the app's defconfig but nolibc's own, and
		# lwip's (sockets).
		printf '%s\n' "# CONFIG_LIBNOLIBC_TEST is not set" \
			CONFIG_LIBLWIP=y CONFIG_LIBLWIP_TEST=y ;;
	esac
}

# The builds, in order; $T/TAG/built or $T/TAG/failed when each is done.
# unittest runs on linuxu only, the other apps on both platforms.
(
	for libc in $LIBCS; do
		for app in $(matrix_apps "$libc"); do
			tag=$libc-$app plat=both
			[ "$app" != unittest ] || plat=linuxu
			mapfile -t lines < <(matrix_lines "$app")
			if libc_build "$libc" "$app" "$tag" $plat "${lines[@]}"; then
				: >"$T/$tag/built"
			else
				cat "$T/$tag/config.log" >>"$T/$tag/build.log"
				: >"$T/$tag/failed"
			fi
		done
	done
) &
builder=$!

# built LIBC APP: wait for the build; report it.
built() {
	local tag=$1-$2
	while [ ! -e "$T/$tag/built" ] && [ ! -e "$T/$tag/failed" ]; do
		kill -0 "$builder" 2>/dev/null || break
		sleep 1
	done
	if [ -e "$T/$tag/built" ]; then
		pass "$1: $2 builds"
	else
		fail "$1: $2 builds" "$(tail -n 30 "$T/$tag/build.log" 2>&1)"
		return 1
	fi
}

ns=tsmat$$
tap=1
tap_netns "$ns" 10.95.0 || tap=0

kvm_user() {
	local port=$1
	shift
	env TIMEOUT=120 MEM=64 QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:$1 -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "${@:2}"
}

check_httpreply() {
	local libc=$1 port
	built "$libc" httpreply || return
	port=$(free_port)
	httpreply_run "$libc: kvm: httpreply over DHCP: curl, 20 keep-alive requests, 8 parallel connections x 5" \
		'lwip: netdev0 \(virtio-net\) 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(dhcp\)' 61 \
		"curl @
keepalive @ 20
parallel @ 8 5" 127.0.0.1 "$port" \
		kvm_user "$port" 80 "$(img httpreply "$libc-httpreply" kvm)" --
	[ $tap = 1 ] || { skip "$libc: linuxu: httpreply over tap" "$TAP_WHY"; return; }
	NETNS=$ns httpreply_run "$libc: linuxu: httpreply over tap: malformed frames, ping, curl, 200 keep-alive requests, 16 parallel connections x 5" \
		'lwip: netdev0 \(tap\) 10\.95\.0\.2/24 gw 10\.95\.0\.1 \(static\)' 281 \
		"garbage tap0 300
ping 10.95.0.2 3
curl @
keepalive @ 200
parallel @ 16 5" 10.95.0.2 80 \
		ip netns exec "$ns" timeout 60 "$(img httpreply "$libc-httpreply" linuxu)" \
		tap.name=tap0 netdev.ip=10.95.0.2/24 netdev.gw=10.95.0.1 --
}

check_tcpecho() {
	local libc=$1 port
	built "$libc" tcpecho || return
	port=$(free_port)
	tcpecho_run "$libc: kvm: tcpecho over QEMU user networking: 4 MiB echo, 50 connections open at once" 51 \
		"echo @ 4
many @ 50 8" 127.0.0.1 "$port" \
		kvm_user "$port" 7 "$(img tcpecho "$libc-tcpecho" kvm)" \
		netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 --
	[ $tap = 1 ] || { skip "$libc: linuxu: tcpecho over tap" "$TAP_WHY"; return; }
	NETNS=$ns tcpecho_run "$libc: linuxu: tcpecho over tap: 16 MiB echo, 200 connections open at once" 201 \
		"echo @ 16
many @ 200" 10.95.0.2 7 \
		ip netns exec "$ns" timeout 120 "$(img tcpecho "$libc-tcpecho" linuxu)" \
		tap.name=tap0 netdev.ip=10.95.0.2/24 netdev.gw=10.95.0.1 --
}

check_udpecho_raw() {
	local libc=$1 ue p
	built "$libc" udpecho-raw || return
	if [ $tap = 0 ]; then
		for p in linuxu kvm; do
			skip "$libc: $p: udpecho-raw over tap" "$TAP_WHY"
		done
		return
	fi
	udpecho_tap_run "$libc: linuxu: udpecho-raw over tap survives malformed frames, answers ping and echoes UDP" \
		"$ns" 10.95.0.2 "$T/$libc-udpecho-raw/linuxu.log" \
		timeout 40 "$(img udpecho-raw "$libc-udpecho-raw" linuxu)" tap.name=tap0 -- ip=10.95.0.2 count=8
	ue=$(img udpecho-raw "$libc-udpecho-raw" kvm)
	udpecho_tap_run "$libc: kvm: udpecho-raw over tap survives malformed frames, answers ping and echoes UDP" \
		"$ns" 10.95.0.2 "$T/$libc-udpecho-raw/kvm.log" \
		env TIMEOUT=60 MEM=32 QEMU_ARGS="-netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0" \
		"$UK_ROOT/support/scripts/run" "$ue" -- ip=10.95.0.2 count=8
}

check_fstest() {
	local libc=$1 d=$T/$1-fstest out st p want hosts
	built "$libc" fstest || return
	mkdir -p "$d/root/etc" "$d/root/data"
	echo "hello from initrd" >"$d/root/etc/motd"
	ln -sf ../etc/motd "$d/root/data/link"
	"$UK_ROOT/support/scripts/mkinitrd" "$d/root" "$d/root.cpio" 2>"$d/mkinitrd.log" ||
		{ fail "$libc: mkinitrd packs fstest's files" "$(cat "$d/mkinitrd.log")"; return; }
	# With musl, posix-sysinfo (on by default) adds /etc/hosts, which
	# this initrd lacks.
	hosts=
	[ "$libc" != musl ] || hosts="
- 0644 69 /etc/hosts"
	want="d 0755 0 /data
l 0777 11 /data/link
d 0755 0 /etc$hosts
- 0644 18 /etc/motd
== /etc/motd
hello from initrd
== /data/link
hello from initrd
fstest: stdout through fd 1
fstest: ok"
	for p in linuxu kvm; do
		if [ $p = linuxu ]; then
			out=$(timeout 30 "$(img fstest "$libc-fstest" linuxu)" linuxu.initrd="$d/root.cpio" \
				-- /etc/motd /data/link </dev/null 2>&1)
		else
			out=$(QEMU_ARGS="-initrd $d/root.cpio" TIMEOUT=60 MEM=32 "$UK_ROOT/support/scripts/run" \
				"$(img fstest "$libc-fstest" kvm)" /etc/motd /data/link </dev/null 2>&1)
		fi
		st=$?
		out=$(grep -v '^\[' <<<"$out")
		[ $st = 0 ] && [ "$out" = "$want" ] &&
			pass "$libc: $p: fstest lists, reads and writes the initrd's files" ||
			fail "$libc: $p: fstest lists, reads and writes the initrd's files" "status $st: $out"
	done
}

check_unittest() {
	local libc=$1 log=$T/$1-unittest/run.log
	built "$libc" unittest || return
	timeout 120 "$(img unittest "$libc-unittest" linuxu)" </dev/null >"$log" 2>&1
	uktest_results "$libc: linuxu: " "$log" $? "$(img unittest "$libc-unittest" linuxu)"
}

for libc in $LIBCS; do
	for app in $(matrix_apps "$libc"); do
		"check_${app//-/_}" "$libc"
	done
done
wait "$builder"
