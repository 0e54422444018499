#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# POSIX file-API conformance: apps/posixfs runs natively (host gcc and
# glibc, in a scratch folder under $UK_TEST_TMP) as the oracle, then in the
# image on ramfs on linuxu and on kvm; every "case N" line must be the same.
# Each comparison is one check, whose failure lists every differing or
# missing case.
# POSIXFS_KVM_MIB sets the size of the big file on kvm (posixfs -b; default
# 64, like the native and linuxu runs); the oracle is rerun with that size
# when it differs. Last comes a kvm run on 9pfs, a host folder shared
# with virtio-9p and mounted with vfs.fstab=, with -b 8 -n 1000 to keep
# the many small 9P requests short under TCG.
. "$(dirname "$0")/lib.sh"

P=$T/posixfs
mkdir -p "$P"
kvm_mib=${POSIXFS_KVM_MIB:-64}

# oracle MIB [FILES]: the native run's output for a big file of MIB MiB
# (and FILES files in one folder, default 10000).
oracle() {
	local out=$P/host-$1-${2:-10000}.out
	if [ ! -f "$out" ]; then
		"$P/host" -b "$1" -n "${2:-10000}" "$P/scratch" >"$out" 2>&1 ||
			echo "posixfs exited with status $?" >>"$out"
	fi
	echo "$out"
}

# compare PLAT HOST_OUT IMAGE_OUT STATUS: one check for the comparison
# (its failure lists every case that differs or is missing, then the
# first ones' lines side by side) and one for the run's end.
compare() {
	local plat=$1 host=$2 image=$3 st=$4 n total bad=() details=
	local -A got=()
	local line num

	while IFS= read -r line; do
		num=${line#case }
		num=${num%% *}
		got[$num]=$line
	done < <(grep '^case [0-9]* ' "$image")
	while IFS= read -r line; do
		num=${line#case }
		num=${num%% *}
		if [ "${got[$num]-}" != "$line" ]; then
			bad+=("$num")
			[ ${#bad[@]} -gt 12 ] || details+="
host:  $line
image: ${got[$num]-(missing)}"
		fi
	done < <(grep '^case [0-9]* ' "$host")
	total=$(grep -c '^case [0-9]* ' "$host")
	if [ ${#bad[@]} = 0 ] && [ "$total" -gt 0 ]; then
		pass "$plat: posixfs gives the host's result in all $total cases"
	else
		fail "$plat: posixfs gives the host's result in all $total cases" \
			"${#bad[@]} cases differ or are missing: ${bad[*]}$details"
	fi
	n=$(grep -c '^case [0-9]* ' "$image")
	if [ "$st" = 0 ] && grep -qx "posixfs: $n cases" "$image" && [ "$n" = "$total" ]; then
		pass "$plat: posixfs runs to the end ($n cases)"
	else
		fail "$plat: posixfs runs to the end" \
			"status $st, $n of $total cases: $(tail -n 5 "$image")"
	fi
}

if ! gcc -O2 -Wall -Wextra -Werror -o "$P/host" "$UK_ROOT/apps/posixfs/main.c" \
	"$UK_ROOT/apps/posixfs/cases.c" -lpthread 2>"$P/cc.log"; then
	fail "posixfs builds natively" "$(cat "$P/cc.log")"
	exit 0
fi
pass "posixfs builds natively"
host64=$(oracle 64)
cases=$(grep -c '^case [0-9]* ' "$host64")
if [ "$cases" -ge 500 ] && grep -q '^posixfs: [0-9]* cases$' "$host64"; then
	pass "native run: $cases cases"
else
	fail "native run: at least 500 cases" "$(tail -n 5 "$host64")"
fi

if build posixfs pfl -j2; then
	pass "posixfs builds for linuxu"
	timeout 120 "$(img posixfs pfl linuxu)" linuxu.heap_mb=256 -- /posixfs \
		</dev/null >"$P/linuxu.out" 2>&1
	compare linuxu "$host64" "$P/linuxu.out" $?
else
	fail "posixfs builds for linuxu" "$(tail -n 30 "$T/pfl/build.log")"
fi

if ! command -v qemu-system-x86_64 >/dev/null; then
	fail "qemu-system-x86_64 is installed"
	exit 0
fi
if kvm_build posixfs pfk; then
	pass "posixfs builds for kvm"
	MEM=$((kvm_mib + 128)) TIMEOUT=120 "$UK_ROOT/support/scripts/run" \
		"$(img posixfs pfk kvm)" -- -b "$kvm_mib" /posixfs \
		</dev/null >"$P/kvm.out" 2>&1
	compare kvm "$(oracle "$kvm_mib")" "$P/kvm.out" $?
else
	fail "posixfs builds for kvm" "$(tail -n 30 "$T/pfk/build.log")"
fi

if kvm_build posixfs pf9 CONFIG_PLAT_VIRTIO_9P=y CONFIG_LIB9PFS=y; then
	pass "posixfs builds for kvm with 9pfs"
	rm -rf "$P/share"
	mkdir -p "$P/share"
	QEMU_ARGS="-fsdev local,id=f0,path=$P/share,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=fs0" \
		MEM=192 TIMEOUT=180 "$UK_ROOT/support/scripts/run" \
		"$(img posixfs pf9 kvm)" vfs.fstab=/9p:9pfs:rw:fs0 -- \
		-b 8 -n 1000 /9p/posixfs </dev/null >"$P/9pfs.out" 2>&1
	compare 9pfs "$(oracle 8 1000)" "$P/9pfs.out" $?
else
	fail "posixfs builds for kvm with 9pfs" "$(tail -n 30 "$T/pf9/build.log")"
fi
