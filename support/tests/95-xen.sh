#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# xen images as PVH guests of real Xen (Debian's hypervisor with a Linux
# dom0) inside qemu-system-x86_64 (TCG): support/scripts/xen-run boots it
# once and runs every guest below as one batch. Output, arguments, exit
# status (the console's last line and the shutdown reason), crash reports,
# the syscall instruction, the unit tests and both schedulers; httpreply
# on lwip over netfront, asked for its page by dom0 through the bridge
# xenbr0; blktest on blkfront over a dom0 file.
. "$(dirname "$0")/lib.sh"

if ! command -v qemu-system-x86_64 >/dev/null || [ ! -e /usr/include/xen/xen.h ]; then
	fail "xen: qemu-system-x86_64 and libxen-dev are installed (support/scripts/install-deps)"
	exit 0
fi

# xen_build APP TAG [DEFCONFIG]: the app (or DEFCONFIG) for xen only.
xen_build() {
	local app=$1 tag=$2 def
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		cat "${3:-$UK_ROOT/apps/$app/defconfig}" 2>/dev/null
		echo CONFIG_PLAT_XEN=y
		echo "# CONFIG_PLAT_KVM is not set"
		echo "# CONFIG_PLAT_LINUXU is not set"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

guests=()
for b in "helloworld xhw" "plattest xpt" "unittest xut" "syscalltest xst" \
	"unittest xcoop $UK_ROOT/apps/unittest/defconfig.coop" \
	"unittest xpre $UK_ROOT/apps/unittest/defconfig.preempt" \
	"httpreply xhr" "blktest xblk"; do
	set -- $b
	if xen_build "$@"; then
		pass "$1 ($2) builds for xen"
	else
		fail "$1 ($2) builds for xen" "$(tail -n 30 "$T/$2/build.log")"
		exit 0
	fi
done
hw=$(img helloworld xhw xen)
pt=$(img plattest xpt xen)
size=$(stat -c %s "$hw")
[ "$size" -le 65536 ] && pass "xen: helloworld image is $size bytes (<= 64 KiB)" ||
	fail "xen: helloworld image is $size bytes (<= 64 KiB)"

kinds="assert null div0 ud2 stackoverflow"
guests=(hw="$hw:one two" exit3="$pt:exit 3" exit0="$pt:exit 0" argv="$pt:argvwrite ab"
	ut="$(img unittest xut xen)" st="$(img syscalltest xst xen)" coop="$(img unittest xcoop xen)"
	pre="$(img unittest xpre xen)")
for k in $kinds; do
	guests+=(crash_$k="$pt:crash $k")
done
# httpreply over netfront at 10.0.0.2: dom0 checks the vif, fetches the
# page once the guest listens, 20 more one by one, 5 on one connection
# (keep-alive, then Connection: close); the guest has then answered its
# count=26 and exits, and netfront closes the device on the way out.
cat >"$T/web.client" <<'EOF'
p=backend/vif/$DOMID/0
# dom0's programs crash now and then under TCG (as xl does): up to four
# tries for a wget that died of SIGSEGV, eight for a xenstore read (on a
# loaded host three all crashed once), two for the tools that look at the
# answers
xsread() {
	for try in 1 2 3 4 5 6 7; do
		xenstore-read "$1" 2>/dev/null && return
		usleep 100000
	done
	xenstore-read "$1"
}
# try CMD...: CMD once more when it died of SIGSEGV
try() {
	"$@"
	r=$?
	[ $r = 139 ] || return $r
	echo "dom0's $1 crashed, once more" >&2
	"$@"
}
get() {
	for try in 1 2 3 4; do
		timeout 5 wget -q -O "$1" http://10.0.0.2/ 2>/dev/null
		r=$?
		[ $r = 139 ] || return $r
		echo "dom0's wget crashed (try $try)" >&2
	done
	return $r
}
i=0
until get /tmp/page; do
	i=$((i + 1))
	[ $i -lt 150 ] || { echo "no answer"; exit 1; }
	usleep 200000
done
echo "vif: backend $(xsread $p/state), hotplug $(xsread $p/hotplug-status), bridge ports $(ls /sys/class/net/xenbr0/brif)"
echo "--- page"
cat /tmp/page
echo "--- end"
echo "mac $(xsread /local/domain/$DOMID/device/vif/0/mac)"
echo "neighbour $(ip neigh show 10.0.0.2 | sed -n 's/.* lladdr \([0-9a-f:]*\) .*/\1/p')"
ok=0
t0=$(cut -d' ' -f1 /proc/uptime)
for i in $(seq 1 20); do
	get /tmp/p && try cmp -s /tmp/p /tmp/page && ok=$((ok + 1))
done
t1=$(cut -d' ' -f1 /proc/uptime)
echo "sequential $ok of 20 in $(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%.2f", b - a }') s"
r='GET / HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n'
# dom0's nc may die of SIGSEGV before it sent anything: then again.
for try in 1 2 3; do
	printf "$r$r$r$r"'GET / HTTP/1.1\r\nHost: 10.0.0.2\r\nConnection: close\r\n\r\n' |
		timeout 10 nc 10.0.0.2 80 >/tmp/ka.raw
	r2=$?
	[ $r2 = 139 ] && [ ! -s /tmp/ka.raw ] || break
	echo "dom0's nc crashed (try $try)" >&2
done
echo "nc: status $r2, $(try sh -c 'wc -c </tmp/ka.raw') bytes"
try sh -c "tr -d '\r' </tmp/ka.raw >/tmp/ka"
# Counted again when the counts are off, and the headers shown: once (of
# many runs) dom0 counted 5 responses but no keep-alive header, while the
# guest counted the 5 requests on one connection (dom0's busybox tools
# misbehave under TCG now and then).
counts() {
	echo "$(try grep -c '^HTTP/1.1 200 OK$' /tmp/ka) responses, $(try grep -c '^Connection: keep-alive$' /tmp/ka) kept alive, $(try grep -c 'Hello from Tessera' /tmp/ka) pages"
}
c=$(counts)
[ "$c" = "5 responses, 4 kept alive, 5 pages" ] || { echo "counted: $c"; c=$(counts); }
echo "one connection: $c"
echo "--- headers"
try sed -n '/^HTTP/,/^$/p' /tmp/ka
echo "--- end"
for i in $(seq 1 50); do
	[ "$(xenstore-read $p/state)" = 6 ] && break
	usleep 100000
done
echo "after exit: backend $(xsread $p/state), frontend $(xsread /local/domain/$DOMID/device/vif/0/state)"
# until the guest has shut down, so that the harness sees how it ended
for i in $(seq 1 50); do
	case $(xl list $GUEST 2>/dev/null | awk 'NR == 2 { print $5 }') in
	*s*) break ;;
	esac
	usleep 100000
done
EOF
guests+=(web="$(img httpreply xhr xen):netdev.ip=10.0.0.2/24 -- count=26"
	web.client="$T/web.client")
# blkfront: blktest on a 2 MiB disk, sector K of which holds
# "tessera-sector-K"; it writes its pattern over sectors 8..207 (100 KiB
# requests: 25 granted pages, three ring slots each).
guests+=(blk="$(img blktest xblk xen):known=1000:tessera-sector-1000 pattern=8:200 devs=1"
	blk.disk=2)
out=$T/xen-run
start=$(date +%s)
# Generous bounds: the unit tests are slow under nested paging in TCG.
# Xen, dom0's kernel and toolstack are kept with the download cache (the
# build's UK_CACHE_DIR), never in the tree.
if ! XEN_CACHE=${UK_CACHE_DIR:-$HOME/.cache/tessera}/xen-dom0 \
	XEN_TIMEOUT=900 XEN_GUEST_TIMEOUT=300 "$UK_ROOT/support/scripts/xen-run" \
	"$out" "${guests[@]}" 2>"$T/xen-run.err"; then
	fail "xen: Xen boots and runs the batch" "$(cat "$T/xen-run.err"; tail -n 30 "$out/qemu.log")"
	exit 0
fi
pass "xen: Xen boots and runs the batch"
# A figure, not a check: timings belong to benchmarks.
echo "     xen: the whole batch took $(( $(date +%s) - start )) s"

# status NAME: the guest's exit status from its last console line.
status() { sed -n 's/^exit status \(-\?[0-9]*\)$/\1/p' "$out/$1.log" | tail -n 1; }
ended() { cut -d' ' -f1 "$out/$1.end" 2>/dev/null; }

[ "$(cat "$out/hw.log")" = "Hello world!
argv[1]: one
argv[2]: two
exit status 0" ] && [ "$(ended hw)" = shutdown ] &&
	pass "xen: helloworld prints its greeting and arguments, exits 0 by poweroff" ||
	fail "xen: helloworld prints its greeting and arguments, exits 0 by poweroff" \
		"$(ended hw): $(cat "$out/hw.log")"
for n in 0 3; do
	[ "$(status exit$n)" = $n ] && [ "$(ended exit$n)" = shutdown ] &&
		pass "xen: exit status $n reaches the host" ||
		fail "xen: exit status $n reaches the host" "$(ended exit$n): $(cat "$out/exit$n.log")"
done

[ "$(grep '^argv\[' "$out/argv.log")" = "argv[0]: xxxxxxxx
argv[1]: xxxxxxxxx
argv[2]: xx" ] && [ "$(status argv)" = 0 ] &&
	pass "xen: the argument strings, argv[0] too, can be written" ||
	fail "xen: the argument strings, argv[0] too, can be written" "$(ended argv): $(cat "$out/argv.log")"

declare -A pattern=(
	[assert]='CRASH: apps/plattest/main.c:[0-9]+: Assertion failed: zero == 1'
	[null]='CRASH: page fault \(#PF: not present, read\) at address 0x0000000000000000'
	[div0]='CRASH: divide error \(#DE\)'
	[ud2]='CRASH: invalid opcode \(#UD\)'
	[stackoverflow]='CRASH: page fault \(#PF: stack overflow into the guard page'
)
for k in $kinds; do
	l=$out/crash_$k.log
	if [ "$(ended crash_$k)" = crash ] && [ "$(status crash_$k)" = 101 ] &&
		grep -qE -- "${pattern[$k]}" "$l" && grep -q '^Backtrace:' "$l"; then
		pass "xen: crash '$k' is reported with a backtrace, status 101 and reason crash"
	else
		fail "xen: crash '$k' is reported with a backtrace, status 101 and reason crash" \
			"$(ended crash_$k): $(cat "$l")"
	fi
done
sym=$("$UK_ROOT/support/scripts/symbolize" "$pt.dbg" <"$out/crash_null.log")
grep -qE '#0 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' <<<"$sym" &&
	grep -qE '#[0-9] 0x[0-9a-f]+ .*ukplat_entry at lib/ukboot/boot\.c:[0-9]+' <<<"$sym" &&
	pass "xen: the crash backtrace symbolizes to the crashing function and ukplat_entry" ||
	fail "xen: the crash backtrace symbolizes to the crashing function and ukplat_entry" "$sym"

c=$out/web.client
page='<!DOCTYPE html>
<html><head><title>Tessera</title></head>
<body><h1>Hello from Tessera</h1><p>httpreply on lwip</p></body></html>'
d="$(ended web), client status $(cat "$out/web.client-status" 2>/dev/null): $(cat "$c")
guest: $(cat "$out/web.log")"
grep -qE '^vif: backend 4, hotplug connected, bridge ports vif[0-9]+\.0$' "$c" &&
	pass "xen: the guest's vif is on dom0's bridge, its backend Connected" ||
	fail "xen: the guest's vif is on dom0's bridge, its backend Connected" "$d"
[ "$(sed -n '/^--- page$/,/^--- end$/p' "$c" | sed '1d;$d')" = "$page" ] &&
	pass "xen: httpreply over netfront serves its page to wget in dom0" ||
	fail "xen: httpreply over netfront serves its page to wget in dom0" "$d"
m=$(sed -n 's/^mac //p' "$c")
[ -n "$m" ] && grep -qx "neighbour $m" "$c" &&
	pass "xen: netfront answers ARP with the MAC address from xenstore" ||
	fail "xen: netfront answers ARP with the MAC address from xenstore" "$d"
grep -qE '^sequential 20 of 20 in ' "$c" &&
	pass "xen: 20 sequential requests from dom0 get the page" ||
	fail "xen: 20 sequential requests from dom0 get the page" "$d"
grep -qx 'one connection: 5 responses, 4 kept alive, 5 pages' "$c" &&
	pass "xen: 5 requests on one kept-alive connection are answered" ||
	fail "xen: 5 requests on one kept-alive connection are answered" "$d"
# 26 requests: the first page, 20 one by one, 5 on one connection: 22
# connections (a wget that crashed after its answer would need a 27th).
[ "$(ended web)" = shutdown ] && [ "$(status web)" = 0 ] &&
	grep -qx 'httpreply: 26 requests on 22 connections' "$out/web.log" &&
	grep -qx 'after exit: backend 6, frontend 6' "$c" &&
	pass "xen: httpreply exits 0 after 26 requests on 22 connections; netfront closes its device" ||
	fail "xen: httpreply exits 0 after 26 requests on 22 connections; netfront closes its device" "$d"
echo "     xen: 20 wget requests one by one from dom0: $(sed -n 's/^sequential 20 of 20 in //p' "$c")"

[ "$(status blk)" = 0 ] && grep -q '^blktest: blkdev0: xen-blkfront, 4096 sectors of 512 bytes' "$out/blk.log" &&
	grep -qx 'blktest: [1-9][0-9]* checks passed, 0 failed' "$out/blk.log" &&
	grep -q '^blktest: blkdev0: ok the host.s text is in the sector it wrote' "$out/blk.log" &&
	grep -q '^blktest: blkdev0: ok pattern read back and verified' "$out/blk.log" &&
	pass "xen: blkfront: blktest reads dom0's text, writes, reads back, errors, 16 requests in flight, flush" ||
	fail "xen: blkfront: blktest reads dom0's text, writes, reads back, errors, 16 requests in flight, flush" \
		"$(ended blk): $(cat "$out/blk.log")"
# dom0's file afterwards: the initial image with blktest's pattern
# ((offset / 512) * 7 + (offset % 512) * 13 + 1 mod 256) over sectors 8..207.
cp "$out/blk.disk" "$T/blk.expected" && perl -e '
	open(my $f, "+<", $ARGV[0]) or die "$ARGV[0]: $!";
	binmode $f;
	seek($f, 8 * 512, 0);
	print $f pack("C*", map { (int($_ / 512) * 7 + ($_ % 512) * 13 + 1) % 256 }
		(8 * 512 .. 208 * 512 - 1));
	close $f or die;' "$T/blk.expected"
want=$(sha256sum <"$T/blk.expected" | cut -d' ' -f1)
[ -n "$want" ] && [ "$(cat "$out/blk.disk-sha256" 2>/dev/null)" = "$want" ] &&
	pass "xen: blkfront: dom0's file holds what the guest wrote (sha256)" ||
	fail "xen: blkfront: dom0's file holds what the guest wrote (sha256)" \
		"dom0: $(cat "$out/blk.disk-sha256" 2>/dev/null), expected: $want"

[ "$(status st)" = 0 ] && grep -qx '0 failures' "$out/st.log" &&
	pass "xen: syscalltest: the syscall instruction reaches the shim" ||
	fail "xen: syscalltest: the syscall instruction reaches the shim" "$(cat "$out/st.log")"

for g in ut coop pre; do
	[ -s "$out/$g.log" ] || echo "exit status none ($(cat "$out/$g.end" 2>/dev/null))" >>"$out/$g.log"
done
uktest_results "xen: " "$out/ut.log" "$(status ut)" "$(img unittest xut xen)"
uktest_results "xen coop: " "$out/coop.log" "$(status coop)" "$(img unittest xcoop xen)"
uktest_results "xen preempt: " "$out/pre.log" "$(status pre)" "$(img unittest xpre xen)"
for g in hw ut coop pre blk; do
	echo "     xen: $g: $(cut -d' ' -f1 "$out/$g.end"), from xl create to first output $(cut -d' ' -f3 "$out/$g.end") s, to its end $(cut -d' ' -f2 "$out/$g.end") s"
done
