#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# xen images as PVH guests of real Xen (Debian's hypervisor with a Linux
# dom0) inside qemu-system-x86_64 (TCG): support/scripts/xen-run boots it
# once and runs every guest below as one batch. Output, arguments, exit
# status (the console's last line and the shutdown reason), crash reports,
# the syscall instruction, the unit tests and both schedulers; httpreply
# on lwip over netfront, asked for its page by dom0 through the bridge
# xenbr0; blktest on blkfront over a dom0 file; Redis and nginx (musl,
# lwip, netfront, their initrds as PVH modules) answering busybox's nc
# and the host's curl run in dom0.
. "$(dirname "$0")/lib.sh"

if ! command -v qemu-system-x86_64 >/dev/null || [ ! -e /usr/include/xen/xen.h ]; then
	fail "xen: qemu-system-x86_64 and libxen-dev are installed (support/scripts/install-deps)"
	exit 0
fi

# xen_build APP TAG: the app's defconfig for xen only (the other
# platforms' lines left out).
xen_build() {
	local app=$1 tag=$2 def
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		grep -v '^CONFIG_PLAT_\(KVM\|LINUXU\)=' \
			"$UK_ROOT/apps/$app/defconfig" 2>/dev/null
		echo CONFIG_PLAT_XEN=y
		echo "# CONFIG_PLAT_KVM is not set"
		echo "# CONFIG_PLAT_LINUXU is not set"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

guests=()
# guest_build APP TAG [SCHED]: an image for xen; the unit tests' come
# from the builds 40-unittest, 45-threads and 60-kvm share (linuxu, kvm
# and xen at once).
guest_build() {
	if [ "$1" = unittest ]; then
		unittest_build "$2" ${3:-}
	else
		xen_build "$@"
	fi
}

for b in "helloworld xhw" "plattest xpt" "unittest xut" "syscalltest xst" \
	"unittest xcoop coop" "unittest xpre preempt" "httpreply xhr" "blktest xblk"; do
	set -- $b
	if guest_build "$@"; then
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
	guests+=("crash_$k=$pt:crash $k")
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
# nginx and Redis (musl, lwip, netfront), each booted once with its
# initrd as a PVH module, each at an address of its own (dom0's ARP entry
# for 10.0.0.2 names the MAC of httpreply's gone vif). Their clients run
# in dom0: busybox's nc and the host's curl (XEN_TOOLS below). A build that
# fails costs that app's checks only.
# For the client scripts: "try CMD..." runs CMD again (3 tries) when it
# died of SIGSEGV or hung until its timeout (as dom0's programs now and
# then do under TCG; every CMD tried so is idempotent); "to OUT IN
# CMD..." runs CMD with stdin IN and stdout OUT, so that a failed try
# leaves no half answer behind.
cat >"$T/dom0.sh" <<'EOF'
try() {
	for t in 1 2 3; do
		"$@"
		r=$?
		[ $r = 139 ] || [ $r = 124 ] || [ $r = 143 ] || return $r
		echo "dom0: status $r from $* (try $t)" >&2
	done
	return $r
}
to() {
	o=$1 i=$2
	shift 2
	"$@" <"$i" >"$o"
}
# wait_log TEXT: until the guest's console shows TEXT (60 s at most);
# cheaper than polling with the big dynamic clients, which would take
# dom0's (and so the guest's) CPU while the guest boots.
wait_log() {
	n=0
	until grep -q "$1" /var/log/xen/console/guest-$GUEST.log 2>/dev/null; do
		n=$((n + 1))
		[ $n -lt 600 ] || return 1
		usleep 100000
	done
}
EOF
# The same configurations as 96-redis and 97-nginx (which build the xen
# images beside linuxu's and kvm's): one shared build, not one more.
apps=
for b in "redis xrd CONFIG_PLAT_VIRTIO_9P=y CONFIG_LIB9PFS=y CONFIG_PLAT_XEN=y" \
	"nginx xng CONFIG_PLAT_XEN=y"; do
	set -- $b
	# Counted by 96-redis and 97-nginx, which build the same.
	if config_build "$@"; then
		apps+=" $1"
	else
		fail "$1 ($2) builds for xen" "$(tail -n 30 "$T/$2/config.log" "$T/$2/build.log")"
	fi
done
tools=
rm -rf "$T/rdroot"
mkdir -p "$T/rdroot"
cp "$UK_ROOT/apps/redis/redis.conf" "$T/rdroot/"
if [[ $apps == *redis* ]] &&
	"$UK_ROOT/support/scripts/mkinitrd" "$T/rdroot" "$T/redis.cpio" >"$T/rdroot.log" 2>&1; then
	# SET of a 64 KiB random value in Redis's protocol (RESP), SET/GET,
	# INCR, INCRBY, STRLEN as inline commands, GET of the value, then
	# SHUTDOWN NOSAVE, all sent with dom0's busybox nc: the host's
	# redis-cli, copied into dom0, crashed there under TCG (SIGSEGV,
	# "Protocol error") although Redis's answers were right.
	{ cat "$T/dom0.sh"; cat <<'EOF'; } >"$T/redis.client"
# rsend OUT IN: the RESP in IN to Redis, the replies into OUT (IN ends
# with QUIT: Redis answers +OK and closes the connection). dom0's busybox
# nc itself sometimes dies of SIGSEGV under TCG before it has sent
# anything; then it is run again (at most twice, said in the output). A
# repeat after a partial send changes INCR's answers, which the check
# then sees.
rsend() {
	local st t
	for t in 1 2 3; do
		timeout 30 nc 10.0.0.3 6379 <"$2" >"$1"
		st=$?
		[ $st -gt 128 ] && [ $st != 143 ] || return $st
		echo "nc died of signal $((st - 128)), run again" >&2
	done
	return $st
}
wait_log 'Ready to accept connections'
printf 'PING\r\nQUIT\r\n' >/tmp/r.ping
i=0
until rsend /tmp/r.pong /tmp/r.ping 2>/dev/null && grep -q PONG /tmp/r.pong; do
	i=$((i + 1))
	[ $i -lt 60 ] || { echo "no answer"; exit 1; }
	usleep 500000
done
head -c 65536 /dev/urandom >/tmp/v
{
	printf '*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$65536\r\n'
	cat /tmp/v
	printf '\r\n'
	printf '%s\r\n' 'SET greeting hello' 'GET greeting' \
		'SET counter 10' 'INCR counter' 'INCR counter' \
		'INCRBY counter 40' 'STRLEN big' QUIT
} >/tmp/r.cmds
rsend /tmp/r.out /tmp/r.cmds
printf 'GET big\r\nQUIT\r\n' >/tmp/r.get
rsend /tmp/r.got /tmp/r.get
# Replies as words: +OK, :11, $5 hello -> OK, 11, hello
echo "answers $(tr -d '\r' </tmp/r.out | grep -v '^[$]' | sed 's/^[+:]//' | tr '\n' ' ')"
echo "value: $(head -n 1 /tmp/r.got | tr -d '\r')"
echo "sent $(sha256sum </tmp/v | cut -d' ' -f1)"
echo "back $(tail -c +9 /tmp/r.got | head -c 65536 | sha256sum | cut -d' ' -f1)"
# The image ends without closing the connection: nc is stopped.
printf 'SHUTDOWN NOSAVE\r\n' >/tmp/r.stop
timeout 5 nc 10.0.0.3 6379 </tmp/r.stop >/dev/null 2>&1
for i in $(seq 1 100); do
	case $(xl list $GUEST 2>/dev/null | awk 'NR == 2 { print $5 }') in
	*s*) break ;;
	esac
	usleep 100000
done
EOF
	guests+=(redis="$(img redis xrd xen):netdev.ip=10.0.0.3/24 -- /redis.conf"
		redis.ramdisk="$T/redis.cpio" redis.mem=128 redis.client="$T/redis.client")
fi
NR=$T/ngroot
rm -rf "$NR"
if [[ $apps == *nginx* ]] &&
	"$UK_ROOT/apps/nginx/mkroot" "$T/xng/build" "$NR" >"$T/ngroot.log" 2>&1 &&
	head -c 307201 /dev/urandom >"$NR/var/www/html/big.bin" &&
	"$UK_ROOT/support/scripts/mkinitrd" "$NR" "$T/nginx.cpio" >>"$T/ngroot.log" 2>&1; then
	tools+=" curl"
	# The index page, a 300 KiB file, a 404, with one curl (one
	# connection). nginx does not end by itself: the harness stops it
	# once the client is done. Polled with busybox's wget (cheap).
	{ cat "$T/dom0.sh"; cat <<'EOF'; } >"$T/nginx.client"
wait_log 'getrlimit'
i=0
until timeout 5 wget -q -O /dev/null http://10.0.0.4/ 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 120 ] || { echo "no answer"; exit 1; }
	usleep 500000
done
try to /tmp/n.codes /dev/null timeout 60 curl -s -w '%{http_code}\n' \
	-o /tmp/n.index http://10.0.0.4/ -o /tmp/n.big http://10.0.0.4/big.bin \
	-o /dev/null http://10.0.0.4/no-such
echo "index $(wc -c </tmp/n.index) $(sha256sum </tmp/n.index | cut -d' ' -f1)"
echo "big $(wc -c </tmp/n.big) $(sha256sum </tmp/n.big | cut -d' ' -f1)"
echo "status $(tr '\n' ' ' </tmp/n.codes)"
EOF
	guests+=(nginx="$(img nginx xng xen):netdev.ip=10.0.0.4/24 --"
		nginx.ramdisk="$T/nginx.cpio" nginx.mem=128 nginx.client="$T/nginx.client")
fi

out=$T/xen-run
start=$(date +%s)
# Generous bounds: the unit tests are slow under nested paging in TCG.
# Xen, dom0's kernel and toolstack are kept with the download cache (the
# build's UK_CACHE_DIR), never in the tree.
if ! XEN_CACHE=${UK_CACHE_DIR:-$HOME/.cache/tessera}/xen-dom0 \
	XEN_TIMEOUT=900 XEN_GUEST_TIMEOUT=300 XEN_TOOLS="$tools" "$UK_ROOT/support/scripts/xen-run" \
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

# Redis: its answers to dom0's nc, the value's sha256 as
# dom0 sent it and got it back; SHUTDOWN ends the guest with status 0.
if [[ $apps == *redis* ]]; then
	c=$out/redis.client
	d="$(ended redis), client status $(cat "$out/redis.client-status" 2>/dev/null): $(cat "$c")
guest: $(tail -n 30 "$out/redis.log")"
	grep -qx 'answers OK OK hello OK 11 12 52 65536 OK ' "$c" &&
		pass "xen: redis over netfront answers dom0: SET, GET, INCR, INCRBY" ||
		fail "xen: redis over netfront answers dom0: SET, GET, INCR, INCRBY" "$d"
	s=$(sed -n 's/^sent //p' "$c")
	grep -qx 'value: [$]65536' "$c" && [ -n "$s" ] &&
		grep -qx "back $s" "$c" &&
		pass "xen: redis: a 64 KiB random value comes back byte for byte (sha256)" ||
		fail "xen: redis: a 64 KiB random value comes back byte for byte (sha256)" "$d"
	[ "$(ended redis)" = shutdown ] && [ "$(status redis)" = 0 ] &&
		pass "xen: redis: SHUTDOWN NOSAVE ends the guest with status 0" ||
		fail "xen: redis: SHUTDOWN NOSAVE ends the guest with status 0" "$d"
fi
# nginx: what curl got in dom0 against the files of the initrd; it ran
# until the client was done (then stopped by the harness) without a
# crash.
if [[ $apps == *nginx* ]]; then
	c=$out/nginx.client
	d="$(ended nginx), client status $(cat "$out/nginx.client-status" 2>/dev/null): $(cat "$c")
guest: $(tail -n 30 "$out/nginx.log")"
	W=$NR/var/www/html
	want="index $(stat -c %s "$W/index.html") $(sha256sum <"$W/index.html" | cut -d' ' -f1)
big 307201 $(sha256sum <"$W/big.bin" | cut -d' ' -f1)
status 200 200 404 "
	[ "$(grep -E '^(index|big|status) ' "$c")" = "$want" ] &&
		pass "xen: nginx over netfront serves its index page and a 300 KiB file byte-identical (sha256) to curl in dom0, 404 for a missing one" ||
		fail "xen: nginx over netfront serves its index page and a 300 KiB file byte-identical (sha256) to curl in dom0, 404 for a missing one" \
			"expected:
$want
$d"
	[ "$(ended nginx)" = stopped ] && [ "$(cat "$out/nginx.client-status")" = 0 ] &&
		! grep -qE 'CRASH|\[(crit|alert|emerg)\].*(sendfile|setsockopt|writev|recv|send)' "$out/nginx.log" &&
		pass "xen: nginx ran until the client was done, without a crash or a failed send" ||
		fail "xen: nginx ran until the client was done, without a crash or a failed send" "$d"
fi

[ "$(status st)" = 0 ] && grep -qx '0 failures' "$out/st.log" &&
	pass "xen: syscalltest: the syscall instruction reaches the shim" ||
	fail "xen: syscalltest: the syscall instruction reaches the shim" "$(cat "$out/st.log")"

for g in ut coop pre; do
	[ -s "$out/$g.log" ] || echo "exit status none ($(cat "$out/$g.end" 2>/dev/null))" >>"$out/$g.log"
done
uktest_results "xen: " "$out/ut.log" "$(status ut)" "$(img unittest xut xen)"
uktest_results "xen coop: " "$out/coop.log" "$(status coop)" "$(img unittest xcoop xen)"
uktest_results "xen preempt: " "$out/pre.log" "$(status pre)" "$(img unittest xpre xen)"
for g in hw ut coop pre blk $apps; do
	echo "     xen: $g: $(cut -d' ' -f1 "$out/$g.end"), from xl create to first output $(cut -d' ' -f3 "$out/$g.end") s, to its end $(cut -d' ' -f2 "$out/$g.end") s"
done
