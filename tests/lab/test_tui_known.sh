#!/bin/bash
# SPDX-License-Identifier: ISC
# The known devices file in the full-screen UI, as the mikrotik command
# keeps it: a UI login with EC-SRP5 (serve mikrotik) is recorded; the
# same MAC then offering only MD5 (Debian's mactelnetd) is refused with
# the command's sentence, before any password response leaves.  Driven
# in tmux; every step waits for text or a file, never for time.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
tmux_need "known devices in the UI"
BIN=${L2C_BIN:?}
T=$LAB_TMP
LMAC=02:4c:32:43:06:02
SMAC=02:4c:32:43:06:01
W=100 H=30

if ! mtd_have; then
	skip "known devices in the UI" "mactelnet-server is not installed"
	lab_done
fi
{ lab_ns lap && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_link lap eth0 $LMAC s eth0 $SMAC
mtd_user || { not_ok "useradd"; lab_done; }
KD=$L2CONSOLE_KNOWN_DEVICES

lab_bg s "$T/srv.log" "$BIN" -v serve mikrotik --users "$MTD_USERS" \
    --exec "env PS1='kd\$ ' /bin/sh -i" --mndp-interval 0 eth0
srv=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/srv.log" ||
    { not_ok "serve mikrotik starts ($(cat "$T/srv.log"))"; lab_done; }

mtd_on_exit tmux_gone
tmux_shell l2ctuik$$ lap $W $H L2CONSOLE_KNOWN_DEVICES="$KD" ||
    { not_ok "tmux shell starts"; dump; lab_done; }
keys "clear; $BIN -i eth0; echo rc=\$?" Enter
wait_text " device" 10 || { not_ok "the UI starts"; dump; lab_done; }

# dial MAC USER PW: c, MikroTik, the station and its login.
dial() {
	keys c; wait_text "by address" 3 || return 1
	keys 1; wait_text "MAC or name" 3 || return 1
	keys -l "$1"
	keys Tab C-u; keys -l "$2"; keys Tab; keys -l "$3"
	keys Enter
}

# 1. An EC-SRP5 login through the UI is recorded, as the command's are.
dial $SMAC "$MTD_USER" "$MTD_PW"
check "the UI's session logs in (EC-SRP5)" wait_text 'kd$' 10 || dump
recorded() { grep -q "^$SMAC ecsrp5" "$KD"; }
check "the UI records \"$SMAC ecsrp5\" in the known devices file" \
    wait_for 5 recorded
keys -l 'exit'; keys Enter
wait_text " device" 10 || { keys C-]; keys d; wait_text " device" 5; }
kill "$srv"
srv_gone() { ! kill -0 "$srv" 2>/dev/null; }
wait_for 5 srv_gone

# 2. The same MAC now offers only MD5: refused, in the command's words.
if ! mtd_start s eth0 192.0.2.1/24; then
	not_ok "mactelnetd listens ($(cat "$T/mactelnetd.log"))"
	lab_done
fi
dial $SMAC "$MTD_USER" "$MTD_PW"
check "MD5 from a device known for EC-SRP5 is refused in the UI" \
    wait_text "$SMAC offered EC-SRP5 before; someone may be in the middle" \
    10 || dump
check "the record stays ecsrp5" recorded

keys C-]
keys q 2>/dev/null
lab_done
