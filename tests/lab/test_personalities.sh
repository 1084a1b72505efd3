#!/bin/bash
# SPDX-License-Identifier: ISC
# The lab's console personalities on their own, each on a pty
# (tests/tools/pty_drive.py): RouterOS (routeros_console.py) measures the
# terminal and renders nothing when nobody answers, hard-wraps for a
# terminal that does not wrap, pages, nags, refuses a first login; IOS
# (ios_console.py) asks for a login, pages at --More--, and sends a
# 64 KiB running-config whole with "terminal length 0".  As root, the
# RouterOS one also runs as the console of `l2console serve mikrotik
# --exec` and of Debian's mactelnetd (a login shell), reached with
# Debian's mactelnet on a pty; everything else needs no namespace.
# The check functions read variables set just before they run:
# shellcheck disable=SC2015,SC2034
set -u
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
tools=$(cd "$(dirname "$0")/../tools" && pwd)
LAB_TMP=$(mktemp -d /tmp/l2c-pers.XXXXXX)
chmod 1777 "$LAB_TMP"	# the lab user's refusal state goes here
[ -n "${KEEP:-}" ] || trap 'lab_cleanup' EXIT
T=$LAB_TMP

# A wrapping 80x25 terminal, as tik4net answers RouterOS; $1 the
# answer to the wrap check, $2 the height, $3 the width.
answers() {
	local w=${3:-80}
	printf '%s' "\\x1b[?1;2c,\\x1b[1;1R,\\x1b[1;${w}R,\\x1b[$1R,"
	printf '%s' "\\x1b[${2:-25};${w}R,\\x1b[1;3R"
}
WRAPS=$(answers 2\;1)
# ros OUT ANSWERS INPUT [ARGS...]: one RouterOS session; its status.
ros() {
	local out=$1 ans=$2 in=$3
	shift 3
	python3 "$tools/pty_drive.py" --answers "$ans" --input "$in" \
	    --out "$T/$out" -- python3 "$tools/routeros_console.py" \
	    --identity lab1 --user admin --probe-timeout 0.3 "$@"
}
# lines FILE: the output as lines, without CR.
lines() { tr -d '\r' < "$T/$1"; }
has() { grep -qF -- "$2" "$T/$1"; }

# 1. The probe, in RouterOS's order, then prompt, echo and output.
ros r1 "$WRAPS" '/system identity print\r/quit\r'
rc=$?
printf '\033Z\033[6n\033[H\033[9999C\033[6n \033[6n\033[9999B\033[6n\033D\033[r\033[H\303\251H\033[6n' \
    > "$T/probe"
check "RouterOS: the probes come first, in order" \
    cmp -s -n "$(wc -c < "$T/probe")" "$T/probe" "$T/r1"
check "RouterOS: /system identity print shows name:" \
    grep -qx '  name: lab1' <(lines r1)
check "RouterOS: the prompt is repainted with \\r\\r\\r\\r" \
    has r1 "$(printf '\r\r\r\r[admin@lab1] > ')"
check "RouterOS: the command comes back twice (echo, redraw)" \
    [ "$(grep -o '/system identity print' "$T/r1" | wc -l)" = 2 ]
check "RouterOS: /quit ends it (status 0)" [ $rc -eq 0 ]

# 2. Nobody answers: 1x1, no command output, only repainted prompts.
ros r2 "" '/system identity print\r/system resource print\r/quit\r'
check "RouterOS: no answer to the probes -> no command output" \
    [ "$(cat "$T/r2")" = "$(printf '\033Z\033[6n\r\r\r\r] > \r\r\r\r] > \r\r\r\r] > ')" ]

# 2b. Typed lines end with a bare CR: a LF is no Enter.
ros r2b "$WRAPS" '/system identity print\n/quit\r'
c1() {
	! has r2b "  name: lab1" &&
	grep -q "^bad command name system " <(lines r2b)
}
check "RouterOS: a LF does not end a typed line, a CR does" c1

# 3. /system resource print, an unknown command.
ros r3 "$WRAPS" '/system resource print\r/foo bar\r/quit\r'
c2() {
	has r3 "uptime: 1w2d3h4m5s" && has r3 "board-name: CHR"
}
check "RouterOS: /system resource print" c2
check "RouterOS: an unknown command's error" \
    grep -qx 'bad command name foo (line 1 column 2)' <(lines r3)

# 4. /export on a wide terminal: lines of more than 300, unbroken.
ros r4 "$(answers 2\;1 200 4096)" '/export\r/quit\r'
check "RouterOS: /export has lines longer than 300 characters" \
    [ "$(lines r4 | awk 'length > 300' | wc -l)" -ge 40 ]
check "RouterOS: /export ends with its script line" \
    grep -q '^add name=long source=.*step 39 of the long script\\""$' \
    <(lines r4)

# 5. A terminal that does not wrap: RouterOS hard-wraps at its width.
ros r5 "$(answers 1\;80 200)" '/export without-paging\r/quit\r'
c3() {
	[ "$(lines r5 | awk "length > 80" | wc -l)" = 0 ] &&
	[ "$(lines r5 | wc -l)" -gt 200 ]
}
check "RouterOS: no wrap -> CR LF inside long lines, none over 80" c3

# 6. The pager on tall output: q stops, without-paging never stops.
ros r6 "$(answers 2\;1 10)" '/export\rq/system identity print\r/quit\r'
c4() {
	has r6 "-- [Q quit|D dump|down]" && ! has r6 "set name=lab1" &&
	has r6 "  name: lab1"
}
check "RouterOS: output taller than the terminal stops at the pager" c4
ros r7 "$(answers 2\;1 10)" '/export without-paging\r/quit\r'
c5() {
	! has r7 "-- [Q quit" && has r7 "set name=lab1"
}
check "RouterOS: without-paging does not page" c5

# 7. The change-password nag for a configured user, Ctrl-C dismisses.
ros r8 "$WRAPS" '\x03/system identity print\r/quit\r' --nag admin
c6() {
	[ "$(grep -o "new password> " "$T/r8" | wc -l)" = 2 ] &&
	[ "$(grep -bo "new password> " "$T/r8" | head -1 | cut -d: -f1)" -lt \
	"$(grep -bo "\[admin@lab1\] > " "$T/r8" | head -1 | cut -d: -f1)" ]
}
check "RouterOS: the nag comes before the prompt (painted twice)" c6
check "RouterOS: Ctrl-C dismisses the nag, the session goes on" \
    grep -qx '  name: lab1' <(lines r8)
ros r9 "$WRAPS" '/quit\r' --nag someone-else
c7() {
	! has r9 "new password"
}
check "RouterOS: no nag for a user not configured" c7

# 8. A refusal after END_AUTH, the first attempt only.
st=$T/refusals
ros r10 "$WRAPS" '' --refuse-first admin \
    --state "$st"
rc=$?
c8() {
	[ "$rc" -eq 0 ] && [ "$(cat "$T/r10")" = "$(printf \
	"Login failed, incorrect username or password\r\n")" ]
}
check "RouterOS: the first login is refused at once, no probe" c8
ros r11 "$WRAPS" '/system identity print\r/quit\r' --refuse-first admin \
    --state "$st"
check "RouterOS: the second login works" grep -qx '  name: lab1' <(lines r11)

# ios OUT INPUT [ARGS...]: one IOS session; its status.
ios() {
	local out=$1 in=$2
	shift 2
	local opts=(--input "$in" --out "$T/$out" --timeout 15)
	case "${1:-}" in --now) opts+=(--now); shift ;; esac
	[ "${1:-}" = --enter ] && opts+=(--timeout 2)
	python3 "$tools/pty_drive.py" "${opts[@]}" -- \
	    python3 "$tools/ios_console.py" "$@"
}

# 9. Login, prompts, the pager, show clock, exit.
IOS_LOGIN=admin:s3cret \
    ios i1 'admin\rs3cret\rshow version\r show clock\renable\rexit\r'
rc=$?
c9() {
	has i1 "$(printf "\r\n\r\nUser Access Verification\r\n\r\nUsername: ")" &&
	has i1 "Password: "
}
check "IOS: User Access Verification, Username:, Password:" c9
c10() {
	has i1 "Username: admin" && ! has i1 s3cret
}
check "IOS: the password is not echoed" c10
c11() {
	has i1 "Router>show version" && has i1 "Router#exit"
}
check "IOS: Router> then enable -> Router#" c11
c12() {
	[ "$(lines i1 | sed -n "/Router>show version/,/--More--/p" |
	wc -l)" = 25 ] && has i1 "Configuration register is 0xF"
}
check "IOS: --More-- after 23 lines of show version, space goes on" c12
check "IOS: show clock" \
    grep -qE '^\*[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} UTC ' <(lines i1)
check "IOS: exit closes the line (status 0)" [ $rc -eq 0 ]

# 10. terminal length 0: a 64 KiB running-config arrives whole.
ios i2 'cisco\rcisco\renable\rterminal length 0\rshow running-config\rexit\r'
size=$(lines i2 | sed -n 's/^Current configuration : \([0-9]*\) bytes$/\1/p')
body=$(lines i2 | sed -n '/^Current configuration/,/^end$/p' | sed 1d |
    awk '{ n += length($0) + 2 } END { print n }')
c13() {
	[ "${size:-0}" -ge 65536 ] && [ "$body" = "$size" ] &&
	! has i2 "--More--"
}
check "IOS: show running-config, ~64 KiB, whole, no --More--" c13

# 11. Invalid input, and show running-config needs enable.
ios i3 'cisco\rcisco\rfoo\rshow running-config\rexit\r'
c14() {
	lines i3 | grep -A2 -x "Router>foo" | grep -qx "       ^" &&
	has i3 "% Invalid input detected at '^' marker."
}
check "IOS: the caret marks the word it does not know" c14
c15() {
	lines i3 | grep -A1 -x "Router>show running-config" |
	grep -qx "            ^"
}
check "IOS: show running-config in user EXEC is invalid" c15

# 12. Three wrong logins: % Login invalid each time, the line closed.
ios i4 'a\rb\rc\rd\re\rf\rcisco\rcisco\r'
rc=$?
c16() {
	[ "$rc" -eq 1 ] && [ "$(grep -c "% Login invalid" "$T/i4")" = 3 ] &&
	! has i4 "Router>"
}
check "IOS: three wrong logins close the line" c16
# 12b. IOS often shows the first prompt only after an Enter (--enter).
ios i5 '' --enter
rc=$?
ios i6 '\r' --now --enter
c17() {
	[ "$rc" -eq 124 ] && [ ! -s "$T/i5" ] &&
	has i6 "User Access Verification"
}
check "IOS --enter: nothing until an Enter, then the login" c17

# 13. As the console of our server and of Debian's mactelnetd.
if [ "$(id -u)" != 0 ] || ! command -v mactelnet > /dev/null ||
    [ ! -x "${L2C_BIN:-}" ]; then
	skip "RouterOS under serve mikrotik --exec" "needs root, mactelnet, L2C_BIN"
	skip "RouterOS under Debian's mactelnetd" "needs root, mactelnet, L2C_BIN"
	lab_done
fi
# shellcheck source=tests/lab/mtd.sh
. "$(dirname "$0")/mtd.sh"
SRV=02:4c:32:43:00:01
lab_ns s && lab_ns c || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $SRV c eth0 02:4c:32:43:00:02
lab_addr c eth0 192.0.2.2/24	# Debian's mactelnet sends from a socket
ip -n "$(lab_nsname c)" route add default dev eth0
# deb OUT USER PASSWORD AFTER INPUT: Debian's client on a pty, from c.
deb() {
	timeout 30 ip netns exec "$(lab_nsname c)" python3 \
	    "$tools/pty_drive.py" --answers "$(answers 2\;1 200 4096)" \
	    --after "$4" --input "$5" --idle 2 --out "$T/$1" -- \
	    mactelnet -u "$2" -p "$3" $SRV
}
printf 'root:pw-plain\n' > "$T/users"
chmod 600 "$T/users"
lab_bg s "$T/srv.log" "$L2C_BIN" -v serve mikrotik --users "$T/users" \
    --exec "python3 $tools/routeros_console.py --identity srv1" \
    --mndp-interval 0 eth0
if wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/srv.log"; then
	deb d1 root pw-plain '] > ' '/system identity print\r/quit\r'
	c18() {
		has d1 "$(printf "\033Z\033[6n")" &&
		has d1 "[root@srv1] > " && has d1 "  name: srv1"
	}
	check "RouterOS under serve mikrotik --exec: probe, prompt, output" c18
else
	not_ok "RouterOS under serve mikrotik --exec: the server starts"
fi
kill "$LAB_PID" 2>/dev/null
mtd_user || { not_ok "a lab user for mactelnetd"; lab_done; }
printf '#!/bin/sh\nexec python3 %s/routeros_console.py --identity mtd1 \\\n    --nag %s --refuse-first %s --state %s/mtd.state\n' \
    "$tools" "$MTD_USER" "$MTD_USER" "$T" > "$T/ros-shell"
chmod 755 "$T/ros-shell"
usermod -s "$T/ros-shell" "$MTD_USER"
if mtd_start s eth0 192.0.2.1/24; then
	deb d2 "$MTD_USER" "$MTD_PW" 'Connecting' ''
	deb d3 "$MTD_USER" "$MTD_PW" 'new password> ' \
	    '\x03/system identity print\r/quit\r'
	c19() {
		has d2 "Login failed, incorrect username or password" &&
		! has d2 "> " && has d3 "[$MTD_USER@mtd1] > " &&
		has d3 "  name: mtd1"
	}
	check "RouterOS under Debian's mactelnetd: refused once, then nags" c19
else
	not_ok "RouterOS under Debian's mactelnetd: it starts"
fi
lab_done
