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
#   kvm_build APP TAG [CONFIG_LINE..] the same for kvm only, from the app's
#                                    defconfig plus CONFIG_LINEs
#   uktest_results PREFIX LOG STATUS one result per uktest case in LOG, and
#                                    one for the whole run
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

# kvm_build APP TAG [CONFIG_LINE...]: the app's defconfig plus kvm only.
kvm_build() {
	local app=$1 tag=$2 def
	shift 2
	mkdir -p "$T/$tag"
	def=$T/$tag/defconfig
	{
		[ ! -f "$UK_ROOT/apps/$app/defconfig" ] || cat "$UK_ROOT/apps/$app/defconfig"
		echo CONFIG_PLAT_KVM=y
		echo "# CONFIG_PLAT_LINUXU is not set"
		printf '%s\n' "$@"
	} >"$def"
	make --no-print-directory -C "$UK_ROOT" A="$UK_ROOT/apps/$app" O="$T/$tag/build" \
		C="$T/$tag/.config" defconfig DEFCONFIG="$def" >"$T/$tag/config.log" 2>&1 &&
		build "$app" "$tag" -j2
}

# uktest_results PREFIX LOG STATUS: a result per "PASS/FAIL suite.case"
# line of a uktest run's LOG (a failure shows its details), then one for
# the run: it must end with status 0 and a summary of at least one pass.
uktest_results() {
	local prefix=$1 log=$2 st=$3 verdict name summary
	while read -r verdict name; do
		case $verdict in
		PASS) pass "$prefix$name" ;;
		FAIL) fail "$prefix$name" "$(awk -v n="$name" '$0 == "FAIL " n {p = 1; next} /^(PASS|FAIL|uktest:)/ {p = 0} p' "$log")" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$log")
	summary=$(grep -E '^uktest: [0-9]+ passed, [0-9]+ failed$' "$log")
	if [ -n "$summary" ] && [ "$st" = 0 ] && ! grep -q '^uktest: 0 passed' <<<"$summary"; then
		pass "${prefix}unit test run completes ($summary)"
	else
		fail "${prefix}unit test run completes" "status $st: $(tail -n 20 "$log")"
	fi
}
