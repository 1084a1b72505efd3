#!/bin/bash
# SPDX-License-Identifier: ISC
# The scripted console (--command, --json, MOP's --login-user and
# --enable) against the lab's personalities: RouterOS as the console of
# `l2console serve mikrotik --exec`, IOS as that of `serve mop --exec`.
. "$(dirname "$0")/lib.sh"
lab_console

# in_c CMD...: run in the client's namespace, bounded.
in_c() { timeout 60 ip netns exec "$(lab_nsname c)" "$@"; }
# mt OUT OPTS...: a MikroTik scripted session; its status in $rc.
mt() {
	local out=$1
	shift
	L2CONSOLE_PASSWORD=pw-plain in_c "$BIN" mikrotik -u root "$@" eth0 \
	    $SRV > "$T/$out" 2> "$T/$out.err" < /dev/null
	rc=$?
}
# mop OUT OPTS...: a MOP scripted session; its status in $rc.
mop() {
	local out=$1
	shift
	in_c "$BIN" mop "$@" eth0 $SRV > "$T/$out" 2> "$T/$out.err" \
	    < /dev/null
	rc=$?
}

printf 'root:pw-plain\n' > "$T/users"
chmod 600 "$T/users"
lab_bg s "$T/srv.log" "$BIN" -v serve mikrotik --users "$T/users" \
    --exec "python3 $tools/routeros_console.py --identity lab1" \
    --mndp-interval 0 eth0
mtsrv=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$T/srv.log" ||
    { not_ok "serve mikrotik starts"; cat "$T/srv.log"; lab_done; }

mt j1 --json --command '/system identity print' \
    --command '/system resource print' --command '/system identity print'
want_j1() {
	python3 - "$T/j1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert [x["command"] for x in d] == ["/system identity print",
    "/system resource print", "/system identity print"], d
assert d[0]["output"] == "  name: lab1", d[0]
assert d[2]["output"] == "  name: lab1", d[2]
r = d[1]["output"].split("\n")
assert len(r) == 17 and r[0] == "                   uptime: 1w2d3h4m5s" \
    and r[-1] == "                 platform: MikroTik", r
assert all(x["error"] is None for x in d), d
assert all(0 < x["seconds"] < 10 for x in d), d
PY
}
check "RouterOS: three commands with --json, output exact (status $rc)" \
    want_j1
check "RouterOS: --json exits 0" [ "$rc" -eq 0 ]

mt t1 --command '/system identity print'
check "RouterOS: one command, plain text, no header" \
    [ "$(cat "$T/t1")" = "  name: lab1" ]

mt f1 --command '/system identity print' --command '/foo bar'
fails_f1() {
	[ "$rc" -eq 3 ] && grep -qx '==> /foo bar <==' "$T/f1" &&
	    grep -qx 'bad command name foo (line 1 column 2)' "$T/f1"
}
check "RouterOS: a bad command gives status 3 (got $rc)" fails_f1

mt p1 --json --command '/export'
paged_p1() {
	python3 - "$T/p1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
o = d[0]["output"]
assert "-- [Q quit" not in o and "\x1b" not in o, o[:200]
assert o.startswith("# 2025-11-20 10:00:00 by RouterOS 7.21"), o[:100]
assert o.endswith('step 39 of the long script\\""'), o[-100:]
PY
}
check "RouterOS: /export through the pager, complete (status $rc)" paged_p1
L2CONSOLE_PASSWORD=wrong in_c "$BIN" mikrotik -u root --command \
    '/system identity print' eth0 $SRV > "$T/w1" 2> "$T/w1.err" < /dev/null
rc=$?
check "RouterOS: a wrong password is status 2 (got $rc)" [ "$rc" -eq 2 ]
kill "$mtsrv" 2>/dev/null

lab_serve_ios s "$T/mop.log" eth0 --login admin:s3cret ||
    { not_ok "serve mop starts"; cat "$T/mop.log"; lab_done; }
mopsrv=$LAB_PID
printf 's3cret\n' > "$T/pw"
printf 'en4ble\n' > "$T/enpw"

mop m1 --json --login-user admin --password-file "$T/pw" \
    --command 'show clock' --command 'show version'
want_m1() {
	python3 - "$T/m1" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
assert re.match(r"^\*\d\d:\d\d:\d\d\.000 UTC ", d[0]["output"]), d[0]
v = d[1]["output"]
assert v.startswith("Cisco IOS Software, C2960"), v[:80]
assert v.endswith("Configuration register is 0xF"), v[-80:]
assert "--More--" not in v and "\b" not in v, v
assert all(x["error"] is None for x in d), d
PY
}
check "IOS: --login-user, show clock and show version (--More--) (status $rc)" \
    want_m1

L2CONSOLE_PASSWORD=s3cret L2CONSOLE_ENABLE_PASSWORD=en4ble \
    mop m2 --login-user admin --enable --command 'show running-config'
big_m2() {
	local size body
	size=$(sed -n 's/^Current configuration : \([0-9]*\) bytes$/\1/p' \
	    "$T/m2")
	body=$(sed -n '/^Current configuration/,/^end$/p' "$T/m2" | sed 1d |
	    awk '{ n += length($0) + 2 } END { print n }')
	[ "$rc" -eq 0 ] && [ "${size:-0}" -ge 65536 ] && [ "$body" = "$size" ]
}
check "IOS: --enable reaches #, 64 KiB running-config whole (status $rc)" \
    big_m2

L2CONSOLE_PASSWORD=s3cret mop m3 --login-user admin --command 'sh bogus'
check "IOS: % Invalid input gives status 3 (got $rc)" [ "$rc" -eq 3 ]

printf 'wrong\n' > "$T/badpw"
mop m4 --login-user admin --password-file "$T/badpw" --command 'show clock'
login_m4() { [ "$rc" -eq 2 ] && grep -q "login failed" "$T/m4.err"; }
check "IOS: a wrong password is login failed, status 2 (got $rc)" login_m4
kill "$mopsrv" 2>/dev/null

# IOS that shows its login only after an Enter: the wake-up CR.
lab_serve_ios s "$T/enter.log" eth0 --enter ||
    { not_ok "serve mop (IOS --enter) starts"; lab_done; }
L2CONSOLE_PASSWORD=cisco mop e1 --login-user cisco --command 'show clock'
check "IOS --enter: one CR wakes the login (status $rc)" \
    grep -q ' UTC ' "$T/e1"
kill "$LAB_PID" 2>/dev/null

# A shell as the console: --prompt for its prompt, a command that never
# returns hits --command-timeout.
lab_bg s "$T/sh.log" "$BIN" -v serve mop \
    --exec "env PS1='lab\$ ' /bin/sh -i" eth0
wait_for 5 grep -q "serving the MOP console" "$T/sh.log" ||
    { not_ok "serve mop --exec sh starts"; cat "$T/sh.log"; lab_done; }
mop s1 --json --prompt '^lab\$ ' --command-timeout 2 \
    --command 'echo MARK-$((6*7))' --command 'sleep 60' --command 'echo no'
timeout_s1_rc() { [ "$rc" -eq 4 ] && timeout_s1; }
timeout_s1() {
	python3 - "$T/s1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 2, d
assert d[0]["output"] == "MARK-42" and d[0]["error"] is None, d[0]
assert d[1]["error"] == "no prompt within 2 s", d[1]
assert 2 <= d[1]["seconds"] < 5, d[1]
PY
}
check "a command that never returns: --command-timeout, status 4 (got $rc)" \
    timeout_s1_rc

# RouterOS as the login shell of Debian's mactelnetd (MD5).
if ! command -v mactelnetd > /dev/null; then
	skip "RouterOS under Debian's mactelnetd (MD5)" "no mactelnetd"
	lab_done
fi
# shellcheck source=tests/lab/mtd.sh
. "$(dirname "$0")/mtd.sh"
mtd_user || { not_ok "a lab user for mactelnetd"; lab_done; }
printf '#!/bin/sh\nexec python3 %s/routeros_console.py --identity mtd1\n' \
    "$tools" > "$T/ros-shell"
chmod 755 "$T/ros-shell"
usermod -s "$T/ros-shell" "$MTD_USER"
lab_addr c eth0 192.0.2.2/24
# Another device (MD5 only) on the MAC that logged us in with EC-SRP5:
# a fresh known devices file, or the client refuses it.
export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known_mtd
if mtd_start s eth0 192.0.2.1/24; then
	L2CONSOLE_PASSWORD=$MTD_PW in_c "$BIN" mikrotik -u "$MTD_USER" \
	    --json --command '/system identity print' eth0 $SRV \
	    > "$T/d1" 2> "$T/d1.err" < /dev/null
	rc=$?
	want_d1() {
		[ "$rc" -eq 0 ] && python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d[0]["output"] == "  name: mtd1" and d[0]["error"] is None, d' \
		    "$T/d1"
	}
	check "RouterOS under Debian's mactelnetd (MD5): --json (status $rc)" \
	    want_d1
else
	not_ok "RouterOS under Debian's mactelnetd: it starts"
fi
lab_done
