#!/bin/bash
# SPDX-License-Identifier: ISC
# scan --promisc: a station that talks only to someone else is seen.
# The scan runs on a bridge whose two ports lead to a unicast-only MOP
# station and to a silent host; the station's CDP frames go to that
# host's MAC (l2c-responder --announce-to).  A bridge hands frames
# between two other ports up to its own interface only when that is
# promiscuous, so:
#  1. without --promisc the scan sees no one (exit 1);
#  2. with --promisc the sweep asks the station: its MOP console shows;
#  3. the full-screen UI's --promisc does the same.
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
HOST=02:4c:32:43:00:32
STA=02:4c:32:56:00:00

{ lab_ns sw && lab_ns rs && lab_ns b; } ||
    { not_ok "create namespaces"; lab_done; }
lab_bridge sw rs eth0 02:4c:32:43:00:31 b eth1 "$HOST" ||
    { not_ok "create the bridge"; lab_done; }
rm -f "$LAB_TMP/ready"
lab_bg rs "$LAB_TMP/resp.log" "$T/l2c-responder" --ready "$LAB_TMP/ready" \
    --kind mop --no-multicast --cdp --announce 0.3 --announce-to "$HOST" \
    --base "$STA" eth0 1
check "the responder starts" wait_for 5 test -e "$LAB_TMP/ready"

# 1. Not promiscuous: the bridge keeps the station's frames to itself.
lab_exec sw "$BIN" scan --json --timeout 1.5 br0 > "$LAB_TMP/a.json" \
    2> "$LAB_TMP/a.err"
rc=$?
check "without --promisc: nobody seen, exit 1 ($rc)" [ $rc -eq 1 ]

# 2. Promiscuous: the station's CDP to the other host starts the sweep.
lab_exec sw "$BIN" scan --json --promisc --timeout 1.5 br0 \
    > "$LAB_TMP/b.json" 2> "$LAB_TMP/b.err"
rc=$?
check "--promisc: exit 0 ($rc)" [ $rc -eq 0 ]
check "--promisc: the station is swept and offers its MOP console" \
    python3 - "$LAB_TMP/b.json" "$STA" <<'PY'
import json, sys
devs = json.load(open(sys.argv[1]))["devices"]
assert len(devs) == 1, devs
assert devs[0]["mac"] == sys.argv[2], devs
assert "mop-console" in devs[0]["protocols"], devs
PY

# 3. The UI (tmux), waiting for text only.
if command -v tmux > /dev/null; then
	trap 'tmux_gone; lab_cleanup' EXIT
	tmux_run l2cpromisc$$ sw 140 40 "$BIN --promisc -i br0"
	row() { pane | grep -qi "MOP .*$STA"; }
	if wait_for 15 row; then
		ok "the UI with --promisc sweeps the station"
	else
		not_ok "the UI with --promisc sweeps the station"; dump
	fi
	tmux_gone
else
	skip "the UI with --promisc sweeps the station" "tmux is not installed"
fi
lab_done
