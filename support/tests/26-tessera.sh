#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The tessera command: new apps and libraries outside the tree that build
# and pass their tests, build options (C library, --set, errors), runs
# with an initrd on linuxu and kvm, detached instances (ps, logs, stop,
# stale state) and bad arguments.
. "$(dirname "$0")/lib.sh"

tessera=$UK_ROOT/support/tessera/tessera
# Instances of this group only, never the user's.
export TESSERA_STATE_DIR=$T/state
unset L
cd "$T" || exit 1
# Whatever happens below, no instance outlives the group.
at_exit "for i in \"\$TESSERA_STATE_DIR\"/*/; do [ ! -d \"\$i\" ] || '$tessera' stop -t 2 \"\$(basename \"\$i\")\" >/dev/null 2>&1; done"

# ---- a new application ------------------------------------------------------
rm -rf hello mylib reader
if out=$("$tessera" new hello 2>&1) && [ -f hello/Makefile ] && [ -f hello/main.c ] &&
	[ -f hello/tests/test_hello.c ] && grep -qF "UK_ROOT ?= $UK_ROOT" hello/Makefile; then
	pass "tessera new: an app outside the tree, its Makefile naming this tree"
else
	fail "tessera new: an app outside the tree, its Makefile naming this tree" "$out
$(ls -R hello 2>&1)"
fi

# Its unit tests pass at once: tessera test builds build/test and runs it.
(cd hello && timeout 600 "$tessera" test) >test-hello.log 2>&1
uktest_results "tessera test (new app): " test-hello.log $? "$T/hello/build/test/hello_linuxu-x86_64"

# The build shows progress: the last line counts every object compiled.
# OPTIMIZE_PERF is one of a choice: setting it turns OPTIMIZE_SIZE off
# (seen in the compiler's flags, which the debug information records).
(cd hello && UK_DWARF=1 timeout 600 "$tessera" build --set OPTIMIZE_PERF=y) >build-hello.log 2>&1
st=$?
if grep -qx 'CONFIG_OPTIMIZE_PERF=y' hello/.config &&
	grep -qx '# CONFIG_OPTIMIZE_SIZE is not set' hello/.config &&
	strings hello/build/hello_linuxu-x86_64.dbg | grep -q 'GNU C.* -O2'; then
	pass "tessera build --set: a choice's member replaces the default one"
else
	fail "tessera build --set: a choice's member replaces the default one" "$(grep OPTIMIZE hello/.config)"
fi
last=$(grep -oE '^\[[0-9]+/[0-9]+\]' build-hello.log | tail -n 1)
# The compiled objects: not the export lists' relocatable links (*.exp.o).
nobj=$(find hello/build -path hello/build/test -prune -o -name '*.o' ! -name '*.exp.o' -print | wc -l)
if [ $st = 0 ] && [ "$last" = "[$nobj/$nobj]" ]; then
	pass "tessera build: progress up to [$nobj/$nobj], the objects in build/"
else
	fail "tessera build: progress counts the objects" "status $st, last progress '$last', $nobj objects:
$(cat build-hello.log)"
fi

out=$(cd hello && timeout 30 "$tessera" run -- you 2>&1)
st=$?
if [ $st = 0 ] && [ "$out" = "Hello, you!" ]; then
	pass "tessera run: the new app says 'Hello, you!'"
else
	fail "tessera run: the new app says 'Hello, you!'" "status $st: $out"
fi

expect_status "tessera new: refuses a folder that is not empty" 1 "$tessera" new hello
expect_status "tessera new: refuses a bad name" 2 "$tessera" new 9-Lives
expect_status "tessera new --lib: refuses the name of a library of the tree" 2 \
	"$tessera" new --lib ukboot

# ---- a new library ----------------------------------------------------------
"$tessera" new --lib mylib >/dev/null 2>&1
(cd mylib && timeout 600 "$tessera" test) >test-mylib.log 2>&1
uktest_results "tessera test (new --lib): " test-mylib.log $? "$T/mylib/build/unittest_linuxu-x86_64"

# ---- options: C library, --set, and errors ------------------------------------
# reader: greets (its own option), prints files, sleeps, on musl.
"$tessera" new reader >/dev/null 2>&1
cat >reader/main.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	printf("%s from reader\n", CONFIG_APP_READER_GREETING);
	fflush(stdout);
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "sleep")) {
			sleep(atoi(argv[i + 1]));
		} else if (!strcmp(argv[i], "cat")) {
			FILE *f = fopen(argv[i + 1], "r");
			char buf[256];

			if (!f) {
				perror(argv[i + 1]);
				return 3;
			}
			while (fgets(buf, sizeof(buf), f))
				fputs(buf, stdout);
			fclose(f);
		}
	}
	return 0;
}
EOF
(cd reader && timeout 900 "$tessera" build -p linuxu,kvm --libc musl \
	--set APP_READER_GREETING=Hi LIBVFSCORE=y LIBRAMFS=y LIBUKTIME=y) >build-reader.log 2>&1
st=$?
cfg=$(grep -E '^CONFIG_(LIBC_MUSL|APP_READER_GREETING|PLAT_KVM|PLAT_LINUXU)=' reader/.config | sort | paste -sd ' ')
want='CONFIG_APP_READER_GREETING="Hi" CONFIG_LIBC_MUSL=y CONFIG_PLAT_KVM=y CONFIG_PLAT_LINUXU=y'
# musl's own stdio in the image, not nolibc's
musl=$(nm reader/build/reader_linuxu-x86_64.dbg 2>/dev/null | grep -c ' __stdio_write$')
if [ $st = 0 ] && [ "$cfg" = "$want" ] && [ "$musl" = 1 ] && [ -f reader/build/reader_kvm-x86_64 ]; then
	pass "tessera build -p linuxu,kvm --libc musl --set: both images, musl inside"
else
	fail "tessera build -p linuxu,kvm --libc musl --set" "status $st; .config: $cfg (want $want); musl's __stdio_write: $musl
$(tail -n 30 build-reader.log)"
fi

cp reader/.config reader.config.before
out=$(cd reader && "$tessera" build --set NO_SUCH_OPTION=y 2>&1)
st=$?
if [ $st = 1 ] && grep -q 'no option CONFIG_NO_SUCH_OPTION' <<<"$out" &&
	cmp -s reader/.config reader.config.before; then
	pass "tessera build --set: an unknown option is named, .config unchanged"
else
	fail "tessera build --set: an unknown option is named, .config unchanged" "status $st: $out"
fi
out=$(cd reader && "$tessera" build --set LIBRAMFS=maybe 2>&1)
st=$?
if [ $st = 1 ] && grep -q 'CONFIG_LIBRAMFS is a bool' <<<"$out"; then
	pass "tessera build --set: a bad value is named"
else
	fail "tessera build --set: a bad value is named" "status $st: $out"
fi
# LIBUKSWRAND_TEST sits in an 'if LIBUKSWRAND' block: kconfig drops it.
out=$(cd reader && "$tessera" build --set LIBUKSWRAND_TEST=y 2>&1)
st=$?
if [ $st = 1 ] && grep -q 'CONFIG_LIBUKSWRAND_TEST=y was not taken.*depends on LIBUKSWRAND' <<<"$out" &&
	cmp -s reader/.config reader.config.before; then
	pass "tessera build --set: an option dropped for its dependencies is an error"
else
	fail "tessera build --set: an option dropped for its dependencies is an error" "status $st: $out"
fi

# ---- runs with an initrd ------------------------------------------------------
mkdir -p rootfs/etc
token=tessera-$RANDOM-$RANDOM
echo "$token" >rootfs/etc/token
out=$(cd reader && timeout 30 "$tessera" run --initrd ../rootfs -- cat /etc/token 2>&1)
st=$?
if [ $st = 0 ] && [ "$out" = "Hi from reader
$token" ]; then
	pass "tessera run --initrd DIR (linuxu, musl): the app reads a file of DIR"
else
	fail "tessera run --initrd DIR (linuxu, musl)" "status $st: $out"
fi
out=$(cd reader && timeout 90 "$tessera" run -p kvm --timeout 60 --initrd ../rootfs -- cat /etc/token 2>&1)
st=$?
if [ $st = 0 ] && grep -qx "$token" <<<"$out"; then
	pass "tessera run -p kvm --initrd DIR: the guest reads a file of DIR"
else
	fail "tessera run -p kvm --initrd DIR" "status $st: $out"
fi
out=$(cd reader && timeout 30 "$tessera" run --initrd ../rootfs -- cat /etc/none 2>&1)
st=$?
if [ $st = 3 ] && grep -q '/etc/none: No such file' <<<"$out"; then
	pass "tessera run: returns the image's exit status (3)"
else
	fail "tessera run: returns the image's exit status (3)" "status $st: $out"
fi

# ---- detached instances -------------------------------------------------------
# A process that ended (a zombie nobody reaped counts as ended).
ended() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -z "$s" ] || [ "${s#Z}" != "$s" ]
}
ps_field() { # NAME COLUMN: a column of tessera ps for NAME
	"$tessera" ps | awk -v n="$1" -v c="$2" '$1 == n { print $c }'
}
(cd reader && "$tessera" run -d --name s1 -- sleep 60) >/dev/null 2>&1
pid=$(ps_field s1 2)
st=$("$tessera" ps | awk '$1 == "s1" { print $5 }')
if [ -n "$pid" ] && [ "$st" = running ] && [ -d "/proc/$pid" ] &&
	[ "$(ps_field s1 3)" = linuxu ]; then
	pass "tessera run --detach: ps lists it running (pid $pid)"
else
	fail "tessera run --detach: ps lists it running" "$("$tessera" ps 2>&1)"
fi
for _ in $(seq 1 50); do
	"$tessera" logs s1 2>/dev/null | grep -q 'Hi from reader' && break
	sleep 0.2
done
"$tessera" logs s1 >s1.log 2>&1
expect_output "tessera logs: the detached instance's console" '^Hi from reader$' s1.log
out=$("$tessera" stop s1 2>&1)
st=$?
if [ $st = 0 ] && [ -n "$pid" ] && ended "$pid" && [ ! -e state/s1 ] &&
	! "$tessera" ps | grep -q '^s1 '; then
	pass "tessera stop: the process ends and its state goes"
else
	fail "tessera stop: the process ends and its state goes" "status $st: $out; pid $pid
$("$tessera" ps 2>&1)"
fi

# Killed from outside: ps says stale, stop only removes it.
(cd reader && "$tessera" run -d --name s2 -- sleep 60) >/dev/null 2>&1
pid=$(ps_field s2 2)
[ -z "$pid" ] || kill -KILL -- "-$pid"
sleep 0.5
row=$("$tessera" ps | grep '^s2 ')
out=$("$tessera" stop s2 2>&1)
if [ -n "$pid" ] && grep -q 'stale (process gone)' <<<"$row" &&
	grep -q 'was stale' <<<"$out" && [ ! -e state/s2 ]; then
	pass "tessera ps: an instance killed from outside is stale; stop removes it"
else
	fail "tessera ps: an instance killed from outside is stale" "ps: $row; stop: $out"
fi

# logs -f ends with the instance; ps keeps its exit status.
(cd reader && "$tessera" run -d --name s3 -- sleep 1) >/dev/null 2>&1
out=$(timeout 30 "$tessera" logs -f s3 2>&1)
st=$?
row=$("$tessera" ps | grep '^s3 ')
if [ $st = 0 ] && grep -q 'Hi from reader' <<<"$out" && grep -q 'exited (0)' <<<"$row"; then
	pass "tessera logs -f: follows until the end; ps: exited (0)"
else
	fail "tessera logs -f: follows until the end" "status $st: $out; ps: $row"
fi
"$tessera" stop s3 >/dev/null 2>&1

# ---- bad arguments ------------------------------------------------------------
bad() { # NAME STATUS PATTERN DIR CMD...: clear error, given status
	local name=$1 want=$2 pat=$3 dir=$4 out st
	shift 4
	out=$(cd "$dir" && timeout 30 "$tessera" "$@" 2>&1)
	st=$?
	if [ $st = "$want" ] && grep -qE -- "$pat" <<<"$out"; then
		pass "$name"
	else
		fail "$name" "status $st (want $want), output: $out"
	fi
}
bad "tessera: unknown command" 2 "unknown command 'frob'" . frob
bad "tessera run: bad --net" 2 "--net bogus: expected user, tap" reader run --net bogus
bad "tessera run: --share on linuxu" 1 "--share needs kvm" reader run --share "$T"
bad "tessera run: --net user on linuxu" 1 "--net user is QEMU's user network: kvm only" \
	reader run -p linuxu --net user
bad "tessera build: unknown platform" 2 "unknown platform 'arm'" reader build -p arm
bad "tessera logs: unknown instance" 1 "no instance called 'nosuch'" . logs nosuch
bad "tessera run: outside an app folder" 1 "neither a Tessera application nor a library" \
	rootfs run
