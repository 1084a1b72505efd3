#!/bin/bash
# SPDX-License-Identifier: ISC
# Several sessions in the full-screen UI, driven in tmux: the RouterOS
# personality (serve mikrotik --exec), the IOS personality (serve mop
# --exec) and a shell (serve mikrotik --exec sh) on one bridge with the
# laptop.  Switching, background output, scrollback, search, writing
# it, a resize reaching every session, and vi drawn as it draws in a
# terminal of the same size.  Every step waits for text, never time.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
tmux_need "sessions in the full-screen UI"
BIN=${L2C_BIN:?}
tools=$(cd "$(dirname "$0")/../tools" && pwd)
T=$LAB_TMP
LMAC=02:4c:32:43:00:02
ROS=02:4c:32:43:00:01
IOS=02:4c:32:43:00:03
SHM=02:4c:32:43:00:05
W=100 H=30

{ lab_ns br && lab_ns lap && lab_ns ros && lab_ns ios && lab_ns sh; } ||
    { not_ok "create namespaces"; lab_done; }
lab_bridge br lap eth0 $LMAC ros eth1 $ROS
for n in ios:eth2:$IOS sh:eth3:$SHM; do
	IFS=: read -r ns ifc mac <<< "$n"
	ip -n "$(lab_nsname br)" link add "p$ifc" type veth peer name "$ifc" \
	    netns "$(lab_nsname "$ns")"
	ip -n "$(lab_nsname "$ns")" link set "$ifc" address "$mac" up
	ip -n "$(lab_nsname br)" link set "p$ifc" master br0 up
done
printf 'root:pw-plain\n' > "$T/users"
chmod 600 "$T/users"
lab_bg ros "$T/ros.log" "$BIN" -v serve mikrotik --users "$T/users" \
    --exec "python3 $tools/routeros_console.py --identity ros1" \
    --mndp-interval 0 eth1
rospid=$LAB_PID
lab_bg sh "$T/sh.log" "$BIN" -v serve mikrotik --users "$T/users" \
    --exec "env PS1='sh\$ ' /bin/sh -i" --mndp-interval 0 eth3
# It waits until it serves; started says whether all three do.
lab_serve_ios ios "$T/ios.log" eth2 --login admin:s3cret
started() {
	grep -q "serving MAC-Telnet on eth1" "$T/ros.log" &&
	    grep -q "serving the MOP console" "$T/ios.log" &&
	    grep -q "serving MAC-Telnet on eth3" "$T/sh.log"
}
wait_for 10 started ||
    { not_ok "the three servers start"; cat "$T"/*.log; lab_done; }

SOCK=l2ctuis$$
trap 'tmux_gone; td kill-server 2>/dev/null; lab_cleanup' EXIT
# list_at ROW: the session list is drawn on that row (the window's last).
list_at() { pane | sed -n "$1p" | grep -q '^ 1:'; }

tmux_shell "$SOCK" lap $W $H || { not_ok "tmux shell starts"; dump; lab_done; }
keys "clear; $BIN -i eth0 --log $T/all.log; echo rc=\$?" Enter
wait_text "devices:" 10 || { not_ok "the UI starts"; dump; lab_done; }

# dial N MAC [USER PW]: c, the protocol's line, the station (and login).
dial() {
	keys c; wait_text "by address" 3 || return 1
	keys "$1"; wait_text "MAC or name" 3 || return 1
	keys -l "$2"
	if [ -n "$3" ]; then
		keys Tab C-u; keys -l "$3"; keys Tab; keys -l "$4"
	fi
	keys Enter
}

# 1. Two sessions: RouterOS, then (from the table) IOS.
dial 1 $ROS root pw-plain
check "session 1: the RouterOS prompt" wait_text "[root@ros1] >" 10
keys -l '/system identity print'; keys Enter
check "session 1: a RouterOS command's output" wait_text "name: ros1" 10
menu; keys t
check "t: back to the table, the session left running" \
    wait_text "devices:" 5
dial 2 $IOS
check "session 2: IOS asks for a login" wait_text "Username:" 10
keys -l admin; keys Enter; wait_text "Password:" 5; keys -l s3cret
keys Enter
check "session 2: the IOS prompt" wait_text "Router>" 10
both() { hasre "1:[^ ]* connected.* 2:[^ ]* connected"; }
check "the session list shows both connected" wait_for 5 both

# 2. Switch: each screen as it was, each session alive.
menu; keys 1
check "1 in the menu: session 1's screen is back" wait_text "name: ros1" 5
check "... and session 2's is not shown" gone "Router>"
keys -l '/system resource print'; keys Enter
check "session 1 still answers" wait_text "platform: MikroTik" 10
menu; keys n
check "n: the next session (IOS)" wait_text "Router>" 5
keys -l 'show version'; keys Enter
check "session 2 still answers" wait_text "Cisco IOS Software" 10
menu; keys p
check "p: the previous session" wait_text "platform: MikroTik" 5

# 3. Output in a background session: a shell that prints after a while.
menu; keys t; wait_text "devices:" 5
dial 1 $SHM root pw-plain
wait_text 'sh$' 10 || { not_ok "session 3: the shell"; dump; }
# The shell prints once a file shows up, made while it is not shown.
keys -l "while [ ! -e $T/go ]; do sleep 0.1; done; echo bg\$((6*7))done"
keys Enter
menu; keys 1; wait_text "platform: MikroTik" 5
touch "$T/go"
check "the background session receives and logs" \
    wait_for 10 grep -q "bg42done" "$T/all.log"
check "... not drawn over the current session" gone "bg42done"
menu; keys 3
check "its output shows when switched back to" wait_text "bg42done" 5

# The device's colours are drawn (SGR 31: red).
keys -l "printf '\\033[31mred%s\\033[0m\\n' text"; keys Enter
wait_text "redtext" 5
red() { tm capture-pane -e -p -t ui | grep -Eq $'\e\\[([0-9;]*;)?31m[^\e]*redtext'; }
check "the device's colours are drawn" red
# Every key of the session, listed by ? in the menu.
menu; keys '?'
check "? in the menu lists the session's keys" wait_text "In scroll mode:" 3
keys Escape; wait_for 3 gone "In scroll mode:"
keys Escape; wait_for 3 gone "Session menu"

# 4. Scrollback: a line that scrolled off 1000 lines ago, search, write.
keys -l 'echo scroll-$((1+1))-mark; seq 1 1000 | sed "s/^/row /"'
keys Enter
wait_text "row 1000" 10
check "the mark has scrolled off the screen" gone "scroll-2-mark"
menu; keys /; wait_text "Search back" 3
keys -l "scroll-2-mark"; keys Enter
check "/ finds the line 1000 lines back" wait_text "scroll-2-mark" 5
check "scroll mode says where it is" hasre '\[scroll [0-9]+/[0-9]+\]'
keys PPage
check "PgUp scrolls further back" wait_for 3 gone "row 1 "
keys w; wait_text "Write the scrollback" 3
keys C-u; keys -l "$T/sb.txt"; keys Enter
check "w writes the scrollback" wait_for 5 test -s "$T/sb.txt"
check "... with mode 0600" [ "$(stat -c %a "$T/sb.txt")" = 600 ]
check "... the mark and the last row in it" \
    sh -c "grep -q scroll-2-mark '$T/sb.txt' && grep -q 'row 1000' '$T/sb.txt'"
keys q
check "q: back to the live screen" wait_for 5 gone "[scroll"

# 5. A resize reaches every session (MAC-Telnet sends the size).
menu; keys t; wait_text "devices:" 5
dial 1 $SHM root pw-plain
wait_for 10 hasre '4:.* connected' || { not_ok "session 4 opens"; dump; }
tm resize-window -t ui -x 90 -y 25
wait_for 5 list_at 25
keys -l 'stty size'; keys Enter
check "the shown session has the new size (24 90)" wait_for 10 hasre '^24 90'
menu; keys 3; wait_for 5 hasre '3:[^ ]* connected' 
keys -l 'stty size'; keys Enter
check "so has the one in the background (24 90)" wait_for 10 hasre '^24 90'
tm resize-window -t ui -x $W -y $H
# vi must not start before the size has settled (a late SIGWINCH would
# redraw it without its file message): the UI has drawn at the new size
# (it told the devices before), and the device says so.
wait_for 5 list_at $H
keys -l 'stty size'; keys Enter
wait_for 10 hasre "^$((H - 1)) $W" || { not_ok "the size is back"; dump; }

# 6. vi draws as it draws in a terminal of the same size.
printf 'first line\n\tindented\nthe end\n' > "$T/vi.txt"
chmod 644 "$T/vi.txt"
keys -l "clear; TERM=xterm vi -n -u NONE $T/vi.txt"; keys Enter
wait_text "the end" 10
# The same file, in a terminal as large as the session area.
# (A tmux server of its own: a second session of the first one's
# took tmux 3.3a down.)
td() { tmux -L "${SOCK}d" "$@"; }
td -f /dev/null new-session -d -s direct -x $W -y $((H - 1)) \
    "env TERM=xterm vi -n -u NONE $T/vi.txt"
direct() { td capture-pane -p -t direct; }
direct_up() { direct | grep -q "the end"; }
wait_for 10 direct_up
same() {
	has "the end" || return 1
	pane | head -$((H - 1)) > "$T/vi.ui"
	direct > "$T/vi.direct"
	diff "$T/vi.ui" "$T/vi.direct" > "$T/vi.diff"
}
if wait_for 5 same; then
	ok "vi through serve mikrotik --exec draws as it does directly"
else
	not_ok "vi through serve mikrotik --exec draws as it does directly"
	grep -v '^[<>] ~$' "$T/vi.diff" | sed 's/^/# /' | head -20
fi
keys Escape; keys -l ':q'; keys Enter
check "vi's alternate screen is gone after :q" wait_text 'sh$' 5

# 7. A device that goes away: its session stays in the list as lost,
# with its last screen, until dismissed.  (KILL: a server that stops
# sends END, a normal end; a key typed goes unanswered.)
{ kill -KILL "$rospid" && wait "$rospid"; } 2> /dev/null
menu; keys 1; wait_text "platform: MikroTik" 5
keys -l x
if wait_for 30 hasre '1:[^ ]* lost'; then
	ok "a session whose device went away is listed as lost"
else
	not_ok "a session whose device went away is listed as lost"; dump
fi
check "... its last screen still shown" has "platform: MikroTik"
menu; keys d
check "d dismisses the lost session" wait_for 5 hasre '^ 1:[^ ]* connected'

# 8. Leaving the UI ends every session properly.
menu; keys t; wait_text "devices:" 5
keys q
check "q with three sessions: the UI ends, status 0" wait_text "rc=0" 10
check "the MOP console was released" \
    wait_for 5 grep -q "reservation released" "$T/ios.log"
lab_done
