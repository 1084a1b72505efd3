#!/bin/bash
# SPDX-License-Identifier: ISC
# Paced input's price: a 500-line RouterOS script as standard input of
# `l2console mikrotik` (batch mode) into the RouterOS personality over
# MAC-Telnet, paced (--paste-wait echo, prompt) against unpaced
# (--paste-wait none, the batch default) in the same run: wall time of
# the whole session (login and the 0.3 s idle end included) and the
# lines the device read.  Run by tests/bench/run.sh (see its header).
set -u
BIN=${1:?usage: part_paste.sh L2CONSOLE}
export L2C_BIN=$BIN
RUNS=${BENCH_RUNS:-5}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lab/lib.sh
. "$TOP/tests/lab/lib.sh"
lab_init
T=$LAB_TMP
SRV=02:4c:32:43:00:01
lab_pair $SRV 02:4c:32:43:00:02 > /dev/null
lab_serve_routeros "$T/srv.log" --identity bench --record "$T/rec" \
    > /dev/null
python3 - "$T/script" <<'PY'
import sys
open(sys.argv[1], "w").write("".join(
    "/ip address add address=10.%d.%d.1/24 interface=ether1 comment=b%03d\n"
    % (i // 250, i % 250, i) for i in range(500)))
PY
# run MODE: one session; prints "seconds lines".
run() {
	local t0 t1
	rm -f "$T/rec"
	t0=$(date +%s.%N)
	L2CONSOLE_PASSWORD=pw-plain timeout 120 ip netns exec \
	    "$(lab_nsname c)" "$BIN" mikrotik -u root --idle 0.3 \
	    --paste-wait "$1" eth0 $SRV < "$T/script" > /dev/null 2>&1 ||
	    return 1
	t1=$(date +%s.%N)
	echo "$(awk "BEGIN{print $t1 - $t0}") $(wc -l < "$T/rec" 2>/dev/null || echo 0)"
}
med() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
for m in none echo prompt; do
	: > "$T/$m"
	for _ in $(seq "$RUNS"); do
		run "$m" >> "$T/$m" || { echo "part_paste: $m run failed" >&2; exit 1; }
	done
done
s() { cut -d' ' -f1 < "$T/$1" | med | awk '{printf "%.2f", $1}'; }
l() { cut -d' ' -f2 < "$T/$1" | sort -g | head -1; }
base=$(s none)
echo "## Paced input (--paste-wait)"
echo
echo "500 RouterOS script lines (37 KB) as standard input, MAC-Telnet to"
echo "\`serve mikrotik --exec routeros_console.py\` over a veth pair; median"
echo "of $RUNS runs each, same run; fewest lines the device read."
echo
echo '```'
echo "L2CONSOLE_PASSWORD=... l2console mikrotik -u root --idle 0.3 --paste-wait MODE eth0 $SRV < script"
echo '```'
echo
echo "| --paste-wait | seconds | lines read | vs none |"
echo "|---|---|---|---|"
for m in none echo prompt; do
	echo "| $m | $(s "$m") | $(l "$m") | $(awk "BEGIN{printf \"%.2f\", $(s "$m") / $base}") |"
done
