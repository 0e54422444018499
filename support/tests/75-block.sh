#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Block devices: apps/blktest on kvm over virtio-blk disks backed by raw
# image files the script prepares (zeros, a known text at sector 3). The
# guest reads the text, writes a pattern, reads it back, checks the
# errors (ENOSPC out of range, EINVAL misaligned, EROFS on a read-only
# drive), runs asynchronous requests and flushes; after it powers off,
# the script compares every byte of the image files with what they must
# hold. Transports: transitional, modern-only, legacy-only; interrupts
# (read from QEMU's trace): MSI-X, INTx, none (virtio.blk_poll=1); 512-
# and 4096-byte sectors;
# without a scheduler (halting until the interrupt) and with the
# preemptive one (threads sleeping on a wait queue).
# On linuxu the same checks run over image files given with blk.files=.
# Every QEMU run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

command -v qemu-system-x86_64 >/dev/null || { fail "qemu-system-x86_64 is installed"; exit 0; }
command -v python3 >/dev/null || { fail "python3 is installed"; exit 0; }

tag=blk
if ! kvm_build blktest "$tag" CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	fail "blktest builds for kvm with virtio-blk" "$(tail -n 30 "$T/$tag/build.log" "$T/$tag/config.log" 2>/dev/null)"
	exit 0
fi
pass "blktest builds for kvm with virtio-blk"
bt=$(img blktest "$tag" kvm)
text=TESSERA-BLOCK-IMAGE-$$

# mkimg FILE: 4 MiB of zeros with $text at sector 3.
mkimg() {
	dd if=/dev/zero of="$1" bs=1M count=4 status=none &&
		printf '%s' "$text" | dd of="$1" bs=512 seek=3 conv=notrunc status=none
}

# The image must be zeros, the text at sector 3 and blktest's pattern
# in 512-byte sectors [S, S+N), nothing else.
check_image() {
	python3 - "$1" "$text" "$2" "$3" <<'EOF'
import sys
img, text, s, n = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4])
want = bytearray(4 << 20)
want[3 * 512:3 * 512 + len(text)] = text
for o in range(s * 512, (s + n) * 512):
    want[o] = ((o // 512) * 7 + (o % 512) * 13 + 1) & 0xff
got = open(img, "rb").read()
if got == want:
    sys.exit(0)
bad = next(i for i in range(min(len(got), len(want))) if got[i] != want[i]) \
    if len(got) == len(want) else -1
print("image differs: size %d (want %d), first bad byte %d" % (len(got), len(want), bad))
sys.exit(1)
EOF
}

# blk_run NAME DEVICE-PROPS MACHINE MODE PATTERN KERNEL-ARGS...: one
# read-write disk (plus a read-only one), blktest writes PATTERN (S:N);
# QEMU's trace must show the disks interrupting the guest by MODE
# (MSI-X, INTx, or not at all: polling), the image file must hold the
# pattern, the read-only image no change.
blk_run() {
	local name=$1 props=$2 machine=$3 mode=$4 pat=$5 d=$T/$tag/run$RANDOM st irq
	shift 5
	mkdir -p "$d"
	mkimg "$d/rw.img" && mkimg "$d/ro.img" && cp "$d/ro.img" "$d/ro.orig"
	# shellcheck disable=SC2086 # the event names split at spaces
	TIMEOUT=30 MEM=32 MACHINE=$machine QEMU_ARGS="-drive file=$d/rw.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0$props -drive file=$d/ro.img,if=none,id=d1,format=raw,readonly=on -device virtio-blk-pci,drive=d1$props $(qemu_trace "$d/trace" $VIRTIO_IRQ_EVENTS)" \
		"$UK_ROOT/support/scripts/run" "$bt" "$@" known=3:"$text" pattern="$pat" devs=2 \
		</dev/null >"$d/log" 2>&1
	st=$?
	last_log=$d/log
	irq=$(virtio_irq_mode "$d/trace" virtio-blk-pci 2>&1)
	if [ $st = 0 ] && grep -q 'blktest: [1-9][0-9]* checks passed, 0 failed' "$d/log" &&
		[ "${irq%%:*}" = "$mode" ]; then
		pass "kvm: blktest: $name ($(sed -n 's/blktest: \([0-9]* checks passed\).*/\1/p' "$d/log"); QEMU's trace: $irq)"
	else
		fail "kvm: blktest: $name" "status $st; QEMU's trace: $irq (expected $mode):
$(cat "$d/log")"
		return
	fi
	local out
	if out=$(check_image "$d/rw.img" "${pat%%:*}" "${pat##*:}" 2>&1); then
		pass "kvm: $name: the host image holds the text and exactly the pattern written"
	else
		fail "kvm: $name: the host image holds the text and exactly the pattern written" "$out"
	fi
	check "kvm: $name: the read-only image is unchanged" cmp "$d/ro.img" "$d/ro.orig"
}

blk_run "transitional virtio-blk, MSI-X, plus a read-only drive" "" pc MSI-X 8:24 --
blk_run "modern-only (disable-legacy=on), MSI-X, 1 MiB request" ",disable-legacy=on" pc MSI-X 16:2048 --
blk_run "legacy-only (disable-modern=on), MSI-X" ",disable-modern=on" pc MSI-X 100:40 --
blk_run "legacy without MSI-X (vectors=0): INTx" ",disable-modern=on,vectors=0" pc INTx 64:9 --
blk_run "modern, 4096-byte sectors, pci.msix=0 (INTx), -M q35" \
	",disable-legacy=on,logical_block_size=4096,physical_block_size=4096" q35 INTx 24:64 pci.msix=0 --
blk_run "polling (virtio.blk_poll=1): the devices never interrupt" "" pc polling 8:16 virtio.blk_poll=1 --

# With a scheduler, uk_blkdev_sync_io() sleeps on a wait queue: threads
# rewrite and reread slices of the pattern at the same time.
if kvm_build blktest blkp CONFIG_LIBUKSCHEDPREEMPT=y CONFIG_LIBUKSCHEDPREEMPT_SLICE_US=100 \
	CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	pass "blktest builds for kvm with the preemptive scheduler"
	bt=$(img blktest blkp kvm)
	blk_run "preemptive scheduler (100 us slices), 8 threads at once, MSI-X" "" pc MSI-X 8:256 -- threads=8
	expect_output "kvm: preemptive scheduler, MSI-X: the threads' reads verify" \
		'ok threads writing and reading back' "$last_log"
	blk_run "preemptive scheduler, 4 threads at once, legacy INTx" \
		",disable-modern=on,vectors=0" pc INTx 8:64 -- threads=4
	expect_output "kvm: preemptive scheduler, INTx: the threads' reads verify" \
		'ok threads writing and reading back' "$last_log"
else
	fail "blktest builds for kvm with the preemptive scheduler" "$(tail -n 30 "$T/blkp/build.log")"
fi
bt=$(img blktest "$tag" kvm)

# linuxu: the same checks on host files given with blk.files=.
if build blktest blkl -j2; then
	pass "blktest builds for linuxu with file-backed block devices"
	d=$T/blkl/run
	mkdir -p "$d"
	mkimg "$d/rw.img" && mkimg "$d/ro.img" && cp "$d/ro.img" "$d/ro.orig"
	# strace (when there) shows how the image opens the files.
	strace=()
	! command -v strace >/dev/null || strace=(strace -f -qq -e "trace=open,openat" -o "$d/strace")
	timeout 30 "${strace[@]}" "$(img blktest blkl linuxu)" blk.files="$d/rw.img,$d/ro.img:ro" -- \
		known=3:"$text" pattern=40:72 devs=2 </dev/null >"$d/log" 2>&1
	st=$?
	[ $st = 0 ] && grep -q 'blktest: [1-9][0-9]* checks passed, 0 failed' "$d/log" &&
		pass "linuxu: blktest on two image files, the second read-only" ||
		fail "linuxu: blktest on two image files, the second read-only" "status $st: $(cat "$d/log")"
	if out=$(check_image "$d/rw.img" 40 72 2>&1); then
		pass "linuxu: the host file holds the text and exactly the pattern written"
	else
		fail "linuxu: the host file holds the text and exactly the pattern written" "$out"
	fi
	check "linuxu: the read-only file is unchanged" cmp "$d/ro.img" "$d/ro.orig"
	name="linuxu: the image opens the :ro file read-only and the other read-write (strace)"
	if [ ${#strace[@]} = 0 ]; then
		skip "$name" "strace is not installed"
	elif grep -q "\"$d/ro.img\", O_RDONLY" "$d/strace" &&
		! grep "\"$d/ro.img\"" "$d/strace" | grep -q 'O_RDWR\|O_WRONLY' &&
		grep -q "\"$d/rw.img\", O_RDWR" "$d/strace"; then
		pass "$name"
	else
		fail "$name" "$(grep 'img"' "$d/strace")"
	fi
	timeout 30 "$(img blktest blkl linuxu)" blk.files="$d/nosuch.img" -- </dev/null >"$d/none.log" 2>&1
	st=$?
	[ $st = 1 ] && grep -q "cannot open $d/nosuch.img (error 2)" "$d/none.log" &&
		grep -q 'blktest: FAILED: no block device' "$d/none.log" &&
		pass "linuxu: a missing image file is reported, no device" ||
		fail "linuxu: a missing image file is reported, no device" "status $st: $(cat "$d/none.log")"
else
	fail "blktest builds for linuxu with file-backed block devices" "$(tail -n 30 "$T/blkl/build.log")"
fi

# The sizes and flags the image reports against the drive's.
d=$T/$tag/info
mkdir -p "$d"
dd if=/dev/zero of="$d/a.img" bs=1M count=3 status=none
TIMEOUT=30 MEM=32 QEMU_ARGS="-drive file=$d/a.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0,logical_block_size=4096,physical_block_size=4096" \
	"$UK_ROOT/support/scripts/run" "$bt" -- pattern=0:64 devs=1 </dev/null >"$d/log" 2>&1
st=$?
n=$(($(stat -c %s "$d/a.img") / 4096))
[ $st = 0 ] && grep -q "blkdev0: virtio-blk, $n sectors of 4096 bytes ($((n * 4)) KiB), read-only no" "$d/log" &&
	pass "kvm: a 3 MiB drive with 4096-byte sectors reports its $n sectors" ||
	fail "kvm: a 3 MiB drive with 4096-byte sectors reports its $n sectors" "status $st: $(cat "$d/log")"

# No drive: blktest says so and fails.
TIMEOUT=30 MEM=32 "$UK_ROOT/support/scripts/run" "$bt" </dev/null >"$d/none.log" 2>&1
st=$?
[ $st = 1 ] && grep -q 'blktest: FAILED: no block device' "$d/none.log" &&
	pass "kvm: without a drive blktest reports no block device (status 1)" ||
	fail "kvm: without a drive blktest reports no block device (status 1)" "status $st: $(cat "$d/none.log")"
