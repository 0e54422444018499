# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
#
# Helpers for test groups (sourced). A group is a bash script that calls
# these; support/scripts/test counts the results.
#   pass NAME | fail NAME DETAIL [N] record one result (N: DETAIL lines
#                                    shown, 40 by default, 0 all)
#   skip NAME REASON                 record a check that could not run here
#                                    (never a pass; CI fails on any skip)
#   check NAME CMD...                pass when CMD succeeds
#   expect_status NAME N CMD...      pass when CMD exits with status N
#   expect_output NAME PATTERN FILE  pass when FILE matches grep -E PATTERN
#   build APP TAG [make args]        build APP with .config and build folder
#                                    under $T/TAG ($T: the group's folder)
#   config_build APP TAG [CONFIG_LINE..] the app's defconfig plus
#                                    CONFIG_LINEs; shared by equal builds
#   kvm_build APP TAG [CONFIG_LINE..] the same for kvm only
#   unittest_build TAG [SCHED]       apps/unittest (defconfig.SCHED) for
#                                    linuxu, kvm and xen: one shared build
#   libc_build LIBC APP TAG PLAT [..] the same with a C library, for
#                                    linuxu, kvm or both
#   krun IMAGE ARGS...               boot a kvm image with a timeout
#   libccheck_results PREFIX OUT ST  one result for an apps/libccheck run
#   uktest_results PREFIX LOG STATUS IMAGE
#                                    one result for a uktest run of IMAGE
#                                    (its output in LOG), held against
#                                    IMAGE.dbg's symbols
# Network apps (see each function):
#   free_port [udp]                  a free TCP (UDP) port on 127.0.0.1
#   at_exit CMD                      run CMD when the group exits
#   tap_netns NS SUBNET              a namespace NS with tap0 at SUBNET.1/24
#                                    (else $TAP_WHY says why not)
#   tap_add NS DEV SUBNET [multi_queue]  one more tap in NS
#   tap_skipped NAME                 records NAME as skipped without a tap
#   link_counter NS DEV COUNTER      the host kernel's count for DEV
#   capture_start FILE NS DEV [FILTER] | capture_stop FILE   tcpdump
#   udp_checksums PCAP SRC           complete or partial UDP checksums
#   dhcp_exchange PCAP               the DHCP messages in PCAP
#   qemu_trace FILE EVENT...         QEMU_ARGS for a trace (qemu-trace.py)
#   virtio_irq_mode TRACE DEVTYPE    MSI-X, INTx or polling, from a trace
#   httpreply_run ...                httpreply answers clients, then exits
#   tcpecho_run ...                  tcpecho echoes clients, then exits
#   udpecho_tap_run ...              udpecho-raw answers ping and UDP on tap0
set -u
: "${UK_ROOT:?run through support/scripts/test}"
: "${UK_TEST_TMP:?run through support/scripts/test}"
# Each group has a folder of its own: groups run side by side.
T=$UK_TEST_TMP/$(basename "$0" .sh)
mkdir -p "$T"

pass() {
	echo "ok   $1"
	echo "pass $1" >>"$UK_TEST_RESULTS"
}

fail() {
	echo "FAIL $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" |
		if [ "${3:-40}" = 0 ]; then cat; else head -n "${3:-40}"; fi |
		sed 's/^/     | /'
	echo "fail $1" >>"$UK_TEST_RESULTS"
}

skip() {
	echo "skip $1: $2"
	echo "skip $1: $2" >>"$UK_TEST_RESULTS"
}

check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$out"
	fi
}

expect_status() {
	local name=$1 want=$2 out st
	shift 2
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit status $st, expected $want; output:
$out"
	fi
}

expect_output() {
	if grep -qE -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/ in:
$(cat "$3")"
	fi
}

# build APP TAG [make args...]: configuration and objects under $T/TAG.
build() {
	local app=$1 tag=$2
	shift 2
	mkdir -p "$T/$tag"
	make --no-print-directory -C "$UK_ROOT/apps/$app" O="$T/$tag/build" C="$T/$tag/.config" \
		"$(dwarf "$app")" "$@" >"$T/$tag/build.log" 2>&1
}

# dwarf APP: the make variable that gives APP's build its debug
# information. The suite compiles without it (UK_DWARF=0, set by
# support/scripts/test): -g does not change the code, and a cold run
# spends less CPU. apps/plattest keeps it: its crash checks read
# file:line in backtraces.
dwarf() {
	[ "$1" = plattest ] && echo UK_DWARF=1 || echo "UK_DWARF=${UK_DWARF:-}"
}

# img APP TAG PLAT: path of a built image.
img() {
	echo "$T/$2/build/$1_$3-x86_64"
}

# config_build APP TAG [CONFIG_LINE...]: APP from its defconfig (or
# from the file $CONFIG_BASE) with the CONFIG_LINEs on top (a line
# replaces the defconfig's line for the same symbol). The builds of one run from the same app and lines share one
# folder, in any group: $T/TAG/build, .config, config.log and build.log
# link to it, so each image is built once (a group that needs it while
# another builds it waits) and a failed build fails for each of its users.
# Users only read a shared build; one that rebuilds uses build().
config_build() {
	local app=$1 tag=$2 def key dir f lock
	local base=${CONFIG_BASE:-$UK_ROOT/apps/$app/defconfig}
	shift 2
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		[ ! -f "$base" ] ||
			grep -v -F -f <(printf '%s\n' "$@" | grep -oE 'CONFIG_[A-Z0-9_]+' ||
				echo CONFIG_NONE_) "$base"
		printf '%s\n' "$@"
	} >"$def"
	key=$({ echo "$app"; cat "$def"; } | sha256sum | cut -c1-16)
	dir=$UK_TEST_TMP/shared/$app-$key
	mkdir -p "$dir"
	exec {lock}>"$dir/.lock"
	flock "$lock"
	if [ ! -e "$dir/status" ]; then
		SECONDS=0
		if make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" \
			O="$dir/build" C="$dir/.config" defconfig DEFCONFIG="$def" \
			>"$dir/config.log" 2>&1 &&
			make --no-print-directory -C "$UK_ROOT/apps/$app" O="$dir/build" \
			C="$dir/.config" "$(dwarf "$app")" -j2 >"$dir/build.log" 2>&1; then
			echo 0 >"$dir/status"
		else
			echo 1 >"$dir/status"
		fi
		echo "$SECONDS $app/$tag" >>"$UK_TEST_TMP/.build-times"
	fi
	exec {lock}>&-
	for f in build .config config.log build.log; do
		ln -sfn "$dir/$f" "$T/$tag/$f"
	done
	[ "$(cat "$dir/status")" = 0 ]
}

# kvm_build APP TAG [CONFIG_LINE...]: the app's defconfig plus kvm only.
kvm_build() {
	local app=$1 tag=$2
	shift 2
	config_build "$app" "$tag" CONFIG_PLAT_KVM=y "# CONFIG_PLAT_LINUXU is not set" "$@"
}

# unittest_build TAG [SCHED]: apps/unittest from its defconfig (or
# defconfig.SCHED) for linuxu, kvm and xen at once: the groups that run
# its images on each platform share one compilation of the libraries.
unittest_build() {
	CONFIG_BASE=$UK_ROOT/apps/unittest/defconfig${2:+.$2} config_build unittest "$1" \
		CONFIG_PLAT_LINUXU=y CONFIG_PLAT_KVM=y CONFIG_PLAT_XEN=y
}

# libc_build LIBC APP TAG PLAT [CONFIG_LINE...]: the app's defconfig with
# C library LIBC (musl, newlib, nolibc) for PLAT: linuxu, kvm, or both
# (one build folder, so the C library is compiled once for the two).
libc_build() {
	local libc=$1 app=$2 tag=$3 plat=$4 lines=() l
	shift 4
	for l in NOLIBC MUSL NEWLIB; do
		[ "$l" = "${libc^^}" ] && lines+=("CONFIG_LIBC_$l=y") ||
			lines+=("# CONFIG_LIBC_$l is not set")
	done
	case $plat in
	linuxu) lines+=(CONFIG_PLAT_LINUXU=y "# CONFIG_PLAT_KVM is not set") ;;
	kvm) lines+=(CONFIG_PLAT_KVM=y "# CONFIG_PLAT_LINUXU is not set") ;;
	both) lines+=(CONFIG_PLAT_LINUXU=y CONFIG_PLAT_KVM=y) ;;
	esac
	config_build "$app" "$tag" "${lines[@]}" "$@"
}

# krun IMAGE ARGS...: boot a kvm image (TIMEOUT 60 s and MEM 32 MiB unless
# set), no input.
krun() {
	TIMEOUT=${TIMEOUT:-60} MEM=${MEM:-32} "$UK_ROOT/support/scripts/run" "$@" </dev/null
}

# uktest_results PREFIX LOG STATUS IMAGE: one check for a uktest run of
# IMAGE (its output in LOG, its exit status STATUS). Held against
# IMAGE.dbg's symbol table (one uk_test_desc_* per case), the image must
# print the number of cases it holds, every selected case must report
# once (PASS, FAIL or SKIP) under a name the image holds, the closing line
# must add up to those lines, the status must be 0 exactly when no case
# failed, and something must pass. The check's name gives the counts and
# every in-image skip with its reason; a failure lists every failing case
# with its lines.
uktest_results() {
	local prefix=$1 log=$2 st=$3 image=${4:-} dbg='' out syms='' nsym=''
	local head ncomp='' nsel='' res np nf ns sum names why='' cases skips detail
	out=$(tr -d '\r' <"$log" 2>/dev/null)
	# The cases as the image holds them, as suite_name (a static symbol
	# may carry an LTO suffix after a dot).
	if [ -z "$image" ]; then
		why+=$'\n'"no image given: its cases cannot be counted from outside"
	else
		dbg=${image%.dbg}.dbg
		if ! syms=$(nm "$dbg" 2>&1); then
			why+=$'\n'"nm $dbg: $syms"
			syms=
		else
			syms=$(awk '$NF ~ /^uk_test_desc_/ { n = $NF
				sub(/^uk_test_desc_/, "", n); sub(/\..*/, "", n); print n }' <<<"$syms")
			nsym=$(grep -c . <<<"$syms")
		fi
	fi
	head=$(sed -nE 's/^uktest: ([0-9]+) cases compiled in, ([0-9]+) selected$/\1 \2/p' <<<"$out")
	res=$(grep -E '^(PASS [^ ]+|FAIL [^ ]+|SKIP [^ ]+: .*)$' <<<"$out")
	np=$(grep -c '^PASS' <<<"$res")
	nf=$(grep -c '^FAIL' <<<"$res")
	ns=$(grep -c '^SKIP' <<<"$res")
	sum=$(sed -nE 's/^uktest: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/p' <<<"$out")

	if [ -z "$head" ] || [ "$(wc -l <<<"$head")" != 1 ]; then
		why+=$'\n'"no single 'uktest: N cases compiled in, M selected' line"
	else
		read -r ncomp nsel <<<"$head"
		[ -z "$nsym" ] || [ "$nsym" = "$ncomp" ] ||
			why+=$'\n'"$dbg holds $nsym cases (uk_test_desc_*), the image says $ncomp"
		[ "$nsel" -le "$ncomp" ] || why+=$'\n'"$nsel cases selected of only $ncomp"
		[ $((np + nf + ns)) = "$nsel" ] ||
			why+=$'\n'"$((np + nf + ns)) of $nsel selected cases reported (the last: $(tail -n 1 <<<"$res"))"
	fi
	# Every name once, and one the image holds.
	names=$(sed -E 's/^[A-Z]+ ([^ :]+).*/\1/' <<<"$res" | sort | uniq -d)
	[ -z "$names" ] || why+=$'\n'"reported more than once: $(paste -sd " " <<<"$names")"
	if [ -n "$syms" ] && [ -n "$res" ]; then
		names=$(sed -E 's/^[A-Z]+ ([^ :.]+)\.([^ :]+).*/\1_\2/' <<<"$res" | grep -vxF -f <(echo "$syms"))
		[ -z "$names" ] || why+=$'\n'"reported but not in $dbg: $(paste -sd " " <<<"$names")"
	fi
	if [ -z "$sum" ] || [ "$(wc -l <<<"$sum")" != 1 ]; then
		why+=$'\n'"no single closing 'uktest: N passed, N failed, N skipped' line"
	elif [ "$sum" != "$np $nf $ns" ]; then
		why+=$'\n'"the closing line says ${sum// //} passed/failed/skipped, the case lines $np/$nf/$ns"
	fi
	if [ "$nf" = 0 ]; then
		[ "$st" = 0 ] || why+=$'\n'"exit status $st, but no case failed"
	else
		[ "$st" != 0 ] || why+=$'\n'"exit status 0, but failed cases: $nf"
	fi
	[ "$np" -gt 0 ] || why+=$'\n'"no case passed"

	if [ -z "$nsel" ]; then
		cases="$((np + nf + ns)) cases reported"
	elif [ "$nsel" = "$ncomp" ]; then
		cases="$nsel cases"
	else
		cases="$nsel of $ncomp cases"
	fi
	# In-image skips grouped by reason: "a.b, c.d (needs a scheduler)".
	skips=$(sed -nE 's/^SKIP ([^ :]+): (.*)$/\2\t\1/p' <<<"$res" | sort -s -t $'\t' -k1,1 |
		awk -F '\t' '$1 != r { if (NR > 1) printf "%s (%s); ", l, r; r = $1; l = $2; next }
			{ l = l ", " $2 } END { if (NR) printf "%s (%s)", l, r }')
	if [ -z "$why" ] && [ "$nf" = 0 ]; then
		pass "${prefix}unit tests ($cases: $np passed, $ns skipped${skips:+: $skips})"
		return
	fi
	detail=${why#$'\n'}
	if [ "$nf" != 0 ]; then
		# A FAIL line and its "     file:line: ..." lines: other output
		# may be the next case's, which prints its line only at its end.
		detail+=${detail:+$'\n'}$(awk '/^(PASS|FAIL|SKIP) |^uktest: / { p = 0 }
			/^FAIL / { p = 1; print; next } p && /^     [^ ]/' <<<"$out")
	fi
	[ -z "$why" ] || detail+=$'\n'"exit status $st; the log ends:"$'\n'$(tail -n 15 <<<"$out")
	fail "${prefix}unit tests ($cases: $nf failed, $np passed, $ns skipped${skips:+: $skips})" \
		"$detail" 0
}

# libccheck_results PREFIX OUTPUT STATUS: apps/libccheck's run in one
# configuration is one check; a failure lists every failing line. Every
# line the summary counts must be there, and the run must end with
# status 0.
libccheck_results() {
	local prefix=$1 out=$2 st=$3 np nf sum
	np=$(grep -c '^PASS ' <<<"$out")
	nf=$(grep -c '^FAIL ' <<<"$out")
	sum=$(grep -xE 'libccheck: [0-9]+ passed, [0-9]+ failed' <<<"$out")
	if [ "$st" = 0 ] && [ "$nf" = 0 ] && [ "$np" -gt 0 ] &&
		[ "$sum" = "libccheck: $np passed, 0 failed" ]; then
		pass "${prefix}libccheck: all $np checks pass"
	else
		fail "${prefix}libccheck: $nf of $((np + nf)) checks fail" \
			"status $st, summary '${sum:-none}'; $(grep '^FAIL ' <<<"$out")
$(tail -n 5 <<<"$out")" 0
	fi
}

# ---- network apps -----------------------------------------------------------
HOST_TOOLS=$UK_ROOT/support/tests
# ip, dnsmasq and tcpdump live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

# free_port [udp]: a free TCP (or UDP) port on 127.0.0.1.
free_port() {
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1:] == ["udp"] else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' "$@"
}

# at_exit CMD: run the shell command CMD when the group exits (the last
# one added first). Namespaces, servers and captures are cleaned up so.
AT_EXIT=()
at_exit() {
	AT_EXIT=("$1" "${AT_EXIT[@]}")
	# shellcheck disable=SC2154 # _c is the loop variable inside the trap string
	trap 'for _c in "${AT_EXIT[@]}"; do eval "$_c"; done' EXIT
}

# tap_netns NS SUBNET: create network namespace NS holding tap0 with
# address SUBNET.1/24 (SUBNET is three bytes, "10.97.0"), deleted when the
# group exits. Fails with the reason in $TAP_WHY when that is not
# possible (needs root, ip(8) and /dev/net/tun); the caller then records
# each tap check with tap_skipped.
TAP_WHY=
tap_netns() {
	local ns=$1 net=$2
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || [ ! -c /dev/net/tun ]; then
		TAP_WHY="need root, ip(8) and /dev/net/tun for a network namespace with a tap device"
		return 1
	fi
	at_exit "ip netns del '$ns' 2>/dev/null"
	if ! TAP_WHY=$({ ip netns add "$ns" && ip -n "$ns" link set lo up &&
		tap_add "$ns" tap0 "$net"; } 2>&1); then
		TAP_WHY="cannot set up a network namespace: $TAP_WHY"
		return 1
	fi
	TAP_WHY=
}

# tap_add NS DEV SUBNET [multi_queue]: one more tap device DEV in NS at
# SUBNET.1/24 (IPv6 off: no router solicitations to answer).
tap_add() {
	ip -n "$1" tuntap add dev "$2" mode tap ${4:+"$4"} || return
	[ ! -d /proc/sys/net/ipv6 ] || ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1" || return
	ip -n "$1" addr add "$3.1/24" dev "$2" &&
		ip -n "$1" link set "$2" up
}

# tap_skipped NAME: when tap_netns failed, record the check NAME as
# skipped (with the reason) and succeed; otherwise fail, so that
# "tap_skipped NAME || run the check" does one or the other.
tap_skipped() {
	[ -n "$TAP_WHY" ] || return 1
	skip "$1" "$TAP_WHY"
}

# link_counter NS DEV COUNTER: a statistics counter of DEV in NS, as the
# host's kernel counts it. On a tap: tx_packets, frames from the host
# that the image (or QEMU) has read; tx_dropped, frames from the host
# dropped unread; rx_packets, frames the image wrote.
link_counter() {
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"
}

# capture_start FILE NS DEV [FILTER...]: tcpdump writes the frames on DEV
# in namespace NS to FILE (pcap) until capture_stop FILE; it returns once
# tcpdump listens. Fails when tcpdump is missing ($CAPTURE_WHY says so).
CAPTURE_WHY=
capture_start() {
	local f=$1 ns=$2 dev=$3 i
	shift 3
	if ! command -v tcpdump >/dev/null; then
		CAPTURE_WHY="tcpdump is not installed (support/scripts/install-deps)"
		return 1
	fi
	ip netns exec "$ns" tcpdump --immediate-mode -B 16384 -U -n -i "$dev" -w "$f" "$@" 2>"$f.err" &
	echo $! >"$f.pid"
	at_exit "kill $! 2>/dev/null"
	for i in $(seq 1 50); do
		grep -q "listening on" "$f.err" 2>/dev/null && return 0
		sleep 0.1
	done
	CAPTURE_WHY="tcpdump did not start: $(cat "$f.err")"
	return 1
}

# capture_stop FILE: stop the capture started with capture_start FILE.
capture_stop() {
	local pid
	pid=$(cat "$1.pid")
	sleep 0.2
	kill -INT "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# udp_checksums PCAP SRC: how the UDP datagrams from SRC in PCAP carry
# their checksum, as tcpdump verifies it: "N complete, M partial". A
# partial one (the pseudo header's sum only) means that the sender left
# the checksum to the device (transmit checksum offload).
udp_checksums() {
	tcpdump -r "$1" -nn -vv "udp and src host $2" 2>/dev/null |
		awk '/udp sum ok/ {ok++} /bad udp cksum/ {bad++}
			END {printf "%d complete, %d partial\n", ok, bad}'
}

# dhcp_exchange PCAP: the DHCP messages in PCAP in order, each as its
# type and, for an Offer or ACK, the address offered: "Discover Offer
# 10.0.2.15 Request ACK 10.0.2.15"; empty without DHCP.
dhcp_exchange() {
	tcpdump -r "$1" -nn -vv 'udp port 67 or udp port 68' 2>/dev/null | awk '
		/Your-IP/ { ip = $2 }
		/DHCP-Message \(53\)/ { t = $NF; printf "%s%s", sep, t; sep = " "
			if ((t == "Offer" || t == "ACK") && ip != "") printf " %s", ip; ip = "" }
		END { if (sep != "") print "" }'
}

# qemu_trace FILE EVENT...: QEMU arguments (for QEMU_ARGS) that log the
# trace EVENTs to FILE; support/tests/qemu-trace.py reads it.
qemu_trace() {
	local f=$1 e a=
	shift
	for e; do a+="${a:+,}trace:$e"; done
	rm -f "$f"
	echo "-d $a -D $f"
}

# virtio_irq_mode TRACE DEVTYPE: how the virtio devices of QEMU type
# DEVTYPE (virtio-net-pci) interrupted the guest, from a trace of the
# events in $VIRTIO_IRQ_EVENTS: "MSI-X: ...", "INTx: ...", "polling: ...".
VIRTIO_IRQ_EVENTS="virtio_notify virtio_notify_irqfd msix_write_config ioapic_set_irq"
virtio_irq_mode() {
	python3 "$HOST_TOOLS/qemu-trace.py" irq "$1" "$2"
}

# httpreply_run NAME EXPECT-LOG COUNT CLIENTS HOST PORT RUN-CMD...: start
# the httpreply image (RUN-CMD), wait until it says it listens, run the
# clients (one per line in CLIENTS, "@" standing for HOST PORT; "curl @"
# fetches the page with curl, "ping HOST N" and "garbage IFNAME N" are
# udpecho-host.py's, anything else http-host.py's arguments), then the
# image must exit 0 after COUNT requests with EXPECT-LOG (a grep -E
# pattern, or "" for none) in its log. $NETNS, when set, runs the clients
# in that namespace.
httpreply_run() {
	local name=$1 expect=$2 count=$3 clients=$4 host=$5 port=$6 log out= qst ok=1 line r
	shift 6
	log=$T/serve.$port.$RANDOM.log
	"$@" count="$count" </dev/null >"$log" 2>&1 &
	local qpid=$!
	local nsx=()
	[ -z "${NETNS:-}" ] || nsx=(ip netns exec "$NETNS")
	for _ in $(seq 1 300); do
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
			# shellcheck disable=SC2086 # split on purpose
			out+=$'\n'$("${nsx[@]}" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --$line 2>&1) || ok=0
			continue ;;
		esac
		# shellcheck disable=SC2086 # the client line is split on purpose
		out+=$'\n'$("${nsx[@]}" timeout 40 python3 "$HOST_TOOLS/http-host.py" $line 2>&1) || ok=0
	done <<<"$clients"
	[ $ok = 1 ] || kill "$qpid" 2>/dev/null
	wait "$qpid"
	qst=$?
	if [ $ok = 1 ] && [ $qst = 0 ] && { [ -z "$expect" ] || grep -qE "$expect" "$log"; } &&
		grep -q "httpreply: $count requests" "$log"; then
		pass "$name ($(tail -n +2 <<<"$out" | tr '\n' ';' | sed 's/;$//; s/;/; /g'))"
	else
		fail "$name" "clients: $out
image status $qst, log:
$(cat "$log")"
	fi
}

# tcpecho_run NAME COUNT CLIENTS HOST PORT RUN-CMD...: start the tcpecho
# image, wait until it listens, run each line of CLIENTS as tcp-host.py's
# arguments ("@" stands for HOST PORT), then the image must exit 0 after
# COUNT connections. $NETNS, when set, runs the clients in that namespace.
tcpecho_run() {
	local name=$1 count=$2 clients=$3 hst=$4 port=$5 log out='' ok=1 line st
	shift 5
	log=$T/echo.$port.$RANDOM.log
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
		out+=$'\n'$("${nsx[@]}" timeout 150 python3 "$HOST_TOOLS/tcp-host.py" $line 2>&1) || ok=0
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

# udpecho_wait NS ADDR PID: until the udpecho-raw image PID answers a
# ping at ADDR from namespace NS (its device is up: frames sent before
# might be dropped), it ends, or 60 s have passed.
udpecho_wait() {
	local i
	for i in $(seq 1 60); do
		ip netns exec "$1" timeout 5 python3 "$HOST_TOOLS/udpecho-host.py" --ping "$2" 1 \
			>/dev/null 2>&1 && return 0
		kill -0 "$3" 2>/dev/null || return 1
	done
	return 1
}

# udpecho_tap_run NAME NS ADDR LOG CMD...: the udpecho-raw image (CMD, run
# in namespace NS, answering 8 datagrams at ADDR on tap0, its output in
# LOG) survives 300 malformed frames, then answers 3 pings and echoes 8
# datagrams, and exits 0. The tap's own counters (the kernel counts a
# frame as sent when the image reads it) show that the image read every
# malformed frame, the pings and the datagrams, and the host dropped none.
# Leaves the clients' output in $UDPECHO_OUT.
udpecho_tap_run() {
	local name=$1 ns=$2 addr=$3 log=$4 pid st st0 st1 st2 out0 out1 out2 tx0 tx1 drop0 drop1 want
	shift 4
	tx0=$(link_counter "$ns" tap0 tx_packets)
	drop0=$(link_counter "$ns" tap0 tx_dropped)
	ip netns exec "$ns" "$@" >"$log" 2>&1 </dev/null &
	pid=$!
	udpecho_wait "$ns" "$addr" "$pid"
	# Malformed frames first: the image must survive and keep serving.
	out0=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --garbage tap0 300 2>&1)
	st0=$?
	out1=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --ping "$addr" 3 2>&1)
	st1=$?
	out2=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" "$addr" 7 8 25 2>&1)
	st2=$?
	wait "$pid"
	st=$?
	tx1=$(link_counter "$ns" tap0 tx_packets)
	drop1=$(link_counter "$ns" tap0 tx_dropped)
	UDPECHO_OUT="$out0; $out1; $out2"
	# the malformed frames sent, 3 pings, at least 8 datagrams
	want=$(($(sed -n 's/^sent \([0-9]*\) malformed frames$/\1/p' <<<"$out0") + 11))
	if [ $st0 = 0 ] && [ $st1 = 0 ] && [ $st2 = 0 ] && [ $st = 0 ] &&
		[ $((tx1 - tx0)) -ge "$want" ] && [ "$drop1" = "$drop0" ]; then
		pass "$name ($((tx1 - tx0)) frames to the image, none dropped; $UDPECHO_OUT)"
	else
		fail "$name" "$UDPECHO_OUT (statuses $st0 $st1 $st2); the image read $((tx1 - tx0)) frames of tap0 (at least $want expected), the host dropped $((drop1 - drop0)); image status $st:
$(cat "$log")"
	fi
}
