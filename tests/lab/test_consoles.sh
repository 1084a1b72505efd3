#!/bin/bash
# SPDX-License-Identifier: ISC
# Batch mode against consoles that behave as RouterOS 7.2x and Cisco IOS
# do (the lab personalities, tests/tools/*_console.py): the terminal
# model answers RouterOS's probes and standard output gets the session
# as text (a long /export line unbroken); --output raw gives the bytes.
# RouterOS under `l2console serve mikrotik --exec` (EC-SRP5) and under
# Debian's mactelnetd (MD5, a lab user's login shell); IOS under
# `l2console serve mop --exec`.  Bad --term-size and --output: exit 64.
# The check functions read variables set just before they run:
# shellcheck disable=SC2034
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/lab/mtd.sh
. "$(dirname "$0")/mtd.sh"
lab_console

has() { grep -qF -- "$2" "$T/$1"; }
lines() { tr -d '\r' < "$T/$1"; }
# The personality's /export for an identity, line by line.
export_of() {
	python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
import routeros_console as r
print("\n".join(r.export(sys.argv[2])))' "$tools" "$1"
}
# long_lines_whole OUT IDENT: every /export line over 300 characters
# came out as one line of OUT, and there are 40 or more of them.
long_lines_whole() {
	local want got
	export_of "$2" | awk 'length > 300' > "$T/long.want"
	want=$(wc -l < "$T/long.want")
	got=$(lines "$1" | grep -Fxcf "$T/long.want")
	[ "$want" -ge 40 ] && [ "$got" = "$want" ]
}
# ros NAME USER PWFILE INPUT [OPTIONS...]: a batch session from c; $rc.
ros() {
	local name=$1 user=$2 pwf=$3 in=$4
	shift 4
	printf '%b' "$in" | timeout 30 ip netns exec "$(lab_nsname c)" \
	    "$BIN" mikrotik -u "$user" --password-file "$pwf" --idle 1 "$@" \
	    eth0 $SRV > "$T/$name" 2> "$T/$name.err"
	rc=$?
}

# 1. RouterOS under serve mikrotik --exec (EC-SRP5, a verifier user).
printf 'pw-ros\n' > "$T/pw"
: > "$T/users"
chmod 600 "$T/users"
L2CONSOLE_PASSWORD=pw-ros "$BIN" serve mikrotik --add-user root \
    --users "$T/users" > /dev/null || { not_ok "a verifier user"; lab_done; }
lab_bg s "$T/srv.log" "$BIN" -v serve mikrotik --users "$T/users" \
    --mndp-interval 0 \
    --exec "python3 $tools/routeros_console.py --identity srv1" eth0
srv=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/srv.log" ||
    { not_ok "serve mikrotik starts"; lab_done; }

ros s1 root "$T/pw" '/system identity print\n/quit\n'
s1_ok() {
	[ "$rc" -eq 0 ] && grep -qx '  name: srv1' <(lines s1) &&
	grep -qx '\[root@srv1\] > /system identity print' <(lines s1)
}
check "serve mikrotik: batch /system identity print shows name: (exit 0)" s1_ok
no_escapes() { ! grep -q "$(printf '\033')" "$T/s1"; }
check "serve mikrotik: text output, no escape sequence left" no_escapes
ros s2 root "$T/pw" '/export\n/quit\n'
check "serve mikrotik: /export lines over 300 characters unbroken" \
    long_lines_whole s2 srv1
ros s3 root "$T/pw" '/system identity print\n/quit\n' --output raw
s3_ok() {
	has s3 "$(printf '\033Z\033[6n\033[H\033[9999C\033[6n')" &&
	has s3 "$(printf '  name: srv1\r\n')"
}
check "serve mikrotik: --output raw gives the bytes as received" s3_ok
ros s4 root "$T/pw" '/export without-paging\n/quit\n' --term-size 80x25
check "serve mikrotik: --term-size 80x25, long lines still one each" \
    long_lines_whole s4 srv1
kill "$srv" 2>/dev/null
# serve ARGS...: the server again, the personality with ARGS.
serve() {
	lab_bg s "$T/srv2.log" "$BIN" -v serve mikrotik --users "$T/users" \
	    --mndp-interval 0 \
	    --exec "python3 $tools/routeros_console.py --identity srv1 $*" eth0
	srv=$LAB_PID
	wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/srv2.log"
}
wait_for 5 eval '! kill -0 $srv 2>/dev/null' 2>/dev/null
serve --refuse-first root --state "$T/refusals" || not_ok "the server again"
# named_and_said NAME TEXT: it worked (exit 0, name:), stderr says TEXT.
named_and_said() {
	[ "$rc" -eq 0 ] && grep -qx '  name: srv1' <(lines "$1") &&
	grep -q "$2" "$T/$1.err"
}
ros s5 root "$T/pw" '/system identity print\n/quit\n'
check "serve mikrotik: a refusal after END_AUTH is tried again, and works" \
    named_and_said s5 "login refused; trying again"
kill "$srv" 2>/dev/null
wait_for 5 eval '! kill -0 $srv 2>/dev/null' 2>/dev/null
serve --nag root || not_ok "the server again"
ros s6 root "$T/pw" '/system identity print\n/quit\n'
check "serve mikrotik: the nag is dismissed, with a warning" \
    named_and_said s6 "root has no or a default password"
kill "$srv" 2>/dev/null

# 2. RouterOS as a lab user's login shell under Debian's mactelnetd (MD5).
if mtd_have && mtd_user; then
	# mactelnetd writes the motd before the shell runs: the client's
	# keys reach a pty that is still cooked and turns CR into LF.
	printf '#!/bin/sh\nexec python3 %s/routeros_console.py --identity mtd1 --lf-enter\n' \
	    "$tools" > "$T/ros-shell"
	chmod 755 "$T/ros-shell"
	usermod -s "$T/ros-shell" "$MTD_USER"
	printf '%s\n' "$MTD_PW" > "$T/mtdpw"
	# Another device (MD5 only) on the MAC that logged us in with
	# EC-SRP5: a fresh known devices file, or the client refuses it.
	export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known_mtd
	if mtd_start s eth0 192.0.2.1/24; then
		ros m1 "$MTD_USER" "$T/mtdpw" '/system identity print\n/quit\n'
		m1_ok() {
			[ "$rc" -eq 0 ] && grep -qx '  name: mtd1' <(lines m1)
		}
		check "mactelnetd: batch /system identity print shows name:" m1_ok
		ros m2 "$MTD_USER" "$T/mtdpw" '/export\n/quit\n'
		check "mactelnetd: /export lines over 300 characters unbroken" \
		    long_lines_whole m2 mtd1
		# One MAC-Telnet server on the wire from here on.
		kill "$MTD_PID" 2>/dev/null
	else
		not_ok "mactelnetd starts"
	fi
else
	skip "mactelnetd sessions" "mactelnet-server missing or no lab user"
fi

# 3. IOS under serve mop --exec: the login, a 64 KiB running-config.
#    (--idle 5: the personality, a Python program, may take seconds to
#    start on a loaded machine.)
lab_serve_ios s "$T/mop.log" eth0 ||
    { not_ok "serve mop starts"; lab_done; }
printf 'cisco\ncisco\nenable\nterminal length 0\nshow running-config\nexit\n' |
    timeout 60 ip netns exec "$(lab_nsname c)" "$BIN" mop --idle 5 eth0 \
    $SRV > "$T/i1" 2> "$T/i1.err"
rc=$?
i1_login() {
	grep -qx 'User Access Verification' <(lines i1) &&
	grep -q '^Username: cisco$' <(lines i1) && grep -qx 'Password:' <(lines i1)
}
check "mop: batch shows IOS's login prompt" i1_login
i1_config() {
	local size body
	size=$(lines i1 | sed -n 's/^Current configuration : \([0-9]*\) bytes$/\1/p')
	body=$(lines i1 | sed -n '/^Current configuration/,/^end$/p' |
	    sed 1d | awk '{ n += length($0) + 2 } END { print n }')
	[ "${size:-0}" -ge 65536 ] && [ "$body" = "$size" ] &&
	! has i1 -- "--More--"
}
check "mop: terminal length 0, a 64 KiB show running-config whole" i1_config

# 4. Interactive, in tmux: the real terminal answers RouterOS's probes
#    and the model stays out: each cursor report goes out once (the
#    personality asks five times), counted in a --pcap capture.
TMUX_SOCK=l2c$$
tmux_gone() { tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; }
mtd_on_exit tmux_gone
pane() { tmux -L "$TMUX_SOCK" capture-pane -p -t l2c 2>/dev/null; }
pane_has() { pane | grep -q -- "$1"; }
if command -v tmux > /dev/null && serve; then
	tmux -L "$TMUX_SOCK" new-session -d -s l2c -x 120 -y 40 \
	    "ip netns exec $(lab_nsname c) env TERM=xterm $BIN --pcap $T/tty.pcap \
	    mikrotik -u root --password-file $T/pw eth0 $SRV; echo l2c-exit-\$?; sleep 30"
	if wait_for 15 pane_has '\[root@srv1\] >'; then
		tmux -L "$TMUX_SOCK" send-keys -t l2c '/system identity print' Enter
		wait_for 5 pane_has '  name: srv1'
		check "tmux: the real terminal answered, the command's output shows" \
		    [ $? -eq 0 ]
		tmux -L "$TMUX_SOCK" send-keys -t l2c '/quit' Enter
		wait_for 5 pane_has 'l2c-exit-0'
		replies=$(python3 "$tools/mt_replies.py" "$T/tty.pcap" $CLI)
		check "tmux: each cursor report went out once ($replies)" \
		    [ "${replies%% da*}" = "cpr 5" ]
	else
		not_ok "tmux: the session reaches the prompt ($(pane | grep . | tail -3))"
	fi
	tmux_gone
	kill "$srv" 2>/dev/null
else
	skip "tmux: the real terminal answers" "no tmux, or the server"
fi

# 5. Bad input: one line saying what, the usage, exit 64.
bad() {
	# shellcheck disable=SC2086
	"$BIN" mikrotik $1 eth0 $SRV < /dev/null > "$T/bad.out" 2>&1
	[ $? -eq 64 ] && [ "$(grep -c "^l2console: bad --" "$T/bad.out")" = 1 ]
}
for b in "--term-size 0x0" "--term-size abc" "--output foo" \
    "--log-format foo" "--term real"; do
	check "$b: one line, exit 64" bad "$b"
done
lab_done
