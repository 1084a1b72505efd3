#!/bin/bash
# SPDX-License-Identifier: ISC
# `l2console mop --login-user` at a terminal: the console's own
# Username:/Password: dialogue (the IOS personality, tests/tools/
# ios_console.py under `serve mop --exec`) is answered, and the user
# lands at the device's prompt; a wrong password leaves the refusal and
# the next Username: on the screen, unanswered.  Driven in tmux.
. "$(dirname "$0")/lib.sh"
lab_init
T=$LAB_TMP
SRV=02:4c:32:43:00:01 CLI=02:4c:32:43:00:02
BIN=${L2C_BIN:?}

if ! command -v tmux > /dev/null; then
	skip "mop --login-user at a terminal" "no tmux"
	lab_done
fi
lab_pair $SRV $CLI
lab_serve_ios s "$T/mop.log" eth0 --login admin:s3cret ||
    { not_ok "serve mop starts"; cat "$T/mop.log"; lab_done; }

SOCK=l2c$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; lab_cleanup' EXIT
pane() { tmux -L "$SOCK" capture-pane -p -t l2c 2>/dev/null; }
pane_has() { pane | grep -q -- "$1"; }
# The pane's program stays after l2console ends, so its status shows.
# Each console on a server of its own: a new session on a socket whose
# server is still going away fails ("server exited unexpectedly").
NCON=0
open_console() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	NCON=$((NCON + 1))
	SOCK=l2c$$-$NCON
	printf '%s\n' "$1" > "$T/pw"
	tmux -L "$SOCK" new-session -d -s l2c -x 100 -y 30 \
	    "ip netns exec $(lab_nsname c) env TERM=xterm $BIN mop \
	    --login-user admin --password-file $T/pw eth0 $SRV; \
	    echo l2c-exit-\$?; exec cat"
}

# 1. The right password: at the prompt without typing a thing.
open_console s3cret
wait_for 20 pane_has '^Router>'
check "the login is answered: the prompt shows ($(pane | grep . | tail -1))" \
    pane_has '^Router>'
no_password() { ! pane | grep -q s3cret; }
check "the password never shows on the screen" no_password
# Neither l2console's nor the device's: /proc/PID/cmdline is anyone's
# to read (the pattern written so that grep's own argv does not match).
argv_clean() {
	! cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\0' ' ' | grep -q 's3cre[t]'
}
check "no process holds the password in its argv" argv_clean
tmux -L "$SOCK" send-keys -t l2c 'show version' Enter
wait_for 10 pane_has 'Cisco IOS Software'
check "the user types at the prompt: show version answers" \
    pane_has 'Cisco IOS Software'
# The escape key's q: the console released, status 0.
tmux -L "$SOCK" send-keys -t l2c C-] q
wait_for 10 pane_has 'l2c-exit-'
check "^] q leaves the session ($(pane | grep -o "l2c-exit-[0-9]*"))" \
    pane_has "l2c-exit-0"

# 2. A wrong password: the refusal shows, the next Username: waits for
#    the user (answered once, never again).
open_console wrong
wait_for 20 pane_has '% Login invalid'
check "a wrong password: the device's refusal shows" pane_has '% Login invalid'
refused_and_waiting() {
	[ "$(pane | grep -c '^Username:')" -ge 2 ] &&
	    pane | grep . | tail -1 | grep -q '^Username: *$'
}
wait_for 5 refused_and_waiting
check "the next Username: is left to the user" refused_and_waiting
lab_done
