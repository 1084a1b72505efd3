#!/bin/bash
# SPDX-License-Identifier: ISC
# `l2console mop` against `l2console serve mop --exec /bin/sh`: three
# stations on a bridge (server s, clients c and d), batch mode.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
S_MAC=02:4c:32:43:00:01 C_MAC=02:4c:32:43:00:02 D_MAC=02:4c:32:43:00:03
VERIF=secret12

{ lab_ns br && lab_ns s && lab_ns c && lab_ns d; } ||
    { not_ok "create namespaces"; lab_done; }
# Interface names differ: they name the bridge ports (peth0, peth1...).
lab_bridge br s eth0 $S_MAC c eth1 $C_MAC
# A third station on the same bridge.
ip -n "$(lab_nsname br)" link add peth2 type veth peer name eth2 \
    netns "$(lab_nsname d)"
ip -n "$(lab_nsname d)" link set eth2 address $D_MAC up
ip -n "$(lab_nsname br)" link set peth2 master br0 up
declare -A IF=([c]=eth1 [d]=eth2)

slog=$LAB_TMP/server.log

# 0. Without --verification, one line at start says anyone may take it;
# with it (all the rest), no such line.
lab_bg s "$slog" "$BIN" serve mop --exec true eth0
wait_for 5 grep -q "any station on the segment" "$slog"
check "without --verification: one line says any station can take it" \
    [ "$(count "any station on the segment can take the console" \
    "$slog")" = 1 ]
kill -TERM "$LAB_PID"
wait "$LAB_PID" 2>/dev/null

start_server() {
	: > "$slog"
	lab_bg s "$slog" "$BIN" -v serve mop --exec /bin/sh \
	    --verification $VERIF eth0
	spid=$LAB_PID
	wait_for 5 grep -q "serving the MOP console" "$slog"
}
start_server || { not_ok "server starts ($(cat "$slog"))"; lab_done; }
check "with --verification: no such line" \
    [ "$(count "any station on the segment" "$slog")" = 0 ]

# client NS OUT ERR [options]: one batch session; stdin from the caller.
client() {
	local ns=$1 out=$2 err=$3
	shift 3
	lab_exec "$ns" "$BIN" mop --idle 0.5 --timeout 3 "$@" "${IF[$ns]}" $S_MAC \
	    > "$out" 2> "$err"
}

# 1. --info shows the System ID as a table.
lab_exec c "$BIN" mop --info eth1 $S_MAC > "$LAB_TMP/info" 2>&1
rc=$?
check "--info prints the System ID (console carrier, sizes, software id)" \
    [ $rc -eq 0 -a "$(grep -cE 'functions +loop, console carrier|console command size +512|console response size +512|software id +l2console|hardware address +02:4c:32:43:00:01' "$LAB_TMP/info")" = 5 ]

# 2. Run a command and read its output; quit at the end of input.
echo 'echo hello-$((6*7))' | client c "$LAB_TMP/o1" "$LAB_TMP/e1" \
    --verification $VERIF
rc=$?
check "a command runs and its output comes back (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o1" hello-42
[ $rc -eq 0 ] || cat "$LAB_TMP/e1"

# 3. Released on quit: another station reserves right after.
wait_for 2 grep -q "$C_MAC: reservation released" "$slog"
check "the server saw the Release" [ $? -eq 0 ]
echo 'echo second-$((1+1))' | client d "$LAB_TMP/o2" "$LAB_TMP/e2" \
    --verification $VERIF
rc=$?
check "a second station reserves right after the first quit" \
    status_grep "$rc" 0 "$LAB_TMP/o2" second-2

# 4. Wrong verification: refused, exit 2.
echo 'echo nope' | L2CONSOLE_MOP_VERIFICATION=wrong client d "$LAB_TMP/o3" "$LAB_TMP/e3"
rc=$?
refused_in_one_line() {
	status_grep "$rc" 2 "$LAB_TMP/e3" "reservation refused" &&
	    [ "$(wc -l < "$LAB_TMP/e3")" = 1 ]
}
check "a wrong verification is refused (exit 2, one line)" \
    refused_in_one_line

# 5. A session held open from c (its stdin a fifo we keep open).
hold_c() {
	mkfifo "$LAB_TMP/in.$1"
	exec 7<>"$LAB_TMP/in.$1"
	# Not "lab_bg ... < fifo": bash gives background jobs /dev/null.
	lab_bg c "$LAB_TMP/held.$1" sh -c 'exec "$@" < "$0"' "$LAB_TMP/in.$1" \
	    "$BIN" mop --verification $VERIF --idle 30 --timeout "$2" \
	    eth1 $S_MAC
	cpid=$LAB_PID
	echo 'echo holding-$((2*2))' >&7
	wait_for 5 grep -q 'holding-4' "$LAB_TMP/held.$1"
}
hold_c 1 3 || not_ok "a session stays open ($(cat "$LAB_TMP/held.1"))"
echo 'echo intruder' | client d "$LAB_TMP/o4" "$LAB_TMP/e4" \
    --verification $VERIF
rc=$?
check "a second station during a session: reserved by <MAC>, exit 69" \
    status_grep "$rc" 69 "$LAB_TMP/e4" "reserved by $C_MAC"
# SIGTERM: the client releases and ends normally.
kill -TERM "$cpid"
wait "$cpid"
rc=$?
exec 7>&-
check "SIGTERM ends the session cleanly (exit 0)" [ $rc -eq 0 ]
wait_for 2 grep -q "$C_MAC: reservation released" "$slog"
check "... with a Release the server saw" [ $? -eq 0 ]

# 6. 64 KiB of output arrives complete and in order.
big=$LAB_TMP/big
head -c 49152 /dev/urandom | base64 -w 76 > "$big"
t0=$(date +%s%N)
printf 'printf "BE""GIN\\n"; cat %s; printf "E""ND\\n"\n' "$big" |
    client c "$LAB_TMP/o5" "$LAB_TMP/e5" --verification $VERIF
rc=$?
t1=$(date +%s%N)
tr -d '\r' < "$LAB_TMP/o5" |
    awk 'f && /^END$/ { exit } f { print } /BEGIN$/ { f = 1 }' > "$LAB_TMP/got"
arrived_whole() {
	[ "$rc" -eq 0 ] &&
	    [ "$(sha256sum < "$LAB_TMP/got")" = "$(sha256sum < "$big")" ]
}
check "64 KiB output arrives complete and in order ($(( (t1 - t0) / 1000000 )) ms session)" \
    arrived_whole

# 7. The server dies mid-session: peer lost within --timeout, exit 75,
# and the terminal (a pty from script(1)) is out of raw mode again.
mkfifo "$LAB_TMP/in.tty"
exec 8<>"$LAB_TMP/in.tty"
lab_bg c "$LAB_TMP/tty" sh -c 'exec script -qec "$1" /dev/null < "$0"' \
    "$LAB_TMP/in.tty" "$BIN mop --verification $VERIF --timeout 2 eth1 \
    $S_MAC; echo rc=\$?; stty -a"
tpid=$LAB_PID
if ! wait_for 5 grep -q "connected; escape key" "$LAB_TMP/tty"; then
	not_ok "an interactive session opens ($(cat "$LAB_TMP/tty"))"
fi
t0=$(date +%s%N)
kill -KILL "$spid"
wait "$spid" 2>/dev/null
wait_for 5 grep -q "^rc=" "$LAB_TMP/tty"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
tr -d '\r' < "$LAB_TMP/tty" > "$LAB_TMP/tty.txt"
lost_in_time() {
	grep -q "^rc=75$" "$LAB_TMP/tty.txt" && [ "$ms" -le 4000 ] &&
	    grep -q "peer lost" "$LAB_TMP/tty.txt"
}
tty_restored() {
	grep -Eq "(^| )icanon( |$)" "$LAB_TMP/tty.txt" &&
	    grep -Eq "(^| )echo( |$)" "$LAB_TMP/tty.txt"
}
check "server killed: peer lost, exit 75, after ${ms} ms (timeout 2 s)" \
    lost_in_time
check "... and the terminal is restored (icanon echo)" tty_restored
exec 8>&-
wait "$tpid"

lab_done
