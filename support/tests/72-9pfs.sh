#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# 9pfs: apps/fs9ptest on kvm with a host folder shared through
# virtio-9p (-fsdev local,security_model=none). The guest lists and
# reads the host's files, then writes, creates, appends, renames,
# deletes, truncates and links; the script checks the host folder
# afterwards. As the root (vfs.rootfs=9pfs, default tag fs0) on the
# default (transitional) device, and through vfs.fstab= on a legacy-only
# and a modern-only device. A missing share gives a clear error and
# status 78, not a crash. The build is for kvm and linuxu (as
# doc/storage.md's example): the linuxu image holds no 9pfs and says so.
# Every QEMU run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null || { fail "qemu-system-x86_64 is installed"; exit 0; }

S=$T/9pfs

# share DIR: the folder the guest starts from.
share() {
	rm -rf "$1"
	mkdir -p "$1/sub" "$1/emptydir"
	echo hello >"$1/hello.txt"
	echo old >"$1/old.txt"
	echo x >"$1/delete-me"
	echo "first line" >"$1/append.txt"
	echo 0123456789 >"$1/trunc.txt"
	echo mv >"$1/sub/moveme"
	ln -s ../hello.txt "$1/sub/link"
}

# run9p DIR TAG DEVICE-OPTIONS ARGS...: the image with DIR shared as TAG.
run9p() {
	local dir=$1 tag=$2 opts=$3
	shift 3
	QEMU_ARGS="-fsdev local,id=f0,path=$dir,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=$tag$opts" \
		TIMEOUT=30 MEM=32 "$UK_ROOT/support/scripts/run" "$IMG" "$@" </dev/null 2>&1
}

listing="== listing
- 0644 11 append.txt
- 0644 2 delete-me
d 0755 0 emptydir
- 0644 6 hello.txt
- 0644 4 old.txt
d 0755 0 sub
l 0777 12 sub/link
- 0644 3 sub/moveme
- 0644 11 trunc.txt
== hello.txt
hello
== sub/link
hello"

after="== after
- 0644 23 append.txt
- 0600 200000 big.out
l 0777 7 guestlink
- 0644 6 hello.txt
- 0644 21 new.txt
d 0755 0 newdir
- 0644 6 newdir/inner.txt
- 0644 3 newdir/moved
- 0644 4 renamed.txt
d 0755 0 sub
l 0777 12 sub/link
- 0644 5 trunc.txt
fs9ptest: ok"

# host_state DIR: what the guest's changes must have left on the host.
host_state() {
	local d=$1
	[ "$(cat "$d/new.txt")" = "written by the guest" ] || { echo "new.txt: $(cat "$d/new.txt" 2>&1)"; return 1; }
	[ "$(cat "$d/newdir/inner.txt")" = inner ] || { echo "newdir/inner.txt missing"; return 1; }
	[ "$(cat "$d/renamed.txt")" = old ] && [ ! -e "$d/old.txt" ] || { echo "rename old.txt -> renamed.txt not done"; return 1; }
	[ "$(cat "$d/newdir/moved")" = mv ] && [ ! -e "$d/sub/moveme" ] || { echo "rename across directories not done"; return 1; }
	[ ! -e "$d/delete-me" ] || { echo "delete-me still there"; return 1; }
	[ ! -e "$d/emptydir" ] || { echo "emptydir still there"; return 1; }
	[ "$(readlink "$d/guestlink")" = new.txt ] || { echo "guestlink: $(readlink "$d/guestlink")"; return 1; }
	[ "$(cat "$d/trunc.txt")" = 01234 ] || { echo "trunc.txt: $(cat "$d/trunc.txt")"; return 1; }
	[ "$(printf 'first line\nsecond line')" = "$(cat "$d/append.txt")" ] || { echo "append.txt: $(cat "$d/append.txt")"; return 1; }
	cmp -s "$d/big.out" <(yes abcdefghijklmnopqrstuvwxyz | tr -d '\n' | head -c 200000) || { echo "big.out differs"; return 1; }
	[ "$(stat -c %a "$d/big.out")" = 600 ] || { echo "big.out mode $(stat -c %a "$d/big.out")"; return 1; }
}

# check_run NAME DIR OUTPUT STATUS: the guest's view and the host's.
check_run() {
	local name=$1 dir=$2 out=$3 st=$4 lines why
	lines=$(grep -v '^\[' <<<"$out" | grep -v '^cwd ')
	if [ "$st" = 0 ] && [ "$lines" = "$listing
$after" ]; then
		pass "$name: the guest lists, reads and changes the share"
	else
		fail "$name: the guest lists, reads and changes the share" "status $st: $out"
	fi
	if why=$(host_state "$dir"); then
		pass "$name: the changes are in the host folder"
	else
		fail "$name: the changes are in the host folder" "$why"
	fi
}

# For kvm and linuxu, as doc/storage.md's example: linuxu has no 9P
# transport, so its image leaves 9pfs out and says so when asked for it.
if ! config_build fs9ptest p9 CONFIG_PLAT_KVM=y CONFIG_PLAT_LINUXU=y \
	CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	fail "fs9ptest builds for kvm and linuxu" "$(tail -n 30 "$T/p9/build.log" "$T/p9/config.log" 2>/dev/null)"
	exit 0
fi
pass "fs9ptest builds for kvm and linuxu"
IMG=$(img fs9ptest p9 kvm)
LU=$(img fs9ptest p9 linuxu)

if nm "$IMG.dbg" | grep -qw p9fs_init && ! nm "$LU.dbg" | grep -qi p9fs; then
	pass "9pfs is in the kvm image, not in the linuxu one"
else
	fail "9pfs is in the kvm image, not in the linuxu one" \
		"kvm: $(nm "$IMG.dbg" | grep -ci p9fs) p9fs symbols; linuxu: $(nm "$LU.dbg" | grep -i p9fs | head)"
fi
for a in "vfs.rootfs=9pfs|as the root file system" "vfs.rootfs=ramfs vfs.fstab=/mnt:9pfs::fs0|on /mnt (vfs.fstab)"; do
	out=$(timeout 30 "$LU" ${a%%|*} -- check / 2>&1)
	st=$?
	[ $st = 78 ] &&
		grep -qF "cannot mount 9pfs ${a#*|}: 9pfs is not available on linuxu (the build links it into kvm images only); stopping" <<<"$out" &&
		! grep -q 'fs9ptest\|CRASH' <<<"$out" &&
		pass "linuxu: ${a%%|*} stops the boot: 9pfs is not available, status 78" ||
		fail "linuxu: ${a%%|*} stops the boot: 9pfs is not available, status 78" "status $st: $out"
done

# The root from tag fs0 (the default), transitional device, run as
# doc/storage.md shows it (make run PLAT=kvm with linuxu selected too).
share "$S/root"
out=$(QEMU_ARGS="-fsdev local,id=f0,path=$S/root,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=fs0" \
	TIMEOUT=30 MEM=32 make --no-print-directory -C "$UK_ROOT/apps/fs9ptest" O="$T/p9/build" \
	C="$T/p9/.config" run PLAT=kvm ARGS="vfs.rootfs=9pfs -- check /" </dev/null 2>&1)
check_run "kvm root 9pfs" "$S/root" "$out" $?
grep -qx 'cwd /newdir' <<<"$out" &&
	pass "kvm root 9pfs: getcwd in a 9pfs directory" ||
	fail "kvm root 9pfs: getcwd in a 9pfs directory" "$out"

# vfs.fstab on a ramfs root, tag "share", on a device that QEMU offers
# only the legacy, or only the modern, interface of: the share working
# shows the driver on that interface (not the image's word for it).
for v in legacy:",disable-modern=on" modern:",disable-legacy=on,disable-modern=off"; do
	share "$S/${v%%:*}"
	out=$(run9p "$S/${v%%:*}" share "${v#*:}" vfs.rootfs=ramfs 9pfs.tag=nosuch \
		vfs.fstab=/mnt:9pfs::share -- check /mnt)
	check_run "kvm ${v%%:*}-only virtio-9p, fstab /mnt" "$S/${v%%:*}" "$out" $?
done

# Missing shares: a clear error, and the boot stops with status 78
# without a crash dump, before the application runs (fstab and root).
share "$S/other"
out=$(run9p "$S/other" other "" vfs.rootfs=ramfs vfs.fstab=/mnt:9pfs::fs0 -- check /mnt)
st=$?
grep -q 'no 9P share with mount tag "fs0"; the shares are:' <<<"$out" &&
	grep -q '"other" (virtio-9p)' <<<"$out" &&
	grep -q 'cannot mount 9pfs on /mnt (vfs.fstab): error 19 (No such device); stopping' <<<"$out" &&
	[ $st = 78 ] && ! grep -q 'CRASH\|fs9ptest' <<<"$out" &&
	pass "kvm: an fstab mount of a missing tag names the tags there are, stops the boot (78)" ||
	fail "kvm: an fstab mount of a missing tag names the tags there are, stops the boot (78)" "status $st: $out"
out=$(TIMEOUT=30 MEM=32 "$UK_ROOT/support/scripts/run" "$IMG" -- check / </dev/null 2>&1)
st=$?
grep -q 'no 9P share with mount tag "fs0": no 9P device found' <<<"$out" &&
	grep -q 'cannot mount 9pfs as the root file system: error 19 (No such device); stopping' <<<"$out" &&
	[ $st = 78 ] && ! grep -q 'CRASH\|Backtrace\|fs9ptest' <<<"$out" &&
	pass "kvm: vfs.rootfs=9pfs without a 9P device says so, status 78, no crash" ||
	fail "kvm: vfs.rootfs=9pfs without a 9P device says so, status 78, no crash" "status $st: $out"
