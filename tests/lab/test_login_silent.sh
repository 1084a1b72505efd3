#!/bin/bash
# SPDX-License-Identifier: ISC
# The two silences of a MikroTik login (consoles.md): nobody answers
# START (exit 68, "no answer from"), and START acknowledged, then
# nothing: `serve mikrotik` behind a bridge whose nft rules pass only
# the server's ACK with counter 0 (START's) and drop the rest (exit 75,
# "no answer to the login from", one line).
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
CMAC=02:4c:32:43:05:02
SMAC=02:4c:32:43:05:01
{ lab_ns br && lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_bridge br c ethc $CMAC s eths $SMAC

U=$LAB_TMP/users
printf 'root:pw-plain\n' > "$U"
chmod 600 "$U"
printf 'pw-plain\n' > "$LAB_TMP/pw"
echo exit > "$LAB_TMP/in"

# run NAME: one batch login from c; $rc, $ms; NAME.err.
run() {
	local t0
	t0=$(date +%s%N)
	timeout 20 ip netns exec "$(lab_nsname c)" "$BIN" mikrotik \
	    --login-retries 0 -u root --password-file "$LAB_TMP/pw" ethc $SMAC \
	    < "$LAB_TMP/in" > "$LAB_TMP/$1.out" 2> "$LAB_TMP/$1.err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
why() { echo "rc $rc, ${ms} ms: $(head -c 300 "$LAB_TMP/$1.err")"; }

# 1. No server: START unanswered for 2 s.
run none
if [ $rc -eq 68 ] && [ "$(wc -l < "$LAB_TMP/none.err")" = 1 ] &&
    grep -q "no answer from $SMAC on ethc after 2.0 s" "$LAB_TMP/none.err"
then
	ok "START unanswered: exit 68, one line (${ms} ms)"
else
	not_ok "START unanswered: exit 68, one line ($(why none))"
fi

lab_bg s "$LAB_TMP/server.log" "$BIN" -v serve mikrotik --users "$U" \
    --exec /bin/sh --mndp-interval 0 eths
wait_for 10 grep -q "serving MAC-Telnet on eths" "$LAB_TMP/server.log" ||
    { not_ok "server starts"; cat "$LAB_TMP/server.log"; lab_done; }

# 2. A healthy login first: the rules below are what makes it fail.

run healthy
check "the server answers a login with no rules" [ $rc -eq 0 ]

# 3. The server's frames: the MAC-Telnet type is the UDP payload's byte
#    1, the counter its bytes 18-21; only ACK 0 (START's) passes.
ip netns exec "$(lab_nsname br)" nft -f - <<'NFT' ||
table bridge l2csilent {
	chain silent {
		type filter hook forward priority 0; policy accept;
		iifname "peths" udp sport 20561 @th,72,8 != 2 counter drop
		iifname "peths" udp sport 20561 @th,208,32 != 0 counter drop
		iifname "peths" udp sport 20561 counter accept
	}
}
NFT
    { not_ok "nft rules"; lab_done; }
run silent
acked=$(lab_exec br nft list chain bridge l2csilent silent |
    awk '/accept/ { for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }')
if [ $rc -eq 75 ] && [ "$(wc -l < "$LAB_TMP/silent.err")" = 1 ] &&
    grep -q "no answer to the login from $SMAC on ethc" "$LAB_TMP/silent.err" &&
    [ $ms -lt 5000 ]; then
	ok "START acked, then silence: exit 75, one line (${ms} ms)"
else
	not_ok "START acked, then silence: exit 75, one line ($(why silent))"
fi
check "the server's START ACK passed (${acked:-0})" [ "${acked:-0}" -ge 1 ]
lab_done
