#!/bin/bash
# SPDX-License-Identifier: ISC
# The terminal comes back as it was when l2console is killed mid-session
# with SIGTERM or SIGHUP: an interactive `l2console mikrotik` against
# Debian's mactelnetd in a tmux pane, `stty -g` before and after.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
CMAC=02:4c:32:43:04:02
SMAC=02:4c:32:43:04:01
TM=(tmux -L "l2c$LAB_ID")

if ! mtd_have || ! command -v tmux >/dev/null; then
	skip "terminal restored after signals" "needs mactelnet-server and tmux"
	lab_done
fi
{ lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_link c ethc $CMAC s eths $SMAC
mtd_start s eths 192.0.2.1/24 ||
    { not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"; lab_done; }
tmux_gone() { "${TM[@]}" kill-server; }
mtd_on_exit tmux_gone

# A plain shell in the pane; it stays when l2console goes.
"${TM[@]}" new-session -d -s t -x 100 -y 30 "env -i PATH=$PATH TERM=xterm \
    HOME=/tmp bash --norc --noprofile"
pane() { "${TM[@]}" capture-pane -p -t t 2>/dev/null; }
keys() { "${TM[@]}" send-keys -t t "$@"; }
ptty=$("${TM[@]}" display-message -p -t t '#{pane_tty}')
ppid_=$("${TM[@]}" display-message -p -t t '#{pane_pid}')
keys "export L2CONSOLE_PASSWORD='$MTD_PW'; clear" Enter

# session SIG: start l2console, wait for the device's prompt, send SIG
# to l2console only, then compare the pane's stty -g with before.
# at_prompt: the device's shell prompt ("$ ") is on a line of its own.
at_prompt() { "${TM[@]}" capture-pane -p -t t | grep -q '^\$ *$'; }

session() {
	local sig=$1 pid raw
	rm -f "$LAB_TMP/before" "$LAB_TMP/after" "$LAB_TMP/rc"
	# One argument: tmux takes a trailing ";" as its own separator.
	keys "clear; stty -g > $LAB_TMP/before; ip netns exec $(lab_nsname c) $BIN mikrotik -u $MTD_USER ethc $SMAC; echo \$? > $LAB_TMP/rc; stty -g > $LAB_TMP/after" Enter
	# The device's shell prompt ("$ ") on a line of its own.
	if ! wait_for 10 at_prompt; then
		not_ok "$sig: interactive session reaches the device's prompt ($(pane | tail -5))"
		return
	fi
	pid=$(pgrep -P "$ppid_" -x l2console)
	raw=$(stty -g < "$ptty")
	if [ -z "$pid" ] || [ "$raw" = "$(cat "$LAB_TMP/before")" ]; then
		not_ok "$sig: l2console runs with the terminal in raw mode (pid '$pid')"
		return
	fi
	ok "$sig: l2console runs with the terminal in raw mode"
	kill -"$sig" "$pid"
	if ! wait_for 10 test -s "$LAB_TMP/after"; then
		not_ok "$sig: l2console ends ($(pane | tail -5))"
		return
	fi
	check "$sig: stty -g after equals before" \
	    [ "$(cat "$LAB_TMP/after")" = "$(cat "$LAB_TMP/before")" ]
	echo "# $sig: l2console exited with $(cat "$LAB_TMP/rc")"
	check "$sig: the pane's shell is still there" kill -0 "$ppid_"
}

session TERM
session HUP
lab_done
