#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tessera deps: on Debian's own programs (dynamic ones and a static one),
# on C sources, and its configuration built and run. What deps reads is
# held against binutils (nm -D, objdump) and the tree's definitions
# (grep), and its missing calls against what an image built from its
# configuration warns about at run time.
. "$(dirname "$0")/lib.sh"

TS=$UK_ROOT/support/tessera/tessera

# Bad input: each a clear error and status 1 (2 for no argument).
echo "not a program" >"$T/text"
printf 'int main(void) { return undefined_thing; }\n' >"$T/bad.c"
bad=
o=$("$TS" deps "$T/text" 2>&1) && bad+="text file accepted: $o"$'\n'
grep -q 'not an ELF file; give a Linux x86_64 program, C sources' <<<"$o" || bad+="text: $o"$'\n'
o=$("$TS" deps "$T/none" 2>&1) && bad+="missing file accepted"$'\n'
grep -q 'no such file' <<<"$o" || bad+="missing: $o"$'\n'
o=$("$TS" deps "$T/bad.c" 2>&1) && bad+="bad C accepted"$'\n'
grep -q "cannot compile it (give include folders and defines with --cflags)" <<<"$o" &&
	grep -q "undefined_thing" <<<"$o" || bad+="bad.c: $o"$'\n'
"$TS" deps >/dev/null 2>&1
[ $? = 2 ] || bad+="no argument: not status 2"$'\n'
[ -z "$bad" ] && pass "tessera deps refuses a text file, a missing file, C that does not compile and no argument, naming the fix" ||
	fail "tessera deps refuses bad input" "$bad"

# Debian's programs. The imports deps reads are nm's, and every call it
# says is missing has no definition in the tree, every one it says is
# implemented has one (grep over lib/, tests left out; clone is
# lib/musl's __clone, no system call of the shim).
progs=(/usr/sbin/nginx /usr/bin/sqlite3 /usr/bin/lua5.4 /usr/bin/redis-check-rdb /usr/bin/tclsh)
defined() {
	grep -rqE --include='*.c' --exclude-dir=tests "^UK_(LL)?SYSCALL_R_DEFINE\([^,]+, *$1[,)]" "$UK_ROOT/lib"
}
bad='' sum=''
for p in "${progs[@]}"; do
	p=$(readlink -f "$p")
	if [ ! -x "$p" ]; then
		bad+="$p is not installed (support/scripts/install-deps)"$'\n'
		continue
	fi
	if ! d=$(diff <("$TS" deps --list imports "$p" 2>&1) \
		<(nm -D --undefined-only "$p" | awk '{ print $NF }' | sed 's/@.*//' | sort -u)); then
		bad+="$p: imports differ from nm -D's: $d"$'\n'
	fi
	out=$("$TS" deps "$p" 2>&1) || { bad+="$p: $out"$'\n'; continue; }
	miss=$(awk '$1 == "missing" { print $2 }' <<<"$out")
	okc=$(awk '$1 == "ok" { print $2 }' <<<"$out")
	for c in $miss; do
		defined "$c" && bad+="$p: $c reported missing, but the tree defines it"$'\n'
	done
	for c in $okc; do
		[ "$c" = clone ] || defined "$c" || bad+="$p: $c reported implemented, but the tree has no definition"$'\n'
	done
	grep -q '^C library: musl' <<<"$out" && grep -q '^libraries: .*vfscore' <<<"$out" ||
		bad+="$p: no C library or libraries in: $out"$'\n'
	sum+="${p##*/} $(wc -w <<<"$okc")+$(wc -w <<<"$miss"), "
done
[ -z "$bad" ] && pass "deps on Debian's programs (implemented+missing calls: ${sum%, }): imports as nm -D reads them, each call's status as the tree defines it" ||
	fail "deps on Debian's programs" "$bad"

# A static program (Debian's ldconfig): the calls objdump shows next to
# syscall instructions, with the partial answer said; at least the file
# calls every ldconfig makes are there.
out=$("$TS" deps /sbin/ldconfig 2>&1)
calls=$("$TS" deps --list calls /sbin/ldconfig 2>&1)
if grep -q '^program: ldconfig (static)' <<<"$out" && grep -q '^note: statically linked' <<<"$out" &&
	grep -qx openat <<<"$calls" && grep -qx write <<<"$calls" &&
	[ "$(objdump -d /sbin/ldconfig | grep -c 'syscall *$')" -gt 0 ]; then
	pass "deps on a static program (ldconfig): $(wc -l <<<"$calls") calls from its syscall instructions, said to be partial"
else
	fail "deps on a static program (ldconfig)" "$out"
fi

# C sources: a program with files, an eventfd, flock and fork. deps must
# choose musl and the libraries, and name flock and fork missing; the
# configuration it writes builds, and the image's run warns about exactly
# the calls deps named (the shim warns on each missing call).
P=$T/probe
mkdir -p "$P"
cat >"$P/main.c" <<'EOF'
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/file.h>

int main(void)
{
	int fd = open("/probe.txt", O_CREAT | O_RDWR, 0644);
	int efd = eventfd(0, 0);
	int r = flock(fd, LOCK_EX);
	pid_t pid = fork();

	printf("probe: open %d eventfd %d write %d\n", fd >= 0, efd >= 0,
	       (int)write(fd, "x", 1));
	printf("probe: flock %d fork %d\n", r, (int)pid);
	return 0;
}
EOF
printf 'UK_ROOT ?= %s\ninclude $(UK_ROOT)/support/build/app.mk\n' "$UK_ROOT" >"$P/Makefile"
echo 'srcs-y += main.c' >"$P/Makefile.uk"
echo '# probe: no options' >"$P/Config.uk"
out=$("$TS" deps "$P/main.c" -o "$P/deps.config" 2>&1)
miss=$("$TS" deps --list missing "$P/main.c" 2>&1 | paste -sd ' ')
if grep -q '^C library: musl' <<<"$out" && [ "$miss" = "flock fork" ] &&
	grep -qx 'CONFIG_LIBC_MUSL=y' "$P/deps.config" &&
	grep -qx 'CONFIG_LIBPOSIX_EVENTFD=y' "$P/deps.config" &&
	grep -qx 'CONFIG_LIBVFSCORE=y' "$P/deps.config"; then
	pass "deps on a C source: musl, vfscore and posix-eventfd; missing: $miss"
else
	fail "deps on a C source" "missing: $miss; $out
$(cat "$P/deps.config" 2>&1)"
fi

SECONDS=0
if make --no-print-directory -C "$UK_ROOT" A="$P" O="$P/build" C="$P/.config" \
	defconfig DEFCONFIG="$P/deps.config" >"$P/build.log" 2>&1 &&
	nice make --no-print-directory -C "$P" O="$P/build" C="$P/.config" -j2 >>"$P/build.log" 2>&1; then
	echo "$SECONDS probe/deps" >>"$UK_TEST_TMP/.build-times"
	log=$T/probe.log
	timeout 30 "$P/build/probe_linuxu-x86_64" </dev/null >"$log" 2>&1
	st=$?
	warned=$(sed -nE 's/.*system call [0-9]+ \(([a-z0-9_]+)\) is not implemented.*/\1/p' "$log" |
		sort -u | paste -sd ' ')
	if [ $st = 0 ] && [ -e "$P/build/probe_kvm-x86_64" ] &&
		grep -q '^probe: open 1 eventfd 1 write 1$' "$log" &&
		grep -q '^probe: flock -1 fork -1$' "$log" && [ "$warned" = "$miss" ]; then
		pass "deps's configuration builds (linuxu and kvm); the image warns about exactly the calls deps named: $warned"
	else
		fail "deps's configuration builds and runs" "status $st; warned: '$warned', deps: '$miss'; log:
$(cat "$log")"
	fi
else
	fail "deps's configuration builds" "$(tail -n 30 "$P/build.log")"
fi
