#!/bin/bash
# SPDX-License-Identifier: ISC
# `l2console scan` and `l2console ping` against real peers and at scale:
#  A. Debian's mactelnetd and `l2console serve mop` side by side on a
#     bridge with the scanner: the right fields for both, pings to both.
#  B. tests/tools/l2c-responder: 200 simulated stations behind one veth;
#     one scan finds them all, in every format; unicast probes; --watch;
#     duplicated and damaged echoes; the loopback assistant.
#  C. A hostile identity (C1 CSI, a bidi override, a formula) comes out
#     escaped in the table, CSV and JSON.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
# The MOP server may come from another build while branches meet.
SERVE_BIN=${L2C_SERVE_BIN:-$BIN}
S_MAC=02:4c:32:43:00:01 M_MAC=02:4c:32:43:00:02 P_MAC=02:4c:32:43:00:03
X_MAC=02:4c:32:43:00:11 Y_MAC=02:4c:32:43:00:12

py() { python3 - "$@"; }

{ lab_ns br && lab_ns s && lab_ns m && lab_ns p && lab_ns x && lab_ns y; } ||
    { not_ok "create namespaces"; lab_done; }
# Interface names differ: they name the bridge ports (peth0, peth1...).
lab_bridge br s eth0 $S_MAC m eth1 $M_MAC
# A third station on the bridge.
ip -n "$(lab_nsname br)" link add peth2 type veth peer name eth2 \
    netns "$(lab_nsname p)"
ip -n "$(lab_nsname p)" link set eth2 address $P_MAC up
ip -n "$(lab_nsname br)" link set peth2 master br0 up
lab_link x eth0 $X_MAC y eth0 $Y_MAC

### A. Real peers.

# mactelnetd: an address, a route covering 255.255.255.255, a private
# (empty) users file: it only has to run, nobody logs in.
lab_addr m eth1 192.0.2.1/24
ip -n "$(lab_nsname m)" route add default dev eth1
: > "$LAB_TMP/users"
lab_bg m "$LAB_TMP/mactelnetd.log" unshare -m sh -c \
    "mount --bind '$LAB_TMP/users' /etc/mactelnetd.users && exec mactelnetd -f"
mt_listening() { lab_exec m ss -Hlun 'sport = :20561' | grep -q 20561; }
check "mactelnetd runs in its namespace" wait_for 5 mt_listening

have_mop=0
if "$SERVE_BIN" serve mop --help > /dev/null 2>&1 ||
    "$SERVE_BIN" --help 2>&1 | grep -q '^  serve '; then
	lab_bg p "$LAB_TMP/serve.log" "$SERVE_BIN" -v serve mop \
	    --exec /bin/cat eth2
	if wait_for 5 grep -q "serving the MOP console" "$LAB_TMP/serve.log"
	then
		have_mop=1
		ok "serve mop runs next to it"
	else
		not_ok "serve mop runs next to it ($(cat "$LAB_TMP/serve.log"))"
	fi
else
	skip "serve mop runs next to it" "this build has no 'serve mop'"
fi

out=$LAB_TMP/a.json
lab_exec s "$BIN" scan --json --timeout 1.5 eth0 > "$out" 2> "$LAB_TMP/a.err"
rc=$?
check "scan --json finds something: exit 0" [ $rc -eq 0 ]

# The mactelnetd record: what its MNDP says about this machine.
py "$out" $M_MAC "$(hostname)" "$(uname -m)" "$(uname -r)" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
mac, host, machine, release = sys.argv[2:6]
d = [x for x in doc["devices"] if x["mac"] == mac]
assert doc["schema"] == "l2console-scan/2" and doc["interface"] == "eth0", doc
assert len(d) == 1, doc
d = d[0]
want = {"protocols": ["mndp", "mactelnet"], "identity": host,
        "platform": "Linux", "board": machine, "version": release,
        "software_id": "MAC-Telnet", "interface_name": "eth1",
        "ipv4": ["192.0.2.1"], "ipv6": [], "mop_functions": [],
        "mop_console_user": None}
for k, v in want.items():
    assert d[k] == v, (k, d[k], v)
assert isinstance(d["uptime_s"], int), d
EOF
check "mactelnetd: MNDP fields right, answers MAC-Telnet ping" [ $? -eq 0 ]

if [ $have_mop = 1 ]; then
	py "$out" $P_MAC <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
d = [x for x in doc["devices"] if x["mac"] == sys.argv[2]]
assert len(d) == 1, doc
d = d[0]
want = {"protocols": ["mop", "mop-console"], "identity": None,
        "software_id": "l2console", "mop_command_size": 512,
        "mop_response_size": 512, "mop_hardware_address": sys.argv[2],
        "mop_console_user": None, "mop_version": "3.0.0", "ipv4": []}
for k, v in want.items():
    assert d[k] == v, (k, d[k], v)
assert "console carrier" in d["mop_functions"] and "loop" in d["mop_functions"]
assert d["mop_functions_bitmap"] & 0x21 == 0x21
EOF
	check "serve mop: System ID fields right (console carrier, sizes, software)" [ $? -eq 0 ]
else
	skip "serve mop: System ID fields right" "no MOP server"
fi
check "nothing else, and not the scanner itself" py "$out" $((1 + have_mop)) $S_MAC <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
macs = [x["mac"] for x in doc["devices"]]
assert len(macs) == int(sys.argv[2]) and sys.argv[3] not in macs, macs
EOF

# Families one at a time.
lab_exec s "$BIN" scan --json --timeout 1 --mikrotik-only eth0 > "$LAB_TMP/mt.json"
check "--mikrotik-only: mactelnetd alone" py "$LAB_TMP/mt.json" $M_MAC <<'EOF'
import json, sys
assert [x["mac"] for x in json.load(open(sys.argv[1]))["devices"]] == [sys.argv[2]]
EOF
if [ $have_mop = 1 ]; then
	lab_exec s "$BIN" scan --json --timeout 1 --mop-only eth0 > "$LAB_TMP/mop.json"
	check "--mop-only: the MOP server alone" py "$LAB_TMP/mop.json" $P_MAC <<'EOF'
import json, sys
assert [x["mac"] for x in json.load(open(sys.argv[1]))["devices"]] == [sys.argv[2]]
EOF
else
	skip "--mop-only: the MOP server alone" "no MOP server"
fi

# The table for people, and the completion cache (as root: root's dir).
lab_exec s env XDG_CACHE_HOME="$LAB_TMP/cache" \
    "$BIN" scan --timeout 1 eth0 > "$LAB_TMP/table" 2> "$LAB_TMP/table.err"
rc=$?
table_plain() {
	[ "$rc" -eq 0 ] && head -1 "$LAB_TMP/table" | grep -q "^MAC  *PROTOCOLS" &&
	    grep -q "^$M_MAC  *mndp,mactelnet  *$(hostname) " "$LAB_TMP/table" &&
	    ! grep -q $'\033' "$LAB_TMP/table"
}
check "table: exit 0, a header, the identity, no escape codes off a tty" \
    table_plain
check "the last scan's MACs are saved for completion" \
    grep -qx $M_MAC "$LAB_TMP/cache/l2console/last-scan"

# Pings to both.
lab_exec s "$BIN" ping -c 3 -i 0.2 eth0 $M_MAC > "$LAB_TMP/p1" 2>&1
rc=$?
three_replies() {
	[ "$rc" -eq 0 ] &&
	    [ "$(count "bytes from $M_MAC: seq=[123] time=" "$LAB_TMP/p1")" = 3 ] &&
	    grep -q "^3 packets transmitted, 3 received, 0% packet loss" "$LAB_TMP/p1" &&
	    grep -q "^rtt min/avg/max/mdev = " "$LAB_TMP/p1"
}
check "ping mactelnetd: 3 replies, exit 0" three_replies
if [ $have_mop = 1 ]; then
	lab_exec s "$BIN" ping --mop -c 3 -i 0.2 eth0 ${P_MAC//:/-} > "$LAB_TMP/p2" 2>&1
	rc=$?
	check "ping --mop serve mop (loopback): 3 replies, exit 0" \
	    status_grep "$rc" 0 "$LAB_TMP/p2" "^3 packets transmitted, 3 received"
else
	skip "ping --mop serve mop (loopback)" "no MOP server"
fi
lab_exec s "$BIN" ping -c 2 -i 0.1 -W 0.3 eth0 02:4c:32:43:00:99 > "$LAB_TMP/p3" 2>&1
rc=$?
check "ping nobody: 100% loss, exit 1" status_grep "$rc" 1 "$LAB_TMP/p3" \
    "^2 packets transmitted, 0 received, 100% packet loss"

### B. At scale: 200 simulated stations behind one veth.

N=200
resp_start() {
	rm -f "$LAB_TMP/ready"
	lab_bg y "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" "$@"
	rpid=$LAB_PID
	wait_for 5 test -e "$LAB_TMP/ready"
}
resp_stop() { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; }

resp_start eth0 $N || not_ok "responder starts ($(cat "$LAB_TMP/resp.log"))"
start=$(date +%s%N)
lab_exec x "$BIN" scan --json --timeout 1 eth0 > "$LAB_TMP/n.json"
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "scan of $N stations: exit 0 in ${ms} ms" [ $rc -eq 0 ]
check "all $N found, each with its own fields" py "$LAB_TMP/n.json" $N <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
devs = {x["mac"]: x for x in doc["devices"]}
assert len(devs) == n == len(doc["devices"]), len(devs)
for i in range(n):
    mac = "02:4c:32:53:%02x:%02x" % (i >> 8, i & 255)
    d = devs[mac]
    if i % 2 == 0:
        assert d["protocols"] == ["mndp", "mactelnet"], d
        assert d["identity"] == "sim-%04d" % i, d
        assert d["ipv4"] == ["10.0.%d.%d" % (i >> 8, i & 255)], d
        assert d["uptime_s"] == i and d["board"] == "RB-SIM", d
        assert d["platform"] == "MikroTik" and d["interface_name"] == "ether1", d
    else:
        assert d["protocols"] == ["mop", "mop-console"], d
        assert d["identity"] is None and d["software_id"] == "SIM-%04d" % i, d
        assert d["mop_functions"] == ["loop", "console carrier"], d
        assert d["mop_command_size"] == 512 and d["mop_hardware_address"] == mac, d
EOF

lab_exec x "$BIN" scan --csv --timeout 1 eth0 > "$LAB_TMP/n.csv"
check "--csv: a header and $N rows of 29 fields, CRLF" py "$LAB_TMP/n.csv" $N <<'EOF'
import csv, sys
raw = open(sys.argv[1], newline="").read()
assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:3] == ["mac", "protocols", "identity"] and len(rows) == int(sys.argv[2]) + 1
assert all(len(r) == 29 for r in rows)
assert rows[1][1] == "mndp;mactelnet" and rows[2][1] == "mop;mop-console", rows[1:3]
EOF

# --watch --json: one line per new station, until interrupted.
lab_bg x "$LAB_TMP/w.jsonl" "$BIN" scan --watch --json eth0
wpid=$LAB_PID
lines() { [ "$(wc -l < "$LAB_TMP/w.jsonl")" -ge $(( N + N / 2 )) ]; }
wait_for 5 lines
kill -INT "$wpid"; wait "$wpid"
rc=$?
check "--watch --json: interrupted, exit 0" [ $rc -eq 0 ]
check "--watch --json: one self-contained line per station" py "$LAB_TMP/w.jsonl" $N <<'EOF'
import json, sys
new = set()
for line in open(sys.argv[1]):
    d = json.loads(line)
    assert d["schema"] == "l2console-scan/2" and d["interface"] == "eth0", d
    if d["event"] == "new":
        assert d["mac"] not in new
        new.add(d["mac"])
    else:
        assert d["event"] == "changed" and d["mac"] in new, d
assert len(new) == int(sys.argv[2]), len(new)
EOF
resp_stop

# Stations that answer only when asked by name: --probe, --probe-file.
resp_start eth0 50 --kind mop --no-multicast --base 02:4c:32:54:00:00
printf '# stations\n02:4c:32:54:00:07\n024c.3254.0008, 02-4c-32-54-00-09\n' > "$LAB_TMP/probes"
lab_exec x "$BIN" scan --json --timeout 1 --mop-only \
    --probe 02:4c:32:54:00:01,02:4c:32:54:00:02 --probe-file "$LAB_TMP/probes" \
    eth0 > "$LAB_TMP/u.json"
check "--probe and --probe-file: exactly the 5 stations named" py "$LAB_TMP/u.json" <<'EOF'
import json, sys
macs = sorted(x["mac"] for x in json.load(open(sys.argv[1]))["devices"])
assert macs == ["02:4c:32:54:00:%02x" % i for i in (1, 2, 7, 8, 9)], macs
EOF
lab_exec x "$BIN" scan --timeout 0.5 --probe nosuchstation eth0 > /dev/null 2>&1
check "--probe with a name that is no MAC: usage error 64" [ $? -eq 64 ]
resp_stop

# Nobody there.
lab_exec x "$BIN" scan --json --timeout 0.5 eth0 > "$LAB_TMP/e.json" 2> "$LAB_TMP/e.err"
rc=$?
found_none() {
	status_grep "$rc" 1 "$LAB_TMP/e.json" '"devices": \[\]' &&
	    grep -q "no devices answered on eth0" "$LAB_TMP/e.err"
}
check "nothing found: exit 1, an empty devices array, one line why" found_none

# Echoes doubled, then damaged; the loopback assistant.
resp_start eth0 4 --misbehave dup
# (ping stops once every ping is answered: the last echo's twin may
# come after that, as with ping(8).)
lab_exec x "$BIN" ping -c 3 -i 0.1 eth0 02:4c:32:53:00:00 > "$LAB_TMP/d" 2>&1
rc=$?
dups_apart() {
	[ "$rc" -eq 0 ] && [ "$(count "(DUP!)" "$LAB_TMP/d")" -ge 2 ] &&
	    grep -Eq "^3 packets transmitted, 3 received, \+[23] duplicates, 0%" "$LAB_TMP/d"
}
check "duplicated pongs flagged DUP! and counted apart" dups_apart
lab_exec x "$BIN" ping --mop -c 2 -i 0.1 -s 100 eth0 assistant > "$LAB_TMP/as" 2>&1
rc=$?
assistant_replies() {
	[ "$rc" -eq 0 ] &&
	    [ "$(count "^100 bytes from 02:4c:32:53:00:01: seq=[12] time=" "$LAB_TMP/as")" = 2 ]
}
check "ping --mop assistant: replies through CF-00-00-00-00-00" assistant_replies
resp_stop
resp_start eth0 4 --misbehave corrupt
lab_exec x "$BIN" ping -c 2 -i 0.1 -s 64 eth0 02:4c:32:53:00:02 > "$LAB_TMP/c" 2>&1
corrupt_flagged() {
	[ "$(count "seq=[12] (CORRUPT: byte 63 differs)" "$LAB_TMP/c")" = 2 ] &&
	    grep -q ", 2 corrupt, " "$LAB_TMP/c"
}
check "damaged pongs flagged CORRUPT with the byte" corrupt_flagged
resp_stop

# C. An identity that tries the terminal and the spreadsheet: "=cmd",
# then U+009B (the one-byte CSI), "2J", U+202E (right-to-left override),
# "x".  MNDP from a third station: TLV 1 (its MAC) and TLV 5 (identity).
EVIL="00000001""00010006${Y_MAC//:/}""0005000c""3d636d64c29b324ae280ae78"
# scan_evil OUT [FORMAT]: a scan while the third station announces
# itself until the scan is over (a bounded number of frames).
scan_evil() {
	local spid i=0 out=$1
	shift
	lab_exec x "$BIN" scan "$@" --timeout 1 eth0 > "$out" 2> /dev/null &
	spid=$!
	while kill -0 "$spid" 2> /dev/null && [ $i -lt 300 ]; do
		lab_exec y "$T/frametool" udp eth0 ff:ff:ff:ff:ff:ff 5678 5678 \
		    "$EVIL" > /dev/null 2>&1
		i=$((i + 1))
	done
	wait "$spid"
}
scan_evil "$LAB_TMP/evil.txt"
scan_evil "$LAB_TMP/evil.csv" --csv
scan_evil "$LAB_TMP/evil.json" --json
check "C1, bidi and formula identities: escaped in table, CSV and JSON" \
    py "$LAB_TMP/evil.txt" "$LAB_TMP/evil.csv" "$LAB_TMP/evil.json" $Y_MAC <<'EOF'
import csv, json, sys
txt, csvf, js, mac = sys.argv[1:5]
raw = "=cmd\u009b2J\u202ex"
shown = "=cmd\\u009b2J\\u202ex"
for f in (txt, csvf, js):
    b = open(f, "rb").read()
    # Nothing hidden leaves: no C1 (UTF-8 C2 80-9F), no bidi override.
    assert b"\xc2\x9b" not in b and b"\xe2\x80\xae" not in b, (f, b)
    assert b"\x1b" not in b, (f, b)
t = open(txt, encoding="utf-8").read()
assert any(mac in l and shown in l for l in t.splitlines()), t
rows = list(csv.reader(open(csvf, newline="", encoding="utf-8")))
r = [x for x in rows if x[0] == mac]
assert len(r) == 1 and r[0][2] == "'" + shown, rows
d = [x for x in json.load(open(js))["devices"] if x["mac"] == mac]
assert len(d) == 1 and d[0]["identity"] == raw, d
assert "\\u009b" in open(js).read() and "\\u202e" in open(js).read()
EOF

lab_done
