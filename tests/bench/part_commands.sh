#!/bin/bash
# SPDX-License-Identifier: ISC
# make bench, part "commands": the scripted console's commands per
# second, over MAC-Telnet (RouterOS under `serve mikrotik --exec`) and
# over MOP (IOS under `serve mop --exec`), and what a command's wall time
# is made of: the device's answer (send to last byte: the JSON
# "seconds"), the quiet window after the prompt (L2C_SCRIPT_QUIET_US),
# and the rest; the round trip (`l2console ping`) is measured in the
# same lab as the reference.
#
# usage: bash tests/bench/part_commands.sh L2CONSOLE  (see run.sh)
# Knobs: BENCH_RUNS (5), BENCH_CMDS (30 commands in one --command run).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
[ -n "${1:-}" ] || { echo "usage: part_commands.sh L2CONSOLE" >&2; exit 1; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
RUNS=${BENCH_RUNS:-5}
N=${BENCH_CMDS:-30}
. "$TOP/tests/lab/lib.sh"
lab_init
# shellcheck source=tests/lab/personas.sh
. "$TOP/tests/lab/personas.sh"
T=$LAB_TMP
ROS=$PERSONA_ROS IOS=$PERSONA_IOS
PW="bench$RANDOM$RANDOM"
say() { echo "bench commands: $*" >&2; }
fail() { echo "bench commands: $*" >&2; exit 1; }
[ "$N" -ge 2 ] || fail "BENCH_CMDS must be at least 2"

# The quiet window, from the source, so the report and the code agree.
QUIET_MS=$(sed -n \
    's/^#define L2C_SCRIPT_QUIET_US[[:space:]]*L2C_MS(\([0-9]*\)).*/\1/p' \
    "$TOP/src/ui/script/script.h")
[ -n "$QUIET_MS" ] || fail "no L2C_SCRIPT_QUIET_US in src/ui/script/script.h"

personas_start "$BIN" bench "$PW" "$PW" || fail "no lab"

in_c() { timeout 300 ip netns exec "$(lab_nsname c)" "$@"; }
med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN{printf \"${2:-%.3g}\", $1}"; }

# The command lines, as the report prints them.
MT_CMD="L2CONSOLE_PASSWORD=... l2console mikrotik -u root --json"
MT_CMD+=" --command '/system identity print' (x $N) eth0 $ROS"
MOP_CMD="L2CONSOLE_PASSWORD=... l2console mop --login-user admin --json"
MOP_CMD+=" --command 'show clock' (x $N) eth1 $IOS"

# run PROTO COUNT OUT: one scripted session of COUNT commands; its wall
# time in microseconds on stdout, its JSON in OUT.
run() {
	local proto=$1 count=$2 out=$3 i t0 t1
	local -a argv
	if [ "$proto" = mikrotik ]; then
		argv=(mikrotik -u root --json)
		for ((i = 0; i < count; i++)); do
			argv+=(--command '/system identity print')
		done
		argv+=(eth0 "$ROS")
	else
		argv=(mop --login-user admin --json)
		for ((i = 0; i < count; i++)); do
			argv+=(--command 'show clock')
		done
		argv+=(eth1 "$IOS")
	fi
	t0=$(date +%s%N)
	L2CONSOLE_PASSWORD=$PW in_c "$BIN" "${argv[@]}" > "$out" \
	    2> "$out.err" < /dev/null || return 1
	t1=$(date +%s%N)
	# Every command ran, with its output.
	python3 - "$out" "$count" <<'PY' || return 1
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == int(sys.argv[2]) and all(
    x["error"] is None and x["output"] for x in d), d
PY
	echo $(((t1 - t0) / 1000))
}

# measure PROTO: RUNS sessions of N commands and of one; per-command
# figures in $T/PROTO.*.
measure() {
	local proto=$1 r wn w1
	for ((r = 1; r <= RUNS; r++)); do
		wn=$(run "$proto" "$N" "$T/$proto.n.$r") ||
		    fail "$proto: a run of $N failed: $(tail -1 "$T/$proto.n.$r.err")"
		w1=$(run "$proto" 1 "$T/$proto.1.$r") ||
		    fail "$proto: a run of 1 failed: $(tail -1 "$T/$proto.1.$r.err")"
		# The marginal cost of a command: login and leave cancel out.
		calc "($wn - $w1) / ($N - 1) / 1000" '%.3f\n' >> "$T/$proto.per"
		calc "$wn / 1000000" '%.2f\n' >> "$T/$proto.wall"
		calc "$w1 / 1000000" '%.2f\n' >> "$T/$proto.one"
		# The device's answer: send to last byte, every command
		# after the first (the first also waits out the login's tail).
		python3 -c 'import json, sys
for x in json.load(open(sys.argv[1]))[1:]:
    print("%.1f" % (x["seconds"] * 1000))' "$T/$proto.n.$r" \
		    >> "$T/$proto.answer"
	done
}

# rtt IFACE MAC [--mop]: the median round trip in ms over 50 pings.
rtt() {
	in_c "$BIN" ping -c 50 -i 0.02 "${@:3}" "$1" "$2" 2> /dev/null |
	    sed -n 's/.* time=\([0-9.]*\) ms$/\1/p' | med
}

say "MAC-Telnet: $RUNS runs of $N and of 1 '/system identity print'"
measure mikrotik
say "MOP: $RUNS runs of $N and of 1 'show clock'"
measure mop
say "round trips"
MT_RTT=$(rtt eth0 $ROS)
MOP_RTT=$(rtt eth1 $IOS --mop)
case "$MT_RTT$MOP_RTT" in *nan*) fail "no ping reply" ;; esac

row() {
	local proto=$1 name=$2 cmd=$3 rt=$4 per wall one ans rest
	per=$(med < "$T/$proto.per")
	wall=$(med < "$T/$proto.wall")
	one=$(med < "$T/$proto.one")
	ans=$(med < "$T/$proto.answer")
	rest=$(calc "$per - $QUIET_MS - $ans")
	printf '| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
	    "$name" "$cmd" "$(calc "1000 / $per")" "$(calc "$per")" \
	    "$(calc "$ans")" "$QUIET_MS" "$rest" "$(calc "$rt")" \
	    "$(calc "$QUIET_MS / $per" '%.2f')" "$(calc "$per / $rt" '%.0f')" \
	    "$wall / $one"
}

cat <<EOF
## Scripted console: commands per second

$RUNS runs each (medians) of one session of $N commands and one of a
single command, against the lab's personalities: RouterOS
(\`tests/tools/routeros_console.py\`) under \`l2console serve mikrotik
--exec\`, IOS (\`tests/tools/ios_console.py\`) under \`l2console serve mop
--exec\`, each on a veth pair of its own.

- \`$MT_CMD\`
- \`$MOP_CMD\`
- round trip: \`l2console ping -c 50 -i 0.02 eth0 $ROS\` and
  \`l2console ping --mop -c 50 -i 0.02 eth1 $IOS\` (median)

A command costs (wall of $N - wall of 1) / $((N - 1)): the login and the
leaving cancel out. It is made of the device's answer (the JSON
\`seconds\`: the command sent to its last byte, commands 2 to $N), the
quiet window after the prompt (\`L2C_SCRIPT_QUIET_US\`, ${QUIET_MS} ms)
and the rest (timers, the next command's start).

| protocol | command | commands/s | ms per command | answer ms | quiet ms | rest ms | round trip ms | quiet / command | command / round trip | session s ($N / 1) |
|---|---|---|---|---|---|---|---|---|---|---|
EOF
row mikrotik MAC-Telnet '/system identity print' "$MT_RTT"
row mop MOP 'show clock' "$MOP_RTT"
cat <<EOF

The quiet window dominates when "quiet / command" is near 1: the
scripted console then waits on its own rule (the prompt, then ${QUIET_MS}
ms with no output), not on the link or a fixed sleep.
EOF
