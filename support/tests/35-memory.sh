#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Memory: the allocator debug aids seen from outside (crash reports of a
# double or invalid free naming the caller, a use after free made to
# fault by the poisoning of freed memory, leak summary), mprotect
# enforced on linuxu, and the unit tests with each backend as default.
. "$(dirname "$0")/lib.sh"

# plattest with the allocator's debug aids (the free checker, poisoning,
# the leak summary) and ukmmap.
mkdir -p "$T/ptm"
make --no-print-directory -C "$UK_ROOT/apps/plattest" O="$T/ptm/build" C="$T/ptm/.config" defconfig >/dev/null 2>&1
cat >>"$T/ptm/.config" <<'CFG'
CONFIG_LIBUKALLOC_CHECKFREE=y
CONFIG_LIBUKALLOC_POISON=y
CONFIG_LIBUKALLOC_LEAKS=y
CONFIG_LIBUKMMAP=y
CFG
make --no-print-directory -C "$UK_ROOT/apps/plattest" O="$T/ptm/build" C="$T/ptm/.config" olddefconfig >/dev/null 2>&1
if ! build plattest ptm; then
	fail "plattest with CHECKFREE, POISON, LEAKS and ukmmap builds" "$(cat "$T/ptm/build.log")"
	exit 0
fi
pass "plattest with CHECKFREE, POISON, LEAKS and ukmmap builds"
pt=$(img plattest ptm linuxu)
run="$UK_ROOT/support/scripts/run"

out=$("$run" "$pt" crash doublefree 2>&1)
st=$?
[ $st = 101 ] && grep -q 'free: double free of 0x' <<<"$out" &&
	grep -qE '^  #2 0x[0-9a-f]+ crash at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	pass "double free crashes (101) naming the caller" ||
	fail "double free crashes (101) naming the caller" "status $st: $out"
out=$("$run" "$pt" crash badfree 2>&1)
st=$?
[ $st = 101 ] && grep -q 'invalid free (not a live block)' <<<"$out" &&
	grep -qE 'crash at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	pass "invalid free crashes (101) naming the caller" ||
	fail "invalid free crashes (101) naming the caller" "status $st: $out"
# A use after free as an exploit uses it: a freed object's function
# pointer called. Without poisoning the stale pointer still works (the
# program says so and exits 4); poisoned, it is 0xdbdb..., a
# non-canonical address: the call faults where it is made.
out=$("$run" "$pt" crash useafterfree 2>&1)
st=$?
[ $st = 101 ] && grep -q '^CRASH: general protection fault' <<<"$out" &&
	grep -qE '^  #0 0x[0-9a-f]+ use_after_free at apps/plattest/main\.c:[0-9]+' <<<"$out" &&
	! grep -q 'stale handler ran' <<<"$out" &&
	pass "a call through a freed object's function pointer faults (poisoned), naming the function" ||
	fail "a call through a freed object's function pointer faults (poisoned), naming the function" "status $st: $out"
# "exit 0" frees all it allocated: nothing may be live at exit.
out=$("$pt" exit 0 2>&1)
grep -q 'leak summary: tlsf: 0 blocks, 0 bytes live at exit' <<<"$out" &&
	pass "leak summary at exit: nothing live after a run that frees all it allocated" ||
	fail "leak summary at exit: nothing live after a run that frees all it allocated" "$out"
out=$("$run" "$pt" crash mprotect 2>&1)
st=$?
[ $st = 101 ] && grep -q 'page fault' <<<"$out" &&
	pass "writing a PROT_READ mapping faults (linuxu)" ||
	fail "writing a PROT_READ mapping faults (linuxu)" "status $st: $out"

# Unit tests with each backend as the default allocator (malloc family,
# posix_memalign, aligned_alloc, malloc_usable_size, mmap on top).
for be in BBUDDY REGION; do
	tag=ut-$be
	mkdir -p "$T/$tag"
	# (apps/unittest/defconfig is a file, so start from it directly.)
	cp "$UK_ROOT/apps/unittest/defconfig" "$T/$tag/.config"
	echo "CONFIG_LIBUKBOOT_ALLOC_$be=y" >>"$T/$tag/.config"
	make --no-print-directory -C "$UK_ROOT/apps/unittest" O="$T/$tag/build" C="$T/$tag/.config" olddefconfig >/dev/null 2>&1
	if ! grep -q "^CONFIG_LIBUKBOOT_ALLOC_$be=y" "$T/$tag/.config" || ! build unittest "$tag"; then
		fail "unittest with $be as default allocator builds" "$(cat "$T/$tag/build.log" 2>/dev/null)"
		continue
	fi
	# The libc, allocator and mmap suites; the region allocator cannot
	# reuse memory, so it runs those that do not depend on reuse.
	timeout 120 "$(img unittest "$tag" linuxu)" nolibc ukalloc ukmmap >"$T/$tag/run.log" 2>&1
	st=$?
	uktest_results "linuxu, $be as default allocator: " "$T/$tag/run.log" $st "$(img unittest "$tag" linuxu)"
done
