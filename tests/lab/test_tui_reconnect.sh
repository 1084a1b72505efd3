#!/bin/bash
# SPDX-License-Identifier: ISC
# Reconnect in the full-screen UI, driven in tmux: a session to the
# RouterOS personality (serve mikrotik --exec) with reconnect turned on
# in the session menu (r, which asks for the password again); the server
# is stopped ("reboot") and started again: the session says
# "reconnecting", comes back by itself into the same pane, logged in
# with the same password, and a command answers.  After a second
# reboot with a changed password, "login failed" stops it: lost.
# Then --reconnect turns it on for a session from its start.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
tmux_need "reconnect in the full-screen UI"
BIN=${L2C_BIN:?}
tools=$(cd "$(dirname "$0")/../tools" && pwd)
T=$LAB_TMP
LMAC=02:4c:32:43:09:02
ROS=02:4c:32:43:09:01
W=100 H=30

{ lab_ns lap && lab_ns ros; } || { not_ok "create namespaces"; lab_done; }
lab_link lap eth0 $LMAC ros eth0 $ROS
printf 'root:pw-right\n' > "$T/users"
printf 'root:pw-changed\n' > "$T/users2"
chmod 600 "$T/users" "$T/users2"

# server [USERS]: the RouterOS personality in ros; $SPID.  (Its verdict
# on a login waits --fail-delay: 100 ms here.)
server() {
	: > "$T/ros.log"
	lab_bg ros "$T/ros.log" "$BIN" -v serve mikrotik --users \
	    "${1:-$T/users}" --fail-delay 100 --mndp-interval 0 \
	    --exec "python3 $tools/routeros_console.py --identity ros1" eth0
	SPID=$LAB_PID
	wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/ros.log"
}
# A server that stops sends END: the device ended the session.
server_stop() { kill -TERM "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
server || { not_ok "the server starts"; cat "$T/ros.log"; lab_done; }

trap 'tmux_gone; lab_cleanup' EXIT
state() { hasre "^ 1:[^ ]* $1"; }
table() { hasre '[0-9] devices?: '; }
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }

tmux_shell l2ctuirc$$ lap $W $H ||
    { not_ok "tmux shell starts"; dump; lab_done; }

# ui [ARGS]: the UI on eth0 in the tmux pane, up to its table.
ui() {
	keys "clear; $BIN -i eth0 --log $T/all.log $*; echo rc=\$?" Enter
	wait_for 10 table
}
# dial: c, MikroTik, the station, user root and the right password.
dial() {
	keys c; wait_text "by address" 3 || return 1
	keys 1; wait_text "MAC or name" 3 || return 1
	keys -l "$ROS"; keys Tab C-u; keys -l root; keys Tab
	keys -l pw-right; keys Enter
	wait_text "[root@ros1] >" 10
}
ui || { not_ok "the UI starts"; dump; lab_done; }
check "a session to the RouterOS personality" dial
keys -l '/system identity print'; keys Enter
check "a command answers" wait_text "name: ros1" 10

# 1. ? lists r; r in the menu: reconnect on, after the password again.
menu; keys '?'
check "? lists r, reconnect" wait_text " r  Reconnect when lost" 3
keys Escape; wait_for 3 has "Session menu"
keys r
check "r asks for the password again" wait_text "password" 5
keys -l pw-right; keys Enter
check "r: reconnect on" wait_text "reconnect on for" 5
check "the menu says reconnect is on" wait_text "turn off (on now)" 5
keys Escape; wait_for 5 state connected

# 2. A reboot: reconnecting, then back by itself, logged in.
server_stop
check "the stopped server's session is listed as reconnecting" \
    wait_for 10 state reconnecting
check "a note line says why, with its time" \
    wait_for 5 hasre '^\[l2console [0-9:.]+\] .*reconnecting once it answers'
server || { not_ok "the server starts again"; lab_done; }
t0=$(ms_now)
if wait_for 10 has "connected to $ROS again"; then
	ok "back by itself $(( $(ms_now) - t0 )) ms after the server answers"
else
	not_ok "back by itself after the server answers"; dump
fi
check "the session is listed as connected" wait_for 5 state connected
# The device cleared the screen: the old one is in the scrollback.
menu; keys /; wait_text "Search back" 3
keys -l "name: ros1"; keys Enter
check "... into the same pane: the old output is in its scrollback" \
    wait_text "name: ros1" 5
keys q; wait_for 5 state connected
keys -l '/system resource print'; keys Enter
check "a command answers after the reconnect" \
    wait_text "platform: MikroTik" 10
check "the session log went on over the reconnect" \
    sh -c "grep -q 'name: ros1' '$T/all.log' && \
    grep -q 'platform: MikroTik' '$T/all.log'"

# 3. A reboot with a changed password: "login failed", lost.
server_stop
wait_for 10 state reconnecting || { not_ok "reconnecting again"; dump; }
server "$T/users2" || { not_ok "the server starts with users2"; lab_done; }
check "a refused login stops it: login failed" \
    wait_for 15 has "login failed; not reconnecting"
check "... and the session is lost" wait_for 5 state lost
# r on the lost session: the new password, and it comes back at once.
menu; keys r
check "r on a lost session asks for the password" wait_text "password" 5
keys -l pw-changed; keys Enter
check "... and reconnects it with that one" \
    wait_for 10 has "connected to $ROS again"
keys Escape
check "... listed as connected" wait_for 5 state connected
menu; keys d
check "d disconnects it" wait_for 5 table
keys q
check "the UI ends, status 0" wait_text "rc=0" 10

# 4. --reconnect: on for every session from its start, no question.
server_stop
server || { not_ok "the server starts once more"; lab_done; }
keys "clear" Enter
ui --reconnect || { not_ok "the UI starts with --reconnect"; dump; lab_done; }
dial || { not_ok "a session under --reconnect"; dump; }
menu
check "--reconnect: the menu says reconnect is on" \
    wait_text "turn off (on now)" 5
keys Escape
server_stop
check "--reconnect: the session reconnects" \
    wait_for 10 state reconnecting
server || { not_ok "the server starts again"; lab_done; }
check "--reconnect: back by itself" \
    wait_for 10 has "connected to $ROS again"
check "--reconnect: listed as connected" wait_for 5 state connected
keys C-]; wait_text "Session menu" 5; keys q
wait_for 5 table; keys q
check "the UI ends after --reconnect" wait_text "rc=0" 10
lab_done
