#!/bin/bash
# SPDX-License-Identifier: ISC
# `l2console mikrotik` against Debian's real mactelnetd (MD5 only) in
# network namespaces.  The client side has no IPv4 address at all.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
CMAC=02:4c:32:43:00:02
SMAC=02:4c:32:43:00:01
IDENT=l2c-lab-rtr
if ! mtd_have; then
	skip "mactelnetd sessions" "mactelnet-server is not installed"
	lab_done
fi
{ lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_link c eth0 $CMAC s eth0 $SMAC
TMUX_SOCK=l2c$$
mtd_user || { not_ok "useradd"; lab_done; }
tmux_gone() { tmux -L "$TMUX_SOCK" kill-server; }
mtd_on_exit tmux_gone
# The users file, and a private hostname: the MNDP identity.
if ! mtd_start s eth0 192.0.2.1/24 $IDENT; then
	not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"
	lab_done
fi

check "client interface has no IPv4 address" \
    test -z "$(ip -n "$(lab_nsname c)" -4 addr show dev eth0)"

# mt NAME [args...]: run l2console mikrotik in c, batch mode; stdin from
# $LAB_TMP/in; stdout/stderr to $LAB_TMP/NAME.out/.err; $rc, $ms.
mt() {
	local name=$1 t0
	shift
	t0=$(date +%s%N)
	L2CONSOLE_PASSWORD=${MTPW-$MTD_PW} timeout 20 ip netns exec \
	    "$(lab_nsname c)" "$BIN" mikrotik "$@" < "$LAB_TMP/in" \
	    > "$LAB_TMP/$name.out" 2> "$LAB_TMP/$name.err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
# got NAME TEXT: TEXT came back as a line of output of its own (typed-
# ahead input can put the shell's prompt in front of it).
got() { tr -d '\r' < "$LAB_TMP/$1.out" | grep -Eq "^(\\$ )?$2\$"; }

# 1. Log in (EC-SRP5 first, MD5 when the server offers only a 16-byte
#    salt), run echo of a random marker, leave when stdin is done.
marker="l2c-marker-$RANDOM$RANDOM"
printf 'echo %s\n' "$marker" > "$LAB_TMP/in"

mt login -u "$MTD_USER" --idle 1 eth0 $SMAC
if [ $rc -eq 0 ] && got login "$marker"; then
	ok "batch login, echo of a marker comes back, exit 0 (${ms} ms)"
else
	not_ok "batch login, echo of a marker comes back, exit 0 (rc $rc: $(head -c 400 "$LAB_TMP/login.err"))"
fi
check "fell back to MD5 with one warning" \
    [ "$(grep -c 'legacy MD5 login' "$LAB_TMP/login.err")" = 1 ]

# 2. The server ends the session (exit): exit 0, and it ended by itself,
#    well before the 30 s idle wait.
printf 'echo %s-2\nexit\n' "$marker" > "$LAB_TMP/in"
mt exit -u "$MTD_USER" --idle 30 --md5 eth0 $SMAC
check "--md5 login, the shell's exit ends the session with 0 (${ms} ms)" \
    [ $rc -eq 0 -a $ms -lt 10000 ]
check "--md5 gives no weak-login warning" \
    [ "$(grep -c 'MD5' "$LAB_TMP/exit.err")" = 0 ]

# 3. Wrong password: the login-failed status, the server's own words.
MTPW=wrong mt badpw -u "$MTD_USER" eth0 $SMAC
if [ $rc -eq 2 ] && grep -q "login failed for $MTD_USER" "$LAB_TMP/badpw.err"; then
	ok "wrong password: exit 2, one line"
else
	not_ok "wrong password: exit 2, one line (rc $rc: $(cat "$LAB_TMP/badpw.err"))"
fi
check "wrong password: the server's text is shown" \
    grep -q "Login failed" "$LAB_TMP/badpw.out"

# 4. A MAC nobody has: the no-answer status within 5 s.
: > "$LAB_TMP/in"
mt absent -u "$MTD_USER" eth0 02:4c:32:43:00:99
if [ $rc -eq 68 ] && [ $ms -lt 5000 ] && grep -q \
    "no answer from 02:4c:32:43:00:99 on eth0 after 2.0 s" "$LAB_TMP/absent.err"; then
	ok "absent MAC: exit 68 in ${ms} ms, one line"
else
	not_ok "absent MAC: exit 68 within 5 s (rc $rc, ${ms} ms: $(cat "$LAB_TMP/absent.err"))"
fi

# 5. The target by its identity (MNDP), in another case; an unknown one.
printf 'echo %s-3\n' "$marker" > "$LAB_TMP/in"
mt ident -u "$MTD_USER" --idle 1 eth0 "$(echo "$IDENT" | tr '[:lower:]' '[:upper:]')"
if [ $rc -eq 0 ] && got ident "$marker-3"; then
	ok "target by MNDP identity, any case (${ms} ms)"
else
	not_ok "target by MNDP identity, any case (rc $rc: $(cat "$LAB_TMP/ident.err"))"
fi
mt noident -u "$MTD_USER" eth0 no-such-router
check "unknown identity: exit 68, \"no device named\" (${ms} ms)" \
    status_grep "$rc" 68 "$LAB_TMP/noident.err" \
    'no device named no-such-router answered on eth0'

# 6. A real terminal in tmux: stty size follows a resize.
pane() { tmux -L "$TMUX_SOCK" capture-pane -p -t l2c 2>/dev/null; }
pane_has() { pane | grep -q -- "$1"; }
tmux -L "$TMUX_SOCK" new-session -d -s l2c -x 100 -y 30 \
    "ip netns exec $(lab_nsname c) env L2CONSOLE_PASSWORD=$MTD_PW TERM=xterm \
    $BIN mikrotik -u $MTD_USER eth0 $SMAC; echo l2c-exit-\$?; sleep 30"
if wait_for 10 pane_has 'escape key is'; then
	tmux -L "$TMUX_SOCK" send-keys -t l2c 'stty size' Enter
	wait_for 5 pane_has '^30 100'
	check "terminal size sent at login (30 100)" [ $? -eq 0 ]
	tmux -L "$TMUX_SOCK" resize-window -t l2c -x 132 -y 43
	tmux -L "$TMUX_SOCK" send-keys -t l2c 'clear; stty size' Enter
	wait_for 5 pane_has '^43 132'
	check "after a resize, stty size shows 43 132" [ $? -eq 0 ]
	# Leave with the escape key: Ctrl-] then q.
	tmux -L "$TMUX_SOCK" send-keys -t l2c C-] q
	wait_for 5 pane_has 'l2c-exit-0'
	check "escape key q leaves with exit 0" [ $? -eq 0 ]
else
	not_ok "interactive session in tmux ($(pane | tail -5))"
fi

lab_done
