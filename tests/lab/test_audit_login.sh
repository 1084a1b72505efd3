#!/bin/bash
# SPDX-License-Identifier: ISC
# scan --audit asks each MAC-Telnet server which login it offers, without
# logging in (a START, our EC-SRP5 begin auth, the server's key block,
# END): an MD5 salt is a weak finding, an EC-SRP5 key is not.
#  1. Debian's mactelnetd (0.4.4, MD5 only): a weak finding, exit 5, as
#     a table and as JSON; on the wire (--pcap) our side sent a begin auth
#     and an END, never a user name or a password;
#  2. l2console serve mikrotik (EC-SRP5): asked, no such finding;
#  3. without --audit nobody is asked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
SRV=02:4c:32:43:00:42
if ! mtd_have; then
	skip "the login probe against mactelnetd" "mactelnetd is not installed"
	lab_done
fi
{ lab_ns sc && lab_ns m; } || { not_ok "create namespaces"; lab_done; }
lab_link sc eth0 02:4c:32:43:00:41 m eth0 $SRV
if ! mtd_start m eth0 192.0.2.42/24 l2c-md5; then
	not_ok "mactelnetd starts"
	lab_done
fi
# wire PCAP SRV: what our side sent SRV over MAC-Telnet, one word each
# (START, DATA, ACK, END) and the DATA's control packet types (cp0 ...).
wire() {
	python3 - "$1" "$2" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
srv = bytes.fromhex(sys.argv[2].replace(":", ""))
le = data[:4] == b"\xd4\xc3\xb2\xa1"
off, out = 24, []
names = {0: "START", 1: "DATA", 2: "ACK", 255: "END"}
while off + 16 <= len(data):
    incl = struct.unpack("<I" if le else ">I", data[off + 8:off + 12])[0]
    f = data[off + 16:off + 16 + incl]
    off += 16 + incl
    if len(f) < 14 + 20 + 8 + 22 or f[12:14] != b"\x08\x00":
        continue
    ihl = (f[14] & 15) * 4
    u = f[14 + ihl:]
    if struct.unpack(">H", u[2:4])[0] != 20561:
        continue
    m = u[8:]
    if m[8:14] != srv or m[1] not in names:
        continue
    w = names[m[1]]
    p = m[22:]
    while m[1] == 1 and len(p) >= 9 and p[:4] == b"\x56\x34\x12\xff":
        n = struct.unpack(">I", p[5:9])[0]
        w += " cp%d" % p[4]
        p = p[9 + n:]
    out.append(w)
print("\n".join(out))
PY
}
# mactelnetd announces every few seconds: wait for it in the table.
scan_has() {
	lab_exec sc "$BIN" scan --json --timeout 1 eth0 | grep -q "\"$SRV\""
}
check "mactelnetd is seen by MNDP" wait_for 20 scan_has

# 1. MD5 only: weak.
lab_exec sc "$BIN" scan --audit --timeout 1.5 eth0 > "$LAB_TMP/a.txt" 2>&1
rc=$?
check "mactelnetd: --audit exits 5 ($rc)" [ $rc -eq 5 ]
check "mactelnetd: a weak finding, MD5 only" \
    grep -q "^weak .*$SRV.*only the MD5 login" "$LAB_TMP/a.txt"
lab_exec sc "$BIN" scan --audit --json --timeout 1.5 eth0 > "$LAB_TMP/a.json"
check "mactelnetd: --audit --json has the weak finding" \
    python3 - "$LAB_TMP/a.json" "$SRV" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
f = [x for x in doc["findings"] if x["severity"] == "weak"]
assert len(f) == 1 and f[0]["mac"] == sys.argv[2], doc
assert "MD5" in f[0]["finding"] and "EC-SRP5" in f[0]["fix"], f
PY
lab_exec sc "$BIN" --pcap "$LAB_TMP/a.pcap" -v scan --audit --timeout 1 \
    eth0 > /dev/null 2> "$LAB_TMP/a.err"
wire "$LAB_TMP/a.pcap" "$SRV" > "$LAB_TMP/a.wire"
sed 's/^/# sent: /' "$LAB_TMP/a.wire"
check "mactelnetd: START, a begin auth with our key, END" \
    grep -qx "DATA cp0 cp1" "$LAB_TMP/a.wire"
check "mactelnetd: ... and END" grep -qx "END" "$LAB_TMP/a.wire"
check "mactelnetd: never the login itself (no password, no user packet)" \
    bash -c "! grep -q 'cp2\|cp3' '$LAB_TMP/a.wire'"
check "mactelnetd: -v says one console was asked" \
    grep -q "audit: asked 1 console which login it offers" "$LAB_TMP/a.err"
kill "$MTD_PID" 2>/dev/null
wait "$MTD_PID" 2>/dev/null

# 2. EC-SRP5: no weak finding.  (A users file only because the server
# wants one; nobody logs in.)
printf 'nobody:unused-%s\n' "$RANDOM" > "$LAB_TMP/users"
chmod 600 "$LAB_TMP/users"
lab_bg m "$LAB_TMP/srv.log" "$BIN" -v serve mikrotik --users \
    "$LAB_TMP/users" --exec /bin/true --identity l2c-ecsrp \
    --mndp-interval 0 eth0
check "serve mikrotik starts" \
    wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/srv.log"
lab_exec sc "$BIN" -v scan --audit --json --timeout 1.5 eth0 \
    > "$LAB_TMP/b.json" 2> "$LAB_TMP/b.err"
check "serve mikrotik: found, and no weak finding" \
    python3 - "$LAB_TMP/b.json" "$SRV" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
f = doc["findings"]
assert any(x["mac"] == sys.argv[2] for x in f), doc
assert not any(x["severity"] == "weak" for x in f), doc
PY
check "serve mikrotik was asked" \
    grep -q "audit: asked 1 console which login it offers" "$LAB_TMP/b.err"

# 3. A plain scan asks no one.
lab_exec sc "$BIN" --pcap "$LAB_TMP/c.pcap" scan --json --timeout 1 eth0 \
    > "$LAB_TMP/c.json"
wire "$LAB_TMP/c.pcap" "$SRV" > "$LAB_TMP/c.wire"
check "without --audit: seen, and no session started" \
    bash -c "grep -q '$SRV' '$LAB_TMP/c.json' && ! grep -q START '$LAB_TMP/c.wire'"
lab_done
