# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# The tmux rig of the full-screen UI's lab tests with the IOS
# personality over MOP: serve mop in namespace s (lab_pair), the UI in
# a tmux window in namespace c (tmux.sh: its keys and looks).  Source
# after lib.sh and lab_init.
#
#   rig_begin WHAT SOCK        all of it up to the UI: skips WHAT when
#                  tmux is missing; the namespaces (IOS_MAC in s, LAP_MAC
#                  in c), the IOS personality recording into $T/ios.rec,
#                  the tmux window W x H; ends the test when a step fails
#   BIN, tools, T, IOS_MAC, LAP_MAC, W, H   what the tests share
#   rig_ios                    serve mop with the IOS personality
#                  (admin:s3cret; lab_serve_ios), recording what it reads
#                  into $T/ios.rec, its pid in RIG_IOS_PID; 1 on failure
#   rig_ios_stop               that server stops (SIGTERM)
#   rig_tmux NAME W H          the window (tmux_shell in c); the server
#                  goes at exit with the lab
#   rig_ui ARGS...             the UI in it (-i eth0 ARGS), up to the
#                  device table; then "rc=N" when it exits
#   rig_ios_login MAC          connect (c, MOP) and log in to privileged
#                  EXEC (Router#); 1 on failure
#   pane, has, hasre, gone, wait_text TEXT [SEC], keys, dump, menu, tm
#                  from tmux.sh

# shellcheck source=tests/lab/tmux.sh
. "$(dirname "${BASH_SOURCE[0]}")/tmux.sh"
BIN=${L2C_BIN:?}
# shellcheck disable=SC2034  # the tests' (ios_paste.py)
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)
T=$LAB_TMP
IOS_MAC=02:4c:32:43:00:03
LAP_MAC=02:4c:32:43:00:02
W=100 H=30

rig_begin() {
	tmux_need "$1"
	lab_pair $IOS_MAC $LAP_MAC
	rig_ios || { not_ok "serve mop starts"; lab_done; }
	rig_tmux "$2" $W $H || { not_ok "tmux shell starts"; dump; lab_done; }
}

rig_ios() {
	lab_for_all "$T/ios.rec" || return 1
	lab_serve_ios s "$T/mop.log" eth0 --login admin:s3cret \
	    --record "$T/ios.rec" || { cat "$T/mop.log"; return 1; }
	RIG_IOS_PID=$LAB_PID
}

rig_ios_stop() { kill -TERM "$RIG_IOS_PID" 2>/dev/null; wait "$RIG_IOS_PID" 2>/dev/null; }

rig_tmux() {
	TM_SOCK=$1
	trap 'tmux_gone; lab_cleanup' EXIT
	tmux_shell "$1" c "$2" "$3"
}

rig_ui() {
	keys "clear; $BIN -i eth0 $*; echo rc=\$?" Enter
	wait_text " device" 10
}

rig_ios_login() {
	keys c; wait_text "by address" 3 || return 1
	keys 2; wait_text "MAC or name" 3 || return 1
	keys -l "$1"; keys Enter
	wait_text "Username:" 10 || return 1
	keys -l admin; keys Enter; wait_text "Password:" 5 || return 1
	keys -l s3cret; keys Enter; wait_text "Router>" 10 || return 1
	keys -l enable; keys Enter; wait_text "Router#" 5
}
