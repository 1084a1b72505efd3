#!/bin/bash
# SPDX-License-Identifier: ISC
# A MikroTik session against Debian's mactelnetd while a third station
# floods the client (tests/tools/l2c-flood.c): random junk, MAC-Telnet
# packets that look like the server's but carry other session keys and
# counters, MOP responses from other MACs.  The session's output must
# come through unchanged, and l2console's CPU use stays bounded.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
CMAC=02:4c:32:43:02:02
SMAC=02:4c:32:43:02:01
FMAC=02:4c:32:43:02:03
RATE=${L2C_FLOOD_RATE:-10000}	# frames a second
SECS=4				# flood time
CPU_MAX=80			# % of one core, a generous bound

if ! mtd_have; then
	skip "session under flood" "mactelnet-server is not installed"
	lab_done
fi
{ lab_ns br && lab_ns c && lab_ns s && lab_ns f; } ||
    { not_ok "create namespaces"; lab_done; }
lab_bridge br c ethc $CMAC s eths $SMAC
# The flooder's port: it spoofs sources, so the bridge must not learn there.
ip -n "$(lab_nsname br)" link add pethf type veth peer name ethf \
    netns "$(lab_nsname f)"
ip -n "$(lab_nsname f)" link set ethf address $FMAC up
ip -n "$(lab_nsname br)" link set pethf master br0 up
lab_exec br bridge link set dev pethf learning off
mtd_start s eths 192.0.2.1/24 ||
    { not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"; lab_done; }

# About 6 s of steady output, then the shell exits.
N=60
printf '%s\n' 'echo FL-B$((6*7)); i=0; while [ $i -lt '$N' ]; do echo "line-$i-$((i*i))"; sleep 0.1; i=$((i+1)); done; echo FL-E$((6*7))' \
    exit > "$LAB_TMP/in"
for i in $(seq 0 $((N - 1))); do echo "line-$i-$((i * i))"; done > "$LAB_TMP/want"
between() {
	tr -d '\r' < "$LAB_TMP/out" |
	    awk '/FL-E42$/ { p = 0 } p { print } /FL-B42$/ { p = 1 }'
}

export L2CONSOLE_PASSWORD=$MTD_PW
# stdout to out (lab_bg), stderr to err (the inner redirection).
lab_bg c "$LAB_TMP/out" sh -c 'f=$0; e=$1; shift; exec "$@" < "$f" 2> "$e"' \
    "$LAB_TMP/in" "$LAB_TMP/err" "$BIN" --pcap "$LAB_TMP/c.pcap" mikrotik -u "$MTD_USER" ethc $SMAC
mpid=$LAB_PID
started() { grep -q 'line-0-0' "$LAB_TMP/out"; }
if ! wait_for 10 started; then
	not_ok "session starts ($(cat "$LAB_TMP/err"))"
	lab_done
fi

cpu() { awk '{ print $14 + $15 }' "/proc/$mpid/stat"; }
hz=$(getconf CLK_TCK)
c0=$(cpu); t0=$(date +%s%N)
lab_exec f "$T/l2c-flood" ethf "$CMAC" "$SMAC" "$RATE" "$SECS" > "$LAB_TMP/flood.log" 2>&1
frc=$?
c1=$(cpu); t1=$(date +%s%N)
check "flooder ran ($(cat "$LAB_TMP/flood.log"))" [ $frc -eq 0 ]
check "flooder learnt the client's port and hit it" \
    grep -q 'port [0-9]' "$LAB_TMP/flood.log"
pct=$(( (c1 - c0) * 100 * 1000000000 / hz / (t1 - t0) ))
echo "# l2console CPU during the flood: ${pct}% of one core" \
    "($((c1 - c0)) ticks in $(( (t1 - t0) / 1000000 )) ms; $(cat "$LAB_TMP/flood.log"))"
check "l2console CPU under flood below ${CPU_MAX}% (${pct}%)" [ "$pct" -lt $CPU_MAX ]

wait "$mpid"; rc=$?
check "session ends normally after the flood (exit $rc)" [ $rc -eq 0 ]
if between | cmp -s - "$LAB_TMP/want"; then
	ok "the session's output is unchanged ($N lines between the markers)"
else
	not_ok "the session's output is unchanged ($(between | diff - "$LAB_TMP/want" | head -5))"
fi
# The capture holds what passed the kernel filter: flood frames among it.
seen=$("$T/wirestat" mikrotik "$LAB_TMP/c.pcap" $CMAC | sed -E 's/.* frames ([0-9]+).*/\1/')
mtf=$(sed -E 's/.* udp ([0-9]+) mt ([0-9]+).*/\1 \2/' "$LAB_TMP/flood.log")
hit=$(( $(echo "$mtf" | awk '{ print $1 + $2 }') / 2 ))
check "flood frames reached l2console itself ($seen frames read, >= $hit)" \
    [ "${seen:-0}" -ge "$hit" ]
no_flood_text() { ! grep -q 'flood!' "$LAB_TMP/out"; }
nothing_lost() { ! grep -qiE 'lost|gap|protocol' "$LAB_TMP/err"; }
check "no flood text reached the terminal" no_flood_text
check "nothing reported lost or broken ($(head -c 200 "$LAB_TMP/err"))" \
    nothing_lost
lab_done
