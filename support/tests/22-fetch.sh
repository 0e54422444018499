#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetched third-party sources (support/build/fetch.mk) and the object
# cache (ccache, support/build/rules.mk): an out-of-tree library whose
# "upstream" tarball sits in a private download cache, so no network is
# used. Unpack and patch, cache reuse after clean, refetch on a changed
# patch, a clear error on a checksum mismatch; objects shared between
# build folders (upstream objects as one archive,
# support/build/upstream-cache), recompiled when a flag, a patch or an
# option changes them, and a corrupted cache entry recompiled, never
# linked.
. "$(dirname "$0")/lib.sh"

f=$T/fetch
mkdir -p "$f/up/hello-1.0" "$f/dl" "$f/app" "$f/hello/patches"
cat >"$f/up/hello-1.0/hello.c" <<'C'
#include <stdio.h>
int hello(void) { printf("hello from upstream\n"); return 3; }
C
tar -C "$f/up" -cJf "$f/dl/hello_1.0.orig.tar.xz" hello-1.0
sum=$(sha256sum <"$f/dl/hello_1.0.orig.tar.xz" | cut -d' ' -f1)
cat >"$f/hello/patches/0001-patched.patch" <<'P'
--- a/hello.c
+++ b/hello.c
@@ -1,2 +1,2 @@
 #include <stdio.h>
-int hello(void) { printf("hello from upstream\n"); return 3; }
+int hello(void) { printf("hello from upstream, patched\n"); return 5; }
P
printf 'config LIBHELLO\n\tbool "hello: fetched"\n\tdefault y\n' >"$f/hello/Config.uk"
cat >"$f/hello/Makefile.uk" <<MK
fetch-y += hello 1.0-1 hello_1.0.orig.tar.xz $sum
srcs-y += \$(UK_SRC)/hello.c
MK
cat >"$f/app/Makefile" <<MK
goals := \$(or \$(MAKECMDGOALS),all)
.PHONY: \$(goals)
\$(goals):
	@\$(MAKE) --no-print-directory -C $UK_ROOT A=\$(CURDIR) L=$f/hello \$@
MK
echo 'srcs-y += main.c' >"$f/app/Makefile.uk"
printf 'config APPFETCHED\n\tbool\n\tdefault y\nconfig APPFETCHED_LOUD\n\tbool "loud"\n' >"$f/app/Config.uk"
cat >"$f/app/main.c" <<'C'
int hello(void);
int main(void)
{
#ifdef CONFIG_APPFETCHED_LOUD
	return hello() + 100;
#endif
	return hello();
}
C

mk() { DL_DIR=$f/dl make --no-print-directory -C "$f/app" "$@" >"$f/log" 2>&1; }
run_app() {
	local out st
	out=$("$f/app/build/app_linuxu-x86_64" 2>&1)
	st=$?
	[ $st = 5 ] && grep -qx 'hello from upstream, patched' <<<"$out"
}

check "library with fetched sources builds" mk
expect_output "quiet UNPACK line" '^  UNPACK  hello 1\.0$' "$f/log"
expect_output "quiet PATCH line" '^  PATCH   hello/0001-patched\.patch$' "$f/log"
expect_output "fetched source compiled under src/" '^  CC      lib/hello/hello/hello\.o$' "$f/log"
check "image runs the patched upstream code" run_app
check "fetched tree is under build/src" test -f "$f/app/build/src/hello/hello.c"
mk
if [ -s "$f/log" ]; then
	fail "second make of the app with fetched sources does nothing" "$(cat "$f/log")"
else
	pass "second make of the app with fetched sources does nothing"
fi
mk clean
mk
if grep -q '^  UNPACK  hello' "$f/log" && ! grep -q FETCH "$f/log"; then
	pass "clean build unpacks from the cache without fetching"
else
	fail "clean build unpacks from the cache without fetching" "$(cat "$f/log")"
fi
sed -i 's/return 5/return 5 /' "$f/hello/patches/0001-patched.patch"
mk
if grep -q '^  UNPACK  hello' "$f/log" && grep -q '^  CC      lib/hello/hello/hello\.o$' "$f/log"; then
	pass "changed patch unpacks and recompiles"
else
	fail "changed patch unpacks and recompiles" "$(cat "$f/log")"
fi

# ---- the object cache ---------------------------------------------------------
# A private cache, so that its counters are this group's alone.
cache=$T/objcache
ccstat() {
	CCACHE_DIR=$cache/objects ccache --print-stats |
		awk -v k="$1" '$1 == k { print $2 }'
}
# cbuild FOLDER [make args]: a build with zeroed counters; sets $compiled
# (objects make compiled), $hits and $misses (the cache's view of them),
# $unpacked (1 when the upstream object came from the archive cache).
cbuild() {
	local dir=$1
	shift
	CCACHE_DIR=$cache/objects ccache -z >/dev/null 2>&1
	UK_CACHE_DIR=$cache DL_DIR=$f/dl make --no-print-directory -C "$f/app" \
		O="$f/$dir" "$@" >"$f/$dir.log" 2>&1 || return 1
	compiled=$(grep -cE '^  (CC|AS) ' "$f/$dir.log")
	unpacked=$(grep -c '^  CACHED  hello: 1 objects$' "$f/$dir.log")
	hits=$(($(ccstat direct_cache_hit) + $(ccstat preprocessed_cache_hit)))
	misses=$(ccstat cache_miss)
}
# flip_bytes FILE: four bytes in the middle of FILE overwritten.
flip_bytes() {
	printf '\377\377\377\377' | dd of="$1" bs=1 seek=$(($(stat -c %s "$1") / 2)) conv=notrunc status=none
}
# crun FOLDER: run that build's image, print its status.
crun() {
	"$f/$1/app_linuxu-x86_64" >/dev/null 2>&1
	echo $?
}

if ! command -v ccache >/dev/null; then
	for c in "cold cache compiles every object" "second build folder takes every object from the cache" \
		"changed flag recompiles" "changed patch recompiles only the patched object" \
		"changed option recompiles only what uses it" "corrupted cache entries are recompiled, never linked" \
		"a damaged archive of upstream objects is deleted and compiled again" \
		"a changed upstream source is not taken from the archive" \
		"beyond UK_UPSTREAM_CACHE_MB the older archives are deleted" \
		"make cache-stats counts the archives; make cache-clean empties the cache, keeps downloads"; do
		skip "object cache: $c" "ccache is not installed (support/scripts/install-deps)"
	done
elif ! cbuild c1 -j2; then
	fail "object cache: cold build" "$(cat "$f/c1.log")"
else
	[ "$misses" = "$compiled" ] && [ "$hits" = 0 ] && [ "$compiled" -gt 20 ] && [ "$unpacked" = 0 ] &&
		grep -q '^  CC      lib/hello/hello/hello\.o$' "$f/c1.log" &&
		pass "object cache: cold cache compiles every object ($compiled misses)" ||
		fail "object cache: cold cache compiles every object" "$compiled compiled, $hits hits, $misses misses"

	# The upstream object comes as the archive of the library's objects.
	cbuild c2 -j2
	[ "$hits" = "$compiled" ] && [ "$misses" = 0 ] && [ "$unpacked" = 1 ] &&
		! grep -q 'CC      lib/hello/hello/hello\.o' "$f/c2.log" &&
		cmp -s "$f/c1/app_linuxu-x86_64" "$f/c2/app_linuxu-x86_64" &&
		cmp -s "$f/c1/app_linuxu-x86_64.dbg" "$f/c2/app_linuxu-x86_64.dbg" &&
		[ "$(crun c2)" = 5 ] &&
		pass "object cache: second build folder takes all $compiled objects and the upstream archive from the cache, bit-identical image" ||
		fail "object cache: second build folder takes every object from the cache" \
			"$compiled compiled, $hits hits, $misses misses; $(cmp "$f/c1/app_linuxu-x86_64" "$f/c2/app_linuxu-x86_64" 2>&1)"

	# A flag: every C object is new, the assembly ones are not.
	grep -v UK_EXTRA_CFLAGS "$f/app/.config" >"$f/c3.config"
	echo 'CONFIG_UK_EXTRA_CFLAGS="-fno-inline-small-functions"' >>"$f/c3.config"
	cbuild c3 C="$f/c3.config" -j2
	ncc=$(grep -c '^  CC ' "$f/c3.log")
	[ "$misses" = "$ncc" ] && [ "$hits" = $((compiled - ncc)) ] && [ "$ncc" -gt 20 ] && [ "$unpacked" = 0 ] &&
		grep -q '^  CC      lib/hello/hello/hello\.o$' "$f/c3.log" &&
		pass "object cache: changed flag recompiles all $ncc C objects" ||
		fail "object cache: changed flag recompiles" "$ncc C objects, $hits hits, $misses misses"

	# A patch: only the patched upstream file, and the image runs it.
	sed -i 's/return 5 \?;/return 7;/' "$f/hello/patches/0001-patched.patch"
	cbuild c2 -j2
	[ "$misses" = 1 ] && [ "$hits" = 0 ] && [ "$compiled" = 1 ] && [ "$(crun c2)" = 7 ] &&
		pass "object cache: changed patch recompiles only the patched object" ||
		fail "object cache: changed patch recompiles only the patched object" \
			"$compiled compiled, $hits hits, $misses misses, image status $(crun c2); $(cat "$f/c2.log")"

	# An option: config.h changes for every object, but only main.c uses it.
	grep -v APPFETCHED_LOUD "$f/app/.config" >"$f/c4.config"
	echo CONFIG_APPFETCHED_LOUD=y >>"$f/c4.config"
	cbuild c2 C="$f/c4.config" -j2
	[ "$misses" = 1 ] && [ "$hits" = $((compiled - 1)) ] && [ "$(crun c2)" = 107 ] &&
		pass "object cache: changed option recompiles only what uses it (1 of $compiled)" ||
		fail "object cache: changed option recompiles only what uses it" \
			"$compiled compiled, $hits hits, $misses misses, image status $(crun c2)"

	# Every stored object damaged (bytes flipped, or cut short): each is
	# detected, compiled again, and the image is the one from a sound cache.
	cbuild c6 -j2
	n=0
	while IFS= read -r e; do
		if [ $((n++ % 2)) = 0 ]; then
			flip_bytes "$e"
		else
			truncate -s $(($(stat -c %s "$e") - 9)) "$e"
		fi
	done < <(find "$cache/objects" -name '*R')
	cbuild c5 -j2
	[ "$n" -ge "$compiled" ] && [ "$misses" = "$compiled" ] && [ "$hits" = 0 ] &&
		cmp -s "$f/c6/app_linuxu-x86_64.dbg" "$f/c5/app_linuxu-x86_64.dbg" &&
		[ "$(crun c5)" = 7 ] && pass "object cache: $n corrupted entries are detected and recompiled, never linked" ||
		fail "object cache: corrupted cache entries are recompiled, never linked" \
			"$n entries damaged; $compiled compiled, $hits hits, $misses misses; $(cmp "$f/c6/app_linuxu-x86_64.dbg" "$f/c5/app_linuxu-x86_64.dbg" 2>&1)"

	# The archive of upstream objects damaged: reported, deleted,
	# compiled again, the same image.
	for e in "$cache"/upstream/*/objects.tar; do
		flip_bytes "$e"
	done
	cbuild c7 -j2
	grep -q '^warning: the cached objects of hello .* are damaged: deleted, compiling instead$' "$f/c7.log" &&
		grep -q '^  CC      lib/hello/hello/hello\.o$' "$f/c7.log" && [ "$unpacked" = 0 ] &&
		cmp -s "$f/c6/app_linuxu-x86_64.dbg" "$f/c7/app_linuxu-x86_64.dbg" && [ "$(crun c7)" = 7 ] &&
		pass "object cache: a damaged archive of upstream objects is deleted and compiled again" ||
		fail "object cache: a damaged archive of upstream objects is deleted and compiled again" \
			"unpacked $unpacked; $(cat "$f/c7.log")"

	# A source the archive was made from changes (the same commands):
	# the archive is not taken; the new object is, once stored.
	sed -i 's/return 7;/return 9;/' "$f/hello/patches/0001-patched.patch"
	cbuild c8 -j2
	u8=$unpacked
	cbuild c9 -j2
	[ "$u8" = 0 ] && grep -q '^  CC      lib/hello/hello/hello\.o$' "$f/c8.log" && [ "$(crun c8)" = 9 ] &&
		[ "$unpacked" = 1 ] && [ "$(crun c9)" = 9 ] &&
		pass "object cache: a changed upstream source is not taken from the archive" ||
		fail "object cache: a changed upstream source is not taken from the archive" \
			"unpacked $u8 then $unpacked, status $(crun c8) and $(crun c9); $(cat "$f/c8.log")"

	# Beyond UK_UPSTREAM_CACHE_MB the archives used longest ago go, never
	# the one just stored.
	grep -v UK_EXTRA_CFLAGS "$f/app/.config" >"$f/c10.config"
	echo 'CONFIG_UK_EXTRA_CFLAGS="-fno-inline"' >>"$f/c10.config"
	before=$(ls "$cache/upstream" | wc -l)
	UK_UPSTREAM_CACHE_MB=0 cbuild c10 C="$f/c10.config" -j2
	after=$(ls "$cache/upstream")
	[ "$before" -ge 2 ] && [ "$after" = "$(cat "$f/c10/config/upstream-hello.key")" ] &&
		[ "$(crun c10)" = 9 ] &&
		pass "object cache: beyond UK_UPSTREAM_CACHE_MB the older archives are deleted" ||
		fail "object cache: beyond UK_UPSTREAM_CACHE_MB the older archives are deleted" \
			"$before archives before, after: $after"

	# make cache-stats counts the archives; make cache-clean empties the
	# cache and keeps the downloads beside it.
	stats=$(UK_CACHE_DIR=$cache make --no-print-directory -C "$UK_ROOT" cache-stats 2>&1)
	touch "$cache/kept_1.0.orig.tar.xz"
	clean=$(UK_CACHE_DIR=$cache make --no-print-directory -C "$UK_ROOT" cache-clean 2>&1)
	grep -q "^archives of upstream objects: 1, .* in $cache/upstream\$" <<<"$stats" &&
		grep -qi 'hits' <<<"$stats" && [ ! -e "$cache/objects" ] && [ ! -e "$cache/upstream" ] &&
		[ ! -e "$cache/locks" ] && [ -f "$cache/kept_1.0.orig.tar.xz" ] &&
		pass "object cache: make cache-stats counts the archives; make cache-clean empties the cache, keeps downloads" ||
		fail "object cache: make cache-stats counts the archives; make cache-clean empties the cache, keeps downloads" \
			"$stats"$'\n'"$clean"$'\n'"$(ls -A "$cache")"

fi

# A tarball whose checksum differs is refused, naming the file.
mkdir -p "$f/baddl"
echo garbage | xz >"$f/baddl/hello_1.0.orig.tar.xz"
out=$(DL_DIR=$f/baddl make -C "$f/app" O="$f/badbuild" 2>&1)
st=$?
if [ $st != 0 ] && grep -q "error: checksum mismatch for $f/baddl/hello_1.0.orig.tar.xz" <<<"$out" &&
	grep -q 'hint: Delete' <<<"$out" && [ ! -e "$f/badbuild/src/hello" ]; then
	pass "checksum mismatch is refused with a clear message"
else
	fail "checksum mismatch is refused with a clear message" "status $st: $out"
fi
# A malformed fetch-y line.
sed -i "s/ $sum\$//" "$f/hello/Makefile.uk"
out=$(DL_DIR=$f/dl make -C "$f/app" O="$f/badbuild" 2>&1)
grep -q 'fetch-y has 3 words' <<<"$out" &&
	pass "malformed fetch-y is a clear error" ||
	fail "malformed fetch-y is a clear error" "$out"

# Debian's own patch series: a fake source package "greet 2.0-3+deb12u1"
# (epoch 1:) whose debian.tar.xz has a series with a comment, a blank
# line and a -p0 patch. fetch-source applies it as dpkg-source -x does,
# in series order, before our patch (which only applies on top of
# Debian's change), and lists all three in .applied-patches.
d=$T/debpatch
mkdir -p "$d/up/greet-2.0" "$d/dl" "$d/lib/patches" "$d/deb/debian/patches/sub"
printf 'one\ntwo\nthree\n' >"$d/up/greet-2.0/greet.txt"
tar -C "$d/up" -czf "$d/dl/greet_2.0.orig.tar.gz" greet-2.0
cat >"$d/deb/debian/patches/first.patch" <<'P'
--- a/greet.txt
+++ b/greet.txt
@@ -1,3 +1,3 @@
 one
-two
+two (debian)
 three
P
cat >"$d/deb/debian/patches/sub/second.patch" <<'P'
--- greet.txt
+++ greet.txt
@@ -1,3 +1,4 @@
 one
 two (debian)
 three
+four (debian, -p0)
P
printf '# the fixes\nfirst.patch\n\nsub/second.patch -p0\n#skipped.patch\n' >"$d/deb/debian/patches/series"
echo '3.0 (quilt)' >"$d/deb/debian/format"
tar -C "$d/deb" -cJf "$d/dl/greet_2.0-3+deb12u1.debian.tar.xz" debian
cat >"$d/lib/patches/0001-ours.patch" <<'P'
--- a/greet.txt
+++ b/greet.txt
@@ -2,3 +2,3 @@
 two (debian)
 three
-four (debian, -p0)
+four (debian, -p0, then ours)
P
usum=$(sha256sum <"$d/dl/greet_2.0.orig.tar.gz" | cut -d' ' -f1)
dsum=$(sha256sum <"$d/dl/greet_2.0-3+deb12u1.debian.tar.xz" | cut -d' ' -f1)
dfetch() { DL_DIR=$d/dl "$UK_ROOT/support/scripts/fetch-source" "$d/lib" "$d/src/$1" \
	greet 1:2.0-3+deb12u1 greet_2.0.orig.tar.gz "$usum" "$2" 2>&1; }
out=$(dfetch a "$dsum")
st=$?
want=$'one\ntwo (debian)\nthree\nfour (debian, -p0, then ours)'
if [ $st = 0 ] && [ "$(cat "$d/src/a/greet.txt")" = "$want" ] &&
	[ "$(cut -d' ' -f1 "$d/src/a/.applied-patches" | xargs)" = "debian/patches/first.patch debian/patches/sub/second.patch $d/lib/patches/0001-ours.patch" ] &&
	grep -qx '  DEBIAN  greet 1:2.0-3+deb12u1: 2 patches' <<<"$out" &&
	grep -qx '  PATCH   a/0001-ours.patch' <<<"$out" && [ ! -e "$d/src/a/debian" ]; then
	pass "Debian's patch series is applied in order (comments, -p0) before ours and recorded"
else
	fail "Debian's patch series is applied in order (comments, -p0) before ours and recorded" \
		"status $st: $out"$'\n'"$(cat "$d/src/a/greet.txt" "$d/src/a/.applied-patches" 2>&1)"
fi
# The debian.tar.xz is checked like the upstream tarball.
out=$(dfetch b "$(printf '%064d' 0)")
st=$?
[ $st != 0 ] && grep -q "error: checksum mismatch for $d/dl/greet_2.0-3+deb12u1.debian.tar.xz" <<<"$out" &&
	[ ! -e "$d/src/b" ] &&
	pass "a debian.tar.xz whose checksum differs is refused" ||
	fail "a debian.tar.xz whose checksum differs is refused" "status $st: $out"
# A Debian patch that does not apply (fuzz 0, as dpkg-source) stops the
# unpacking with the patch's name; no half-patched tree is left.
sed -i 's/^ three$/ tree/' "$d/deb/debian/patches/first.patch"
tar -C "$d/deb" -cJf "$d/dl/greet_2.0-3+deb12u1.debian.tar.xz" debian
out=$(dfetch c "$(sha256sum <"$d/dl/greet_2.0-3+deb12u1.debian.tar.xz" | cut -d' ' -f1)")
st=$?
[ $st != 0 ] && grep -q "error: Debian's patch first.patch (greet_2.0-3+deb12u1.debian.tar.xz) does not apply" <<<"$out" &&
	[ ! -e "$d/src/c" ] && [ ! -e "$d/src/c.tmp" ] &&
	pass "a Debian patch that does not apply is a clear error" ||
	fail "a Debian patch that does not apply is a clear error" "status $st: $out"

# Every Debian source package in the tree is pinned with its
# debian.tar.xz (five words), so that its patch series is applied.
bad=$(grep -h '^fetch-y' "$UK_ROOT"/lib/*/Makefile.uk "$UK_ROOT"/apps/*/Makefile.uk | awk 'NF != 7')
[ -z "$bad" ] && pass "every fetch-y in the tree names its debian.tar.xz's sha256" ||
	fail "every fetch-y in the tree names its debian.tar.xz's sha256" "$bad"

# The Xen harness (support/scripts/xen-dom0) downloads every package at
# an exact version: a stand-in apt-get records what it is asked for and
# fails, as a download of a version no longer served would.
x=$T/xenpins
mkdir -p "$x/bin"
cat >"$x/bin/apt-get" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$XP_LOG"
echo "E: Can't find a source to download version of a package" >&2
exit 100
SH
chmod +x "$x/bin/apt-get"
out=$(XP_LOG=$x/args PATH=$x/bin:$PATH "$UK_ROOT/support/scripts/xen-dom0" "$x/cache" 2>&1)
st=$?
unpinned=$(grep -v -e '^-' -e '^download$' "$x/args" 2>/dev/null | grep -vE '^[a-z0-9.+-]+=[0-9][A-Za-z0-9.+~:-]*$')
n=$(grep -vc -e '^-' -e '^download$' "$x/args" 2>/dev/null)
[ $st != 0 ] && [ -z "$unpinned" ] && [ "${n:-0}" -ge 17 ] &&
	grep -q '^xen-hypervisor-4\.17-amd64=' "$x/args" && grep -q '^linux-image-.*-amd64=' "$x/args" &&
	grep -q 'xen-dom0: cannot download the pinned packages' <<<"$out" &&
	pass "the Xen harness downloads its $n packages at exact versions, and says so when one is gone" ||
	fail "the Xen harness downloads its packages at exact versions" \
		"status $st; unpinned: $unpinned; asked for: $(cat "$x/args" 2>&1); $out"

# What upstream code sees of the configuration (support/build/upstream-config):
# the options named in the tree headers it can reach through #include lines
# (here two levels deep, one by a "relative" name), each with its value or
# "not set"; any other option of the tree poisoned, so that code naming one
# does not compile.
u=$T/upcfg
mkdir -p "$u/src" "$u/lib" "$u/inc/uk/sub" "$u/other/uk"
printf '#include <uk/reach.h>\nint f(void);\n' >"$u/src/up.c"
printf '#include "sub/deeper.h"\n#ifdef CONFIG_LIBUKDEBUG_ENABLE_ASSERT\n#endif\n' >"$u/inc/uk/reach.h"
printf '#if CONFIG_LIBUKDEBUG_PRINT_LEVEL\n#endif\n' >"$u/inc/uk/sub/deeper.h"
printf '#if CONFIG_LIBUKNETDEV_QSTATS\n#endif\n' >"$u/other/uk/unreached.h"
touch "$u/src/.fetched"
printf '#define CONFIG_LIBUKDEBUG_PRINT_LEVEL 3\n#define CONFIG_LIBUKNETDEV_QSTATS 8\n' >"$u/config.h"
# shellcheck disable=SC2097,SC2098 # exports the caller's UK_ROOT to the script
if UK_ROOT=$UK_ROOT "$UK_ROOT/support/build/upstream-config" "$u/out.h" "$u/config.h" \
	"$u/src" "$u/lib" "$u/inc" "$u/other" 2>"$u/err"; then
	printf '#ifdef CONFIG_LIBUKNETDEV_QSTATS\n#endif\n' >"$u/uses.c"
	cc=$(gcc -include "$u/out.h" -fsyntax-only "$u/uses.c" 2>&1)
	grep -qx '#define CONFIG_LIBUKDEBUG_PRINT_LEVEL 3' "$u/out.h" &&
		grep -qx '/\* CONFIG_LIBUKDEBUG_ENABLE_ASSERT is not set \*/' "$u/out.h" &&
		grep -qx '#pragma GCC poison CONFIG_LIBUKNETDEV_QSTATS' "$u/out.h" &&
		! grep -q 'define CONFIG_LIBUKNETDEV_QSTATS' "$u/out.h" &&
		grep -q 'attempt to use poisoned "CONFIG_LIBUKNETDEV_QSTATS"' <<<"$cc" &&
		pass "upstream code sees the options of the headers it includes; others are poisoned" ||
		fail "upstream code sees the options of the headers it includes; others are poisoned" \
			"$(cat "$u/out.h"; echo "$cc")"
else
	fail "upstream code sees the options of the headers it includes; others are poisoned" \
		"upstream-config failed: $(cat "$u/err")"
fi
