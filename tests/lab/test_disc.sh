#!/bin/bash
# SPDX-License-Identifier: ISC
# CDP and LLDP against a real peer: Debian's lldpd in its own namespace
# (its own control socket, CDPv2 and LLDP forced, hostname lab-sw1, every
# 2 s so TTLs are 8 s) on a veth with the scanner:
#  1. scan --json lists it once, merged, with its name, port, platform;
#  2. the summary names it as the link partner;
#  3. the full-screen UI (in tmux) shows it as the link partner, and its
#     port and capabilities in the detail view;
#  4. --watch --json: lldpd's SIGTERM goodbye (LLDP TTL 0) drops LLDP at
#     once, CDP's TTL 8 s later drops the device ("gone").
. "$(dirname "$0")/lib.sh"
lab_init
# shellcheck source=tests/lab/tmux.sh
. "$(dirname "$0")/tmux.sh"
BIN=${L2C_BIN:?}
SW_MAC=02:4c:32:43:00:11 SC_MAC=02:4c:32:43:00:12

command -v lldpd > /dev/null || { skip "lldpd" "lldpd not installed"; lab_done; }
{ lab_ns sw && lab_ns sc; } || { not_ok "create namespaces"; lab_done; }
lab_link sw eth0 $SW_MAC sc eth0 $SC_MAC
lab_addr sw eth0 192.0.2.11/24

mkdir -p /run/lldpd		# lldpd's privilege-separation chroot
printf 'configure system hostname lab-sw1\nconfigure lldp tx-interval 2\n' \
    > "$LAB_TMP/lldpd.conf"
start_lldpd() {
	lab_bg sw "$LAB_TMP/lldpd.log" unshare --uts sh -c 'hostname lab-sw1; exec lldpd -d -ccc -l -k -S "l2console lab switch" -P l2c-lab -m 192.0.2.11 -I eth0 -u "$0"/lldpd.sock -O "$0"/lldpd.conf' "$LAB_TMP"
	LLDPD=$LAB_PID
}
start_lldpd
lldpd_up() { lab_exec sw lldpcli -u "$LAB_TMP/lldpd.sock" show chassis 2>/dev/null | grep -q lab-sw1; }
check "lldpd runs in its namespace" wait_for 10 lldpd_up

# 1. One record, CDP and LLDP merged (tx-interval 2: 3 s hears both).
out=$LAB_TMP/a.json
lab_exec sc "$BIN" scan --json --timeout 3 eth0 > "$out" 2> "$LAB_TMP/a.err"
check "scan --json: exit 0" [ $? -eq 0 ]
check "scan --json lists lldpd with its name, port and platform" \
    python3 - "$out" $SW_MAC <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema"] == "l2console-scan/2", doc["schema"]
d = [x for x in doc["devices"] if x["mac"] == sys.argv[2]]
assert len(d) == 1 and len(doc["devices"]) == 1, doc
d = d[0]
want = {"protocols": ["cdp", "lldp"], "identity": "lab-sw1",
        "platform": "l2c-lab", "port": "eth0", "port_description": "eth0",
        "system_description": "l2console lab switch",
        "chassis_id": sys.argv[2], "capabilities": "host",
        "ipv4": ["192.0.2.11"]}
for k, v in want.items():
    assert d[k] == v, (k, d[k], v)
PY

# 2. The table's summary.
lab_exec sc "$BIN" scan --timeout 3 eth0 > "$LAB_TMP/t.out" 2> "$LAB_TMP/t.err"
check "the summary names the link partner ($(cat "$LAB_TMP/t.err"))" \
    grep -q "link partner: lab-sw1 eth0, l2c-lab" "$LAB_TMP/t.err"
check "the table shows its port" grep -q "port eth0" "$LAB_TMP/t.out"

# 3. The UI, in tmux in the scanner's namespace; every step waits for text.
if command -v tmux > /dev/null; then
	trap 'tmux_gone; lab_cleanup' EXIT
	tmux_run l2cdisc$$ sc 140 40 "$BIN"
	if wait_text "link: lab-sw1 eth0, l2c-lab" 15; then
		ok "the UI's header names the link partner"
	else
		not_ok "the UI's header names the link partner"; dump
	fi
	keys i
	detail() { hasre "Port  *eth0" && hasre "Capabilities  *host"; }
	check "the detail view shows its port and capabilities" wait_for 5 detail
	tmux_gone
else
	skip "the UI's header names the link partner" "tmux is not installed"
fi

# 4. --watch: the goodbye, then the TTL.
w=$LAB_TMP/w.jsonl
lab_bg sc "$LAB_TMP/w.err" sh -c 'exec "$0" scan --watch --json eth0 > "$1"' \
    "$BIN" "$w"
event() {
	python3 - "$w" "$@" <<'PY'
import json, sys
want_event, want_protos = sys.argv[2], sys.argv[3].split(",") if sys.argv[3] else []
for line in open(sys.argv[1]):
    x = json.loads(line)
    if x["event"] == want_event and (want_protos == ["*"] or
                                     x["protocols"] == want_protos):
        sys.exit(0)
sys.exit(1)
PY
}
check "--watch: lldpd is new" wait_for 10 event new "*"
check "--watch: ... then speaks both" wait_for 5 event changed cdp,lldp
kill -TERM "$LLDPD"
check "--watch: its LLDP goodbye (TTL 0) leaves CDP only, at once" \
    wait_for 3 event changed cdp
check "--watch: CDP's TTL (8 s) runs out: gone" wait_for 12 event gone ""
lab_done
