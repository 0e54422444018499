# SPDX-License-Identifier: BSD-3-Clause
#
# Helpers for test groups (sourced). A group is a bash script that calls
# these; support/scripts/test counts the results.
#   pass NAME | fail NAME DETAIL     record one result
#   check NAME CMD...                pass when CMD succeeds
#   expect_status NAME N CMD...      pass when CMD exits with status N
#   expect_output NAME PATTERN FILE  pass when FILE matches grep -E PATTERN
#   build APP TAG [make args]        build APP with .config and build folder
#                                    under $UK_TEST_TMP/TAG
set -u
: "${UK_ROOT:?run through support/scripts/test}"
: "${UK_TEST_TMP:?run through support/scripts/test}"
T=$UK_TEST_TMP

pass() {
	echo "ok   $1"
	echo "pass $1" >>"$UK_TEST_RESULTS"
}

fail() {
	echo "FAIL $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" | head -n 40 | sed 's/^/     | /'
	echo "fail $1" >>"$UK_TEST_RESULTS"
}

check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$out"
	fi
}

expect_status() {
	local name=$1 want=$2 out st
	shift 2
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit status $st, expected $want; output:
$out"
	fi
}

expect_output() {
	if grep -qE -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/ in:
$(cat "$3")"
	fi
}

# build APP TAG [make args...]: configuration and objects under $T/TAG.
build() {
	local app=$1 tag=$2
	shift 2
	mkdir -p "$T/$tag"
	make --no-print-directory -C "$UK_ROOT/apps/$app" O="$T/$tag/build" C="$T/$tag/.config" \
		"$@" >"$T/$tag/build.log" 2>&1
}

# img APP TAG PLAT: path of a built image.
img() {
	echo "$T/$2/build/$1_$3-x86_64"
}
