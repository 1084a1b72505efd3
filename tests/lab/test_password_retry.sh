#!/bin/bash
# SPDX-License-Identifier: ISC
# The interactive password prompt after a refusal, as ssh does it: in
# tmux (a real terminal), against `l2console serve mikrotik`: a wrong
# password, the prompt again, the right one, logged in; three wrong
# ones, exit status 2.  Every step waits for text on the pane.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
SRV=02:4c:32:43:06:01
CLI=02:4c:32:43:06:02

if ! command -v tmux >/dev/null; then
	skip "password prompt in tmux" "tmux is not installed"
	lab_done
fi
{ lab_ns s && lab_ns c; } || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $SRV c eth0 $CLI
SOCK=l2cpw$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; lab_cleanup' EXIT

U=$LAB_TMP/users
printf 'root:pw-right\n' > "$U"
chmod 600 "$U"
lab_bg s "$LAB_TMP/server.log" "$BIN" -v serve mikrotik --users "$U" \
    --exec /bin/sh --mndp-interval 0 --fail-delay 100 --max-fails 50 eth0
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/server.log" ||
    { not_ok "server starts"; cat "$LAB_TMP/server.log"; lab_done; }

tm() { tmux -L "$SOCK" "$@"; }
pane() { tm capture-pane -p -t pw; }
# prompts N: the pane shows N password prompts.
prompts() { [ "$(pane | grep -c '^Password:')" -ge "$1" ]; }
has() { pane | grep -Fq -- "$1"; }
# start NAME: the client in a fresh tmux session; its status in NAME.rc.
start() {
	rm -f "$LAB_TMP/$1.rc"
	tm kill-server 2>/dev/null
	tm new-session -d -s pw -x 100 -y 30 "ip netns exec $(lab_nsname c) \
	    $BIN mikrotik --login-retries 0 -u root eth0 $SRV; \
	    echo \$? > $LAB_TMP/$1.rc" &&
	    tm set -g remain-on-exit on
}
# typed TEXT: TEXT and Enter on the pane.
typed() { tm send-keys -t pw -l "$1" && tm send-keys -t pw Enter; }
rc_is() { [ -s "$LAB_TMP/$1.rc" ] && [ "$(cat "$LAB_TMP/$1.rc")" = "$2" ]; }

# 1. Wrong, asked again, right: logged in, a command runs.
start good || { not_ok "tmux starts"; lab_done; }
if wait_for 10 prompts 1; then
	typed pw-wrong
	wait_for 10 prompts 2
	check "after a refusal: \"login failed; try again\" and the prompt again" \
	    has "login failed; try again"
	typed pw-right
	typed 'echo OK-$((6*7))'
	check "the second password logs in: a command runs" \
	    wait_for 10 has "OK-42"
	typed exit
	check "the session ends with exit status 0" wait_for 10 rc_is good 0
else
	not_ok "the password prompt shows ($(pane | tail -3))"
fi

# 2. Three wrong: no fourth prompt, exit 2, "login failed for root".
start bad || { not_ok "tmux starts"; lab_done; }
n=0
for pw in bad-pw-1 bad-pw-2 bad-pw-3; do
	n=$((n + 1))
	wait_for 10 prompts $n || break
	typed "$pw"
done
if wait_for 15 rc_is bad 2 && has "login failed for root" && ! prompts 4
then
	ok "three wrong passwords: exit 2, no fourth prompt"
else
	not_ok "three wrong passwords: exit 2, no fourth prompt (rc $(cat "$LAB_TMP/bad.rc" 2>/dev/null): $(pane | grep -v '^$' | tail -4 | tr '\n' '|'))"
fi
# unechoed: no typed password shows on the pane.
unechoed() { ! pane | grep -q 'bad-pw-'; }
check "no typed password shows on the pane" unechoed
lab_done
