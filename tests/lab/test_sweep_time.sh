#!/bin/bash
# SPDX-License-Identifier: ISC
# The sweep's promise, timed by the scan's own clock: a station that
# answers only unicast Request IDs and announces itself by CDP (as a
# Cisco router does) is a MOP row within a second of its first frame.
# `scan --watch --json` prints an event per change: the first one (CDP
# only) carries first_seen, the first with its MOP console carries the
# System ID's last_seen.  Three stations, each measured.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
N=3

{ lab_ns sc && lab_ns rs; } || { not_ok "create namespaces"; lab_done; }
lab_link sc eth0 02:4c:32:43:00:51 rs eth0 02:4c:32:43:00:52
rm -f "$LAB_TMP/ready"
# One CDP frame per station every 3 s: the first one seen starts it.
lab_bg rs "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" \
    --kind mop --no-multicast --cdp --announce 3 \
    --base 02:4c:32:57:00:00 eth0 $N
check "the responder starts" wait_for 5 test -e "$LAB_TMP/ready"

lab_bg sc "$LAB_TMP/w.log" "$BIN" scan --watch --json eth0
W=$LAB_PID
# lab_bg logs stdout and stderr together: the events are the lines
# that start with "{".
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
