#!/bin/bash
# SPDX-License-Identifier: ISC
# The full-screen UI (`l2console` with no command), driven in tmux inside
# a namespace lab: Debian's mactelnetd and `l2console serve mop` on one
# bridge with the laptop; a second laptop interface so that the picker
# shows.  Every step waits for text on the pane, never for time.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
tmux_need "full-screen UI in tmux"
BIN=${L2C_BIN:?}
LMAC=02:4c:32:43:00:02		# the laptop (eth0)
SMAC=02:4c:32:43:00:09		# the laptop's second interface (eth9)
MTMAC=02:4c:32:43:00:01		# mactelnetd
MOPMAC=02:4c:32:43:00:03	# l2console serve mop
IDENT=l2c-tui-rtr
W=120 H=40

if ! mtd_have; then
	skip "full-screen UI in tmux" "mactelnet-server is not installed"
	lab_done
fi

# The parts that need other branches skip until those are in the tree.
have_cmd() { "$BIN" "$1" --help >/dev/null 2>&1; }
HAVE_SCAN=1 HAVE_MOPSRV=1
have_cmd scan || HAVE_SCAN=
"$BIN" serve 2>&1 | grep -q -- 'serve mop .*--exec' || HAVE_MOPSRV=

{ lab_ns br && lab_ns lap && lab_ns mt && lab_ns mop && lab_ns spare; } ||
    { not_ok "create namespaces"; lab_done; }
lab_bridge br lap eth0 $LMAC mt eth1 $MTMAC
ip -n "$(lab_nsname br)" link add peth2 type veth peer name eth2 \
    netns "$(lab_nsname mop)"
ip -n "$(lab_nsname mop)" link set eth2 address $MOPMAC up
ip -n "$(lab_nsname br)" link set peth2 master br0 up
# A second usable interface on the laptop, to an empty namespace.
lab_link lap eth9 $SMAC spare eth0 02:4c:32:43:00:0a
mtd_user || { not_ok "useradd"; lab_done; }
mtd_on_exit tmux_gone
# The users file, and a private hostname: the MNDP identity.
mtd_start mt eth1 192.0.2.1/24 $IDENT ||
    { not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"; lab_done; }
if [ -n "$HAVE_MOPSRV" ]; then
	lab_bg mop "$LAB_TMP/mopd.log" "$BIN" -v serve mop --exec /bin/sh eth2
	wait_for 5 grep -q "serving the MOP console" "$LAB_TMP/mopd.log" ||
	    { not_ok "MOP server starts ($(cat "$LAB_TMP/mopd.log"))"; lab_done; }
	# The MikroTik offers a MOP console too: Enter has to ask which.
	lab_bg mt "$LAB_TMP/mopd2.log" "$BIN" -v serve mop --exec /bin/sh eth1
	wait_for 5 grep -q "serving the MOP console" "$LAB_TMP/mopd2.log" ||
	    { not_ok "MOP server on the MikroTik starts"; lab_done; }
fi
# login_mt: from the table, Enter on the MikroTik (first row), pick
# MAC-Telnet when both are offered, wait for the login form.
login_mt() {
	keys Home Enter
	if [ -n "$HAVE_MOPSRV" ]; then
		wait_text "Connect to $IDENT with" 3 || return 1
		keys 1
	fi
	wait_text "Log in to $IDENT" 3
}

# --- tmux helpers (more in tmux.sh) ------------------------------------
# The header's right part ends one column before the edge: its line is
# as long as the window is wide, less one (capture-pane trims spaces).
header_fits() {
	[ "$(pane | grep -F -- "$1" | head -1 | awk '{ print length($0) }')" = \
	    "$(($2 - 1))" ]
}
resize() { tm resize-window -t ui -x "$1" -y "$2"; }
# An SGR sequence that sets a colour (39/49, tmux's "default colour"
# after a reset, are not colours).
COLOR_SGR=$'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'

# One shell in the laptop namespace, in a tmux pane; the UI runs in it
# between two `stty -g`, and its exit status goes to a file.
tmux_shell l2ctui$$ lap $W $H || { not_ok "tmux shell starts"; dump; lab_done; }

# run_ui ARGS...: start the UI in the pane (environment first); its pid
# goes to $LAB_TMP/pid (sh writes its own, then execs env, then the UI).
run_ui() {
	rm -f "$LAB_TMP/rc" "$LAB_TMP/stty.before" "$LAB_TMP/stty.after" \
	    "$LAB_TMP/pid"
	keys "clear; stty -g > $LAB_TMP/stty.before; sh -c 'echo \$\$ > $LAB_TMP/pid; exec env \"\$@\"' sh $* ; echo \$? > $LAB_TMP/rc.tmp; stty -g > $LAB_TMP/stty.after; mv $LAB_TMP/rc.tmp $LAB_TMP/rc" Enter
}

# ui_ended STATUS: the UI run by run_ui ended with STATUS, and the
# terminal settings after it are those before it.
ui_ended() {
	[ "$(cat "$LAB_TMP/rc")" = "$1" ] &&
	    cmp -s "$LAB_TMP/stty.before" "$LAB_TMP/stty.after"
}

# 0. Without a terminal: one line and exit 64.
out=$("$BIN" 2>&1 < /dev/null)
rc=$?
check "no terminal: one line naming subcommands, exit 64" \
    status_grep "$rc" 64 <(printf '%s\n' "$out") "needs a terminal"

# 1. Two usable interfaces: the picker.
# The log's directory is root's alone: the UI must open it before it
# drops to nobody.
mkdir -m 700 "$LAB_TMP/rootonly"
run_ui "$BIN" --log "$LAB_TMP/rootonly/session.log" --timestamps
if wait_text "choose an interface" && wait_text eth9 3; then
	ok "picker lists the laptop's interfaces"
else
	not_ok "picker lists the laptop's interfaces"; dump
fi
resize 100 30
check "picker follows a resize" wait_for 5 header_fits "usable of" 100
resize $W $H
wait_for 5 header_fits "usable of" $W
# The cursor starts on the first usable one: eth0 (made before eth9).
keys Enter

if [ -z "$HAVE_SCAN" ]; then
	skip "neighbor table, MikroTik and MOP sessions" "the scan engine is not in this tree yet"
	keys q
	wait_for 5 test -e "$LAB_TMP/rc"
	lab_done
fi

# 2. The neighbor table fills: both lab devices.
if wait_text "$IDENT" 10 && { [ -z "$HAVE_MOPSRV" ] || wait_text "$MOPMAC" 10; }; then
	ok "both lab devices appear in the table"
else
	not_ok "both lab devices appear in the table"; dump
fi
check "header names the interface and our MAC" has "eth0 $LMAC"
check "MikroTik row: badge, MAC, identity, IP" \
    hasre "MT ${HAVE_MOPSRV:+MOP} +$MTMAC +$IDENT .*192\.0\.2\.1"
[ -n "$HAVE_MOPSRV" ] && check "MOP row: badge and MAC" hasre "MOP +$MOPMAC"
coloured() { tm capture-pane -e -p -t ui | grep -Eq "$COLOR_SGR"; }
check "colours are on by default in tmux" coloured
resize 100 30
check "neighbor table follows a resize" wait_for 5 header_fits "MikroTik," 100
resize $W $H
wait_for 5 header_fits "MikroTik," $W

# Filter as you type: only the MikroTik is left.
keys / ; keys -l "tui-rtr"
if wait_text "Filter: tui-rtr" 3 && wait_for 3 gone "$MOPMAC"; then
	ok "/ filters the table as you type"
else
	not_ok "/ filters the table as you type"; dump
fi
keys Escape
[ -n "$HAVE_MOPSRV" ] && wait_text "$MOPMAC" 3

# Details and help.
keys Home i
check "i shows the selected device's fields" wait_text "Identity" 3
keys Escape
keys '?'
check "? shows the help" wait_text "filter as you type" 3
keys Escape
wait_for 3 gone "filter as you type"

# Ping the MikroTik (MAC-Telnet ping).
keys Home p
check "p pings the selected device" wait_text "3/3 replies" 5

# 3. MikroTik session: Enter, credentials, a command's output.
if ! login_mt; then
	not_ok "Enter on the MikroTik row asks which protocol, then for a login"; dump
else
	ok "Enter on the MikroTik row asks which protocol, then for a login"
	keys C-u; keys -l "$MTD_USER"; keys Enter
	keys -l "$MTD_PW"
	check "the password is not echoed" gone "$MTD_PW"
	keys Enter
	keys -l 'echo l2c$((40+2))tui'; keys Enter
	if wait_for 10 has l2c42tui; then
		ok "MikroTik session: a command's output shows"
	else
		not_ok "MikroTik session: a command's output shows"; dump
	fi
	resize 100 30
	keys -l 'stty size'; keys Enter
	check "a resize reaches the device (stty size: 29 100, the list below)" \
	    wait_for 10 hasre "^29 100"
	resize $W $H
	keys C-]
	check "the escape key opens the session menu" wait_text "Session menu" 5
	resize 100 30
	check "session menu follows a resize" \
	    wait_for 5 header_fits "MikroTik MAC-Telnet" 100
	resize $W $H
	keys i
	info_shown() { wait_text Frames 3 && hasre "Login +(MD5|EC-SRP5)"; }
	check "session info: frames, bytes, login method" info_shown
	# With the log off the info box is narrower than the menu, and
	# stands alone: no piece of the menu's border on its rows (it was
	# drawn over the menu: "┌─┌── Session information ──┐──┐").  The
	# log keeps what it has (checked below).
	keys Escape; wait_text "Session menu" 3
	keys l; wait_text "closed" 3
	keys i
	info_alone() {
		wait_text "Session log    off" 3 &&
		    pane | grep -F "Session information" | head -1 |
		    grep -Eq '^ *┌─* Session information ─*┐ *$' &&
		    gone "Session menu"
	}
	if info_alone; then
		ok "session info is drawn alone, not over the menu"
	else
		not_ok "session info is drawn alone, not over the menu"; dump
	fi
	keys Escape
	keys c
	wait_for 5 gone "Session menu"
	screen_intact() { wait_for 5 has l2c42tui && hasre "^29 100"; }
	check "the session's screen is intact after the menu" screen_intact
	keys -l 'echo back$((1+1))'; keys Enter
	check "back in the session after the menu" wait_for 10 has back2
	keys C-] ; wait_text "Session menu" 5
	keys d
	check "disconnect returns to the table" wait_text "devices:" 10
	check "the session log has the output, time-stamped" \
	    grep -Eq '^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{12}\] .*l2c42tui' \
	    "$LAB_TMP/rootonly/session.log"
fi

# A wrong password: back at the table, and the status line says why.
if login_mt; then
	keys C-u; keys -l "$MTD_USER"; keys Enter
	keys -l "wrong$MTD_PW"; keys Enter
	login_failed() { wait_text "login failed" 15 && has "MikroTik,"; }
	check "a wrong password: back at the table with \"login failed\"" \
	    login_failed
else
	not_ok "a wrong password: back at the table with \"login failed\""; dump
fi

# 4. MOP session: straight in (with the wake-up CR), a command, break.
if [ -n "$HAVE_MOPSRV" ]; then
	keys End p
	check "p on the MOP row pings by MOP loopback" \
	    wait_text "MOP loopback): 3/3 replies" 5
	keys End Enter
	keys -l 'echo l2c$((40+3))mop'; keys Enter
	if wait_for 10 has l2c43mop; then
		ok "MOP session: a command's output shows"
	else
		not_ok "MOP session: a command's output shows"; dump
	fi
	resize 100 30
	keys -l 'echo after$((2+3))'; keys Enter
	check "MOP session keeps working after a resize" \
	    wait_for 10 has after5
	resize $W $H
	keys C-]
	wait_text "Session menu" 5
	keys b
	check "the menu sends a break (MOP)" wait_text "break sent" 3
	keys d
	check "disconnect from MOP returns to the table" wait_text "devices:" 10
	check "the released console shows free again" \
	    wait_for 10 hasre "MOP +$MOPMAC"
else
	skip "MOP session from the table" "l2console serve mop is not in this tree yet"
fi

# 4b. c: a console by address, for a station typed in by hand.
if [ -n "$HAVE_MOPSRV" ]; then
	m=${MOPMAC//:/}
	keys c; wait_text "by address" 3; keys 2; wait_text "MAC or name" 3
	keys -l "no-such-box"; keys Enter
	not_a_mac() { wait_text "is not a MAC" 5 && has "devices:"; }
	check "c with an unknown name: says so, back at the table" not_a_mac
	keys c; wait_text "by address" 3; keys 2; wait_text "MAC or name" 3
	keys -l "${m:0:4}.${m:4:4}.${m:8:4}"; keys Enter
	keys -l 'echo dial$((5+5))'; keys Enter
	check "c: a MOP console by its MAC spelt another way" \
	    wait_for 10 has dial10
	keys C-]; wait_text "Session menu" 5; keys d
	wait_text "devices:" 10
fi

# 5. Quit: the terminal is back in the mode it was in.
keys q
if wait_for 5 test -e "$LAB_TMP/rc"; then
	check "q quits with status 0" [ "$(cat "$LAB_TMP/rc")" = 0 ]
	check "the terminal mode is restored (stty -g before = after)" \
	    cmp -s "$LAB_TMP/stty.before" "$LAB_TMP/stty.after"
else
	not_ok "q quits"; dump
fi

# 6. NO_COLOR: not one colour escape on the pane.
run_ui NO_COLOR=1 "$BIN" -i eth0
if wait_text "$IDENT" 10; then
	keys Home i
	wait_text "Identity" 3
	if tm capture-pane -e -p -t ui | grep -Eq "$COLOR_SGR"; then
		not_ok "NO_COLOR: no colour escapes on the pane"
		tm capture-pane -e -p -t ui | cat -v | head -5 | sed 's/^/# /'
	else
		ok "NO_COLOR: no colour escapes on the pane"
	fi
	keys Escape
	wait_for 3 gone "Last seen"
	keys q
else
	not_ok "NO_COLOR run shows the table"; dump
	keys q
fi
wait_for 5 test -e "$LAB_TMP/rc"
check "NO_COLOR run: terminal mode restored" \
    cmp -s "$LAB_TMP/stty.before" "$LAB_TMP/stty.after"

# 6b. Leaving from inside a session: ^C in the session menu, and SIGTERM
# while the device has the terminal.  Both end the session and restore
# the terminal.
if [ -n "$HAVE_MOPSRV" ]; then
	run_ui "$BIN" -i eth0
	wait_text "$MOPMAC" 10
	keys End Enter
	keys -l 'echo in$((3+4))'; keys Enter
	wait_for 10 has in7
	keys C-]
	wait_text "Session menu" 5
	keys C-c
	if wait_for 5 test -e "$LAB_TMP/rc"; then
		check "^C in the session menu quits (status 0), terminal restored" \
		    ui_ended 0
	else
		not_ok "^C in the session menu quits"; dump
	fi
	run_ui "$BIN" -i eth0
	wait_text "$MOPMAC" 10
	keys End Enter
	keys -l 'echo in$((4+4))'; keys Enter
	wait_for 10 has in8
	kill -TERM "$(cat "$LAB_TMP/pid")"
	if wait_for 5 test -e "$LAB_TMP/rc"; then
		check "SIGTERM in a session: status 143, terminal restored" \
		    ui_ended 143
	else
		not_ok "SIGTERM in a session ends the UI"; dump
	fi
fi

# 7. Many devices: 200 simulated stations on the second interface.
T=${L2C_TOOLS:-}
if [ -x "$T/l2c-responder" ]; then
	lab_bg spare "$LAB_TMP/resp.log" "$T/l2c-responder" \
	    --ready "$LAB_TMP/resp.ready" eth0 200
	if wait_for 5 test -e "$LAB_TMP/resp.ready"; then
		run_ui "$BIN" -i eth9
		check "200 simulated devices in the table" \
		    wait_text "200 devices: 100 MikroTik, 100 MOP" 10
		keys / ; keys -l "sim-0150"
		one_of_200() { wait_text "(1 of 200)" 3 && has "sim-0150"; }
		check "the filter finds one of 200" one_of_200
		# Esc and End in one write would read as one key (Meta-End).
		keys Escape
		wait_for 3 gone "Filter:"
		keys End
		if wait_text "SIM-0199" 3; then
			ok "End scrolls to the last row"
		else
			not_ok "End scrolls to the last row"; dump
		fi
		keys q
		wait_for 5 test -e "$LAB_TMP/rc"
	else
		not_ok "responder starts ($(cat "$LAB_TMP/resp.log"))"
	fi
else
	skip "200 devices in the table" "l2c-responder is not built"
fi

lab_done
