#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Where ukswrand's seed comes from on kvm (TCG): helloworld with ukswrand,
# the virtio-rng driver and info messages, booted with CPU models with and
# without RDRAND (TCG has RDRAND in -cpu max, RDSEED in none), with and
# without QEMU's virtio-rng-pci (modern and legacy), with a seed on the
# command line, and with a device too slow to answer. The boot message
# must name the source, or warn that the seed is weak. Every QEMU run is
# bounded by run-kvm's TIMEOUT.
. "$(dirname "$0")/lib.sh"

if ! kvm_build helloworld rng CONFIG_LIBUKSWRAND=y CONFIG_PLAT_VIRTIO_RNG=y \
	CONFIG_LIBUKDEBUG_PRINT_INFO=y; then
	fail "helloworld with ukswrand and virtio-rng builds for kvm" \
		"$(tail -n 30 "$T/rng/config.log" "$T/rng/build.log")"
	exit 0
fi
im=$(img helloworld rng kvm)
weak='^\[warn\] ukswrand: weak seed: only the clock and timer jitter'
nordrand='-cpu qemu64,-rdrand,-rdseed'

# seed NAME WANT_PATTERN UNWANTED_PATTERN QEMU_ARGS [command line...]: the
# image boots, says hello, and its output matches WANT and not UNWANTED.
seed() {
	local name=$1 want=$2 unwanted=$3 qa=$4 out st
	shift 4
	QEMU_ARGS="$qa" TIMEOUT=60 MEM=32 krun "$im" "$@" >"$T/out" 2>&1
	st=$?
	out=$(tr -d '\r' <"$T/out")
	if [ $st = 0 ] && grep -q '^Hello world!$' <<<"$out" && grep -qE "$want" <<<"$out" &&
		! grep -qE "$unwanted" <<<"$out"; then
		pass "$name: $(grep -E "$want" <<<"$out" | head -n 1)"
	else
		fail "$name" "status $st; wanted /$want/, not /$unwanted/: $out"
	fi
}

seed "no RDRAND/RDSEED, no virtio-rng: the boot warns of a weak seed" \
	"$weak" 'seeded from' "$nordrand"
seed "no RDRAND/RDSEED, virtio-rng-pci: seeded from the device" \
	'^\[info\] ukswrand: seeded from virtio-rng$' "$weak" \
	"$nordrand -device virtio-rng-pci"
seed "no RDRAND/RDSEED, legacy virtio-rng-pci: seeded from the device" \
	'^\[info\] ukswrand: seeded from virtio-rng$' "$weak" \
	"$nordrand -device virtio-rng-pci,disable-modern=on"
seed "-cpu max (TCG's RDRAND): seeded from rdrand" \
	'^\[info\] ukswrand: seeded from rdrand$' "$weak" "-cpu max"
seed "-cpu max and virtio-rng-pci: both named" \
	'^\[info\] ukswrand: seeded from rdrand\+virtio-rng$' "$weak" \
	"-cpu max -device virtio-rng-pci"
seed "no RDRAND/RDSEED, ukswrand.seed= on the command line: seeded from it" \
	'^\[info\] ukswrand: seeded from cmdline$' "$weak" "$nordrand" \
	ukswrand.seed=00112233445566778899aabbccddeeff --
# A device limited to 16 bytes a minute gives too little in 300 ms.
seed "virtio-rng too slow (16 bytes, then nothing within virtio.rng_timeout_ms=300): weak, said so" \
	'^\[warn\] virtio: virtio-rng: only 16 bytes of seed$' 'seeded from' \
	"$nordrand -device virtio-rng-pci,max-bytes=16,period=60000" virtio.rng_timeout_ms=300 --

# A malformed seed stops the boot with the reason (never a silent weak
# seed).
QEMU_ARGS="$nordrand" TIMEOUT=60 MEM=32 krun "$im" ukswrand.seed=0123abcz -- >"$T/out" 2>&1
st=$?
out=$(tr -d '\r' <"$T/out")
[ $st != 0 ] && grep -q '^\[err\]  ukswrand: seed: 8 characters; give an even number of hex digits, 32 to 128$' <<<"$out" &&
	! grep -q '^Hello world!$' <<<"$out" &&
	pass "a malformed ukswrand.seed= stops the boot with the reason (status $st)" ||
	fail "a malformed ukswrand.seed= stops the boot with the reason" "status $st: $out"
