#!/bin/bash
# SPDX-License-Identifier: ISC
# Lua scripts (--script) on the scripted console: over MOP against the
# IOS personality (serve mop --exec) and over MAC-Telnet against the
# RouterOS one (serve mikrotik --exec); errors are FILE:LINE and status
# 6 with the session closed (the MOP server sees the Release); the
# sandbox; an endless loop ends; the contrib scripts compile.
. "$(dirname "$0")/lib.sh"
lab_console
contrib=$(cd "$(dirname "$0")/../../contrib/scripts" && pwd)

in_c() { timeout 60 ip netns exec "$(lab_nsname c)" "$@"; }
# mop OUT OPTS...: a MOP script session; its status in $rc.
mop() {
	local out=$1
	shift
	L2CONSOLE_PASSWORD=s3cret in_c "$BIN" mop --login-user admin "$@" \
	    eth0 $SRV > "$T/$out" 2> "$T/$out.err" < /dev/null
	rc=$?
}
# released N: the MOP server has seen N Releases from the client.
released() {
	[ "$(grep -c "$CLI.*released" "$T/mop.log")" -ge "$1" ]
}

lab_serve_ios s "$T/mop.log" eth0 --login admin:s3cret ||
    { not_ok "serve mop starts"; cat "$T/mop.log"; lab_done; }

cat > "$T/day0.lua" <<'LUA'
local out, err = command("show clock")
assert(err == nil and out:match(" UTC "), "show clock: " .. tostring(out))
assert(prompt() == "Router>", "prompt " .. tostring(prompt()))
sendline("enable")
assert(expect("^Router#", 5), "no # after enable")
assert(expect("never there", 0.2) == nil)
command("configure terminal")
command("hostname lab9")
command("end")
local o, e = command("show bogus")
assert(e and e:match("^%% Invalid input"), "failure " .. tostring(e))
local ver, maj = command("show version"):match("Version (1(%d)%.[%d.()A-Z]+)")
sleep(0.2)
sendline("show clock")
local t, h = expect("([0-9][0-9]):[0-9][0-9]:[0-9][0-9]\\.000 UTC")
assert(t and #h == 2, "expect groups")
assert(screen():match("lab9#show clock"), "screen")
log("day0 on " .. prompt())
print("RESULT " .. prompt() .. " " .. tostring(ver))
exit(7)
LUA
mop d1 --script "$T/day0.lua"
day0_d1() {
	[ "$rc" -eq 7 ] && grep -qx 'RESULT lab9# 15\..*' "$T/d1" &&
	    grep -qx 'day0 on lab9#' "$T/d1.err"
}
check "IOS: a day-0 script runs, its exit code is ours (got $rc)" day0_d1
check "IOS: ... and the session released" wait_for 5 released 1

printf 'local x = 1\nlocal y = = 2\n' > "$T/syn.lua"
mop s1 --script "$T/syn.lua"
syntax_s1() { [ "$rc" -eq 6 ] && grep -q "syn.lua:2: " "$T/s1.err"; }
check "a syntax error: FILE:LINE, status 6 (got $rc)" syntax_s1
check "... one line" [ "$(wc -l < "$T/s1.err")" -eq 1 ]

printf 'command("show clock")\n\nnosuch()\n' > "$T/rt.lua"
mop r1 --script "$T/rt.lua"
runtime_r1() {
	[ "$rc" -eq 6 ] && [ "$(wc -l < "$T/r1.err")" -eq 1 ] &&
	    grep -q "rt.lua:3: .*nosuch" "$T/r1.err"
}
check "a runtime error: FILE:LINE, status 6 (got $rc)" runtime_r1
check "... and the session released" wait_for 5 released 2

printf 'os.execute("touch %s/pwned")\n' "$T" > "$T/sb.lua"
mop b1 --script "$T/sb.lua"
sandbox_b1() {
	[ "$rc" -eq 6 ] && grep -q "sb.lua:1: .*'os'" "$T/b1.err" &&
	    [ ! -e "$T/pwned" ]
}
check "the sandbox has no os.execute (got $rc)" sandbox_b1
printf 'print(io, os, dofile, loadfile, load, require)\n' > "$T/sb2.lua"
mop b2 --script "$T/sb2.lua"
# out_is FILE TEXT: status 0 and stdout exactly TEXT.
out_is() { [ "$rc" -eq 0 ] && [ "$(cat "$T/$1")" = "$2" ]; }
check "... nor io, os, dofile, loadfile, load, require (got $rc)" \
    out_is b2 "$(printf 'nil\tnil\tnil\tnil\tnil\tnil')"
# ... and, unsafe or not, never root: it runs after the privilege drop.
printf 'print(type(os.execute), io.popen("id -u"):read("l"))\n' \
    > "$T/un.lua"
mop u1 --script "$T/un.lua" --script-unsafe
check "--script-unsafe: the full libraries, as nobody (got $rc)" \
    out_is u1 "$(printf 'function\t%s' "$(id -u nobody)")"

printf 'command("show clock")\nwhile true do end\n' > "$T/loop.lua"
t0=$(date +%s)
mop l1 --script "$T/loop.lua" --script-timeout 1
t1=$(date +%s)
loop_l1() {
	[ "$rc" -eq 6 ] && grep -q "loop.lua:2: timeout" "$T/l1.err" &&
	    [ $((t1 - t0)) -lt 15 ]
}
check "an endless loop times out: status 6 (got $rc, $((t1 - t0)) s)" \
    loop_l1
check "... and the session released" wait_for 5 released 6

# SIGTERM while the script waits (timeout passes it on): one line,
# status 6, the Release.
printf 'command("show clock")\nlog("sleeping")\nsleep(60)\n' > "$T/int.lua"
L2CONSOLE_PASSWORD=s3cret timeout 60 ip netns exec "$(lab_nsname c)" \
    "$BIN" mop --login-user admin --script "$T/int.lua" eth0 $SRV \
    > "$T/i1" 2> "$T/i1.err" < /dev/null &
bgpid=$!
wait_for 30 grep -q sleeping "$T/i1.err"
kill -TERM "$bgpid"
wait "$bgpid"
rc=$?
intr_i1() { [ "$rc" -eq 6 ] && grep -q "int.lua:3: interrupted" "$T/i1.err"; }
check "SIGTERM ends a waiting script: status 6 (got $rc)" intr_i1
check "... and the session released" wait_for 5 released 7

kill "$LAB_PID" 2>/dev/null

printf 'root:pw-plain\n' > "$T/users"
chmod 600 "$T/users"
lab_bg s "$T/srv.log" "$BIN" -v serve mikrotik --users "$T/users" \
    --exec "python3 $tools/routeros_console.py --identity lab1" \
    --mndp-interval 0 eth0
wait_for 20 grep -q "serving MAC-Telnet on eth0" "$T/srv.log" ||
    { not_ok "serve mikrotik starts"; cat "$T/srv.log"; lab_done; }
cat > "$T/ros.lua" <<'LUA'
local out, err = command("/system identity print")
assert(err == nil, err)
local name = out:match("name: (%S+)")
local _, bad = command("/foo bar")
assert(bad and bad:match("^bad command name foo"), tostring(bad))
assert(prompt() == "[root@lab1] >", "prompt " .. tostring(prompt()))
sendline("/system identity print")
assert(expect("name: lab1\n"), "expect over MAC-Telnet")
assert(expect("] > $"), "the prompt again")
print("identity " .. name)
LUA
L2CONSOLE_PASSWORD=pw-plain in_c "$BIN" mikrotik -u root --script \
    "$T/ros.lua" eth0 $SRV > "$T/m1" 2> "$T/m1.err" < /dev/null
rc=$?
check "RouterOS: a script over MAC-Telnet (got $rc)" \
    out_is m1 "identity lab1"

# The contrib scripts compile: l2console compiles a script before it
# opens the interface, so a missing one says so, not a syntax error.
for f in "$contrib"/*.lua; do
	"$BIN" mop l2c-no-such-if $SRV --script "$f" > /dev/null \
	    2> "$T/contrib.err" < /dev/null
	rc=$?
	check "contrib/scripts/$(basename "$f") compiles (got $rc)" \
	    [ "$rc" -eq 71 ]
done
lab_done
