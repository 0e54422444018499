#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# newlib as the C library (CONFIG_LIBC_NEWLIB): each app is built once for
# linuxu and kvm together (newlib is compiled once per build folder) and
# run on both. helloworld (output, arguments, exit status) and the
# stripped image sizes with nolibc, musl and newlib. Every run is bounded
# by a timeout.
. "$(dirname "$0")/lib.sh"

# newlib_build APP TAG [CONFIG_LINE...]: the app's defconfig, newlib, both
# linuxu and kvm, and the CONFIG_LINEs.
newlib_build() {
	local app=$1 tag=$2 def
	shift 2
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		# The app's lines, less those the CONFIG_LINEs set again.
		[ ! -f "$UK_ROOT/apps/$app/defconfig" ] ||
			grep -v -F -f <(printf '%s\n' "$@" | grep -oE 'CONFIG_[A-Z0-9_]+' ||
				echo CONFIG_NONE_) "$UK_ROOT/apps/$app/defconfig"
		echo CONFIG_LIBC_NEWLIB=y
		echo CONFIG_PLAT_LINUXU=y
		echo CONFIG_PLAT_KVM=y
		printf '%s\n' "$@"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

krun() {
	TIMEOUT=${TIMEOUT:-60} MEM=${MEM:-32} "$UK_ROOT/support/scripts/run" "$@" </dev/null
}

# ---- helloworld ---------------------------------------------------------
hello="Hello world!
argv[1]: one
argv[2]: two words"

if newlib_build helloworld nlhw; then
	pass "helloworld builds with newlib for linuxu and kvm"
	out=$(timeout 20 "$(img helloworld nlhw linuxu)" one "two words" 2>&1)
	st=$?
	[ $st = 0 ] && [ "$out" = "$hello" ] &&
		pass "linuxu: newlib helloworld prints its greeting and arguments, exits 0" ||
		fail "linuxu: newlib helloworld prints its greeting and arguments, exits 0" "status $st: $out"
	out=$(krun "$(img helloworld nlhw kvm)" one "two words" 2>&1)
	st=$?
	[ $st = 0 ] && [ "$out" = "$hello" ] &&
		pass "kvm: newlib helloworld prints its greeting and arguments, exits 0" ||
		fail "kvm: newlib helloworld prints its greeting and arguments, exits 0" "status $st: $out"
else
	fail "helloworld builds with newlib for linuxu and kvm" \
		"$(tail -n 30 "$T/nlhw/config.log" "$T/nlhw/build.log" 2>&1)"
fi

# Stripped sizes, for doc/libc.md: the same helloworld with each libc.
mkdir -p "$T/sizes"
printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_PLAT_KVM=y\n' >"$T/sizes/nolibc"
printf 'CONFIG_LIBC_MUSL=y\nCONFIG_PLAT_LINUXU=y\nCONFIG_PLAT_KVM=y\n' >"$T/sizes/musl"
sizes=
for libc in nolibc musl; do
	if make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/helloworld" \
		O="$T/${libc}hw/build" C="$T/${libc}hw/.config" defconfig \
		DEFCONFIG="$T/sizes/$libc" >"$T/sizes/$libc.log" 2>&1 &&
		build helloworld "${libc}hw" -j2; then
		sizes+="$libc $(stat -c %s "$(img helloworld "${libc}hw" linuxu)")/"
		sizes+="$(stat -c %s "$(img helloworld "${libc}hw" kvm)"), "
	fi
done
[ ! -f "$(img helloworld nlhw kvm)" ] ||
	sizes+="newlib $(stat -c %s "$(img helloworld nlhw linuxu)")/$(stat -c %s "$(img helloworld nlhw kvm)")"
echo "     size helloworld (linuxu/kvm bytes): $sizes"
