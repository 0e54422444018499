#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# musl as the C library (CONFIG_LIBC_MUSL): helloworld on linuxu and kvm,
# musl's printf and gmtime_r/timegm in the image against the host's musl
# 1.2.3 (musl-gcc), libccheck (musl's pthreads on uksched with both
# schedulers, per-thread errno and TLS, time, locale, libm) on linuxu and
# kvm, posixfs on ramfs (linuxu, kvm) against the same cases run natively
# with the host's musl. Image sizes are support/bench's (libcsize). Every
# run is bounded by a timeout.
. "$(dirname "$0")/lib.sh"

hello="Hello world!
argv[1]: one
argv[2]: two words"

# ---- helloworld ---------------------------------------------------------
if libc_build musl helloworld mhw both; then
	pass "helloworld builds with musl for linuxu and kvm"
	out=$(timeout 20 "$(img helloworld mhw linuxu)" one "two words" 2>&1)
	st=$?
	[ $st = 0 ] && [ "$out" = "$hello" ] &&
		pass "linuxu: musl helloworld prints its greeting and arguments, exits 0" ||
		fail "linuxu: musl helloworld prints its greeting and arguments, exits 0" "status $st: $out"
	out=$(krun "$(img helloworld mhw kvm)" one "two words" 2>&1)
	st=$?
	[ $st = 0 ] && [ "$out" = "$hello" ] &&
		pass "kvm: musl helloworld prints its greeting and arguments, exits 0" ||
		fail "kvm: musl helloworld prints its greeting and arguments, exits 0" "status $st: $out"
else
	fail "helloworld builds with musl for linuxu and kvm" "$(tail -n 30 "$T/mhw/build.log")"
fi

# ---- printf against the host's musl ---------------------------------------
if libc_build musl printfcheck mpf linuxu &&
	musl-gcc -O1 -w -o "$T/mpf/host" "$UK_ROOT/support/tests/printf-host.c" 2>"$T/mpf/cc.log"; then
	timeout 20 "$(img printfcheck mpf linuxu)" >"$T/mpf/image.out" 2>&1
	"$T/mpf/host" >"$T/mpf/host.out"
	cases=$(grep -c '^printf-case ' "$T/mpf/host.out")
	diffs=$(diff "$T/mpf/host.out" "$T/mpf/image.out")
	[ "$cases" -ge 400 ] && [ -z "$diffs" ] &&
		pass "musl printf family matches the host's musl on all $cases cases" ||
		fail "musl printf family matches the host's musl on all $cases cases" \
			"$(printf '%s\n' "$diffs" | head -n 30)"
else
	fail "printfcheck builds with musl, and against the host's musl" \
		"$(tail -n 20 "$T/mpf/build.log" "$T/mpf/cc.log" 2>&1)"
fi

# ---- time conversion: gmtime_r/timegm against the host's musl -------------
if libc_build musl timecheck mtc linuxu &&
	musl-gcc -O1 -w -o "$T/mtc/host" "$UK_ROOT/support/tests/time-host.c" 2>"$T/mtc/cc.log"; then
	timeout 60 "$(img timecheck mtc linuxu)" >"$T/mtc/image.out" 2>&1
	TZ=UTC "$T/mtc/host" >"$T/mtc/host.out"
	cases=$(wc -l <"$T/mtc/host.out")
	diffs=$(diff "$T/mtc/host.out" "$T/mtc/image.out")
	[ -z "$diffs" ] && [ "$cases" -ge 6000 ] &&
		pass "musl gmtime_r/timegm match the host's musl on all $cases cases" ||
		fail "musl gmtime_r/timegm match the host's musl on all $cases cases" \
			"$(printf '%s\n' "$diffs" | head -n 30)"
else
	fail "timecheck builds with musl, and against the host's musl" \
		"$(tail -n 20 "$T/mtc/build.log" "$T/mtc/cc.log" 2>&1)"
fi

# ---- libccheck: threads, time, locale, libm -------------------------------
# The cooperative build serves kvm too.
for sched in coop preempt; do
	lines=() plat=both
	[ $sched = coop ] || {
		lines=("# CONFIG_LIBUKSCHEDCOOP is not set" CONFIG_LIBUKSCHEDPREEMPT=y)
		plat=linuxu
	}
	if libc_build musl libccheck mlc-$sched $plat "${lines[@]}"; then
		out=$(timeout 60 "$(img libccheck mlc-$sched linuxu)" 2>&1)
		libccheck_results "linuxu $sched: " "$out" $?
		if [ $plat = both ]; then
			out=$(krun "$(img libccheck mlc-$sched kvm)" 2>&1)
			libccheck_results "kvm $sched: " "$out" $?
		fi
	else
		fail "libccheck builds with musl ($sched)" \
			"$(tail -n 20 "$T/mlc-$sched/config.log" "$T/mlc-$sched/build.log" 2>&1)"
	fi
done

# ---- files: posixfs on ramfs against the host's posixfs built with musl ----
# (linuxu and kvm, the same 64 MiB big file as the native run)
# Built with musl-gcc, the native run has musl's own answers (dup3 with
# unknown flags, readlink into a zero-length buffer) where glibc differs.
P=$T/mpfs
mkdir -p "$P/scratch"
if musl-gcc -O2 -Wall -Wextra -Werror -o "$P/host" "$UK_ROOT/apps/posixfs/main.c" \
	"$UK_ROOT/apps/posixfs/cases.c" 2>"$P/cc.log" &&
	timeout 300 "$P/host" -b 64 "$P/scratch" >"$P/host.out" 2>&1 &&
	libc_build musl posixfs mpfs-b both; then
	timeout 120 "$(img posixfs mpfs-b linuxu)" linuxu.heap_mb=256 -- /posixfs \
		</dev/null >"$P/linuxu.out" 2>&1
	st=$?
	n=$(grep -c '^case [0-9]* ' "$P/host.out")
	diffs=$(diff <(grep '^case [0-9]* ' "$P/host.out") <(grep '^case [0-9]* ' "$P/linuxu.out"))
	[ $st = 0 ] && [ "$n" -ge 500 ] && [ -z "$diffs" ] &&
		pass "linuxu: posixfs on ramfs with musl matches the host's musl on all $n cases" ||
		fail "linuxu: posixfs on ramfs with musl matches the host's musl on all $n cases" \
			"status $st: $(printf '%s\n' "$diffs" | head -n 20)"
else
	fail "posixfs builds with musl, natively and for linuxu" \
		"$(tail -n 20 "$P/cc.log" "$T/mpfs-b/build.log" 2>&1)"
fi
if [ -f "$(img posixfs mpfs-b kvm)" ] && [ -s "$P/host.out" ]; then
	MEM=192 TIMEOUT=180 "$UK_ROOT/support/scripts/run" "$(img posixfs mpfs-b kvm)" \
		-- -b 64 /posixfs </dev/null >"$P/kvm.out" 2>&1
	st=$?
	n=$(grep -c '^case [0-9]* ' "$P/host.out")
	diffs=$(diff <(grep '^case [0-9]* ' "$P/host.out") <(grep '^case [0-9]* ' "$P/kvm.out"))
	[ $st = 0 ] && [ "$n" -ge 500 ] && [ -z "$diffs" ] &&
		pass "kvm: posixfs on ramfs with musl matches the host's musl on all $n cases" ||
		fail "kvm: posixfs on ramfs with musl matches the host's musl on all $n cases" \
			"status $st: $(printf '%s\n' "$diffs" | head -n 20)"
else
	fail "kvm: posixfs on ramfs with musl: no kvm image or no host run" \
		"$(tail -n 20 "$T/mpfs-b/build.log" 2>&1)"
fi
