#!/bin/bash
# SPDX-License-Identifier: ISC
# The session menu's console tools in the full-screen UI, driven in tmux
# against the IOS personality over MOP: local echo (o), the hex view
# (h), time stamps (T), hex bytes written (x), a file sent line by line
# with its end reported (f), each checked on the pane or in what the
# personality recorded; ? lists them.  Every step waits for text.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tui_rig.sh
. "$(dirname "$0")/tui_rig.sh"
rig_begin "the UI's console tools" l2ctuit$$
# The pane's text as one string of hex digits (the hex view's lines).
hexpane() { pane | tr -d ' \n'; }
hexhas() { hexpane | grep -q -- "$1"; }
# shellcheck disable=SC2119  # no arguments: the UI as it starts
rig_ui || { not_ok "the UI starts"; dump; lab_done; }
rig_ios_login $IOS_MAC || { not_ok "IOS privileged mode"; dump; lab_done; }
keys -l "terminal length 0"; keys Enter

# ? lists the tools.
menu; keys '?'
check "? lists the menu's tools" wait_text "Send a file, line by line" 3
no_help() { ! has "Send a file"; }
keys Escape; wait_for 3 no_help
keys Escape

# 1. Local echo: what is typed shows twice (ours, then the device's).
menu; keys o
check "o: local echo on" wait_text "local echo on" 3
keys -l "show clock"
check "... typed text shows as typed and as echoed" \
    wait_text "show clockshow clock" 5
menu; keys o
check "o again: local echo off" wait_text "local echo off" 3
keys Enter
check "... the line went once (IOS ran it)" wait_text " UTC " 5

# 2. The hex view: the device's output as hex bytes.
keys C-l
menu; keys h
check "h: hex view on" wait_text "hex view on" 3
keys -l "show clock"; keys Enter
# " UTC " and the prompt "Router#" after it, in hex, across the lines.
check "... the output shows as hex" \
    wait_for 5 hexhas "2055544320.*526f7574657223"
menu; keys h
check "h again: hex view off" wait_text "hex view off" 3
keys Enter
check "... text again" wait_for 5 hasre '^Router#$' 

# 3. Time stamps at the start of each line of output.
menu; keys T
check "T: time stamps on" wait_text "time stamps on" 3
keys -l "show clock"; keys Enter
check "... each line of output starts with the time" \
    wait_for 5 hasre '^\[20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:.]+\] \*[0-9:.]+ UTC'
menu; keys T; wait_text "time stamps off" 3

# 4. Hex bytes written: "sh clock" and CR.
menu; keys x
wait_text "Write hex bytes" 3 || { not_ok "x asks for bytes"; dump; }
keys -l "73 68 20 63 6c 6f 63 6b 0d"; keys Enter
check "x: the bytes went" wait_text "9 bytes written" 3
check "... and IOS read them as a line" \
    wait_for 5 grep -qx "sh clock" "$T/ios.rec"

# 5. A file line by line: 40 configuration lines, then the end.
{
	echo "configure terminal"
	for i in $(seq 1 20); do
		echo "interface FastEthernet0/$i"
		echo " description sent by f line $i"
	done
	echo "end"
} > "$T/send.cfg"
: > "$T/ios.rec"
menu; keys f
wait_text "Send a file" 3 || { not_ok "f asks for a file"; dump; }
keys -l "$T/send.cfg"; keys Enter
check "f: the send is reported done" wait_text "lines, " 20
check "... every line arrived, in order" wait_for 10 cmp -s "$T/send.cfg" "$T/ios.rec"

keys C-]; wait_text "Session menu" 5; keys q
wait_text " device" 10; keys q
check "the UI exits" wait_text "rc=0" 10
lab_done
