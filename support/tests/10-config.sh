#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Configuration targets: defaults, defconfig/savedefconfig round trip,
# olddefconfig, oldconfig, allyes/allno, menuconfig through a terminal,
# and clear errors for broken configurations.
. "$(dirname "$0")/lib.sh"

app=$UK_ROOT/apps/helloworld
mk() { make -C "$app" O="$T/cfg/build" C="$T/cfg/.config" "$@"; }
mkdir -p "$T/cfg"

check "defconfig writes defaults" mk defconfig
check "defaults select linuxu" grep -qx 'CONFIG_PLAT_LINUXU=y' "$T/cfg/.config"
cp "$T/cfg/.config" "$T/cfg/defaults"

# A non-default configuration survives savedefconfig -> defconfig exactly.
printf 'CONFIG_OPTIMIZE_PERF=y\nCONFIG_LIBUKBOOT_BANNER=y\nCONFIG_LINUXU_DEFAULT_HEAP_MB=32\n' \
	>"$T/cfg/partial"
check "defconfig from DEFCONFIG=file" mk defconfig DEFCONFIG="$T/cfg/partial"
check "defconfig applied the file" grep -qx 'CONFIG_LINUXU_DEFAULT_HEAP_MB=32' "$T/cfg/.config"
cp "$T/cfg/.config" "$T/cfg/full"
check "savedefconfig" mk savedefconfig DEFCONFIG="$T/cfg/saved"
check "savedefconfig is minimal" \
	bash -c "[ \$(grep -c ^CONFIG_ '$T/cfg/saved') -le 3 ] && ! grep -q '^CONFIG_PLAT_LINUXU' '$T/cfg/saved'"
rm -f "$T/cfg/.config"
check "defconfig restores savedefconfig" mk defconfig DEFCONFIG="$T/cfg/saved"
check "round trip is exact" cmp "$T/cfg/full" "$T/cfg/.config"

# olddefconfig fills in options missing from a partial file.
cp "$T/cfg/partial" "$T/cfg/.config"
check "olddefconfig" mk olddefconfig
check "olddefconfig keeps set values" grep -qx 'CONFIG_OPTIMIZE_PERF=y' "$T/cfg/.config"
check "olddefconfig adds defaults" grep -qx 'CONFIG_LIBUKBOOT=y' "$T/cfg/.config"

# oldconfig without a terminal takes the defaults for new options.
cp "$T/cfg/partial" "$T/cfg/.config"
check "oldconfig with stdin from /dev/null" bash -c "make -C '$app' O='$T/cfg/build' C='$T/cfg/.config' oldconfig </dev/null"
check "oldconfig result is complete" cmp "$T/cfg/full" "$T/cfg/.config"

check "allyesconfig" mk allyesconfig
check "allyesconfig turns tests on" grep -qx 'CONFIG_LIBUKTEST=y' "$T/cfg/.config"
check "allnoconfig" mk allnoconfig
mk >"$T/cfg/out" 2>&1
st=$?
[ $st != 0 ] && grep -q 'error: no platform is selected' "$T/cfg/out" &&
	grep -q 'hint: .*CONFIG_PLAT_LINUXU=y' "$T/cfg/out" &&
	pass "build without platform stops and names the option" ||
	fail "build without platform stops and names the option" "status $st: $(cat "$T/cfg/out")"

# menuconfig in a real terminal (script gives it a pty): Esc Esc leaves.
# Without script(1) the check is recorded as skipped.
rm -f "$T/cfg/.config"
cp "$T/cfg/defaults" "$T/cfg/.config"
if ! command -v script >/dev/null; then
	skip "menuconfig runs in a terminal" "script(1) (util-linux) is not installed"
else
	# Esc Esc every second until it has left (a loaded machine may take
	# a while to draw the menu).
	(sleep 1; for _ in $(seq 1 18); do printf '\033\033'; sleep 1; done) 2>/dev/null |
		TERM=xterm timeout 20 script -qec \
		"make -C '$app' O='$T/cfg/build' C='$T/cfg/.config' menuconfig" \
		/dev/null >"$T/cfg/menu.out" 2>&1
	st=$?
	if [ $st = 0 ] && grep -q 'Tessera configuration' "$T/cfg/menu.out"; then
		pass "menuconfig runs in a terminal"
	else
		fail "menuconfig runs in a terminal" "status $st: $(tail -c 600 "$T/cfg/menu.out")"
	fi
fi
mk menuconfig </dev/null >"$T/cfg/out" 2>&1
expect_output "menuconfig without a terminal says so" 'needs a terminal' "$T/cfg/out"

# Broken configurations: clear errors with file and line, no make noise.
cp "$T/cfg/defaults" "$T/cfg/.config"
echo 'this is not a config line' >>"$T/cfg/.config"
mk >"$T/cfg/out" 2>&1 && fail "garbage line is an error" || \
	expect_output "garbage line is an error naming file:line" \
	"error: .*\.config:[0-9]+: not a CONFIG_NAME=value line" "$T/cfg/out"
cp "$T/cfg/defaults" "$T/cfg/.config"
sed -i 's/^CONFIG_LINUXU_DEFAULT_HEAP_MB=.*/CONFIG_LINUXU_DEFAULT_HEAP_MB=lots/' "$T/cfg/.config"
mk >"$T/cfg/out" 2>&1 && fail "invalid value is an error" || \
	expect_output "invalid value is an error naming the symbol" \
	"error: .*\.config:[0-9]+: .*invalid for LINUXU_DEFAULT_HEAP_MB" "$T/cfg/out"
cp "$T/cfg/defaults" "$T/cfg/.config"
echo 'CONFIG_NO_SUCH_OPTION=y' >>"$T/cfg/.config"
mk >"$T/cfg/out" 2>&1
expect_output "unknown option is reported" \
	'CONFIG_NO_SUCH_OPTION is not an option' "$T/cfg/out"

# A missing .config is created on make.
rm -f "$T/cfg/.config"
mk >"$T/cfg/out" 2>&1
check "make without .config creates it" test -f "$T/cfg/.config"
expect_output "make without .config says so" 'CONFIG +\.config \(defaults\)' "$T/cfg/out"

# A build folder follows C= to another, older .config.
grep -v PLAT_KVM "$T/cfg/.config" >"$T/cfg/kvm.config"
echo CONFIG_PLAT_KVM=y >>"$T/cfg/kvm.config"
make --no-print-directory -C "$UK_ROOT/apps/helloworld" O="$T/cfg/build" \
	C="$T/cfg/kvm.config" -j2 >/dev/null 2>&1
touch -d '1 hour ago' "$T/cfg/.config"
make --no-print-directory -C "$UK_ROOT/apps/helloworld" O="$T/cfg/build" \
	C="$T/cfg/.config" -j2 >"$T/cfg/out" 2>&1
if [ -f "$T/cfg/build/helloworld_linuxu-x86_64" ] &&
	! grep -q CONFIG_PLAT_KVM "$T/cfg/build/include/uk/config.h"; then
	pass "switching C= to an older .config syncs the build folder to it"
else
	fail "switching C= to an older .config syncs the build folder to it" \
		"$(cat "$T/cfg/out"; grep PLAT "$T/cfg/build/include/uk/config.h")"
fi
