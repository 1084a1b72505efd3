#!/bin/bash
# SPDX-License-Identifier: ISC
# Reconnect in the full-screen UI over MOP, driven in tmux: with
# --reconnect, a session to the IOS personality under serve mop comes
# back by itself when the server is stopped and started again (listed
# as reconnecting, then connected, IOS asking for its login anew, a
# command answering); stopped for good, it gives up after
# --reconnect-timeout and says so.  Every step waits for text.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tui_rig.sh
. "$(dirname "$0")/tui_rig.sh"
rig_begin "reconnect over MOP in the full-screen UI" l2ctuirm$$
state() { hasre "^ 1:[^ ]* $1"; }
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
rig_ui --reconnect --reconnect-timeout 6 --log "$T/all.log" ||
    { not_ok "the UI starts"; dump; lab_done; }
rig_ios_login $IOS_MAC || { not_ok "IOS privileged mode"; dump; lab_done; }
keys -l "show clock"; keys Enter
wait_text " UTC " 5

# 1. The server goes and comes back: so does the session.
rig_ios_stop
check "the session is listed as reconnecting" wait_for 15 state reconnecting
check "a note line says why, with its time" \
    wait_for 5 hasre '^\[l2console [0-9:.]+\] .*reconnecting once it answers \(up to 6 s\)'
rig_ios ||
    { not_ok "serve mop starts again"; lab_done; }
t0=$(ms_now)
if wait_for 6 has "connected to $IOS_MAC again"; then
	ok "back by itself $(( $(ms_now) - t0 )) ms after the server answers"
else
	not_ok "back by itself after the server answers"; dump
fi
check "the session is listed as connected" wait_for 5 state connected
check "IOS asks for the login anew" wait_text "Username:" 10
keys -l admin; keys Enter; wait_text "Password:" 5; keys -l s3cret
keys Enter
check "a command answers after the reconnect" wait_text "Router>" 10
# Both logins in the one log: before and after the reconnect.
logged_on() {
	grep -q ' UTC ' "$T/all.log" &&
	    [ "$(grep -c 'Username:' "$T/all.log")" -ge 2 ]
}
check "the session log went on over the reconnect" logged_on

# 2. Stopped for good: it gives up after --reconnect-timeout.
rig_ios_stop
wait_for 15 state reconnecting || { not_ok "reconnecting again"; dump; }
check "--reconnect-timeout 6: it gives up and says so" \
    wait_for 15 has "gave up reconnecting after 6 s"
check "... and the session is lost" wait_for 5 state lost
keys C-]; wait_text "Session menu" 5; keys d
wait_text " device" 10; keys q
check "the UI exits" wait_text "rc=0" 10
lab_done
