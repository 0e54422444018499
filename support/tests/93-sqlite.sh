#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# apps/sqlite: the sqlite3 shell (Debian's sqlite3 source, amalgamation
# generated at build time) on musl, for linuxu and kvm in one build. The
# script from apps/sqlite/mktest (schema, 60000 inserts in transactions,
# joins, aggregates, an index, updates, deletes, constraint violations) runs
# from the initrd on a database on the ramfs root and must print exactly
# what the host's sqlite3 prints on tmpfs. Kernel messages ("[warn] ...")
# share the console and are left out. Every QEMU run is bounded.
. "$(dirname "$0")/lib.sh"

S=$T/sqlite
mkdir -p "$S/root"
"$UK_ROOT/apps/sqlite/mktest" >"$S/root/test.sql"
: >"$S/root/empty"
# Non-interactive, no ~/.sqliterc; sqlite's default VFS ("unix"), which
# takes fcntl record locks on the database and its journal.
args=(-batch -init empty test.db ".read test.sql")

if ! config_build sqlite sqlite CONFIG_PLAT_LINUXU=y CONFIG_PLAT_KVM=y; then
	fail "sqlite builds with musl for linuxu and kvm" "$(tail -n 30 "$S/config.log" "$S/build.log")"
	exit 0
fi
pass "sqlite builds with musl for linuxu and kvm"
if ! "$UK_ROOT/support/scripts/mkinitrd" "$S/root" "$S/sq.cpio" 2>"$S/mkinitrd.log"; then
	fail "mkinitrd packs test.sql" "$(cat "$S/mkinitrd.log")"
	exit 0
fi

H=$(mktemp -d /dev/shm/tessera-sqlite.XXXXXX 2>/dev/null || mktemp -d "$S/host.XXXXXX")
cp "$S/root/test.sql" "$S/root/empty" "$H/"
(cd "$H" && sqlite3 "${args[@]}") >"$S/host.out" 2>&1 </dev/null
hst=$?
rm -rf "$H"

for p in linuxu kvm; do
	if [ $p = linuxu ]; then
		timeout 120 "$(img sqlite sqlite linuxu)" linuxu.initrd="$S/sq.cpio" -- \
			"${args[@]}" >"$S/$p.raw" 2>&1 </dev/null
	else
		QEMU_ARGS="-initrd $S/sq.cpio" TIMEOUT=300 MEM=256 "$UK_ROOT/support/scripts/run" \
			"$(img sqlite sqlite kvm)" "${args[@]}" >"$S/$p.raw" 2>&1 </dev/null
	fi
	st=$?
	grep -avE '^\[(crit|err|warn|info|debug)\] ' "$S/$p.raw" >"$S/$p.out"
	# The constraint violations make both end with status 1.
	if [ "$st" = "$hst" ] && grep -q '^integrity_check$' "$S/host.out" &&
		[ "$(grep -c '^Runtime error' "$S/host.out")" = 7 ] &&
		cmp -s "$S/host.out" "$S/$p.out"; then
		pass "$p: sqlite3 runs test.sql on ramfs as the host's sqlite3 ($(wc -l <"$S/host.out") lines, status $st)"
	else
		fail "$p: sqlite3 runs test.sql on ramfs as the host's sqlite3" \
			"status $st (host $hst): $(diff "$S/host.out" "$S/$p.out" | head -n 30)"
	fi
done
