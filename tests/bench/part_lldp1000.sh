#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark: 1000 stations sending LLDP (l2c-responder --passive --lldp,
# injected frames) at one scan, against 1000 MNDP stations (--kind
# mikrotik --passive) in the same run: CPU and peak memory of
# `scan --watch --json` and of the full-screen UI (in tmux), each over
# the same window of announcements once every station was seen.
#
# usage: bash tests/bench/part_lldp1000.sh L2CONSOLE (tests/bench/run.sh)
#   BENCH_RUNS (3), L2C_TOOLS, BENCH_LLDP_N (1000 stations),
#   BENCH_LLDP_PERIOD (2 s between one station's frames),
#   BENCH_LLDP_WINDOW (10 s measured)
set -u
. "$(dirname "$0")/../lab/lib.sh"
BIN=${1:?usage: part_lldp1000.sh L2CONSOLE}
T=${L2C_TOOLS:?}
RUNS=${BENCH_RUNS:-3}
N=${BENCH_LLDP_N:-1000}
PERIOD=${BENCH_LLDP_PERIOD:-2}
WINDOW=${BENCH_LLDP_WINDOW:-10}
HZ=$(getconf CLK_TCK)
lab_init
{ lab_ns x && lab_ns y; } || { echo "part_lldp1000: no namespaces" >&2; exit 1; }
lab_link x eth0 02:4c:32:43:00:81 y eth0 02:4c:32:43:00:82
SOCK=l2cbench$$
HAVE_TMUX=0
command -v tmux > /dev/null && HAVE_TMUX=1
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; lab_cleanup' EXIT

resp_start() {
	rm -f "$LAB_TMP/ready"
	lab_bg y "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" \
	    --passive --announce "$PERIOD" "$@" eth0 "$N"
	rpid=$LAB_PID
	wait_for 5 test -e "$LAB_TMP/ready"
}
resp_stop() { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hwm_kib() { awk '/^VmHWM/{print $2}' "/proc/$1/status"; }
# The l2console under a pid: itself, or a descendant (tmux's shell).
find_l2c() {
	local p=$1 c
	for _ in 1 2 3 4; do
		[ "$(readlink "/proc/$p/exe")" = "$(readlink -f "$BIN")" ] &&
		    { echo "$p"; return 0; }
		c=$(pgrep -P "$p" | head -1) || return 1
		p=$c
	done
	return 1
}

# measure FACE: "CPU_PERCENT HWM_MIB" of one face over WINDOW seconds
# once all N stations are in (the responder already running).
measure() {
	local face=$1 pid t0 c0 c1 t1
	case $face in
	watch)
		lab_bg x "$LAB_TMP/w.log" "$BIN" -q scan --watch --json eth0
		pid=$LAB_PID
		all() { [ "$(grep -c '"event":"new"' "$LAB_TMP/w.log")" -ge "$N" ]; }
		wait_for $((PERIOD * 3 + 10)) all || return 1
		;;
	ui)
		tmux -L "$SOCK" -f /dev/null new-session -d -s ui -x 160 -y 50 \
		    "ip netns exec $(lab_nsname x) $BIN -i eth0" || return 1
		pid=$(find_l2c "$(tmux -L "$SOCK" display -p -t ui '#{pane_pid}')")
		[ -n "$pid" ] || return 1
		uiall() { tmux -L "$SOCK" capture-pane -p -t ui |
		    grep -q "^ *l2console.* $N devices"; }
		wait_for $((PERIOD * 3 + 10)) uiall || return 1
		;;
	esac
	t0=$(date +%s%N) c0=$(cpu_ticks "$pid")
	# The window itself is what is measured: every station sends
	# WINDOW / PERIOD more frames in it.
	sleep "$WINDOW"
	c1=$(cpu_ticks "$pid") t1=$(date +%s%N)
	awk -v c="$((c1 - c0))" -v hz="$HZ" -v ns="$((t1 - t0))" \
	    -v kib="$(hwm_kib "$pid")" \
	    'BEGIN{printf "%.2f %.1f\n", 100 * c / hz / (ns / 1e9), kib / 1024}'
	if [ "$face" = watch ]; then
		kill -INT "$pid"; wait "$pid" 2>/dev/null
	else
		tmux -L "$SOCK" kill-server 2>/dev/null
	fi
}
med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

faces=watch
[ "$HAVE_TMUX" = 1 ] && faces="watch ui"
for kind in lldp mndp; do
	if [ $kind = lldp ]; then
		resp_start --lldp
	else
		resp_start --kind mikrotik
	fi || { echo "part_lldp1000: the responder did not start" >&2; exit 1; }
	for face in $faces; do
		: > "$LAB_TMP/$kind.$face"
		for _ in $(seq "$RUNS"); do
			measure "$face" >> "$LAB_TMP/$kind.$face" || {
				echo "part_lldp1000: $face did not see $N $kind stations" >&2
				exit 1
			}
		done
	done
	resp_stop
done

fps=$(awk "BEGIN{printf \"%d\", $N / $PERIOD}")
echo "## $N LLDP stations against $N MNDP stations"
echo
echo "Each station sends one frame every $PERIOD s ($fps frames/s in all),"
echo "injected by \`l2c-responder --passive --announce $PERIOD [--lldp |"
echo "--kind mikrotik] eth0 $N\`; the face is measured for $WINDOW s once it"
echo "lists all $N (CPU: utime+stime from /proc; memory: VmHWM), median of"
echo "$RUNS runs.  The sweep is on (the default), so each station is also"
echo "asked by MOP once."
echo
echo "| face | command | LLDP CPU | MNDP CPU | CPU ratio | LLDP peak RSS | MNDP peak RSS | RSS ratio |"
echo "|---|---|---|---|---|---|---|---|"
for face in $faces; do
	lc=$(cut -d' ' -f1 "$LAB_TMP/lldp.$face" | med)
	mc=$(cut -d' ' -f1 "$LAB_TMP/mndp.$face" | med)
	lm=$(cut -d' ' -f2 "$LAB_TMP/lldp.$face" | med)
	mm=$(cut -d' ' -f2 "$LAB_TMP/mndp.$face" | med)
	case $face in
	watch) cmd='`l2console -q scan --watch --json eth0`' ;;
	ui) cmd='`l2console -i eth0` (tmux 160x50)' ;;
	esac
	echo "| $face | $cmd | $lc % | $mc % | $(awk "BEGIN{printf \"%.2f\", ($mc > 0) ? $lc / $mc : 0}")x | $lm MiB | $mm MiB | $(awk "BEGIN{printf \"%.2f\", ($mm > 0) ? $lm / $mm : 0}")x |"
done
[ "$HAVE_TMUX" = 1 ] || { echo; echo "The UI was not measured: tmux is not installed."; }
