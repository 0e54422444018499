#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# apps/nginx: Debian's nginx 1.22.1, unchanged, on musl and lwip, built
# for linuxu and kvm in one build. Its configuration and pages come in the
# initrd (apps/nginx/mkroot). The host's curl and nginx-host.py, in a
# network namespace of this group, talk to the image over a tap: linuxu
# on tap0, kvm (QEMU's tap netdev) on tap1. On each: files of 0 bytes to
# 16 MiB byte-identical by sha256, 404, HEAD, a range, keep-alive (several
# requests on one connection), 500 connections open at once, malformed
# requests answered with 400, then a good request; on kvm also a file of
# a 9pfs share (vfs.fstab). Every run is bounded by timeouts.
. "$(dirname "$0")/lib.sh"

N=$T/nginx
mkdir -p "$N"
if ! config_build nginx ng CONFIG_PLAT_XEN=y; then
	fail "nginx builds with musl for linuxu, kvm and xen" "$(tail -n 30 "$T/ng/config.log" "$T/ng/build.log")"
	exit 0
fi
pass "nginx builds with musl for linuxu, kvm and xen ($(stat -c %s "$(img nginx ng linuxu)") and $(stat -c %s "$(img nginx ng kvm)") bytes stripped)"

# The root: nginx's files and test files of awkward sizes.
R=$N/root
rm -rf "$R" "$N/share"
if ! out=$("$UK_ROOT/apps/nginx/mkroot" "$T/ng/build" "$R" 2>&1); then
	fail "apps/nginx/mkroot fills the root" "$out"
	exit 0
fi
W=$R/var/www/html
mkdir -p "$W/sub dir" "$N/share/deep"
files=(index.html empty.txt one.txt 4097.bin 1m.bin 16m.bin "sub dir/page.html")
: >"$W/empty.txt"
printf x >"$W/one.txt"
head -c 4097 /dev/urandom >"$W/4097.bin"
head -c $((1 << 20)) /dev/urandom >"$W/1m.bin"
head -c $((16 << 20)) /dev/urandom >"$W/16m.bin"
echo "<p>a page in a folder with a space</p>" >"$W/sub dir/page.html"
head -c $((3 << 20)) /dev/urandom >"$N/share/deep/share.bin"
if ! out=$("$UK_ROOT/support/scripts/mkinitrd" "$R" "$N/root.cpio" 2>&1); then
	fail "mkinitrd packs the nginx root" "$out"
	exit 0
fi

ns=tsngx$$
tap_netns "$ns" 10.94.0
nsx() { ip netns exec "$ns" "$@"; }

# url PATH: the path as curl wants it (the space encoded).
url() { echo "http://$HOST${1// /%20}"; }

# serve PLAT LOG CMD...: start the image, wait until it answers (60 s).
serve() {
	local plat=$1 log=$2 i
	shift 2
	# A process group of its own: stopping it stops QEMU too.
	setsid ip netns exec "$ns" "$@" </dev/null >"$log" 2>&1 &
	SPID=$!
	at_exit "kill -- -$SPID 2>/dev/null"
	for i in $(seq 1 120); do
		nsx curl -s -o /dev/null -m 2 "$(url /)" && return 0
		kill -0 "$SPID" 2>/dev/null || return 1
		sleep 0.5
	done
	return 1
}

# checks PLAT: the checks against the image at $HOST.
checks() {
	local p=$1 f bad= sizes= out st want got hdr
	for f in "${files[@]}"; do
		got=$(nsx curl -sf -m 60 "$(url "/$f")" | sha256sum | cut -c1-64)
		want=$(sha256sum <"$W/$f" | cut -c1-64)
		[ "$got" = "$want" ] || bad+=" $f"
		sizes+=" $(stat -c %s "$W/$f")"
	done
	[ -z "$bad" ] && pass "$p: ${#files[@]} files byte-identical by sha256 (bytes:$sizes)" ||
		fail "$p: ${#files[@]} files byte-identical by sha256" "differ:$bad"

	out=$(nsx curl -s -m 10 -o /dev/null -w '%{http_code}' "$(url /no/such/file)")
	[ "$out" = 404 ] && pass "$p: a missing file gives 404" ||
		fail "$p: a missing file gives 404" "status $out"

	hdr=$(nsx curl -s -m 10 -I -w 'size=%{size_download}' "$(url /1m.bin)" | tr -d '\r')
	if grep -qx 'HTTP/1.1 200 OK' <<<"$hdr" && grep -qix 'content-length: 1048576' <<<"$hdr" &&
		grep -qx 'size=0' <<<"$hdr"; then
		pass "$p: HEAD gives 200, Content-Length 1048576 and no body"
	else
		fail "$p: HEAD gives 200, Content-Length 1048576 and no body" "$hdr"
	fi

	out=$(nsx curl -s -m 10 -r 100000-299999 -D "$N/range.hdr" "$(url /1m.bin)" | sha256sum | cut -c1-64)
	want=$(tail -c +100001 "$W/1m.bin" | head -c 200000 | sha256sum | cut -c1-64)
	if [ "$out" = "$want" ] && grep -q '^HTTP/1.1 206' "$N/range.hdr" &&
		grep -qi '^content-range: bytes 100000-299999/1048576' "$N/range.hdr"; then
		pass "$p: a range request gives 206 and the exact 200000 bytes"
	else
		fail "$p: a range request gives 206 and the exact 200000 bytes" "$(cat "$N/range.hdr")"
	fi

	# Five requests on one connection: curl reuses it, so only the
	# first one connects.
	out=$(nsx curl -s -m 30 -w '%{http_code}:%{num_connects} ' \
		-o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
		"$(url /index.html)" "$(url /4097.bin)" "$(url /1m.bin)" \
		"$(url /no-such)" "$(url /one.txt)")
	[ "$out" = "200:1 200:0 200:0 404:0 200:0 " ] &&
		pass "$p: keep-alive: 5 requests (one 404) on one connection" ||
		fail "$p: keep-alive: 5 requests (one 404) on one connection" "status:connects $out"

	out=$(nsx timeout 120 python3 "$HOST_TOOLS/nginx-host.py" many "$HOST" 80 500 /4097.bin \
		"$(sha256sum <"$W/4097.bin" | cut -c1-64)" 2>&1)
	st=$?
	[ $st = 0 ] && pass "$p: $out" || fail "$p: 500 connections open at once" "$out"

	out=$(nsx timeout 120 python3 "$HOST_TOOLS/nginx-host.py" malformed "$HOST" 80 2>&1)
	st=$?
	got=$(nsx curl -s -m 10 "$(url /one.txt)")
	[ $st = 0 ] && [ "$got" = x ] && pass "$p: $out; then a good request works" ||
		fail "$p: malformed requests answered 400, then a good request works" \
			"$out; then: '$got'"
}

# finish PLAT LOG: the image still runs after the checks; stop it. Its
# log must show no crash, no alert of nginx's and no system call that
# Tessera lacks (the shim's -ENOSYS warning).
finish() {
	local p=$1 log=$2
	if kill -0 "$SPID" 2>/dev/null; then
		kill -- -"$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
		if grep -qE 'CRASH|ASSERT|Page fault|\[(crit|alert|emerg)\]|is not implemented' "$log"; then
			fail "$p: nginx served everything without a crash, an alert or a missing call" "$(grep -E 'CRASH|ASSERT|fault|crit|alert|emerg|not implemented' "$log" | head -n 20)"
		else
			pass "$p: nginx served everything without a crash, an alert or a missing call"
		fi
	else
		wait "$SPID"
		fail "$p: nginx served everything without a crash, an alert or a missing call" \
			"the image ended (status $?):
$(tail -n 30 "$log")"
	fi
}

lname="linuxu: nginx over tap"
if ! tap_skipped "$lname"; then
	HOST=10.94.0.2
	if serve linuxu "$N/linuxu.log" timeout 300 "$(img nginx ng linuxu)" \
		linuxu.initrd="$N/root.cpio" linuxu.heap_mb=256 tap.name=tap0 \
		netdev.ip=$HOST/24 netdev.gw=10.94.0.1 --; then
		checks linuxu
		finish linuxu "$N/linuxu.log"
	else
		fail "$lname: nginx answers" "$(tail -n 30 "$N/linuxu.log")"
	fi
fi

kname="kvm: nginx over a tap netdev"
tap_skipped "$kname" && exit 0
if ! out=$(tap_add "$ns" tap1 10.94.1 2>&1); then
	fail "$kname" "cannot add tap1 to namespace $ns: $out"
	exit 0
fi
HOST=10.94.1.2
if serve kvm "$N/kvm.log" env TIMEOUT=300 MEM=256 \
	QEMU_ARGS="-initrd $N/root.cpio -netdev tap,id=n0,ifname=tap1,script=no,downscript=no -device virtio-net-pci,netdev=n0 -fsdev local,id=f0,path=$N/share,security_model=none,readonly=on -device virtio-9p-pci,fsdev=f0,mount_tag=share" \
	"$UK_ROOT/support/scripts/run" "$(img nginx ng kvm)" \
	vfs.fstab=/srv/share:9pfs::share \
	netdev.ip=$HOST/24 netdev.gw=10.94.1.1 --; then
	checks kvm
	got=$(nsx curl -sf -m 60 "$(url /share/deep/share.bin)" | sha256sum | cut -c1-64)
	want=$(sha256sum <"$N/share/deep/share.bin" | cut -c1-64)
	[ "$got" = "$want" ] && pass "kvm: a 3 MiB file of the 9pfs share (/share/ -> /srv/share) byte-identical" ||
		fail "kvm: a 3 MiB file of the 9pfs share (/share/ -> /srv/share) byte-identical" \
			"$(nsx curl -s -m 10 -o /dev/null -w '%{http_code}' "$(url /share/deep/share.bin)"); $(tail -n 5 "$N/kvm.log")"
	finish kvm "$N/kvm.log"
else
	fail "$kname: nginx answers" "$(tail -n 30 "$N/kvm.log")"
fi
