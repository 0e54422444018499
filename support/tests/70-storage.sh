#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Storage: the fstest app boots with an initrd (linuxu.initrd= on linuxu,
# QEMU -initrd on kvm), lists and reads the extracted files, writes and
# rereads files; malformed archives (truncated, bad magic, name size
# overflow) give a clear error and no crash; vfs.rootfs= and vfs.fstab=.
. "$(dirname "$0")/lib.sh"

S=$T/storage
mkdir -p "$S/root/etc" "$S/root/data/sub"
echo "hello from initrd" >"$S/root/etc/motd"
chmod 640 "$S/root/etc/motd"
ln -sf ../etc/motd "$S/root/data/link"
head -c 70000 /dev/urandom | od -An -tx1 | head -c 150000 >"$S/root/data/sub/big"
if ! "$UK_ROOT/support/scripts/mkinitrd" "$S/root" "$S/good.cpio" 2>"$S/mkinitrd.log"; then
	fail "mkinitrd builds an archive" "$(cat "$S/mkinitrd.log")"
	exit 0
fi
pass "mkinitrd builds an archive"
bigsize=$(stat -c %s "$S/root/data/sub/big")

# Hard links as the host's cpio stores them: only the last name carries
# the data, every name must show it.
mkdir -p "$S/links/bin"
echo "multi-call binary" >"$S/links/bin/busybox"
ln -f "$S/links/bin/busybox" "$S/links/bin/ls"
ln -f "$S/links/bin/busybox" "$S/links/bin/sh"
if ! "$UK_ROOT/support/scripts/mkinitrd" "$S/links" "$S/links.cpio" 2>"$S/mkinitrd.log" ||
	[ "$(grep -ac 'multi-call binary' "$S/links.cpio")" != 1 ]; then
	fail "mkinitrd builds an archive with hard links (data stored once)" "$(cat "$S/mkinitrd.log")"
	exit 0
fi

# Malformed archives.
head -c 300 "$S/good.cpio" >"$S/trunc.cpio"
{ printf 'XXXXXX'; tail -c +7 "$S/good.cpio"; } >"$S/magic.cpio"
{ head -c 94 "$S/good.cpio"; printf 'FFFFFFFF'; tail -c +103 "$S/good.cpio"; } >"$S/name.cpio"

expected_listing="d 0755 0 /data
l 0777 11 /data/link
d 0755 0 /data/sub
- 0644 $bigsize /data/sub/big
d 0755 0 /etc
- 0640 18 /etc/motd
== /etc/motd
hello from initrd
== /data/link
hello from initrd
fstest: stdout through fd 1
fstest: ok"

# check_plat PLAT IMAGE RUNNER: runs fstest with each archive.
# RUNNER ARCHIVE ARGS... runs the image with ARCHIVE as its initrd.
check_plat() {
	local p=$1 out st kind
	shift
	out=$("$@" "$S/good.cpio" -- /etc/motd /data/link 2>&1 | grep -v '^\[')
	st=$?
	[ "$out" = "$expected_listing" ] &&
		pass "$p: initrd is listed, read, written to" ||
		fail "$p: initrd is listed, read, written to" "status $st: $out"
	out=$("$@" "$S/links.cpio" -- /bin/busybox /bin/ls /bin/sh 2>&1 | grep -v '^\[')
	st=$?
	[ "$(grep -cE '^- 0644 18 /bin/(busybox|ls|sh)$' <<<"$out")" = 3 ] &&
		[ "$(grep -cx 'multi-call binary' <<<"$out")" = 3 ] &&
		grep -q '^fstest: ok' <<<"$out" &&
		pass "$p: hard links in an initrd made by cpio all show the data" ||
		fail "$p: hard links in an initrd made by cpio all show the data" "status $st: $out"
	for kind in trunc magic name; do
		out=$("$@" "$S/$kind.cpio" -- 2>&1)
		st=$?
		case $kind in
		trunc) want='malformed cpio archive at offset [0-9]+: (truncated header|name runs past|file data runs past)' ;;
		magic) want='malformed cpio archive at offset 0: bad magic' ;;
		name) want='malformed cpio archive at offset 0: name size out of range' ;;
		esac
		if [ $st = 0 ] && grep -qE "$want" <<<"$out" && grep -q '^fstest: ok' <<<"$out"; then
			pass "$p: $kind archive gives a clear error, boot goes on"
		else
			fail "$p: $kind archive gives a clear error, boot goes on" "status $st: $out"
		fi
	done
}

run_linuxu() {
	local a=$1
	shift
	timeout 30 "$LU" linuxu.initrd="$a" "$@" </dev/null
}

run_kvm() {
	local a=$1
	shift
	QEMU_ARGS="-initrd $a" TIMEOUT=30 MEM=32 "$UK_ROOT/support/scripts/run" "$KV" "$@" </dev/null
}

if build fstest fsl -j4; then
	pass "fstest builds for linuxu"
	LU=$(img fstest fsl linuxu)
	check_plat linuxu run_linuxu
	out=$(timeout 30 "$LU" 2>&1)
	grep -q 'gave no initrd' <<<"$out" && grep -q '^fstest: ok' <<<"$out" &&
		pass "linuxu: rootfs=initrd without an initrd says so" ||
		fail "linuxu: rootfs=initrd without an initrd says so" "$out"
	out=$(timeout 30 "$LU" vfs.rootfs=ramfs vfs.fstab=/mnt/a:ramfs,/mnt/b:ramfs:ro linuxu.initrd="$S/good.cpio" -- 2>&1)
	grep -qx 'd 0755 0 /mnt/a' <<<"$out" && grep -qx 'd 0755 0 /mnt/b' <<<"$out" &&
		! grep -q motd <<<"$out" && grep -q '^fstest: ok' <<<"$out" &&
		pass "linuxu: vfs.rootfs=ramfs ignores the initrd, vfs.fstab= mounts" ||
		fail "linuxu: vfs.rootfs=ramfs ignores the initrd, vfs.fstab= mounts" "$out"
	# A tree deeper than any fixed path buffer (fstest's was 512 bytes:
	# a truncated path named a directory above and the walk listed it
	# forever): every entry listed with its full path, no repeat.
	deep=$S/deep
	d=$deep
	for i in $(seq -w 1 40); do
		d=$d/level-$i-xxxxxxxxxxxxxxxxxxxx
	done
	mkdir -p "$d"
	echo bottom >"$d/file"
	dpath=${d#"$deep"}/file
	if "$UK_ROOT/support/scripts/mkinitrd" "$deep" "$S/deep.cpio" 2>"$S/mkinitrd.log"; then
		out=$(timeout 30 "$LU" linuxu.initrd="$S/deep.cpio" -- 2>&1 | head -c 1000000
			exit "${PIPESTATUS[0]}")
		st=$?
		n=$(grep -c '^[dl-] ' <<<"$out")
		if [ $st = 0 ] && grep -qxF -- "- 0644 7 $dpath" <<<"$out" && [ "$n" = 41 ] &&
			grep -q '^fstest: ok' <<<"$out"; then
			pass "linuxu: a ${#dpath}-byte path 41 levels deep is listed once, in full"
		else
			fail "linuxu: a ${#dpath}-byte path 41 levels deep is listed once, in full" \
				"status $st, $n entries: $(head -c 3000 <<<"$out")"
		fi
	else
		fail "mkinitrd builds the deep archive" "$(cat "$S/mkinitrd.log")"
	fi
	# A malformed entry, or one that cannot be mounted, stops the boot
	# before the application runs: status 64 (command line), 78 (mount).
	out=$(timeout 30 "$LU" vfs.fstab=bogus linuxu.initrd="$S/good.cpio" -- 2>&1)
	st=$?
	[ $st = 64 ] && grep -q 'vfs.fstab: bad entry "bogus"' <<<"$out" &&
		! grep -q '^fstest' <<<"$out" &&
		pass "linuxu: a bad vfs.fstab entry stops the boot, status 64" ||
		fail "linuxu: a bad vfs.fstab entry stops the boot, status 64" "status $st: $out"
	out=$(timeout 30 "$LU" vfs.fstab=/mnt:nosuchfs linuxu.initrd="$S/good.cpio" -- 2>&1)
	st=$?
	[ $st = 78 ] &&
		grep -q 'cannot mount nosuchfs on /mnt (vfs.fstab): this image has no file system "nosuchfs" (it has: [a-z ]*ramfs' <<<"$out" &&
		! grep -q '^fstest' <<<"$out" &&
		pass "linuxu: an fstab mount of an unknown type stops the boot, status 78" ||
		fail "linuxu: an fstab mount of an unknown type stops the boot, status 78" "status $st: $out"
else
	fail "fstest builds for linuxu" "$(tail -n 30 "$T/fsl/build.log")"
fi

if ! command -v qemu-system-x86_64 >/dev/null; then
	fail "qemu-system-x86_64 is installed"
	exit 0
fi
if kvm_build fstest fsk; then
	pass "fstest builds for kvm"
	KV=$(img fstest fsk kvm)
	check_plat kvm run_kvm
else
	fail "fstest builds for kvm" "$(tail -n 30 "$T/fsk/build.log")"
fi
