#!/bin/bash
# SPDX-License-Identifier: ISC
# Run every test and print one closing line: "N passed, N failed, N skipped".
# Each test program speaks TAP ("ok", "not ok", "# SKIP reason"); a
# program that dies or exits non-zero after saying "ok" is a failure too.
#
# usage: tests/run.sh [--only unit|lab|fuzz] SANDIR FUZZDIR
set -u
only=
if [ "${1:-}" = --only ]; then only=$2; shift 2; fi
san=${1:?sanitizer build dir}
fz=${2:?fuzz build dir}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

export L2C_BIN="$top/$san/l2console"
export L2C_TOOLS="$top/$san/tests/tools"
export L2C_TEST_DATA="$top/tests/data"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
logdir="$top/$san/test-logs"
rm -rf "$logdir"; mkdir -p "$logdir"

passed=0 failed=0 skipped=0
failures='' skips=''

# tally NAME LOG STATUS: count a TAP log, with the program's exit status.
tally() {
	local name=$1 log=$2 status=$3 line desc p=0 f=0
	while IFS= read -r line; do
		case "$line" in
		"not ok"*)
			f=$((f + 1))
			failures="$failures
  $name: ${line#not ok }" ;;
		"ok"*"# SKIP"*|"ok"*"# skip"*)
			skipped=$((skipped + 1))
			desc=${line#ok }
			skips="$skips
  $name: $desc" ;;
		"ok "*)
			p=$((p + 1)) ;;
		esac
	done < "$log"
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		failures="$failures
  $name: exited with status $status (see $log)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name"
		grep -v '^ok' "$log" | head -40 | sed 's/^/    /'
	else
		echo "ok   $name ($p)"
	fi
}

run_unit() {
	local t name log
	for t in $(find "$san/tests/unit" -type f -perm -u+x -name 'test_*' | sort); do
		name=unit/${t#"$san/tests/unit/"}
		log="$logdir/$(echo "$name" | tr / _).log"
		CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$t" > "$log" 2>&1
		tally "$name" "$log" $?
	done
}

run_lab() {
	local t name log
	for t in tests/lab/test_*.sh; do
		[ -e "$t" ] || continue
		name=lab/$(basename "$t" .sh)
		log="$logdir/$(echo "$name" | tr / _).log"
		if [ "$(id -u)" != 0 ]; then
			echo "ok - $name # SKIP lab tests need root for network namespaces" > "$log"
			tally "$name" "$log" 0
			continue
		fi
		timeout 600 bash "$t" > "$log" 2>&1 < /dev/null
		tally "$name" "$log" $?
	done
}

run_fuzz() {
	local log="$logdir/fuzz.log"
	bash tests/fuzz/run.sh "$fz" "${L2C_FUZZ_SMOKE_SECONDS:-5}" > "$log" 2>&1
	tally fuzz/smoke "$log" $?
}

[ -z "$only" ] || [ "$only" = unit ] && run_unit
[ -z "$only" ] || [ "$only" = lab ] && run_lab
[ -z "$only" ] || [ "$only" = fuzz ] && run_fuzz

[ -n "$failures" ] && printf '\nfailed:%s\n' "$failures"
[ -n "$skips" ] && printf '\nskipped:%s\n' "$skips"
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
