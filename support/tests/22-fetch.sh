#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetched third-party sources (support/build/fetch.mk): an out-of-tree
# library whose "upstream" tarball sits in a private download cache, so no
# network is used. Unpack and patch, cache reuse after clean, refetch on a
# changed patch, and a clear error on a checksum mismatch.
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
printf 'config APPFETCHED\n\tbool\n\tdefault y\n' >"$f/app/Config.uk"
echo 'int hello(void); int main(void) { return hello(); }' >"$f/app/main.c"

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
	fail "second make does nothing" "$(cat "$f/log")"
else
	pass "second make does nothing"
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
