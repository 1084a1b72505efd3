#!/bin/bash
# SPDX-License-Identifier: ISC
# The escape prompt's small tools in an interactive session with the
# RouterOS personality over MAC-Telnet, on a pty (tests/tools/
# pty_drive.py): t stamps the lines shown, w writes hex bytes as typed
# input, m maps CR away from the output (IGNCR), h shows the output as
# hex bytes.
# shellcheck disable=SC2015
set -u
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
lab_console

lab_serve_routeros "$T/srv.log" --identity lab1 --record "$T/rec"
ANS='\033[?1;0c,\033[1;1R,\033[1;200R,\033[2;1R,\033[50;1R,\033[1;3R'
CMD='/system identity print\r'
HEX=$(printf '/system identity print\r' | od -An -tx1 | tr -s ' \n' ' ')
L2CONSOLE_PASSWORD=pw-plain timeout 60 ip netns exec "$(lab_nsname c)" \
    python3 "$tools/pty_drive.py" --out "$T/out" --timeout 40 --idle 2 \
    --answers "$ANS" --after "] > " --input '\035t' \
    --then "time stamps on" "$CMD" --then "name: lab1" '\035t' \
    --then "time stamps off" "\\035w$HEX\\r" \
    --then "name: lab1" '\035mIGNCR\r' \
    --then "maps: IGNCR" "$CMD" --then "name: lab1" '\035mnone\r\035h' \
    --then "hex view on" "$CMD" -- "$BIN" mikrotik -u root eth0 $SRV
rc=$?
# part A B: the output between the notices A and B ("" for the end).
part() {
	python3 - "$T/out" "$1" "$2" <<'PY'
import sys
out = open(sys.argv[1], "rb").read()
a = out.index(sys.argv[2].encode()) + len(sys.argv[2])
b = out.index(sys.argv[3].encode(), a) if sys.argv[3] else len(out)
sys.stdout.buffer.write(out[a:b])
PY
}
part "time stamps on" "time stamps off" > "$T/stamped"
part "time stamps off" "maps: IGNCR" > "$T/written"
part "maps: IGNCR" "maps: none" > "$T/mapped"
part "hex view on" "" > "$T/hex"

check "t: the lines shown start with the time (status $rc)" \
    grep -qaE '^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}\]   name: lab1' \
    "$T/stamped"
check "w: hex bytes go out as typed input" grep -qa "name: lab1" "$T/written"
check "w: the device read the line written" \
    [ "$(grep -c '^/system identity print$' "$T/rec")" -eq 4 ]
mapped_ok() {
	grep -qa "name: lab1" "$T/mapped" &&
	    ! grep -qa "$(printf 'lab1\r')" "$T/mapped"
}
check "m IGNCR: the output's CRs are dropped" mapped_ok
hex_ok() {
	python3 - "$T/hex" <<'PY'
import re, sys
t = open(sys.argv[1], "rb").read().decode("latin-1")
b = bytes(int(x, 16) for x in re.findall(r"\b[0-9a-f]{2}\b", t))
assert b"name: lab1" in b, b[-200:]
assert "name: lab1" not in t
PY
}
check "h: the output as hex bytes" hex_ok
lab_done
