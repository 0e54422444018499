#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# posix-sysinfo and procfs from a program's point of view: apps/sysinfocheck
# (musl) on linuxu and kvm prints uname, sysconf, sysinfo, rlimits and
# /proc files; they are held against what is known from outside: the
# heap given with linuxu.heap_mb, the guest memory given to QEMU (-m),
# the image's own extent from its symbol table. Its own checks (writable
# argv and environment, RLIMIT_NOFILE enforced, localhost from
# /etc/hosts) are one result each; syslog's line must reach the console.
. "$(dirname "$0")/lib.sh"

# results TAG LOG STATUS: one result per "ok"/"FAIL" line, then the run.
results() {
	local tag=$1 log=$2 st=$3 verdict what
	while read -r verdict what; do
		if [ "$verdict" = ok ]; then
			pass "$tag: $what"
		else
			fail "$tag: $what" "$(cat "$log")"
		fi
	done < <(tr -d '\r' <"$log" | grep -E '^(ok|FAIL) ')
	if [ "$st" = 0 ] && tr -d '\r' <"$log" | grep -q '^0 failures$'; then
		pass "$tag: run ends with 0 failures"
	else
		fail "$tag: run ends with 0 failures" "status $st: $(tail -n 20 "$log")"
	fi
}

# val LOG KEY: the rest of the line "KEY: rest".
val() {
	tr -d '\r' <"$1" | sed -n "s/^$2: //p" | head -n 1
}

# section LOG FILE: the lines of FILE's dump.
section() {
	tr -d '\r' <"$1" | awk -v f="--- $2" '$0 == f { on = 1; next }
		on && $0 == "---" { exit } on { print }'
}

# kb FILE_TEXT KEY: the number of "KEY:   N kB".
kb() {
	awk -v k="$2:" '$1 == k { print $2; exit }' <<<"$1"
}

# common TAG LOG IMAGE TOTAL_MIN TOTAL_MAX COMM: what both platforms must
# show; COMM is the process name (argv[0]'s last part, 15 bytes of it).
common() {
	local tag=$1 log=$2 image=$3 lo=$4 hi=$5 comm=$6 si total free status stat meminfo
	local image_kb end start rss size hwm
	[ "$(val "$log" uname)" = "Linux|tessera|6.1.0-tessera|#1 Tessera unikernel|x86_64" ] &&
		pass "$tag: uname as configured" ||
		fail "$tag: uname as configured" "$(val "$log" uname)"
	si=$(val "$log" sysinfo)
	total=$(awk '{ print $2 }' <<<"$si")
	free=$(awk '{ print $4 }' <<<"$si")
	if [ -n "$total" ] && [ "$total" -ge "$lo" ] && [ "$total" -le "$hi" ] &&
		[ "$free" -gt 0 ] && [ "$free" -lt "$total" ] &&
		[[ $si == *" mem_unit 1 procs 1 uptime "* ]]; then
		pass "$tag: sysinfo: totalram $total in [$lo, $hi], 0 < freeram < totalram"
	else
		fail "$tag: sysinfo: totalram in [$lo, $hi], 0 < freeram < totalram" "$si"
	fi
	[ "$(val "$log" "sysconf phys_pages")" = $((total / 4096)) ] &&
		[ "$(val "$log" "sysconf pagesize")" = 4096 ] &&
		[ "$(val "$log" "sysconf nprocessors_onln")" = 1 ] &&
		[ "$(val "$log" "sysconf nprocessors_conf")" = 1 ] &&
		[ "$(val "$log" "sysconf clk_tck")" = 100 ] &&
		[ "$(val "$log" "sysconf open_max")" = 1024 ] &&
		[ "$(val "$log" "sysconf avphys_pages")" -gt 0 ] &&
		pass "$tag: musl's sysconf: pages = totalram/4096, 1 CPU, 100 ticks, 1024 files" ||
		fail "$tag: musl's sysconf values" "$(grep '^sysconf' "$log")"
	[ "$(val "$log" "rlimit nofile")" = "1024 1024" ] &&
		[ "$(val "$log" "rlimit stack")" = "1048576 1048576" ] &&
		[ "$(val "$log" "rlimit core")" = "0 0" ] &&
		[ "$(val "$log" "rlimit as")" = "-1 -1" ] &&
		[ "$(val "$log" ids)" = "0 0 0 0" ] &&
		pass "$tag: rlimits (nofile = the fd table, stack = main's) and root ids" ||
		fail "$tag: rlimits and ids" "$(grep -E '^(rlimit|ids)' "$log")"
	# The image's extent from its symbols, as the platform reports it.
	start=$(nm "$image.dbg" | awk '$3 == "__executable_start" || $3 == "__image_start" { print $1; exit }')
	end=$(nm "$image.dbg" | awk '$3 == "_end" { print $1; exit }')
	status=$(section "$log" /proc/self/status)
	if [ -n "$start" ] && [ -n "$end" ]; then
		image_kb=$(( (0x$end - 0x$start) >> 10 ))
		[ "$(kb "$status" VmExe)" = "$image_kb" ] &&
			pass "$tag: /proc/self/status VmExe is the image's extent ($image_kb kB)" ||
			fail "$tag: /proc/self/status VmExe is the image's extent ($image_kb kB)" "$status"
	else
		fail "$tag: the image's extent from nm" "start '$start' end '$end'"
	fi
	size=$(kb "$status" VmSize)
	rss=$(kb "$status" VmRSS)
	hwm=$(kb "$status" VmHWM)
	if [ "$(sed -n 's/^Name:\t//p' <<<"$status")" = "$comm" ] &&
		grep -qx 'Pid:	1' <<<"$status" && [ "$size" = $((total >> 10)) ] &&
		[ -n "$rss" ] && [ "$rss" -gt "${image_kb:-0}" ] &&
		[ "$rss" -lt "$size" ] && [ "$hwm" -ge "$rss" ]; then
		pass "$tag: /proc/self/status: Name, Pid, VmSize = totalram, image < VmRSS <= VmHWM"
	else
		fail "$tag: /proc/self/status fields" "$status"
	fi
	stat=$(section "$log" /proc/self/stat)
	# Redis: field 24 (rss, pages), after 23 spaces.
	if [ "$(wc -w <<<"$stat")" = 52 ] && [[ $stat == "1 ($comm) R 0 1 1 "* ]] &&
		[ "$(awk '{ print $24 }' <<<"$stat")" -ge $(( (rss - 256) / 4 )) ] &&
		[ "$(awk '{ print $24 }' <<<"$stat")" -le $(( (rss + 256) / 4 )) ] &&
		[ "$(awk '{ print $23 }' <<<"$stat")" = "$total" ]; then
		pass "$tag: /proc/self/stat: 52 fields, rss (field 24) matches VmRSS"
	else
		fail "$tag: /proc/self/stat: 52 fields, rss matches VmRSS" "$stat"
	fi
	meminfo=$(section "$log" /proc/meminfo)
	[ "$(kb "$meminfo" MemTotal)" = $((total >> 10)) ] &&
		[[ $meminfo == "MemTotal:       "* ]] &&
		pass "$tag: /proc/meminfo MemTotal = totalram, Linux's layout" ||
		fail "$tag: /proc/meminfo MemTotal = totalram" "$meminfo"
	grep -q '^sysinfocheck\[1\]: syslog reaches the console: 42$' <(tr -d '\r' <"$log") &&
		grep -q '^sysinfocheck\[1\]: debug line too$' <(tr -d '\r' <"$log") &&
		! grep -q 'masked out' "$log" &&
		pass "$tag: syslog lines reach the console, setlogmask filters" ||
		fail "$tag: syslog lines reach the console, setlogmask filters" "$(cat "$log")"
}

if ! libc_build musl sysinfocheck sic both; then
	fail "sysinfocheck builds with musl for linuxu and kvm" \
		"$(tail -n 30 "$T/sic/config.log" "$T/sic/build.log")"
	exit 0
fi
pass "sysinfocheck builds with musl for linuxu and kvm"

# linuxu: the heap is exactly linuxu.heap_mb; plus the image.
img=$(img sysinfocheck sic linuxu)
timeout 60 "$img" linuxu.heap_mb=48 -- one two >"$T/sic/linuxu.log" 2>&1
st=$?
results linuxu "$T/sic/linuxu.log" $st
ext=$(nm "$img.dbg" | awk '$3 == "__executable_start" { s = $1 } $3 == "_end" { e = $1 }
	END { print s, e }')
read -r s e <<<"$ext"
heap=$((48 << 20))
name=$(basename "$img")
common linuxu "$T/sic/linuxu.log" "$img" $((heap + 0x$e - 0x$s)) $((heap + 0x$e - 0x$s)) "${name:0:15}"

# kvm: QEMU's -m, less the firmware's and the image's reserved areas.
img=$(img sysinfocheck sic kvm)
for mem in 64 128; do
	TIMEOUT=90 MEM=$mem krun "$img" one two >"$T/sic/kvm$mem.log" 2>&1
	st=$?
	results "kvm -m $mem" "$T/sic/kvm$mem.log" $st
	common "kvm -m $mem" "$T/sic/kvm$mem.log" "$img" $(( (mem - 2) << 20 )) $((mem << 20)) \
		sysinfocheck
done
