#!/bin/bash
# SPDX-License-Identifier: ISC
# part_tui.sh L2CONSOLE: the full-screen UI with several sessions.
#  1. Ten MAC-Telnet sessions in one UI (in tmux), each printing
#     BENCH_TUI_MIB MiB at once: the UI's CPU time and peak memory,
#     against ten line-mode consoles (`l2console mikrotik`, batch) doing
#     the same in the same run.
#  2. Keystroke echo through the UI's drawn session (MOP to `serve mop
#     --exec /bin/cat`) against the raw pass-through of `l2console mop`
#     on a pty, same run: the median and the 99th percentile.
# Prints its Markdown section on stdout (see tests/bench/run.sh).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(cd "$(dirname "${1:?usage: part_tui.sh L2CONSOLE}")" && pwd)/$(basename "$1")
RUNS=${BENCH_RUNS:-3}
MIB=${BENCH_TUI_MIB:-4}
KEYS=${BENCH_KEYS:-200}
NSESS=${BENCH_TUI_SESSIONS:-10}
. "$TOP/tests/lab/lib.sh"
lab_init
T=$LAB_TMP
CMAC=02:4c:32:43:00:02 SMAC=02:4c:32:43:00:01
say() { echo "part_tui: $*" >&2; }
med() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END{if(NR==0){print "nan";exit}
	i=int(NR*p/100+0.999999); if(i<1)i=1; if(i>NR)i=NR; print a[i]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b;
	else print "n/a" }'; }

command -v tmux > /dev/null || { say "tmux is not installed"; exit 1; }
{ lab_ns c && lab_ns s; } || { say "namespaces"; exit 1; }
lab_link c eth0 $CMAC s eth0 $SMAC
NC=$(lab_nsname c)
PW="tui$RANDOM$RANDOM"
printf 'root:%s\n' "$PW" > "$T/users"
chmod 600 "$T/users"
lab_bg s "$T/mt.log" "$BIN" serve mikrotik --users "$T/users" \
    --exec /bin/sh --mndp-interval 0 eth0
lab_bg s "$T/mop.log" "$BIN" -v serve mop --exec /bin/cat eth0
wait_for 10 grep -q "serving the MOP console" "$T/mop.log" ||
    { say "serve mop did not start"; exit 1; }
awk -v n=$((MIB * 1024 * 1024 / 64)) \
    'BEGIN{for(i=0;i<n;i++) printf "%063d\n", i}' > "$T/big.txt"
chmod 644 "$T/big.txt"

SOCK=l2cbt$$
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; lab_cleanup' EXIT
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' \
    "/proc/$1/stat"; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
all_done() { [ "$(find "$T" -maxdepth 1 -name 'done.*' | wc -l)" -ge "$NSESS" ]; }

# 1a. The UI: ten sessions, each told at once to print the file.
ui_bulk() {
	local i pid
	rm -f "$T"/done.* "$T/ui.pid"
	tm -f /dev/null new-session -d -s ui -x 120 -y 40 \
	    "ip netns exec $NC sh -c 'echo \$\$ > $T/ui.pid; exec $BIN -i eth0'"
	wait_for 10 test -s "$T/ui.pid" || return 1
	pid=$(cat "$T/ui.pid")
	for i in $(seq 1 "$NSESS"); do
		tm send-keys -t ui c 1
		tm send-keys -t ui -l "$SMAC"
		tm send-keys -t ui Tab C-u; tm send-keys -t ui -l root
		tm send-keys -t ui Tab; tm send-keys -t ui -l "$PW"
		tm send-keys -t ui Enter
		tm send-keys -t ui -l "cat $T/big.txt; touch $T/done.$i"
		tm send-keys -t ui Enter C-] t
	done
	wait_for "${BENCH_TUI_WAIT:-300}" all_done || { say "ui: not every session finished: $(cd "$T" && echo done.*)"; tm capture-pane -p -t ui | grep -v "^$" >&2; return 1; }
	echo "$(cpu_s "$pid") $(hwm_kb "$pid")"
	tm send-keys -t ui q
	wait_for 20 sh -c "! kill -0 $pid 2>/dev/null"
	tm kill-server 2>/dev/null
	return 0
}

# 1b. The reference: ten line-mode consoles at once, the same command.
ref_bulk() {
	local i pids=()
	rm -f "$T"/done.*
	for i in $(seq 1 "$NSESS"); do
		printf 'cat %s; touch %s/done.%s; exit\n' "$T/big.txt" "$T" "$i" \
		    > "$T/ref.$i.in"
		L2CONSOLE_PASSWORD=$PW /usr/bin/time -o "$T/ref.$i.time" \
		    -f '%U %S %M' ip netns exec "$NC" "$BIN" mikrotik -u root \
		    eth0 $SMAC < "$T/ref.$i.in" > /dev/null 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
	all_done || { say "ref: not every console finished"; return 1; }
	cat "$T"/ref.*.time | awk '{ c += $1 + $2; m += $3 }
	    END { printf "%.2f %d\n", c, m }'
}

: > "$T/ui.bulk"
: > "$T/ref.bulk"
for r in $(seq 1 "$RUNS"); do
	say "bulk: run $r/$RUNS, the UI"
	ui_bulk >> "$T/ui.bulk" || exit 1
	say "bulk: run $r/$RUNS, ten line-mode consoles"
	ref_bulk >> "$T/ref.bulk" || exit 1
done
ui_cpu=$(awk '{ print $1 }' "$T/ui.bulk" | med)
ui_mem=$(awk '{ print $2 }' "$T/ui.bulk" | med)
ref_cpu=$(awk '{ print $1 }' "$T/ref.bulk" | med)
ref_mem=$(awk '{ print $2 }' "$T/ref.bulk" | med)

# 2. Keystroke echo: the drawn session against raw pass-through.
# The key timer (python, on a pty of its own), written out here: a
# benchmark is this one file.
cat > "$T/keyecho.py" <<'PY'
"""Keystroke echo on a pseudo-terminal, for tests/bench/part_tui.sh.

usage: keyecho.py KEYS READY-SEND READY-WANT EXIT-SEND -- COMMAND [ARG...]

Runs COMMAND on a 120x40 pty, types READY-SEND (Python escapes) once it
has been quiet for half a second, waits for READY-WANT, then types KEYS
single '#' bytes, timing each until a '#' comes back in output read
after it (^U every 40 keys drops the line), and prints one "key_us N"
line per key.  EXIT-SEND ends it; the program gets SIGTERM 5 s later.
"""
import codecs, fcntl, os, pty, select, signal, struct, sys, termios, time


def unescape(s):
    return codecs.decode(s, "unicode_escape").encode("latin-1")


def read_for(m, secs, want=None):
    out, end = b"", time.monotonic() + secs
    while time.monotonic() < end:
        r, _, _ = select.select([m], [], [], 0.05)
        if not r:
            if want is None and out:
                return out
            continue
        try:
            out += os.read(m, 65536)
        except OSError:
            break
        if want is not None and want in out:
            return out
    return out


def main(argv):
    keys, rsend, rwant, xsend = int(argv[0]), unescape(argv[1]), \
        unescape(argv[2]), unescape(argv[3])
    cmd = argv[argv.index("--") + 1:]
    pid, m = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvp(cmd[0], cmd)
    read_for(m, 3, b"\0")  # its first screen, until quiet for a while
    os.write(m, rsend)
    if rwant not in read_for(m, 15, rwant):
        print("keyecho: no %r" % rwant, file=sys.stderr)
        return 1
    read_for(m, 0.5, b"\0")
    for i in range(keys):
        t = time.monotonic()
        os.write(m, b"#")
        buf = b""
        while b"#" not in buf:
            r, _, _ = select.select([m], [], [], 5)
            if not r:
                print("keyecho: no echo of key %d" % i, file=sys.stderr)
                return 1
            buf += os.read(m, 65536)
        print("key_us %d" % round((time.monotonic() - t) * 1e6))
        if (i + 1) % 40 == 0:
            os.write(m, b"\x15")
            read_for(m, 0.05, b"\0")
    os.write(m, xsend)
    read_for(m, 5, b"\0")
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
PY
keys_run() {
	local name=$1
	shift
	python3 "$T/keyecho.py" "$@" > "$T/$name.out" \
	    2> "$T/$name.err"
	awk '$1 == "key_us" { print $2 }' "$T/$name.out" >> "$T/$name.us"
}
: > "$T/kui.us"
: > "$T/kraw.us"
for r in $(seq 1 "$RUNS"); do
	say "keys: run $r/$RUNS"
	keys_run kui "$KEYS" "c2$SMAC\\rL2CRDY\\r" L2CRDY '\x1dtq' -- \
	    ip netns exec "$NC" env TERM=xterm "$BIN" -i eth0
	keys_run kraw "$KEYS" 'L2CRDY\n' L2CRDY '\x1dq' -- \
	    ip netns exec "$NC" "$BIN" mop eth0 $SMAC
done
{ [ -s "$T/kui.us" ] && [ -s "$T/kraw.us" ]; } ||
    { say "keys: no echo measured ($(cat "$T/kui.err" "$T/kraw.err"))"; exit 1; }
kui_med=$(med < "$T/kui.us") kui_p99=$(pct 99 < "$T/kui.us")
kraw_med=$(med < "$T/kraw.us") kraw_p99=$(pct 99 < "$T/kraw.us")
extra=$(awk -v a="$kui_med" -v b="$kraw_med" 'BEGIN{ printf "%.0f", a - b }')
goal=$(awk -v e="$extra" 'BEGIN{ print (e <= 1000) ? "met" : "missed" }')

cat <<EOF
## Several sessions in the full-screen UI

Ten MAC-Telnet sessions to \`serve mikrotik --exec /bin/sh\`, each told
at once to \`cat\` a ${MIB} MiB file, in one UI (tmux, 120x40; keys sent
with \`tmux send-keys\`: \`c 1 MAC Tab root Tab password Enter\`, the
command, \`^] t\`), against ten \`l2console mikrotik -u root eth0 MAC\`
consoles run at once with the same command on standard input (batch
mode: the line-text terminal model), in the same run; CPU is user +
system seconds from \`/proc/PID/stat\` (the UI) or GNU time (summed),
memory the peak resident set (\`VmHWM\`; summed for the ten).  Medians
of $RUNS runs.

| | CPU s | peak memory KiB |
| --- | --- | --- |
| the UI, ten sessions | $ui_cpu | $ui_mem |
| ten line-mode consoles | $ref_cpu | $ref_mem |
| ratio | $(ratio "$ui_cpu" "$ref_cpu") | $(ratio "$ui_mem" "$ref_mem") |

Keystroke echo: a timer on a 120x40 pty (its text is in
tests/bench/part_tui.sh) types $KEYS single bytes, timing each until its echo comes back, through \`serve mop --exec /bin/cat\`: the
drawn session (\`l2console -i eth0\`, then \`c 2 MAC Enter\`) against
the raw pass-through of \`l2console mop eth0 MAC\`, on a pty each, same
run, $RUNS runs of $KEYS keys.

| | median µs | p99 µs |
| --- | --- | --- |
| the UI's drawn session | $kui_med | $kui_p99 |
| raw pass-through | $kraw_med | $kraw_p99 |
| ratio | $(ratio "$kui_med" "$kraw_med") | $(ratio "$kui_p99" "$kraw_p99") |

The drawn session adds $extra µs at the median: the goal (at most
1 ms more) is $goal.
EOF
