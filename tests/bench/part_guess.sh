#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark part (issue 19, rows 1 and 5): what a password guesser on
# the segment gets from `l2console serve mikrotik`, against Debian's
# mactelnetd under the same attack in the same run; the server's CPU
# under a 1000/s EC-SRP5 begin-auth flood; the time of a real login
# during each flood.  The attacker is tests/tools/l2c-guess.c: a fresh
# random MAC, key and port for every login.
# usage: L2C_TOOLS=DIR BENCH_RUNS=N LAB_ID=ID bash part_guess.sh L2CONSOLE
set -u
BIN=$1
TOOLS=${L2C_TOOLS:?}
RUNS=${BENCH_RUNS:-3}
GUESS_RATE=${BENCH_GUESS_RATE:-5000}	# logins begun a second
SECS=${BENCH_GUESS_SECS:-5}
PACED=${BENCH_GUESS_PACED:-50}	# an attacker that stays under the eviction
BEFORE=3134	# guesses/s, issue 19 (random MACs, END after each guess)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lab/lib.sh"
lab_init
. "$TOP/tests/lab/mtd.sh"
say() { echo "part_guess: $*" >&2; }
SMAC=02:4c:32:47:00:01 CMAC=02:4c:32:47:00:02 AMAC=02:4c:32:47:00:03
T=$LAB_TMP

{ lab_ns br && lab_ns s && lab_ns c && lab_ns a; } || { say "namespaces"; exit 1; }
lab_bridge br s eth0 $SMAC c eth1 $CMAC || { say "bridge"; exit 1; }
ip -n "$(lab_nsname br)" link add peth2 type veth peer name eth0 \
    netns "$(lab_nsname a)"
ip -n "$(lab_nsname a)" link set eth0 address $AMAC promisc on up
# The attacker spoofs sources: its port must not teach the bridge.
ip -n "$(lab_nsname br)" link set peth2 master br0 up
ip -n "$(lab_nsname br)" link set peth2 type bridge_slave learning off
mtd_user || { say "no account for the logins"; exit 1; }
U=$T/users
printf '%s:%s\n' "$MTD_USER" "$MTD_PW" > "$U"
chmod 600 "$U"

med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN{v=$1; if (v != v) print \"nan\"; else printf \"${2:-%.3g}\", v}"; }
get() { sed -n "s/.* $1 \([0-9.]*\).*/\1/p" "$2"; }
# ticks PID: its CPU ticks and its children's now running: serve
# mikrotik as root is a monitor and its parser (which does the work).
ticks() {
	local p t=0
	for p in "$1" $(pgrep -P "$1"); do
		t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null ||
		    echo 0)))
	done
	echo "$t"
}

# server NAME: start one; its pid in SPID.  Each server has the same
# MAC and a known devices file of its own: one shared would refuse
# mactelnetd's MD5 as a downgrade from serve mikrotik's EC-SRP5.
server() {
	KD=$T/known.$1
	case $1 in
	ours)
		lab_bg s "$T/srv.log" "$BIN" -v serve mikrotik --users "$U" \
		    --mndp-interval 0 eth0
		SPID=$LAB_PID
		wait_for 10 grep -q "serving MAC-Telnet" "$T/srv.log" ;;
	mtd)
		mtd_start s eth0 10.77.0.1/24 || return 1
		# unshare -m, then exec: the last process is mactelnetd.
		SPID=$(pgrep -n -x mactelnetd -P "$MTD_PID" || echo "$MTD_PID")
		;;
	esac
}
stop() {
	kill -TERM "$SPID" "${MTD_PID:-}" 2>/dev/null
	wait "$LAB_PID" 2>/dev/null
	ip -n "$(lab_nsname s)" addr flush dev eth0 2>/dev/null
	MTD_PID=
}
# login: ms for a real login and one command (exit 0), or "failed".
login() {
	local t0 t1
	t0=$(date +%s%N)
	if echo 'echo L2C-$((6*7)); exit' | L2CONSOLE_PASSWORD=$MTD_PW \
	    L2CONSOLE_KNOWN_DEVICES=$KD timeout 30 ip netns exec "$(lab_nsname c)" "$BIN" mikrotik \
	    -u "$MTD_USER" --timeout 20 eth1 $SMAC > "$T/login.out" 2>&1 &&
	    grep -q L2C-42 "$T/login.out"; then
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000000 ))
	else
		echo failed
	fi
}
# attack OUT ARGS...: the guesser, and a real login 1 s into it.
attack() {
	local out=$1
	shift
	lab_exec a "$TOOLS/l2c-guess" "$@" > "$out" 2>&1 &
	local gpid=$!
	c0=$(ticks "$SPID")
	t0=$(date +%s%N)
	wait_for 2 false
	echo "login $(login)" >> "$out.login"
	wait "$gpid"
	t1=$(date +%s%N)
	c1=$(ticks "$SPID")
	echo "cpu $(calc "($c1 - $c0) * 100 / $(getconf CLK_TCK) / (($t1 - $t0) / 1e9)" %.1f)" >> "$out.login"
}

for srv in ours mtd; do
	for r in $(seq 1 "$RUNS"); do
		server $srv || { say "$srv did not start"; exit 1; }
		login > "$T/$srv.quiet.$r"
		attack "$T/$srv.e.$r" -e eth0 $SMAC "$MTD_USER" md5 \
		    "$GUESS_RATE" "$SECS"
		attack "$T/$srv.w.$r" eth0 $SMAC "$MTD_USER" md5 \
		    "$GUESS_RATE" "$SECS"
		attack "$T/$srv.p.$r" eth0 $SMAC "$MTD_USER" md5 \
		    "$PACED" "$SECS"
		attack "$T/$srv.x.$r" eth0 $SMAC "$MTD_USER" ecsrp 1000 \
		    "$SECS"
		stop
	done
done
# per SRV MODE FIELD: the median over the runs of FIELD per second.
per() {
	for r in $(seq 1 "$RUNS"); do
		f=$T/$1.$2.$r
		calc "$(get "$3" "$f") / $(get seconds "$f")"
		echo
	done | med
}
fld() { for r in $(seq 1 "$RUNS"); do
	awk -v k="$3" '$1 == k { print $2 }' "$T/$1.$2.$r.login"; done | med; }
lg() { for r in $(seq 1 "$RUNS"); do
	sed -n "s/^login //p" "$T/$1.$2.$r.login"; done | tr '\n' ' '; }
quiet() { cat "$T/$1".quiet.* | grep -v failed | med; }

g_ours=$(per ours e guesses) g_mtd=$(per mtd e guesses)
a_ours=$(per ours w answers) a_mtd=$(per mtd w answers)
p_ours=$(per ours p answers) p_mtd=$(per mtd p answers)
cat <<MD
## Password guessing against serve mikrotik (issue 19)

An attacker on the segment (\`tests/tools/l2c-guess\` in namespace A, a
fresh random MAC, session key and port for every login) begins
$GUESS_RATE MD5 logins a second for $SECS s against \`l2console serve
mikrotik --users FILE eth0\` (defaults: 10 logins a second server-wide,
answers after \`--fail-delay\` 1000 ms), and against Debian's mactelnetd
0.4.4 under the same attack in the same run. Medians of $RUNS runs.
serve mikrotik runs as root, so it is two processes (the monitor, which
checks every login, and the unprivileged parser): its CPU is both.

| | serve mikrotik | mactelnetd | ratio |
|---|---|---|---|
| guesses sent a second, END after each (\`l2c-guess -e ... md5 $GUESS_RATE $SECS\`) | $g_ours | $g_mtd | $(calc "$g_ours / $g_mtd") |
| verdicts learnt a second, each answer awaited (\`l2c-guess ... md5 $GUESS_RATE $SECS\`) | $a_ours | $a_mtd | $(calc "$a_ours / $a_mtd") |
| verdicts learnt a second, $PACED logins a second, answers awaited (\`l2c-guess ... md5 $PACED $SECS\`) | $p_ours | $p_mtd | $(calc "$p_ours / $p_mtd") |
| guesses a second before the fix (issue 19; ratio: the best row above) | $BEFORE | | $(calc "($p_ours > $a_ours ? $p_ours : $a_ours) / $BEFORE") |
| server CPU, % of a core, EC-SRP5 begin-auth flood 1000/s (\`l2c-guess ... ecsrp 1000 $SECS\`) | $(fld ours x cpu) | $(fld mtd x cpu) (MD5 only) | |
| server CPU, % of a core, MD5 guessing (answers awaited) | $(fld ours w cpu) | $(fld mtd w cpu) | |

A "guess sent" is a response to a salt the server handed out; with END
right after it, serve mikrotik checks it but the verdict never comes
(it is released only after the delay), so it tells the attacker
nothing. "Verdicts learnt" counts the answers that came back.

Real logins (\`L2CONSOLE_PASSWORD=... l2console mikrotik -u USER
eth1 MAC\` with \`echo ...; exit\` on its input, from a station that
logged in once before the floods), started 1 s into each flood: ms until
the session ended with the command's output, every run:

| flood | serve mikrotik | mactelnetd |
|---|---|---|
| none (median) | $(quiet ours) | $(quiet mtd) |
| MD5 guesses, END after each | $(lg ours e) | $(lg mtd e) |
| MD5 guesses, answers awaited | $(lg ours w) | $(lg mtd w) |
| MD5 guesses at $PACED/s, answers awaited | $(lg ours p) | $(lg mtd p) |
| EC-SRP5 begin auths, 1000/s | $(lg ours x) | $(lg mtd x) |
MD
