#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Export lists (support/build/exports.mk): a library's internal globals
# are local to it in the image. An application that defines a function
# named like one of them links and runs, both keeping their own; one that
# calls such a function fails to link, naming the library's export list;
# and without the lists (EXPORTS=0) the same application does not link.
. "$(dirname "$0")/lib.sh"

# uk_memops_probe: global in lib/ukmemops (memcpy.S and memset.S call it), not
# in lib/ukmemops/exportsyms; helloworld's configuration has ukmemops.
internal=uk_memops_probe
app=$T/clash
mkdir -p "$app"
printf 'UK_ROOT ?= %s\ninclude $(UK_ROOT)/support/build/app.mk\n' "$UK_ROOT" >"$app/Makefile"
: >"$app/Config.uk"
printf 'srcs-y += main.c\ncflags-y += $(APPFLAGS)\n' >"$app/Makefile.uk"
cat >"$app/main.c" <<EOC
#include <stdio.h>
#include <string.h>

#ifdef USE_INTERNAL
int $internal(void);
#else
/* The application's own function of that name (kept out of line, so
 * that the image holds both). */
__attribute__((noinline)) int $internal(void)
{
	return 4242;
}
#endif

int main(void)
{
	char a[300], b[300];

	for (int i = 0; i < 300; i++)
		a[i] = (char)(i * 7);
	memcpy(b, a, sizeof(a));	/* ukmemops, whose probe stays its own */
	printf("probe %d copy %s\n", $internal(), memcmp(a, b, 300) ? "bad" : "ok");
	return 0;
}
EOC
mk() {
	local tag=$1
	shift
	mkdir -p "$T/$tag"
	make --no-print-directory -C "$app" O="$T/$tag/build" C="$T/$tag/.config" \
		"$@" >"$T/$tag/build.log" 2>&1
}
cp "$UK_ROOT/apps/helloworld/Config.uk" "$app/Config.uk"

# 1. The clash links, and each side calls its own function.
if mk own defconfig && mk own; then
	out=$("$T/own/build/clash_linuxu-x86_64" 2>&1)
	kind=$(nm "$T/own/build/clash_linuxu-x86_64.dbg" | awk -v s="$internal" '$3 == s { print $2 }' | LC_ALL=C sort | xargs)
	if [ "$out" = "probe 4242 copy ok" ] && [ "$kind" = "T t" ]; then
		pass "exports: an app's function named like a library's internal one links and runs"
	else
		fail "exports: an app's function named like a library's internal one links and runs" \
			"output: $out"$'\n'"symbols named $internal in the image: '$kind' (want the app's T and the library's t)"
	fi
else
	fail "exports: an app's function named like a library's internal one links and runs" \
		"$(tail -n 20 "$T/own/build.log")"
fi

# 2. Calling the internal function fails, naming the export list.
want="'$internal' is internal to ukmemops: it is not in its export list lib/ukmemops/exportsyms"
if mk use defconfig && ! mk use APPFLAGS=-DUSE_INTERNAL && grep -qF "$want" "$T/use/build.log"; then
	pass "exports: using a library's internal function fails naming its export list"
else
	fail "exports: using a library's internal function fails naming its export list" \
		"want: $want"$'\n'"$(tail -n 20 "$T/use/build.log")"
fi

# 3. Without the lists the clash is a link error (the check above can fail).
if mk off defconfig && ! mk off EXPORTS=0 && grep -q "multiple definition of .$internal" "$T/off/build.log"; then
	pass "exports: without export lists the same app does not link (multiple definition)"
else
	fail "exports: without export lists the same app does not link (multiple definition)" \
		"$(tail -n 20 "$T/off/build.log")"
fi

# 4. Every library in lib/ has an export list, or is a C library (their
# exports are the C API) or holds fetched code that exports upstream's API.
why=
for d in "$UK_ROOT"/lib/*/; do
	n=$(basename "$d")
	case $n in nolibc | musl | newlib | lwip) continue ;; esac
	[ -f "$d/exportsyms" ] || why+=" $n"
done
if [ -z "$why" ]; then
	pass "exports: every library but the C libraries and lwip has an export list"
else
	fail "exports: every library but the C libraries and lwip has an export list" "without:$why"
fi
