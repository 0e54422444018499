#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# An application outside the tree, built as doc/writing-an-app.md says,
# from its own folder with relative paths: its warnings do not stop the
# build (the tree's code keeps -Werror; cflags-y += -Werror opts in), it
# fetches Debian's lua5.4 source (the tarball the suite caches for
# apps/lua), applies its own patch and runs a prepare script on it;
# relative O=, C=, DEFCONFIG= and UK_ROOT= are the app folder's; and
# doc/libc.md's `make -C apps/lua defconfig DEFCONFIG=defconfig` reads
# apps/lua/defconfig.
. "$(dirname "$0")/lib.sh"

stamp=$T/stamp
: >"$stamp"
app=$T/apps/luaver
mkdir -p "$app/patches"
rel=$(realpath --relative-to="$app" "$UK_ROOT")

# The tree by a relative path in the Makefile (UK_ROOT= on the command
# line, relative too, is tried below).
cat >"$app/Makefile" <<MK
UK_ROOT ?= $rel
include \$(UK_ROOT)/support/build/app.mk
MK
: >"$app/Config.uk"
cat >"$app/Makefile.uk" <<'MK'
fetch-y += lua5.4 5.4.4-3+deb12u1 lua5.4_5.4.4.orig.tar.gz 164c7849653b80ae67bec4b7473b884bf5cc8d2dca05653475ec2ed27b9ebf61 2d8e0e380722c648cfeffb8d58287865619b4d035544d93d7ef3a2eaf627abe6
$(call uk_fetch,$(UK_D),$(APP_NAME),$(fetch-y))
$(if $(filter 0,$(shell $(UK_D)/prepare $(UK_SRC) >&2; echo $$?)),,\
	$(error $(UK_D)/prepare failed))
fetch-cflags-y += -Wno-error
includes-y += $(UK_SRC)/src $(UK_SRC)/gen
srcs-y += main.c $(UK_SRC)/src/lctype.c
MK
cat >"$app/prepare" <<'SH'
#!/bin/sh
# gen/release.h from the patched tree's lua.h; Debian's luaconf.h wants
# the multiarch header its packaging writes.
set -e
mkdir -p "$1/gen"
sed -n 's/^#define LUA_VERSION_RELEASE_NUM[[:space:]]*\(.*\)/#define RELEASE_NUM \1/p' \
	"$1/src/lua.h" >"$1/gen/release.h"
echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' >"$1/gen/lua5.4-deb-multiarch.h"
SH
chmod +x "$app/prepare"
cat >"$app/patches/0001-mark.patch" <<'P'
--- a/src/lua.h
+++ b/src/lua.h
@@ -27,6 +27,7 @@
 #define LUA_RELEASE	LUA_VERSION "." LUA_VERSION_RELEASE
 #define LUA_COPYRIGHT	LUA_RELEASE "  Copyright (C) 1994-2022 Lua.org, PUC-Rio"
 #define LUA_AUTHORS	"R. Ierusalimschy, L. H. de Figueiredo, W. Celes"
+#define LUA_PATCHED_BY	"an out-of-tree app"
 
 
 /* mark for precompiled code ('<esc>Lua') */
P
# The snprintf may truncate: the host's gcc -O2 says nothing, -Wall warns.
cat >"$app/main.c" <<'C'
#include <stdio.h>
#include "lua.h"
#include "lctype.h"
#include "release.h"

int main(int argc, char *argv[])
{
	char b[8];

	(void)argv;
	snprintf(b, sizeof(b), "count=%d!", argc + 1000);
	printf("%s, patched by %s, release %d, lisdigit %d, %s\n", LUA_RELEASE,
	       LUA_PATCHED_BY, RELEASE_NUM, lisdigit('7') != 0, b);
	return 0;
}
C

# Built from the folder above it, with make -C and relative paths.
cd "$T/apps" || exit 1
make --no-print-directory -C luaver -j2 V=1 >"$T/build.log" 2>&1
st=$?
if [ $st = 0 ] &&
	grep -q "luaver/main.c:.*warning: .*\[-Wformat-truncation=\]" "$T/build.log"; then
	pass "out-of-tree app with a -Wformat-truncation warning builds, the warning is shown"
else
	fail "out-of-tree app with a -Wformat-truncation warning builds, the warning is shown" \
		"status $st: $(grep -E 'warning|error' "$T/build.log" | head -n 20)"
fi
# The tree's code keeps -Werror, the app's code does not get it.
tree_cmd=$(grep -E -- ' -c [^ ]*/lib/ukboot/boot\.c ' "$T/build.log")
app_cmd=$(grep -E -- ' -c [^ ]*/luaver/main\.c ' "$T/build.log")
if [ -n "$tree_cmd" ] && [ -n "$app_cmd" ] && grep -q -- ' -Werror ' <<<"$tree_cmd" &&
	! grep -q -- '-Werror' <<<"$app_cmd"; then
	pass "the tree's code compiles with -Werror, the out-of-tree app's without"
else
	fail "the tree's code compiles with -Werror, the out-of-tree app's without" \
		"boot.c: $tree_cmd
main.c: $app_cmd"
fi
out=$(timeout 30 luaver/build/luaver_linuxu-x86_64 2>&1)
st=$?
if [ $st = 0 ] && [ "$out" = "Lua 5.4.4, patched by an out-of-tree app, release 50404, lisdigit 1, count=1" ] &&
	grep -q '^  PATCH   luaver/0001-mark.patch$' "$T/build.log" &&
	[ "$(grep -c '^debian/patches/' luaver/build/src/luaver/.applied-patches)" = 5 ] &&
	tail -n 1 luaver/build/src/luaver/.applied-patches | grep -q '/luaver/patches/0001-mark\.patch '; then
	pass "out-of-tree app fetches lua5.4, applies Debian's and its own patch, prepares, runs"
else
	fail "out-of-tree app fetches lua5.4, applies Debian's and its own patch, prepares, runs" \
		"status $st: $out
$(grep -E 'FETCH|UNPACK|DEBIAN|PATCH|error' "$T/build.log")
$(cat luaver/build/src/luaver/.applied-patches 2>&1)"
fi

# Opting in: -Werror in the app's Makefile.uk makes the warning an error
# (only main.o is compiled again). UK_ROOT on the command line, relative.
echo 'cflags-y += -Werror' >>"$app/Makefile.uk"
out=$(cd luaver && make --no-print-directory UK_ROOT="$rel" 2>&1)
st=$?
if [ $st != 0 ] && grep -q 'main.c:.*error: .*\[-Werror=format-truncation=\]' <<<"$out"; then
	pass "cflags-y += -Werror makes the out-of-tree app's warning an error"
else
	fail "cflags-y += -Werror makes the out-of-tree app's warning an error" "status $st: $out"
fi

# Relative C=, O= and DEFCONFIG= in the app folder are the app folder's;
# nothing is written into the tree.
printf 'CONFIG_PLAT_KVM=y\n' >"$app/kvm.defconfig"
out=$(cd luaver && make --no-print-directory C=.config.kvm O=build-kvm defconfig \
	DEFCONFIG=kvm.defconfig 2>&1)
st=$?
in_tree=$(find "$UK_ROOT" -maxdepth 1 -newer "$stamp" \( -name '.config*' -o -name 'build*' \))
if [ $st = 0 ] && grep -qx 'CONFIG_PLAT_KVM=y' "$app/.config.kvm" 2>/dev/null &&
	[ -d "$app/build-kvm" ] && [ -z "$in_tree" ]; then
	pass "make C=.config.kvm O=build-kvm defconfig DEFCONFIG=kvm.defconfig writes into the app folder"
else
	fail "make C=.config.kvm O=build-kvm defconfig DEFCONFIG=kvm.defconfig writes into the app folder" \
		"status $st: $out
in the tree: $in_tree
$(ls -a "$app")"
fi

# doc/libc.md: make -C apps/lua defconfig DEFCONFIG=defconfig, from the
# root (C= and O= point outside the tree, which tests never write to).
out=$(cd "$UK_ROOT" && make --no-print-directory -C apps/lua C="$T/lua/.config" \
	O="$T/lua/build" defconfig DEFCONFIG=defconfig 2>&1)
st=$?
missing=$(grep -v '^#' "$UK_ROOT/apps/lua/defconfig" | grep -vxF -f "$T/lua/.config" 2>&1)
if [ $st = 0 ] && [ -z "$missing" ]; then
	pass "make -C apps/lua defconfig DEFCONFIG=defconfig reads apps/lua/defconfig"
else
	fail "make -C apps/lua defconfig DEFCONFIG=defconfig reads apps/lua/defconfig" \
		"status $st: $out
lines of apps/lua/defconfig not in .config: $missing"
fi
