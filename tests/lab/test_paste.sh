#!/bin/bash
# SPDX-License-Identifier: ISC
# Safe paste and file send in the interactive console, driven on a pty
# (tests/tools/pty_drive.py): a 500-line IOS configuration pasted into
# the IOS personality over MOP, and a 500-line RouterOS script sent with
# ^] s into the RouterOS personality over MAC-Telnet, each arriving
# whole, in order, every line accepted (the personalities record what
# they read); a send stopped with ^C in the middle (20 ms a line, so
# that the middle lasts) leaves the session usable.
# shellcheck disable=SC2015
set -u
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
lab_console

# drive OUT ARGS...: the client on a pty in c (pty_drive.py's options,
# then -- and the client's arguments).
drive() {
	local out=$1
	shift
	timeout 120 ip netns exec "$(lab_nsname c)" python3 \
	    "$tools/pty_drive.py" --out "$T/$out" "$@"
}

# 1. IOS: 500 configuration lines in one bracketed paste.
python3 "$tools/ios_paste.py" make "$T/ios.cfg"
lab_for_all "$T/ios.rec"
lab_serve_ios s "$T/mop.log" eth0 --login admin:s3cret --record "$T/ios.rec" ||
    { not_ok "serve mop starts"; cat "$T/mop.log"; lab_done; }
# Bracketed, as a terminal asked to (ESC [ ? 2004 h) sends a paste: the
# marks must not reach the device.
paste="\\033[200~$(tr '\n' '\r' < "$T/ios.cfg")\\033[201~"
drive p1 --timeout 100 --idle 3 --after "Username: " --input 'admin\r' \
    --then "Password: " 's3cret\r' --then "Router>" 'enable\r' \
    --then "Router#" 'configure terminal\r' \
    --then "Router(config)#" "$paste" \
    --then "paste line 100" 'end\r' --then "Router#" 'exit\r' -- \
    "$BIN" mop eth0 $SRV
rc=$?
ios_whole() {
	python3 "$tools/ios_paste.py" check "$T/ios.cfg" "$T/ios.rec" "end" "exit"
}
check "IOS over MOP: a 500-line paste arrives whole and in order (status $rc)" \
    ios_whole
check "IOS over MOP: every pasted line accepted" \
    bash -c "! grep -q 'Invalid input' '$T/p1'"
check "IOS over MOP: no line went without its echo" \
    bash -c "! grep -q 'without an echo' '$T/p1'"
echo "# IOS paste: $(wc -l < "$T/ios.rec") lines recorded"

# 2. RouterOS: a 500-line script sent with ^] s; then a stop with ^C.
python3 - "$T/ros.rsc" <<'PY'
import sys
lines = []
for i in range(1, 501):
    if i % 50 == 1:
        lines.append("# part %d" % (i // 50 + 1))
    elif i % 2:
        lines.append("/ip address add address=10.%d.%d.1/24 interface=ether1"
                     " comment=script-%03d" % (i // 250, i % 250, i))
    else:
        lines.append("/ip firewall address-list add list=lab address="
                     "192.0.2.%d comment=script-%03d" % (i % 250, i))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
lab_serve_routeros "$T/srv.log" --identity lab1 --record "$T/ros.rec"
ANS='\033[?1;0c,\033[1;1R,\033[1;200R,\033[2;1R,\033[50;1R,\033[1;3R'
L2CONSOLE_PASSWORD=pw-plain drive r1 --timeout 100 --idle 3 \
    --answers "$ANS" --after "] > " --input '\035s' \
    --then "file to send: " "$T/ros.rsc\\r" --then "sent $T/ros.rsc" \
    '/system identity print\r' --then "name: lab1" '/quit\r' -- \
    "$BIN" mikrotik -u root eth0 $SRV
rc=$?
ros_whole() {
	python3 - "$T/ros.rsc" "$T/ros.rec" <<'PY'
import sys
want = open(sys.argv[1]).read().split("\n")[:-1]
got = open(sys.argv[2]).read().split("\n")[:-1]
bad = [(i, a[:60], b[:60]) for i, (a, b) in enumerate(zip(got, want))
       if a != b][:3]
assert got[:500] == want, bad or (len(got), len(want))
assert got[500:] == ["/system identity print", "/quit"], \
    [x[:60] for x in got[500:]]
PY
}
check "RouterOS over MAC-Telnet: ^] s sends 500 lines whole, in order (status $rc)" \
    ros_whole
check "RouterOS: every sent line accepted" \
    bash -c "! grep -q 'bad command name' '$T/r1'"
check "RouterOS: the send says what it sent" \
    grep -q "sent $T/ros.rsc: 500 lines" "$T/r1"
# The figure for the report: how long 500 paced lines took.
echo "# $(tr -d '\r' < "$T/r1" | grep -o 'sent [^ ]*: 500 lines.*' | head -1)"

rm -f "$T/ros.rec"
L2CONSOLE_PASSWORD=pw-plain drive r2 --timeout 100 --idle 3 \
    --answers "$ANS" --after "] > " --input '\035s' \
    --then "file to send: " "$T/ros.rsc\\r" --then "comment=script-040" \
    '\003' --then "stopped after" '/system identity print\r' \
    --then "name: lab1" '/quit\r' -- "$BIN" mikrotik -u root \
    --paste-wait 20 eth0 $SRV
rc=$?
ros_stopped() {
	python3 - "$T/ros.rsc" "$T/ros.rec" <<'PY'
import sys
want = open(sys.argv[1]).read().split("\n")[:-1]
got = open(sys.argv[2]).read().split("\n")[:-1]
n = len(got) - 2
assert 40 <= n < 500, n
assert got[:n] == want[:n], "out of order"
assert got[n:] == ["/system identity print", "/quit"], \
    [x[:60] for x in got[n:]]
PY
}
check "RouterOS: ^C stops the send midway, the session goes on (status $rc)" \
    ros_stopped
check "RouterOS: the stop is reported" grep -q "stopped after" "$T/r2"
lab_done
