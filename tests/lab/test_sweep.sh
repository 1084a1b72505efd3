#!/bin/bash
# SPDX-License-Identifier: ISC
# The MOP sweep against stations that answer only Request IDs sent to
# their own MAC and announce themselves only by CDP, as a Cisco router
# does (tests/tools/l2c-responder --kind mop --no-multicast --cdp):
#  1. scan finds each one with its MOP console and its CDP name;
#  2. --no-sweep finds them by CDP alone, no console;
#  3. --sweep-rate is checked;
#  4. the full-screen UI sweeps too: the consoles show there;
#  5. scan --audit: each console a high finding with the CDP port's fix,
#     exit 5; as JSON; nothing to fix with --no-sweep: exit 0.
#  6. the sweep's promise, timed by the scan's own clock: each station
#     is a MOP row within a second of its first frame.  In
#     `scan --watch --json` the first event (CDP only) carries
#     first_seen, the first with the console the System ID's last_seen.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
N=3

{ lab_ns sc && lab_ns rs; } || { not_ok "create namespaces"; lab_done; }
lab_link sc eth0 02:4c:32:43:00:21 rs eth0 02:4c:32:43:00:22
rm -f "$LAB_TMP/ready"
lab_bg rs "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" \
    --kind mop --no-multicast --cdp --announce 0.5 \
    --base 02:4c:32:55:00:00 eth0 $N
check "the responder starts" wait_for 5 test -e "$LAB_TMP/ready"

# 1. Every CDP frame's sender gets unicast Request IDs: its console shows.
lab_exec sc "$BIN" scan --json --timeout 2 eth0 > "$LAB_TMP/a.json" \
    2> "$LAB_TMP/a.err"
check "scan: exit 0" [ $? -eq 0 ]
check "the sweep finds each station's MOP console, with its CDP name" \
    python3 - "$LAB_TMP/a.json" $N <<'PY'
import json, sys
devs = json.load(open(sys.argv[1]))["devices"]
assert len(devs) == int(sys.argv[2]), devs
for i, d in enumerate(devs):
    assert d["mac"] == "02:4c:32:55:00:%02x" % i, d["mac"]
    assert d["protocols"] == ["mop", "mop-console", "cdp"], d
    assert d["identity"] == "sim-%04d" % i, d
    assert d["port"] == "GigabitEthernet0/1", d
    assert d["platform"] == "cisco SIM", d
PY

# 2. Without the sweep: CDP alone.
lab_exec sc "$BIN" scan --json --timeout 1.5 --no-sweep eth0 > "$LAB_TMP/b.json"
check "--no-sweep: CDP only, no console" python3 - "$LAB_TMP/b.json" $N <<'PY'
import json, sys
devs = json.load(open(sys.argv[1]))["devices"]
assert len(devs) == int(sys.argv[2]), devs
assert all(d["protocols"] == ["cdp"] for d in devs), devs
PY

# 3. The rate is a number of stations a second.
lab_exec sc "$BIN" scan --sweep-rate 0 eth0 > /dev/null 2>&1
check "--sweep-rate 0: usage error 64" [ $? -eq 64 ]
lab_exec sc "$BIN" scan --json --timeout 1.5 --sweep-rate 1 eth0 > "$LAB_TMP/c.json"
check "--sweep-rate 1: one station in the first second, at most two" \
    python3 - "$LAB_TMP/c.json" <<'PY'
import json, sys
devs = json.load(open(sys.argv[1]))["devices"]
n = sum("mop-console" in d["protocols"] for d in devs)
assert 1 <= n <= 2, devs
PY

# 4. The UI (tmux), waiting for text only.
if command -v tmux > /dev/null; then
	trap 'tmux_gone; lab_cleanup' EXIT
	tmux_run l2csweep$$ sc 140 40 "$BIN"
	row() { hasre "MOP .*sim-000$1"; }
	if wait_for 15 row 0 && wait_for 5 row 2; then
		ok "the UI's sweep finds the consoles"
	else
		not_ok "the UI's sweep finds the consoles"; dump
	fi
	tmux_gone
else
	skip "the UI's sweep finds the consoles" "tmux is not installed"
fi

# 5. The audit.
lab_exec sc "$BIN" scan --audit --timeout 2 eth0 > "$LAB_TMP/au.txt" 2>&1
rc=$?
check "--audit: a console found: exit 5 ($rc)" [ $rc -eq 5 ]
check "--audit names the fix on the CDP port" \
    grep -q "fix: interface GigabitEthernet0/1 / no mop enabled" "$LAB_TMP/au.txt"
lab_exec sc "$BIN" scan --audit --json --timeout 2 eth0 > "$LAB_TMP/au.json"
check "--audit --json: one high finding per station" \
    python3 - "$LAB_TMP/au.json" $N <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema"] == "l2console-audit/1", doc
f = [x for x in doc["findings"] if x["severity"] == "high"]
assert len(f) == int(sys.argv[2]), doc
assert all(x["fix"] == "interface GigabitEthernet0/1 / no mop enabled" and
           x["identity"].startswith("sim-") for x in f), f
PY
lab_exec sc "$BIN" scan --audit --no-sweep --timeout 1.5 eth0 > "$LAB_TMP/an.txt" 2>&1
check "--audit --no-sweep: nothing to fix, exit 0" [ $? -eq 0 ]

# 6. CDP frame to MOP row, within a second.
lab_bg sc "$LAB_TMP/w.log" "$BIN" scan --watch --json eth0
W=$LAB_PID
# lab_bg logs stdout and stderr together: the events are the lines
# that start with "{".  A fresh scan: a station's first frame is CDP.
consoles() { [ "$(grep -c '"mop-console"' "$LAB_TMP/w.log")" -ge "$N" ]; }
check "--watch shows every station's console" wait_for 10 consoles
kill -TERM "$W" 2>/dev/null
check "each station: CDP first, its MOP row within 1 s of that frame" \
    python3 - "$LAB_TMP/w.log" $N <<'PY'
import json, sys
from datetime import datetime
def t(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
first, mop = {}, {}
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    e = json.loads(line)
    if "mac" not in e:
        continue
    m = e["mac"]
    if m not in first:
        assert e["event"] == "new" and e["protocols"] == ["cdp"], e
        first[m] = t(e["first_seen"])
    if "mop-console" in e["protocols"] and m not in mop:
        mop[m] = t(e["last_seen"])
assert len(mop) == int(sys.argv[2]), (first, mop)
for m in mop:
    d = mop[m] - first[m]
    print("# %s: MOP row %.0f ms after its first CDP frame" % (m, d * 1e3))
    assert 0 <= d < 1.0, (m, d)
PY
lab_done
