#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark: the MOP sweep's latency.  Stations that answer only Request
# IDs sent to their own MAC and announce themselves by CDP (a Cisco
# router; l2c-responder --kind mop --no-multicast --cdp): from a
# station's first CDP frame to its System ID, the frame that makes its
# MOP row, both as the scan's --pcap stamps them (microseconds, taken
# as l2console reads each frame); `scan --watch --json` must show every
# row.  The reference, in the same run: stations that answer the
# console multicast, from the scan's first multicast Request ID to each
# one's System ID: one plain round trip.
#
# usage: bash tests/bench/part_sweep.sh L2CONSOLE (see tests/bench/run.sh)
#   BENCH_RUNS (3), L2C_TOOLS, BENCH_SWEEP_N (10 stations a run)
set -u
. "$(dirname "$0")/../lab/lib.sh"
BIN=${1:?usage: part_sweep.sh L2CONSOLE}
T=${L2C_TOOLS:?}
RUNS=${BENCH_RUNS:-3}
N=${BENCH_SWEEP_N:-10}
lab_init
{ lab_ns x && lab_ns y; } || { echo "part_sweep: no namespaces" >&2; exit 1; }
lab_link x eth0 02:4c:32:43:00:71 y eth0 02:4c:32:43:00:72

resp_start() {
	rm -f "$LAB_TMP/ready"
	lab_bg y "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" \
	    --kind mop --base 02:4c:32:58:00:00 "$@" eth0 "$N"
	rpid=$LAB_PID
	wait_for 5 test -e "$LAB_TMP/ready"
}
resp_stop() { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; }

# gaps PCAP MODE: microseconds, one line a station.  MODE sweep: from a
# station's first CDP frame to its first System ID; ref: from our first
# Request ID to the console multicast to each station's System ID.
gaps() {
	python3 - "$1" "$2" <<'PY'
import struct, sys
data, mode = open(sys.argv[1], "rb").read(), sys.argv[2]
le = data[:4] == b"\xd4\xc3\xb2\xa1"
cdp = bytes.fromhex("01000ccccccc")
cons = bytes.fromhex("ab0000020000")
off, first, sysid, ask = 24, {}, {}, None
while off + 16 <= len(data):
    s, us, incl = struct.unpack("<III" if le else ">III", data[off:off + 12])
    f = data[off + 16:off + 16 + incl]
    off += 16 + incl
    t = s * 1e6 + us
    if len(f) < 17:
        continue
    dst, src = f[0:6], f[6:12]
    mop = f[12:14] == b"\x60\x02"
    if dst == cdp:
        first.setdefault(src, t)
    elif mop and f[16] == 7:
        sysid.setdefault(src, t)
    elif mop and f[16] == 5 and dst == cons and ask is None:
        ask = t
for m, t in sysid.items():
    t0 = first.get(m) if mode == "sweep" else ask
    if t0 is not None:
        print("%.0f" % (t - t0))
PY
}
med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mx() { sort -g | tail -1; }

: > "$LAB_TMP/sweep.us"
: > "$LAB_TMP/ref.us"
# Each station's CDP every 2 s: the first arrives at a random point.
resp_start --no-multicast --cdp --announce 2 ||
    { echo "part_sweep: the responder did not start" >&2; exit 1; }
for _ in $(seq "$RUNS"); do
	rm -f "$LAB_TMP/w.pcap"
	lab_bg x "$LAB_TMP/w.log" "$BIN" --pcap "$LAB_TMP/w.pcap" -q scan \
	    --watch --json eth0
	w=$LAB_PID
	all() { [ "$(grep -c '"mop-console"' "$LAB_TMP/w.log")" -ge "$N" ]; }
	wait_for 10 all || { echo "part_sweep: not every console" >&2; exit 1; }
	kill -INT "$w"; wait "$w" 2>/dev/null
	gaps "$LAB_TMP/w.pcap" sweep >> "$LAB_TMP/sweep.us"
done
resp_stop
resp_start || { echo "part_sweep: the responder did not start" >&2; exit 1; }
for _ in $(seq "$RUNS"); do
	rm -f "$LAB_TMP/r.pcap"
	lab_exec x "$BIN" --pcap "$LAB_TMP/r.pcap" -q scan --json --timeout 1 \
	    eth0 > /dev/null
	gaps "$LAB_TMP/r.pcap" ref >> "$LAB_TMP/ref.us"
done
resp_stop

ns=$(wc -l < "$LAB_TMP/sweep.us") nr=$(wc -l < "$LAB_TMP/ref.us")
if [ "$ns" -ne $((N * RUNS)) ] || [ "$nr" -ne $((N * RUNS)) ]; then
	echo "part_sweep: $ns and $nr of $((N * RUNS)) measured" >&2
	exit 1
fi
sm=$(med < "$LAB_TMP/sweep.us") sx=$(mx < "$LAB_TMP/sweep.us")
rm=$(med < "$LAB_TMP/ref.us") rx=$(mx < "$LAB_TMP/ref.us")
ms() { awk "BEGIN{printf \"%.2f ms\", $1 / 1000}"; }
cat <<MD
## MOP sweep: first CDP frame to the MOP row

$N stations a run, $RUNS runs; times are the scan's own \`--pcap\`
stamps (taken as l2console reads or sends each frame), and every run's
\`--watch --json\` listed all $N MOP consoles.

| path | command | samples | median | max |
|---|---|---|---|---|
| sweep: a station's first CDP frame to its System ID (unicast-only stations) | \`l2c-responder --kind mop --no-multicast --cdp --announce 2 eth0 $N\`; \`l2console --pcap F scan --watch --json eth0\` | $ns | $(ms "$sm") | $(ms "$sx") |
| reference: our multicast Request ID to each System ID | \`l2c-responder --kind mop eth0 $N\`; \`l2console --pcap F scan --json --timeout 1 eth0\` | $nr | $(ms "$rm") | $(ms "$rx") |

The reference's $N answers to one request leave one after another, so
its figures include that queue; each swept station is asked on its own.
Sweep against the reference (medians): $(awk "BEGIN{printf \"%.2f\", ($rm > 0) ? $sm / $rm : 0}")x.
The issue's bound is 1000 ms: $(awk "BEGIN{print ($sx < 1000000) ? \"met by every sample\" : \"missed\"}").
MD
