#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark: how long `l2console scan` takes to find N simulated devices
# (tests/tools/l2c-responder behind one veth), asking actively against
# listening passively while every device announces once per period.
#
# usage: tests/bench/scan.sh [L2CONSOLE]
#   BENCH_SIZES="200 1000"  device counts
#   BENCH_RUNS=3            active runs per size (the median is shown)
#   BENCH_PERIOD=10         passive: seconds between one device's
#                           announcements (real devices: MNDP 30-60 s,
#                           MOP System ID on Cisco every 8-10 minutes)
# Needs root (network namespaces).  Prints a table; exits 1 if a scan
# missed a device.
. "$(dirname "$0")/../lab/lib.sh"
BIN=${1:-${L2C_BIN:-./l2console}}
T=${L2C_TOOLS:-$(dirname "$0")/../../build/san/tests/tools}
SIZES=${BENCH_SIZES:-200 1000}
RUNS=${BENCH_RUNS:-3}
PERIOD=${BENCH_PERIOD:-10}

if [ ! -x "$T/l2c-responder" ]; then
	echo "bench/scan: $T/l2c-responder missing (make test-build)"
	exit 1
fi
lab_init
{ lab_ns x && lab_ns y; } || { echo "bench/scan: cannot create namespaces"; exit 1; }
lab_link x eth0 02:4c:32:43:00:11 y eth0 02:4c:32:43:00:12

resp_start() {
	rm -f "$LAB_TMP/ready"
	lab_bg y "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" "$@"
	rpid=$LAB_PID
	wait_for 5 test -e "$LAB_TMP/ready"
}
resp_stop() { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; }

# found_and_time FILE: "COUNT SECONDS" from a scan --json document: how
# many devices, and when the last one was first seen after the start.
found_and_time() {
	python3 - "$1" <<'EOF'
import json, sys
from datetime import datetime
def t(s): return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
doc = json.load(open(sys.argv[1]))
d = doc["devices"]
last = max((t(x["first_seen"]) for x in d), default=t(doc["started"]))
print(len(d), "%.3f" % (last - t(doc["started"])))
EOF
}

# found_and_time_jsonl FILE START_EPOCH: the same from --watch lines.
found_and_time_jsonl() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
from datetime import datetime
def t(s): return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
new = [json.loads(l) for l in open(sys.argv[1])]
new = [x for x in new if x["event"] == "new"]
last = max((t(x["first_seen"]) for x in new), default=float(sys.argv[2]))
print(len(new), "%.3f" % (last - float(sys.argv[2])))
EOF
}

median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

status=0
printf '%-8s %-8s %-7s %-12s %s\n' DEVICES MODE FOUND TIME-TO-ALL NOTE
for n in $SIZES; do
	# Active: the responder answers MNDP refreshes, Request IDs, pings.
	resp_start eth0 "$n" || { echo "responder did not start"; exit 1; }
	times='' found_min=$n
	for _ in $(seq "$RUNS"); do
		lab_exec x "$BIN" -q scan --json --timeout 2 eth0 > "$LAB_TMP/a.json"
		read -r found secs < <(found_and_time "$LAB_TMP/a.json")
		times="$times $secs"
		[ "$found" -lt "$found_min" ] && found_min=$found
	done
	resp_stop
	[ "$found_min" -eq "$n" ] || status=1
	printf '%-8s %-8s %-7s %-12s %s\n' "$n" active "$found_min" \
	    "$(echo "$times" | median) s" "median of $RUNS; scan ran 2 s"

	# Passive: nothing answers; each device announces once per period,
	# the announcements spread over it as real devices' are.
	resp_start eth0 "$n" --passive --announce "$PERIOD" ||
	    { echo "responder did not start"; exit 1; }
	start=$(date +%s.%N)
	lab_bg x "$LAB_TMP/w.jsonl" "$BIN" -q scan --watch --json eth0
	wpid=$LAB_PID
	enough() { [ "$(grep -c '"event":"new"' "$LAB_TMP/w.jsonl")" -ge "$n" ]; }
	wait_for $((PERIOD * 2 + 5)) enough
	kill -INT "$wpid"; wait "$wpid" 2>/dev/null
	resp_stop
	read -r found secs < <(found_and_time_jsonl "$LAB_TMP/w.jsonl" "$start")
	[ "$found" -eq "$n" ] || status=1
	printf '%-8s %-8s %-7s %-12s %s\n' "$n" passive "$found" "$secs s" \
	    "one announcement period ($PERIOD s here; MNDP 30-60 s, MOP 8-10 min)"
done
exit $status
