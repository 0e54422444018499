#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# apps/lua: Lua 5.4 (Debian's lua5.4 source) on musl, for linuxu and kvm in
# one build. apps/lua/test.lua, run from the initrd (it writes and reads
# back files on the ramfs root), and a few -e chunks must print exactly
# what the host's lua5.4 prints. Kernel messages ("[warn] ...") share the
# console and are left out of the comparison. Every QEMU run is bounded.
. "$(dirname "$0")/lib.sh"

L=$T/lua
mkdir -p "$L/root" "$L/host"
cp "$UK_ROOT/apps/lua/test.lua" "$L/root/"
cp "$UK_ROOT/apps/lua/test.lua" "$L/host/"

# Only what Lua prints: no kernel message lines.
strip_kmsg() {
	grep -avE '^\[(crit|err|warn|info|debug)\] '
}

run_lu() {
	timeout 60 "$(img lua lua linuxu)" linuxu.initrd="$L/lua.cpio" -- "$@" </dev/null
}

run_kvm() {
	QEMU_ARGS="-initrd $L/lua.cpio" TIMEOUT=120 MEM=64 \
		"$UK_ROOT/support/scripts/run" "$(img lua lua kvm)" "$@" </dev/null
}

if ! config_build lua lua CONFIG_PLAT_LINUXU=y CONFIG_PLAT_KVM=y; then
	fail "lua builds with musl for linuxu and kvm" "$(tail -n 30 "$L/config.log" "$L/build.log")"
	exit 0
fi
pass "lua builds with musl for linuxu and kvm"

if ! "$UK_ROOT/support/scripts/mkinitrd" "$L/root" "$L/lua.cpio" 2>"$L/mkinitrd.log"; then
	fail "mkinitrd packs test.lua" "$(cat "$L/mkinitrd.log")"
	exit 0
fi

(cd "$L/host" && lua5.4 test.lua) >"$L/host.out" 2>&1
hst=$?
for p in linuxu kvm; do
	if [ $p = linuxu ]; then
		run_lu test.lua >"$L/$p.raw" 2>&1
	else
		run_kvm test.lua >"$L/$p.raw" 2>&1
	fi
	st=$?
	strip_kmsg <"$L/$p.raw" >"$L/$p.out"
	if [ $hst = 0 ] && [ $st = 0 ] && grep -q '^done$' "$L/host.out" &&
		cmp -s "$L/host.out" "$L/$p.out"; then
		pass "$p: test.lua from the initrd prints what the host's lua5.4 prints ($(wc -l <"$L/host.out") lines)"
	else
		fail "$p: test.lua from the initrd prints what the host's lua5.4 prints" \
			"status $st (host $hst): $(diff "$L/host.out" "$L/$p.out" | head -n 30)"
	fi
done

# -e chunks: output, error message and exit status as on the host. An
# error message starts with the program's name (argv[0]): made the same.
progname() {
	sed -E 's|^[^ :]*: \(command line\)|lua: (command line)|'
}
chunks=(
	'print(("ab"):rep(3, "-"), 2^10, 7 // 2, string.format("%.3f", math.pi))'
	'for k, v in ipairs({10, 20}) do io.write(k, ":", v, " ") end print(#arg)'
	'error("boom")'
	'os.exit(3)'
	'local t = setmetatable({}, {__index = function(_, k) return k * 2 end}) print(t[21])'
	# 200 nested C calls until "C stack overflow": more than kvm's 32 KiB
	# boot stack, so main() needs LIBUKSCHED_MAIN_STACK_SIZE (issue 19).
	'local t = setmetatable({}, {__index = function(t, k) return t[k] end}) print(t.x)'
)
for c in "${chunks[@]}"; do
	want=$(cd "$L/host" && lua5.4 -e "$c" >"$L/e.host" 2>&1; echo $?)
	wst=$want
	want=$(progname <"$L/e.host")
	for p in linuxu kvm; do
		if [ $p = linuxu ]; then
			run_lu -e "$c" >"$L/e.$p" 2>&1
		else
			run_kvm -e "$c" >"$L/e.$p" 2>&1
		fi
		st=$?
		got=$(strip_kmsg <"$L/e.$p" | progname)
		[ "$got" = "$want" ] && [ "$st" = "$wst" ] &&
			pass "$p: lua -e '$c' as on the host (status $wst)" ||
			fail "$p: lua -e '$c' as on the host (status $wst)" \
				"status $st: $got
host: $want"
	done
done
