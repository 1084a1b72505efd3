#!/bin/bash
# `l2console mikrotik` through a lossy bridge against Debian's mactelnetd,
# which never retransmits and waits for an ACK after each DATA (issue 8).
#  a) 10% of the client's frames dropped: 1 MiB of output arrives
#     byte-exact (lost ACKs are said again, lost DATA retransmitted);
#  b) 10% of the server's frames dropped: the session does not hang,
#     and the output it lost for good is reported.
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
CMAC=02:4c:32:43:00:02
SMAC=02:4c:32:43:00:01
TUSER=l2cmt
if ! command -v mactelnetd >/dev/null || ! command -v nft >/dev/null; then
	skip "mactelnetd through a lossy bridge" "mactelnet-server or nft missing"
	lab_done
fi
lab_ns c && lab_ns s && lab_ns br || { not_ok "create namespaces"; lab_done; }
lab_bridge br c ethc $CMAC s eths $SMAC
lab_addr s eths 192.0.2.1/24
ip -n "$(lab_nsname s)" route add default dev eths
created=
if ! id "$TUSER" >/dev/null 2>&1; then
	useradd -M -d /tmp -s /bin/sh "$TUSER" || { not_ok "useradd"; lab_done; }
	created=1
fi
trap 'lab_cleanup; [ -n "$created" ] && userdel "$TUSER" 2>/dev/null; true' EXIT
PW="pw$RANDOM$RANDOM"
printf '%s:%s\n' "$TUSER" "$PW" > "$LAB_TMP/users"
chmod 600 "$LAB_TMP/users"
# 1 MiB of base64 text: 76-character lines, easy to find in the output.
head -c 786432 /dev/urandom | base64 -w 76 > "$LAB_TMP/big.txt"
chmod 644 "$LAB_TMP/big.txt"
lab_bg s "$LAB_TMP/mactelnetd.log" unshare -m sh -c "mount --bind \
    $LAB_TMP/users /etc/mactelnetd.users && exec mactelnetd -f"
listening() { lab_exec s ss -lun | grep -q ':20561 '; }
wait_for 5 listening || { not_ok "mactelnetd listens"; lab_done; }

# big NAME: print big.txt in a batch session; $rc, $ms, $got (lines).
big() {
	local t0
	printf 'stty -echo; cat %s\n' "$LAB_TMP/big.txt" > "$LAB_TMP/in"
	t0=$(date +%s%N)
	L2CONSOLE_PASSWORD=$PW timeout 60 ip netns exec "$(lab_nsname c)" \
	    "$BIN" mikrotik -u "$TUSER" --idle 2 ethc $SMAC \
	    < "$LAB_TMP/in" > "$LAB_TMP/$1.out" 2> "$LAB_TMP/$1.err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	# Typed-ahead input can put the shell's prompt before the first line.
	tr -d '\r' < "$LAB_TMP/$1.out" | sed 's/^\$ //' |
	    grep -E '^[A-Za-z0-9+/=]+$' > "$LAB_TMP/$1.got"
}
drops() {
	lab_exec br nft list ruleset | sed -n 's/.*counter packets \([0-9]*\).*/\1/p'
}

lab_loss br 10 ethc
big closs
d=$(drops)
if [ $rc -eq 0 ] && cmp -s "$LAB_TMP/closs.got" "$LAB_TMP/big.txt"; then
	ok "10% client frames lost: 1 MiB byte-exact in ${ms} ms (incl. 2 s idle), $d frames dropped"
else
	not_ok "10% client frames lost: 1 MiB byte-exact (rc $rc, $(wc -l < "$LAB_TMP/closs.got") of $(wc -l < "$LAB_TMP/big.txt") lines, $d dropped: $(tail -3 "$LAB_TMP/closs.err"))"
fi
check "10% client frames lost: no output reported lost" \
    test "$(grep -c 'lost' "$LAB_TMP/closs.err")" = 0

lab_exec br nft delete table bridge l2closs
lab_loss br 10 eths
big sloss
d=$(drops)
n=$(wc -l < "$LAB_TMP/sloss.got")
if [ $rc -eq 0 ] && [ $ms -lt 30000 ] && [ "$n" -gt 0 ]; then
	ok "10% server frames lost: no hang, exit 0 in ${ms} ms, $n of $(wc -l < "$LAB_TMP/big.txt") lines, $d frames dropped"
else
	not_ok "10% server frames lost: no hang (rc $rc, ${ms} ms: $(tail -3 "$LAB_TMP/sloss.err"))"
fi
if grep -q 'bytes of output' "$LAB_TMP/sloss.err" ||
    cmp -s "$LAB_TMP/sloss.got" "$LAB_TMP/big.txt"; then
	ok "10% server frames lost: lost output is reported ($(grep -o '[0-9]* bytes of output were lost in [0-9]* gaps' "$LAB_TMP/sloss.err"))"
else
	not_ok "10% server frames lost: lost output is reported"
fi
lab_done
