#!/bin/bash
# SPDX-License-Identifier: ISC
# Run every libFuzzer target: replay its corpus (seeded from the captures
# in tests/data), then fuzz it for SECONDS.  Prints TAP, one line a target.
# usage: tests/fuzz/run.sh FUZZDIR SECONDS
set -u
fz=${1:?fuzz build dir}
secs=${2:-10}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
tool=${L2C_TOOLS:-$top/build/san/tests/tools}/pcap2corpus

targets=$(find "$fz/tests/fuzz" -type f -perm -u+x -name 'fuzz_*' 2>/dev/null | sort)
if [ -z "$targets" ]; then
	echo "ok - fuzz # SKIP no fuzz targets built (clang with libFuzzer missing?)"
	exit 0
fi
# fuzz_one TARGET: its TAP line (and the log's tail on failure) in
# $fz/NAME.tap, so two run at once (one a core) and print in order.
fuzz_one() {
	local t=$1 name corpus runs
	name=$(basename "$t")
	corpus="$fz/corpus/$name"
	mkdir -p "$corpus"
	# Seeds: every captured frame, plus the target's own seeds if any.
	if [ -x "$tool" ] && ! "$tool" "$corpus" tests/data/*.pcap \
	    tests/data/*.pcapng; then
		echo "not ok - $name (cannot seed its corpus)" > "$fz/$name.tap"
		return
	fi
	[ -d "tests/fuzz/seeds/$name" ] && cp -r "tests/fuzz/seeds/$name/." "$corpus/"
	if "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 "$corpus" > "$fz/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fz/$name.log")
		echo "ok - $name ($runs runs in ${secs}s)" > "$fz/$name.tap"
	else
		{ echo "not ok - $name (see $fz/$name.log)"
		tail -30 "$fz/$name.log"; } > "$fz/$name.tap"
	fi
}

jobs=${L2C_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
n=0
for t in $targets; do
	rm -f "$fz/$(basename "$t").tap"
	fuzz_one "$t" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait
status=0
for t in $targets; do
	tap="$fz/$(basename "$t").tap"
	if [ -s "$tap" ]; then
		cat "$tap"
		grep -q '^not ok' "$tap" && status=1
	else
		echo "not ok - $(basename "$t") (no result)"
		status=1
	fi
done
exit $status
