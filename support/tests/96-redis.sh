#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# apps/redis (redis-server 7.0.15 from Debian's source, unmodified) with
# the host's clients from Debian's redis-tools: redis-cli commands whose
# answers must be a host Redis's, a 1 MiB binary value compared byte for
# byte, INFO fields, a pipelined redis-benchmark run whose every request
# the server counts, SAVE onto a 9pfs share checked by the host's
# redis-check-rdb, io-threads with the preemptive scheduler, and a fast
# subset of Redis's own test suite (support/scripts/redis-suite runs it
# all). linuxu runs behind a tap in a namespace (root only, else
# recorded as skipped), kvm behind QEMU user networking. Every run is
# bounded by timeouts and ends with SHUTDOWN, after which the image must
# exit with status 0.
. "$(dirname "$0")/lib.sh"

for t in redis-cli redis-benchmark redis-check-rdb tclsh; do
	command -v $t >/dev/null || {
		fail "$t is installed (support/scripts/install-deps)"
		exit 0
	}
done

# One build for linuxu, kvm (with 9pfs for SAVE's share) and xen (95-xen
# runs that image, from the same shared build), then linuxu
# with the preemptive scheduler: the second takes Redis's objects from
# the object cache.
if config_build redis r CONFIG_PLAT_VIRTIO_9P=y CONFIG_LIB9PFS=y CONFIG_PLAT_XEN=y; then
	pass "redis builds for linuxu, kvm and xen"
else
	fail "redis builds for linuxu, kvm and xen" "$(tail -n 30 "$T/r/build.log")"
	exit 0
fi
# Size budget of the kvm image (stripped, musl, with 9pfs): issue 18
# aims at 1.7 MiB; this catches growth. Before the cold sources were
# compiled for size the image had 2,123,424 bytes without 9pfs; then
# 2,037,504 with it, and 2,114,736 with the stack protector on by
# default (doc/benchmarks.md).
ksize=$(stat -c %s "$(img redis r kvm)")
if [ "$ksize" -le 2140000 ]; then
	pass "kvm image (stripped, with 9pfs) within its budget of 2,140,000 bytes ($ksize)"
else
	fail "kvm image (stripped, with 9pfs) within its budget of 2,140,000 bytes ($ksize)"
fi
if config_build redis rp "# CONFIG_PLAT_KVM is not set" CONFIG_LIBUKSCHEDPREEMPT=y; then
	pass "redis builds for linuxu with the preemptive scheduler"
	pok=1
else
	fail "redis builds for linuxu with the preemptive scheduler" "$(tail -n 30 "$T/rp/build.log")"
	pok=0
fi

# The initrd: apps/redis/redis.conf, the configuration users start with.
mkdir -p "$T/root"
cp "$UK_ROOT/apps/redis/redis.conf" "$T/root/"
if ! out=$("$UK_ROOT/support/scripts/mkinitrd" "$T/root" "$T/redis.cpio" 2>&1); then
	fail "mkinitrd packs redis.conf" "$out"
	exit 0
fi

# The host's clients reach the image at $H:$P, through ${NSX[@]}.
NSX=() H= P=
cli() {
	"${NSX[@]}" timeout 20 redis-cli -h "$H" -p "$P" "$@"
}

# redis_start NAME LOG CMD...: start the image, wait until it answers
# PING (60 s at most); $RPID is its process. Fails (with a result NAME)
# when it does not answer.
redis_start() {
	local name=$1 log=$2 i
	shift 2
	"$@" </dev/null >"$log" 2>&1 &
	RPID=$!
	for i in $(seq 1 120); do
		[ "$(cli ping 2>/dev/null)" = PONG ] && return 0
		kill -0 $RPID 2>/dev/null || break
		sleep 0.5
	done
	fail "$name: the image answers PING" "$(tail -n 30 "$log")"
	kill $RPID 2>/dev/null
	wait $RPID
	return 1
}

# redis_stop NAME LOG: SHUTDOWN NOSAVE, after which the image must exit
# with status 0 within 30 s. redis-cli waits for the connection to close,
# which an image that has ended never does (no FIN at exit): it is
# stopped once the image is gone.
redis_stop() {
	local name=$1 log=$2 i st cpid
	cli shutdown nosave >/dev/null 2>&1 &
	cpid=$!
	for i in $(seq 1 150); do
		kill -0 $RPID 2>/dev/null || break
		sleep 0.2
	done
	kill $cpid $RPID 2>/dev/null
	wait $cpid
	wait $RPID
	st=$?
	if [ $st = 0 ]; then
		pass "$name: SHUTDOWN ends the image with status 0"
	else
		fail "$name: SHUTDOWN ends the image with status 0" "status $st; log:
$(tail -n 30 "$log")"
	fi
}

# What a host Redis answers to the commands of redis_commands.
commands_want='OK
hello
1
2
13
3
4
c
b
a
d
2
v2
f1
v1
f2
v2
1
-1
1
0
1
0
1
OK
0
1'

# redis_commands PREFIX: strings, counters, lists, hashes and expiry
# through redis-cli, each answer compared; TTL within [95, 100].
redis_commands() {
	local out ttl
	out=$(printf '%s\n' "SET greeting hello" "GET greeting" "INCR counter" \
		"INCR counter" "INCRBY counter 11" "LPUSH list a b c" "RPUSH list d" \
		"LRANGE list 0 -1" "HSET h f1 v1 f2 v2" "HGET h f2" "HGETALL h" \
		"EXPIRE greeting 100" "TTL counter" "EXISTS greeting" "PERSIST counter" \
		"PEXPIRE list 300" | cli 2>&1)
	ttl=$(cli ttl greeting 2>&1)
	sleep 0.7
	out+=$'\n'$(printf '%s\n' "EXISTS list" "EXISTS h" "SET short x PX 200" | cli 2>&1)
	sleep 0.5
	out+=$'\n'$(printf '%s\n' "EXISTS short" "DEL h" | cli 2>&1)
	if [ "$out" = "$commands_want" ] && [ "$ttl" -ge 95 ] 2>/dev/null &&
		[ "$ttl" -le 100 ]; then
		pass "$1: redis-cli: SET, GET, INCR, LPUSH, LRANGE, HSET, HGETALL, EXPIRE answer as on a host (TTL $ttl)"
	else
		fail "$1: redis-cli: SET, GET, INCR, LPUSH, LRANGE, HSET, HGETALL, EXPIRE answer as on a host" \
			"TTL greeting: $ttl (95..100 expected); the answers (<) against a host's (>):
$(diff <(echo "$out") <(echo "$commands_want"))"
	fi
}

# redis_binary PREFIX: a 1 MiB random value, SET from stdin, comes back
# byte for byte (GET prints it with a newline after).
redis_binary() {
	local f=$T/value.bin out len
	head -c 1048576 /dev/urandom >"$f"
	out=$(cli -x set bin <"$f" 2>&1)
	len=$(cli strlen bin 2>&1)
	cli get bin >"$f.got" 2>&1
	if [ "$out" = OK ] && [ "$len" = 1048576 ] &&
		[ "$(stat -c %s "$f.got")" = 1048577 ] && cmp -s -n 1048576 "$f" "$f.got"; then
		pass "$1: a 1 MiB binary value comes back byte for byte"
	else
		fail "$1: a 1 MiB binary value comes back byte for byte" \
			"SET: $out; STRLEN: $len; GET gave $(stat -c %s "$f.got") bytes; $(cmp -n 1048576 "$f" "$f.got" 2>&1 | head -n 1)"
	fi
}

# redis_info PREFIX BYTES: INFO's os (uname), total_system_memory
# (sysinfo) and used_memory_rss (/proc/self/stat): both more than 0 and
# at most BYTES, the image's memory (kvm: QEMU's -m; linuxu: the heap
# plus the image's own segments, as posix-sysinfo counts them).
redis_info() {
	local info os tot rss why=
	info=$(cli info 2>&1 | tr -d '\r')
	os=$(sed -n 's/^os://p' <<<"$info")
	tot=$(sed -n 's/^total_system_memory://p' <<<"$info")
	rss=$(sed -n 's/^used_memory_rss://p' <<<"$info")
	[[ $os =~ [^[:space:]] ]] || why+="os: '$os' is blank; "
	[ "${tot:-0}" -gt 0 ] 2>/dev/null && [ "$tot" -le "$2" ] ||
		why+="total_system_memory: $tot (1..$2 expected); "
	[ "${rss:-0}" -gt 0 ] 2>/dev/null && [ "$rss" -le "$2" ] ||
		why+="used_memory_rss: $rss (1..$2 expected); "
	if [ -z "$why" ]; then
		pass "$1: INFO: os '$os', total_system_memory $tot, used_memory_rss $rss (at most $2)"
	else
		fail "$1: INFO: os, total_system_memory and used_memory_rss are the image's" "${why%; }"
	fi
}

# redis_bench PREFIX [WHAT]: redis-benchmark -n 2000 -c 10 -P 16 for SET,
# GET and LPUSH ends (within 120 s) and the server counted 2000 calls of
# each (INFO commandstats).
redis_bench() {
	local out st stats n why= c
	cli config resetstat >/dev/null 2>&1
	cli del mylist >/dev/null 2>&1
	out=$("${NSX[@]}" timeout 120 redis-benchmark -h "$H" -p "$P" -q -n 2000 -c 10 -P 16 \
		-t set,get,lpush 2>&1 | tr '\r' '\n' | grep -v '^$' | grep -v 'rps=')
	st=$?
	stats=$(cli info commandstats 2>&1 | tr -d '\r')
	for c in set get lpush; do
		n=$(sed -n "s/^cmdstat_$c:calls=\([0-9]*\),.*/\1/p" <<<"$stats")
		[ "$n" = 2000 ] || why+="$c: ${n:-no} calls counted; "
	done
	n=$(cli llen mylist 2>&1)
	[ "$n" = 2000 ] || why+="LLEN mylist: $n; "
	if [ $st = 0 ] && [ -z "$why" ]; then
		pass "$1: redis-benchmark -n 2000 -c 10 -P 16 -t set,get,lpush${2:+ $2}: the server counts 2000 calls of each"
	else
		fail "$1: redis-benchmark -n 2000 -c 10 -P 16 -t set,get,lpush${2:+ $2}: the server counts 2000 calls of each" \
			"status $st; ${why}benchmark: $out"
	fi
}

# Units of Redis's own test suite that run in seconds, with the
# exclusions of support/scripts/redis-suite (which runs them all). The
# host's redis-server built from the same source passes 423 of their tests
# (support/scripts/redis-suite --units "$suite_units", 2026-12-07; 414
# before Debian's patch series was applied: its security fixes add
# regression tests to auth, keyspace, functions and scripting); the image
# must pass the same number and fail none. Left out: unit/protocol and
# unit/quit, whose connections the server closes first: a later connect
# from the same port waits out lwip's TIME_WAIT (apps/redis/README.md).
suite_units="unit/type/incr unit/keyspace unit/multi unit/functions
unit/tracking unit/info-command unit/auth unit/scripting"
suite_want=423
redis_suite() {
	local d=$T/suite out st np errs u args=()
	rm -rf "$d"
	mkdir -p "$d/src"
	cp -a "$T/r/build/src/redis/tests" "$T/r/build/src/redis/runtest" "$d/"
	ln -s "$(command -v redis-cli)" "$(command -v redis-benchmark)" "$d/src/"
	for u in $suite_units; do
		args+=(--single "$u")
	done
	out=$(cd "$d" && "${NSX[@]}" timeout 300 ./runtest --host "$H" --port "$P" \
		--singledb --clients 1 --timeout 120 --durable \
		--tags "-needs:repl -needs:debug -needs:save -needs:pfdebug -needs:local-process -needs:latency" \
		--skiptest "CONFIG SET rollback on apply error" --skiptest "/^Timedout " \
		--skiptest "/script timeout\$" \
		--skiptest "SHUTDOWN NOSAVE can kill a timedout script anyway" \
		--skiptest "FUNCTION - test function kill" \
		--skiptest "FUNCTION - test script kill not working on function" \
		--skiptest "FUNCTION - test function kill not working on eval" \
		"${args[@]}" 2>&1 </dev/null | sed 's/\x1b\[[0-9;]*m//g')
	st=$?
	np=$(grep -c '^\[ok\]: ' <<<"$out")
	errs=$(grep -E '^\[(err|exception|TIMEOUT)\]' <<<"$out")
	if [ $st = 0 ] && [ -z "$errs" ] && [ "$np" = $suite_want ] &&
		grep -q 'All tests passed without errors' <<<"$out"; then
		pass "$1: Redis's own test suite, $(wc -w <<<"$suite_units") units: all $np tests pass, as on the host"
	else
		fail "$1: Redis's own test suite, $(wc -w <<<"$suite_units") units: $np of $suite_want tests pass" \
			"status $st; failures:
${errs:-none}
the run ends:
$(tail -n 15 <<<"$out")" 0
	fi
}

R=$(img redis r linuxu)
ns=tsrds$$
if tap_netns "$ns" 10.96.0; then
	NSX=(ip netns exec "$ns") H=10.96.0.2 P=6379
	log=$T/linuxu.log
	if redis_start linuxu "$log" ip netns exec "$ns" timeout 300 "$R" \
		linuxu.heap_mb=256 linuxu.initrd="$T/redis.cpio" tap.name=tap0 \
		netdev.ip=10.96.0.2/24 netdev.gw=10.96.0.1 -- /redis.conf; then
		redis_commands linuxu
		redis_binary linuxu
		# the heap, the image's text, data and bss, their pages' rounding
		redis_info linuxu $(((256 << 20) + $(size "$R.dbg" | awk 'NR == 2 { print $4 }') + 65536))
		redis_bench linuxu
		redis_suite linuxu
		redis_stop linuxu "$log"
	fi
else
	for c in "answers PING" "redis-cli commands" "1 MiB binary value" "INFO" \
		"redis-benchmark" "Redis's own test suite" "SHUTDOWN"; do
		tap_skipped "linuxu: $c"
	done
fi

# io-threads 2 with the preemptive scheduler: the main thread busy-waits
# for the I/O threads (networking.c), which must get the CPU. With the
# cooperative scheduler the same run livelocks (apps/redis/README.md).
if [ $pok = 1 ]; then
	name="linuxu, preemptive scheduler, io-threads 2"
	if [ -n "$TAP_WHY" ]; then
		tap_skipped "$name: redis-benchmark and the I/O threads' counts"
	else
		log=$T/linuxu-io.log
		if redis_start "$name" "$log" ip netns exec "$ns" timeout 300 \
			"$(img redis rp linuxu)" linuxu.heap_mb=256 linuxu.initrd="$T/redis.cpio" \
			tap.name=tap0 netdev.ip=10.96.0.2/24 netdev.gw=10.96.0.1 -- \
			/redis.conf --io-threads 2 --io-threads-do-reads yes; then
			redis_bench "$name"
			st=$(cli info stats 2>&1 | tr -d '\r')
			r=$(sed -n 's/^io_threaded_reads_processed://p' <<<"$st")
			w=$(sed -n 's/^io_threaded_writes_processed://p' <<<"$st")
			if [ "${r:-0}" -gt 0 ] 2>/dev/null && [ "${w:-0}" -gt 0 ]; then
				pass "$name: the I/O threads did the work (io_threaded_reads_processed $r, io_threaded_writes_processed $w)"
			else
				fail "$name: the I/O threads did the work" "io_threaded_reads_processed '$r', io_threaded_writes_processed '$w'"
			fi
			redis_stop "$name" "$log"
		fi
	fi
fi

# kvm behind QEMU user networking (a hostfwd on 127.0.0.1), a host folder
# shared with 9pfs as Redis's dir: SAVE writes dump.rdb there, which the
# host's redis-check-rdb must accept with every key.
command -v qemu-system-x86_64 >/dev/null || {
	fail "qemu-system-x86_64 is installed (support/scripts/install-deps)"
	exit 0
}
share=$T/share
rm -rf "$share"
mkdir -p "$share"
NSX=() H=127.0.0.1 P=$(free_port)
log=$T/kvm.log
if redis_start kvm "$log" env TIMEOUT=300 MEM=128 \
	QEMU_ARGS="-initrd $T/redis.cpio -netdev user,id=n0,hostfwd=tcp:127.0.0.1:$P-:6379 -device virtio-net-pci,netdev=n0 -fsdev local,id=f0,path=$share,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=fs0" \
	"$UK_ROOT/support/scripts/run" "$(img redis r kvm)" netdev.ip=10.0.2.15/24 \
	netdev.gw=10.0.2.2 vfs.fstab=/data:9pfs -- /redis.conf --dir /data; then
	redis_commands kvm
	redis_binary kvm
	redis_info kvm $((128 << 20))
	redis_bench kvm
	keys=$(cli dbsize 2>&1)
	out=$(cli save 2>&1)
	rdb=$(redis-check-rdb "$share/dump.rdb" 2>&1)
	if [ "$out" = OK ] && grep -q 'RDB looks OK' <<<"$rdb" &&
		grep -qx "\[info\] $keys keys read" <<<"$rdb"; then
		pass "kvm: SAVE writes dump.rdb ($(stat -c %s "$share/dump.rdb") bytes) onto a 9pfs share; the host's redis-check-rdb reads its $keys keys"
	else
		fail "kvm: SAVE writes dump.rdb onto a 9pfs share that the host's redis-check-rdb accepts" \
			"SAVE: $out; DBSIZE: $keys; redis-check-rdb:
$rdb"
	fi
	redis_stop kvm "$log"
fi
