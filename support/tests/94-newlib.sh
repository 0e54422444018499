#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# newlib as the C library (CONFIG_LIBC_NEWLIB): each app is built once for
# linuxu and kvm together and run on both (apps that only compute: linuxu
# only). helloworld (output, arguments, exit status), newlib's printf
# family and gmtime_r/timegm against the host's glibc, libccheck (posix-pthread on newlib: per-thread errno and TLS,
# time, locale, libm), posixfs on ramfs against nolibc's answers, and
# Lua's and SQLite's test scripts against the host's lua5.4 and sqlite3.
# Every run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

# Every build here at the same optimisation level (the default, -Os):
# newlib is then compiled once for the group, not again at -O2 for the
# apps whose defconfig builds for speed (posixfs, lua, sqlite).
size=(CONFIG_OPTIMIZE_SIZE=y "# CONFIG_OPTIMIZE_PERF is not set")

# ---- helloworld ---------------------------------------------------------
hello="Hello world!
argv[1]: one
argv[2]: two words"

if libc_build newlib helloworld nlhw both; then
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

# ---- printf against the host's glibc --------------------------------------
# Cases where the standard leaves the choice to the implementation are left
# out by printf-compare.py; the long-double %a cases come last in the list
# and are not compared (see doc/libc.md).
P=$T/nlpf
first_la=$(grep -n '^PRINTF_CASE("%La"' "$UK_ROOT/lib/nolibc/tests/printf_cases.h" | head -n 1 |
	cut -d: -f1)
first_la=$(( $(head -n "$first_la" "$UK_ROOT/lib/nolibc/tests/printf_cases.h" |
	grep -c '^PRINTF_CASE(') - 1 ))
if libc_build newlib printfcheck nlpf linuxu "# CONFIG_LIBNOLIBC_TEST is not set" &&
	gcc -O1 -w -o "$P/host" "$UK_ROOT/support/tests/printf-host.c" 2>"$P/cc.log"; then
	timeout 20 "$(img printfcheck nlpf linuxu)" >"$P/image.out" 2>&1
	"$P/host" >"$P/host.out"
	out=$("$UK_ROOT/support/tests/printf-compare.py" "$P/host.out" "$P/image.out" "$first_la")
	st=$?
	n=$(sed -n 's/^compared \([0-9]*\) cases.*/\1/p' <<<"$out")
	[ $st = 0 ] && [ "${n:-0}" -ge 1200 ] &&
		pass "newlib printf family matches glibc on $n cases (${out##*, })" ||
		fail "newlib printf family matches glibc" "$out"
	echo "     long double %a: $(grep -c '^printf-case ' "$P/image.out") of" \
		"$(grep -c '^printf-case ' "$P/host.out") cases printed" \
		"$(grep -q '^CRASH' "$P/image.out" && echo "(the image crashed)")"
else
	fail "printfcheck builds with newlib, and against the host's glibc" \
		"$(tail -n 20 "$T/nlpf/build.log" "$P/cc.log" 2>&1)"
fi

# ---- time conversion: gmtime_r/timegm against the host's glibc -----------
P=$T/nltc
if libc_build newlib timecheck nltc linuxu &&
	gcc -O1 -w -o "$P/host" "$UK_ROOT/support/tests/time-host.c" 2>"$P/cc.log"; then
	timeout 60 "$(img timecheck nltc linuxu)" >"$P/image.out" 2>&1
	TZ=UTC "$P/host" >"$P/host.out"
	cases=$(wc -l <"$P/host.out")
	diffs=$(diff "$P/host.out" "$P/image.out")
	[ -z "$diffs" ] && [ "$cases" -ge 6000 ] &&
		pass "newlib gmtime_r/timegm match the host's glibc on all $cases cases" ||
		fail "newlib gmtime_r/timegm match the host's glibc on all $cases cases" \
			"$(printf '%s\n' "$diffs" | head -n 30)"
else
	fail "timecheck builds with newlib, and against the host's glibc" \
		"$(tail -n 20 "$T/nltc/build.log" "$P/cc.log" 2>&1)"
fi

# ---- libccheck: posix-pthread on newlib, time, locale, libm ---------------

if libc_build newlib libccheck nllc both; then
	out=$(timeout 60 "$(img libccheck nllc linuxu)" 2>&1)
	libccheck_results "linuxu coop: newlib " "$out" $?
	out=$(TIMEOUT=90 krun "$(img libccheck nllc kvm)" 2>&1)
	libccheck_results "kvm coop: newlib " "$out" $?
else
	fail "libccheck builds with newlib" \
		"$(tail -n 20 "$T/nllc/config.log" "$T/nllc/build.log" 2>&1)"
fi
if libc_build newlib libccheck nllp linuxu "# CONFIG_LIBUKSCHEDCOOP is not set" \
	CONFIG_LIBUKSCHEDPREEMPT=y; then
	out=$(timeout 60 "$(img libccheck nllp linuxu)" 2>&1)
	libccheck_results "linuxu preempt: newlib " "$out" $?
else
	fail "libccheck builds with newlib (preempt)" \
		"$(tail -n 20 "$T/nllp/config.log" "$T/nllp/build.log" 2>&1)"
fi

# ---- files: posixfs on ramfs against nolibc's answers ---------------------
# The same program and case list with nolibc (linuxu) gives the reference.
# Cases that print an open-flags word as a number (F_GETFL) are left out:
# newlib's O_* values are not Linux's (doc/libc.md).
P=$T/nlpfs
mkdir -p "$P"
flagword='^case [0-9]* .*(F_GETFL|status flags|flags:)'
if config_build posixfs nopfs && libc_build newlib posixfs nlpfs both "${size[@]}"; then
	timeout 120 "$(img posixfs nopfs linuxu)" linuxu.heap_mb=256 -- -b 16 /posixfs \
		</dev/null >"$P/nolibc.out" 2>&1
	n=$(grep -c '^case [0-9]* ' "$P/nolibc.out")
	left=$(grep -cE "$flagword" "$P/nolibc.out")
	timeout 120 "$(img posixfs nlpfs linuxu)" linuxu.heap_mb=256 -- -b 16 /posixfs \
		</dev/null >"$P/linuxu.out" 2>&1
	st=$?
	MEM=160 TIMEOUT=180 "$UK_ROOT/support/scripts/run" "$(img posixfs nlpfs kvm)" \
		-- -b 16 /posixfs </dev/null >"$P/kvm.out" 2>&1
	kst=$?
	for p in linuxu kvm; do
		[ $p = linuxu ] && s=$st || s=$kst
		diffs=$(diff <(grep '^case [0-9]* ' "$P/nolibc.out" | grep -vE "$flagword") \
			<(grep '^case [0-9]* ' "$P/$p.out" | grep -vE "$flagword"))
		[ "$s" = 0 ] && [ "$n" -ge 500 ] && [ -z "$diffs" ] &&
			grep -q "^posixfs: $n cases" "$P/$p.out" &&
			pass "$p: posixfs on ramfs with newlib matches nolibc on $((n - left)) of $n cases (flag words left out)" ||
			fail "$p: posixfs on ramfs with newlib matches nolibc" \
				"status $s: $(printf '%s\n' "$diffs" | head -n 20)"
	done
else
	fail "posixfs builds with nolibc (linuxu) and newlib (linuxu, kvm)" \
		"$(tail -n 20 "$T/nopfs/build.log" "$T/nlpfs/build.log" 2>&1)"
fi

# ---- Lua: apps/lua's test script against the host's lua5.4 ----------------
L=$T/nllua
mkdir -p "$L/root" "$L/host"
cp "$UK_ROOT/apps/lua/test.lua" "$L/root/"
cp "$UK_ROOT/apps/lua/test.lua" "$L/host/"
if libc_build newlib lua nllua both "${size[@]}" &&
	"$UK_ROOT/support/scripts/mkinitrd" "$L/root" "$L/lua.cpio" 2>"$L/mkinitrd.log"; then
	(cd "$L/host" && timeout 60 lua5.4 test.lua) >"$L/host.out" 2>&1
	timeout 60 "$(img lua nllua linuxu)" linuxu.initrd="$L/lua.cpio" -- test.lua \
		</dev/null >"$L/linuxu.out" 2>&1
	st=$?
	QEMU_ARGS="-initrd $L/lua.cpio" TIMEOUT=120 MEM=64 "$UK_ROOT/support/scripts/run" \
		"$(img lua nllua kvm)" test.lua </dev/null >"$L/kvm.out" 2>&1
	kst=$?
	for p in linuxu kvm; do
		[ $p = linuxu ] && s=$st || s=$kst
		diffs=$(diff "$L/host.out" <(grep -avE '^\[(crit|err|warn|info|debug)\] ' "$L/$p.out"))
		[ "$s" = 0 ] && [ -s "$L/host.out" ] && [ -z "$diffs" ] &&
			pass "$p: lua test.lua on newlib prints what the host's lua5.4 prints" ||
			fail "$p: lua test.lua on newlib prints what the host's lua5.4 prints" \
				"status $s: $(printf '%s\n' "$diffs" | head -n 20)"
	done
else
	fail "lua builds with newlib for linuxu and kvm" \
		"$(tail -n 20 "$T/nllua/build.log" "$L/mkinitrd.log" 2>&1)"
fi

# ---- SQLite: apps/sqlite/mktest's script against the host's sqlite3 -------
# As 93-sqlite with musl: the database on the ramfs root, the script from
# the initrd, the output byte for byte that of the host's sqlite3 on tmpfs.
S=$T/nlsq
mkdir -p "$S/root"
"$UK_ROOT/apps/sqlite/mktest" >"$S/root/test.sql"
: >"$S/root/empty"
args=(-batch -init empty test.db ".read test.sql")
if libc_build newlib sqlite nlsq both "${size[@]}" &&
	"$UK_ROOT/support/scripts/mkinitrd" "$S/root" "$S/sq.cpio" 2>"$S/mkinitrd.log"; then
	H=$(mktemp -d /dev/shm/tessera-sqlite.XXXXXX 2>/dev/null || mktemp -d "$S/host.XXXXXX")
	cp "$S/root/test.sql" "$S/root/empty" "$H/"
	(cd "$H" && timeout 120 sqlite3 "${args[@]}") >"$S/host.out" 2>&1 </dev/null
	hst=$?
	rm -rf "$H"
	timeout 120 "$(img sqlite nlsq linuxu)" linuxu.initrd="$S/sq.cpio" -- "${args[@]}" \
		>"$S/linuxu.raw" 2>&1 </dev/null
	st=$?
	QEMU_ARGS="-initrd $S/sq.cpio" TIMEOUT=300 MEM=256 "$UK_ROOT/support/scripts/run" \
		"$(img sqlite nlsq kvm)" "${args[@]}" >"$S/kvm.raw" 2>&1 </dev/null
	kst=$?
	for p in linuxu kvm; do
		[ $p = linuxu ] && s=$st || s=$kst
		grep -avE '^\[(crit|err|warn|info|debug)\] ' "$S/$p.raw" >"$S/$p.out"
		# The constraint violations make both end with status 1.
		[ "$s" = "$hst" ] && grep -q '^integrity_check$' "$S/host.out" &&
			[ "$(grep -c '^Runtime error' "$S/host.out")" = 7 ] &&
			cmp -s "$S/host.out" "$S/$p.out" &&
			pass "$p: sqlite3 on newlib runs test.sql on ramfs as the host's sqlite3 ($(wc -l <"$S/host.out") lines, status $s)" ||
			fail "$p: sqlite3 on newlib runs test.sql on ramfs as the host's sqlite3" \
				"status $s (host $hst): $(diff "$S/host.out" "$S/$p.out" | head -n 30)"
	done
else
	fail "sqlite builds with newlib for linuxu and kvm" \
		"$(tail -n 20 "$T/nlsq/build.log" "$S/mkinitrd.log" 2>&1)"
fi
