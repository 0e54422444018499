# SPDX-License-Identifier: BSD-3-Clause
#
# Helpers for test groups (sourced). A group is a bash script that calls
# these; support/scripts/test counts the results.
#   pass NAME | fail NAME DETAIL     record one result
#   check NAME CMD...                pass when CMD succeeds
#   expect_status NAME N CMD...      pass when CMD exits with status N
#   expect_output NAME PATTERN FILE  pass when FILE matches grep -E PATTERN
#   build APP TAG [make args]        build APP with .config and build folder
#                                    under $UK_TEST_TMP/TAG
#   kvm_build APP TAG [CONFIG_LINE..] the same for kvm only, from the app's
#                                    defconfig plus CONFIG_LINEs
#   uktest_results PREFIX LOG STATUS one result per uktest case in LOG, and
#                                    one for the whole run
# Network apps (see each function):
#   free_port                        a free TCP port on 127.0.0.1
#   tap_netns NS SUBNET              a namespace NS with tap0 at SUBNET.1/24
#   httpreply_run ...                httpreply answers clients, then exits
#   tcpecho_run ...                  tcpecho echoes clients, then exits
#   udpecho_tap_run ...              udpecho-raw answers ping and UDP on tap0
set -u
: "${UK_ROOT:?run through support/scripts/test}"
: "${UK_TEST_TMP:?run through support/scripts/test}"
T=$UK_TEST_TMP

pass() {
	echo "ok   $1"
	echo "pass $1" >>"$UK_TEST_RESULTS"
}

fail() {
	echo "FAIL $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" | head -n 40 | sed 's/^/     | /'
	echo "fail $1" >>"$UK_TEST_RESULTS"
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
		"$@" >"$T/$tag/build.log" 2>&1
}

# img APP TAG PLAT: path of a built image.
img() {
	echo "$T/$2/build/$1_$3-x86_64"
}

# kvm_build APP TAG [CONFIG_LINE...]: the app's defconfig plus kvm only.
kvm_build() {
	local app=$1 tag=$2 def
	shift 2
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		[ ! -f "$UK_ROOT/apps/$app/defconfig" ] || cat "$UK_ROOT/apps/$app/defconfig"
		echo CONFIG_PLAT_KVM=y
		echo "# CONFIG_PLAT_LINUXU is not set"
		printf '%s\n' "$@"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

# uktest_results PREFIX LOG STATUS: a result per "PASS/FAIL suite.case"
# line of a uktest run's LOG (a failure shows its details), then one for
# the run: it must end with status 0 and a summary of at least one pass.
uktest_results() {
	local prefix=$1 log=$2 st=$3 verdict name summary
	while read -r verdict name; do
		case $verdict in
		PASS) pass "$prefix$name" ;;
		FAIL) fail "$prefix$name" "$(awk -v n="$name" '$0 == "FAIL " n {p = 1; next} /^(PASS|FAIL|uktest:)/ {p = 0} p' "$log")" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$log")
	summary=$(grep -E '^uktest: [0-9]+ passed, [0-9]+ failed$' "$log")
	if [ -n "$summary" ] && [ "$st" = 0 ] && ! grep -q '^uktest: 0 passed' <<<"$summary"; then
		pass "${prefix}unit test run completes ($summary)"
	else
		fail "${prefix}unit test run completes" "status $st: $(tail -n 20 "$log")"
	fi
}

# ---- network apps -----------------------------------------------------------
HOST_TOOLS=$UK_ROOT/support/tests

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# tap_netns NS SUBNET: create network namespace NS holding tap0 with
# address SUBNET.1/24 (SUBNET is three bytes, "10.97.0"), deleted when the
# group exits. Fails with the reason in $TAP_WHY when that is not
# possible (needs root and ip(8)); the caller reports the tap tests as
# skipped.
tap_netns() {
	local ns=$1 net=$2
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
		TAP_WHY="need root and ip(8) for a network namespace"
		return 1
	fi
	# shellcheck disable=SC2064 # the name is fixed now
	trap "ip netns del '$ns' 2>/dev/null" EXIT
	if ! TAP_WHY=$({ ip netns add "$ns" && ip -n "$ns" link set lo up &&
		ip -n "$ns" tuntap add dev tap0 mode tap &&
		ip -n "$ns" addr add "$net.1/24" dev tap0 &&
		ip -n "$ns" link set tap0 up; } 2>&1); then
		TAP_WHY="cannot set up a network namespace: $TAP_WHY"
		return 1
	fi
}

# httpreply_run NAME EXPECT-LOG COUNT CLIENTS HOST PORT RUN-CMD...: start
# the httpreply image (RUN-CMD), wait until it says it listens, run the
# clients (one per line in CLIENTS, "@" standing for HOST PORT; "curl @"
# fetches the page with curl, "ping HOST N" and "garbage IFNAME N" are
# udpecho-host.py's, anything else http-host.py's arguments), then the
# image must exit 0 after COUNT requests with EXPECT-LOG in its log.
# $NETNS, when set, runs the clients in that namespace.
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
	if [ $ok = 1 ] && [ $qst = 0 ] && grep -qE "$expect" "$log" &&
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

# udpecho_tap_run NAME NS ADDR LOG CMD...: the udpecho-raw image (CMD, run
# in namespace NS, answering 8 datagrams at ADDR on tap0, its output in
# LOG) survives 300 malformed frames, then answers 3 pings and echoes 8
# datagrams.
udpecho_tap_run() {
	local name=$1 ns=$2 addr=$3 log=$4 pid st1 st2 out1 out2 rx
	shift 4
	ip netns exec "$ns" "$@" >"$log" 2>&1 </dev/null &
	pid=$!
	sleep 0.3
	# Malformed frames first: the image must survive and keep serving.
	ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --garbage tap0 300 >/dev/null 2>&1
	out1=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" --ping "$addr" 3 2>&1)
	st1=$?
	out2=$(ip netns exec "$ns" timeout 30 python3 "$HOST_TOOLS/udpecho-host.py" "$addr" 7 8 25 2>&1)
	st2=$?
	wait "$pid"
	rx=$(sed -n 's/.* rx \([0-9]*\) tx .*/\1/p' "$log")
	if [ $st1 = 0 ] && [ $st2 = 0 ] && [ "${rx:-0}" -ge 600 ] &&
		grep -qE '8 datagrams echoed, [0-9]+ ARP and 3 ping replies' "$log"; then
		pass "$name ($rx frames received; $out1, $out2)"
	else
		fail "$name" "$out1 / $out2; image:
$(cat "$log")"
	fi
}
