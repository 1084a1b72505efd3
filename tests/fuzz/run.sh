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
status=0
for t in $targets; do
	name=$(basename "$t")
	corpus="$fz/corpus/$name"
	mkdir -p "$corpus"
	# Seeds: every captured frame, plus the target's own seeds if any.
	if [ -x "$tool" ]; then
		"$tool" "$corpus" tests/data/*.pcap tests/data/*.pcapng || status=1
	fi
	[ -d "tests/fuzz/seeds/$name" ] && cp -r "tests/fuzz/seeds/$name/." "$corpus/"
	if "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 "$corpus" > "$fz/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fz/$name.log")
		echo "ok - $name ($runs runs in ${secs}s)"
	else
		echo "not ok - $name (see $fz/$name.log)"
		tail -30 "$fz/$name.log"
		status=1
	fi
done
exit $status
