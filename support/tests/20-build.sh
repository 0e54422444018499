#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The build: images and .dbg, quiet and V=1 output, incremental builds,
# reproducibility, every option on, out-of-tree app and library, errors.
. "$(dirname "$0")/lib.sh"

# The incremental checks touch sources: helloworld "hw" builds from a
# copy of the tree under $T, never from the tree itself (which other
# builds use and tests never write to).
src=$T/src
mkdir -p "$src" "$T/hw"
tar -C "$UK_ROOT" --exclude=./.git --exclude='./apps/*/build' -cf - . | tar -C "$src" -xf -
# shellcheck disable=SC2120 # make arguments are optional
hwbuild() {
	make --no-print-directory -C "$src/apps/helloworld" UK_ROOT="$src" O="$T/hw/build" C="$T/hw/.config" \
		"$@" >"$T/hw/build.log" 2>&1
}
hw=$(img helloworld hw linuxu)
check "helloworld builds" hwbuild
check "stripped image exists" test -x "$hw"
check "image has no symbol table" bash -c "! readelf -S '$hw' | grep -q symtab"
check ".dbg image has symbols" bash -c "readelf -S '$hw.dbg' | grep -q symtab"
expect_output "quiet output names objects" '^  CC      lib/ukboot/boot\.o$' "$T/hw/build.log"
expect_output "quiet output names the image" '^  LD      helloworld_linuxu-x86_64\.dbg$' "$T/hw/build.log"

# make twice does nothing; touching one source rebuilds one object.
hwbuild
if [ -s "$T/hw/build.log" ]; then
	fail "second make does nothing" "$(cat "$T/hw/build.log")"
else
	pass "second make does nothing"
fi
sleep 1
touch "$src/lib/ukboot/boot.c"
hwbuild
ccs=$(grep -c '^  CC ' "$T/hw/build.log")
if [ "$ccs" = 1 ] && grep -q '^  CC      lib/ukboot/boot\.o$' "$T/hw/build.log" &&
	grep -q '^  LD ' "$T/hw/build.log"; then
	pass "touching one .c rebuilds one object and relinks"
else
	fail "touching one .c rebuilds one object and relinks" "$(cat "$T/hw/build.log")"
fi
# Exactly the objects whose dependency files name the header are rebuilt.
hdr=include/uk/plat/console.h
want=$(cd "$T/hw/build" && find . -name '*.d' -exec grep -l "$hdr" {} + |
	sed 's|^\./||; s|\.d$|.o|' | sort)
touch "$src/$hdr"
hwbuild
got=$(sed -n 's/^  CC      //p' "$T/hw/build.log" | sort)
if [ -n "$want" ] && [ "$want" = "$got" ]; then
	pass "touching a header rebuilds exactly its users ($(wc -w <<<"$want") objects)"
else
	fail "touching a header rebuilds exactly its users" "expected:
$want
rebuilt:
$got"
fi

# A build stopped after compiling an object but before its archive: the
# next one makes the object's dependency file (build-folder paths made
# absolute) and archives the object, compiling nothing.
name="an interrupted build's object is archived, its dependencies recorded"
boot=$T/hw/build/lib/ukboot/boot
if [ ! -f "$boot.d.rel" ]; then
	skip "$name" "built without the object cache (ccache)"
else
	rm -f "$boot.d"
	sleep 1
	touch "$boot.o"
	if hwbuild && ! grep -q '^  CC ' "$T/hw/build.log" &&
		grep -q '^  AR      lib/ukboot\.a$' "$T/hw/build.log" &&
		grep -q "^$T/hw/build/lib/ukboot/boot\.o:" "$boot.d" &&
		grep -qF " $src/lib/ukboot/boot.c" "$boot.d" &&
		! grep -qE '(^|[[:space:]])[^/[:space:]\\]' "$boot.d"; then
		pass "$name"
	else
		fail "$name" "$(cat "$T/hw/build.log"; head -n 5 "$boot.d" 2>&1)"
	fi
fi

make -C "$src/apps/helloworld" UK_ROOT="$src" O="$T/hw/build" C="$T/hw/.config" V=1 clean all >"$T/hw/v1.log" 2>&1
expect_output "V=1 shows commands" 'gcc .*-ffunction-sections.* -c .*lib/ukboot/boot\.c' "$T/hw/v1.log"

# Reproducible: a second clean build elsewhere (from the tree itself)
# gives the same bytes.
check "second build in another folder" build helloworld hw2
check "builds are bit-identical" cmp "$hw" "$(img helloworld hw2 linuxu)"
check "debug images are bit-identical" cmp "$hw.dbg" "$(img helloworld hw2 linuxu).dbg"

# Everything on: all libraries, all tests, LTO, stack protector, debug
# messages; the unit tests must still pass in that image.
mkdir -p "$T/all"
make -C "$UK_ROOT/apps/unittest" O="$T/all/build" C="$T/all/.config" allyesconfig >/dev/null 2>&1
check "build with every option on (allyesconfig, LTO, stack protector)" \
	build unittest all
grep -q '^CONFIG_OPTIMIZE_LTO=y' "$T/all/.config" && grep -q '^CONFIG_STACKPROTECTOR=y' "$T/all/.config" &&
	pass "allyesconfig really enabled LTO and the stack protector" ||
	fail "allyesconfig really enabled LTO and the stack protector"
"$(img unittest all linuxu)" >"$T/all/run.log" 2>&1
uktest_results "allyesconfig: " "$T/all/run.log" $? "$(img unittest all linuxu)"

# clean keeps .config; distclean removes it.
check "clean" make -C "$UK_ROOT/apps/helloworld" O="$T/hw2/build" C="$T/hw2/.config" clean
check "clean removed the image" test ! -e "$(img helloworld hw2 linuxu)"
check "clean kept .config" test -f "$T/hw2/.config"
check "distclean" make -C "$UK_ROOT/apps/helloworld" O="$T/hw2/build" C="$T/hw2/.config" distclean
check "distclean removed .config and build" bash -c "[ ! -e '$T/hw2/.config' ] && [ ! -e '$T/hw2/build' ]"

# An application and a library outside the tree.
ext=$T/ext
mkdir -p "$ext/app" "$ext/greet/include/greet"
cat >"$ext/app/Makefile" <<MK
UK_ROOT ?= $UK_ROOT
L ?= $ext/greet
include \$(UK_ROOT)/support/build/app.mk
MK
echo 'srcs-y += main.c' >"$ext/app/Makefile.uk"
printf 'config APP_GREETING\n\tstring "Greeting"\n\tdefault "outside"\n' >"$ext/app/Config.uk"
cat >"$ext/app/main.c" <<'C'
#include <greet/greet.h>
int main(void) { return greet(CONFIG_APP_GREETING); }
C
printf 'config LIBGREET\n\tbool "greet: an out-of-tree library"\n\tdefault y\n' >"$ext/greet/Config.uk"
echo 'srcs-y += greet.c' >"$ext/greet/Makefile.uk"
echo 'int greet(const char *who);' >"$ext/greet/include/greet/greet.h"
cat >"$ext/greet/greet.c" <<'C'
#include <stdio.h>
#include <greet/greet.h>
int greet(const char *who) { printf("greetings from %s\n", who); return 7; }
C
check "out-of-tree app with out-of-tree library builds" make -C "$ext/app"
"$ext/app/build/app_linuxu-x86_64" >"$ext/out" 2>&1
st=$?
if [ $st = 7 ] && grep -qx 'greetings from outside' "$ext/out"; then
	pass "out-of-tree app runs its library code and app option"
else
	fail "out-of-tree app runs its library code and app option" "status $st: $(cat "$ext/out")"
fi

# Clear errors.
out=$(make -C "$UK_ROOT" A=/nonexistent/app 2>&1)
grep -q 'error: A=/nonexistent/app: no application there' <<<"$out" &&
	pass "unknown A= path is a clear error" || fail "unknown A= path is a clear error" "$out"
out=$(make -C "$UK_ROOT/apps/helloworld" O="$T/hw/build" C="$T/hw/.config" L=/nonexistent/lib 2>&1)
grep -q 'L: /nonexistent/lib is not a library' <<<"$out" &&
	pass "unknown L= path is a clear error" || fail "unknown L= path is a clear error" "$out"
out=$(make -C "$UK_ROOT/apps/helloworld" O="$T/hw/build" C="$T/hw/.config" CROSS_COMPILE=nosuch- 2>&1)
grep -q 'missing host tools: nosuch-gcc (Debian package gcc)' <<<"$out" &&
	pass "missing tool names its Debian package" || fail "missing tool names its Debian package" "$out"
out=$(make -C "$UK_ROOT" 2>&1)
grep -q 'error: no application given' <<<"$out" &&
	pass "make at the root without A= explains" || fail "make at the root without A= explains" "$out"
# A library whose folder name does not match its symbol is named.
mkdir -p "$ext/badname"
cp "$ext/greet/Config.uk" "$ext/greet/Makefile.uk" "$ext/badname/"
out=$(make -C "$ext/app" L="$ext/badname" 2>&1)
grep -q "badname/Config.uk does not define LIBBADNAME" <<<"$out" &&
	pass "library symbol not matching its folder is a clear error" ||
	fail "library symbol not matching its folder is a clear error" "$out"
# An app folder's defconfig file does not shadow the defconfig goal.
echo 'CONFIG_LIBUKBOOT_BANNER=y' >"$ext/app/defconfig"
make -C "$ext/app" defconfig >/dev/null 2>&1
check "make defconfig in an app folder that has a defconfig file" \
	grep -qx 'CONFIG_LIBUKBOOT_BANNER=y' "$ext/app/.config"
check "make help lists targets and variables" bash -c \
	"make -C '$UK_ROOT' help | grep -q savedefconfig && make -C '$UK_ROOT' help | grep -q 'CROSS_COMPILE'"
