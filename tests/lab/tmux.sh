# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# A terminal for the lab tests of what a screen shows: a tmux server of
# the test's own with one session, "ui", whose window is a shell in one
# of the lab's namespaces; the test types into it and reads it back.
# Source after lib.sh and lab_init.  The server is the test's to stop:
# tmux_gone in its EXIT trap (or mtd_on_exit tmux_gone), set before
# tmux_shell, so that a start that fails half-way goes too.
#
#   tmux_need WHAT  the test ends here, WHAT skipped, when tmux is missing
#   tmux_shell SOCK NS W H [VAR=VALUE...]
#                  the server on socket SOCK, the window W x H and kept
#                  so (window-size manual: only the test resizes it), a
#                  shell in namespace NS with prompt "lab$ " and these
#                  variables; 1 if the prompt does not show in 5 s
#   tmux_run SOCK NS W H CMD   the same with CMD (a string for sh) in
#                  the window instead of a shell, not waited for
#   tm ARGS...     tmux on that server
#   tmux_gone      that server stops
#   pane           the window's text; has TEXT, hasre ERE, gone TEXT
#   wait_text TEXT [SEC]   until TEXT shows (10 s unless SEC)
#   keys KEYS...   typed into the window (tmux send-keys)
#   dump           the window's text, as TAP comments
#   menu           ^]: the session menu of the full-screen UI shows

TM_SOCK=

tm() { tmux -L "$TM_SOCK" "$@"; }
tmux_gone() { [ -z "$TM_SOCK" ] || tm kill-server 2>/dev/null; }
pane() { tm capture-pane -p -t ui; }
has() { pane | grep -Fq -- "$1"; }
hasre() { pane | grep -Eq -- "$1"; }
gone() { ! has "$1"; }
wait_text() { wait_for "${2:-10}" has "$1"; }
keys() { tm send-keys -t ui "$@"; }
dump() { echo "# --- pane ---"; pane | sed 's/^/# /'; }
menu() { keys C-]; wait_text "Session menu" 5; }

tmux_need() {
	command -v tmux >/dev/null && return 0
	skip "$1" "tmux is not installed"
	lab_done
}

tmux_run() {
	TM_SOCK=$1
	tm -f /dev/null new-session -d -s ui -x "$3" -y "$4" \
	    "ip netns exec $(lab_nsname "$2") $5" || return 1
	tm set-option -t ui -g window-size manual 2>/dev/null
}

tmux_shell() {
	tmux_run "$1" "$2" "$3" "$4" "env ${*:5} PS1='lab$ ' bash --norc -i" &&
	    wait_text 'lab$' 5
}
