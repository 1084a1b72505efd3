#!/bin/bash
# SPDX-License-Identifier: ISC
# The MOP Wireshark dissector (contrib/wireshark/mop.lua): tshark runs it
# over the real moprc captures and over hand-made frames, and every value
# asserted here was read off the raw bytes (tshark -x), not off the
# dissector. No namespaces, no frames sent: it only reads files.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
LUA=$top/contrib/wireshark/mop.lua
DATA=${L2C_TEST_DATA:-$top/tests/data}
FULL=$DATA/moprc135-v_vs_pydecnet-labpatched_full-session.pcapng
MISPARSE=$DATA/moprc135-no-v_vs_pydecnet-labpatched_rejected-sysid-misparse.pcapng
TIMEOUT=$DATA/moprc135_vs_pydecnet-stock_reqid-len5-ignored_timeout.pcapng

if ! command -v tshark >/dev/null 2>&1; then
	skip "MOP dissector over the captures" "tshark is not installed"
	lab_done
fi

TMP=$(mktemp -d /tmp/l2c-ws.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# An empty home and config dir: no personal preferences or plugins (a
# copy of mop.lua installed there would be loaded twice) change results.
mkdir -p "$TMP/home" "$TMP/conf"

FIELDS=(frame.number eth.dst _ws.col.Protocol _ws.col.Info
    mop.len mop.code mop.reserved mop.receipt mop.verification mop.data
    mop.extra mop.padding
    mop.sysid.type mop.sysid.len mop.sysid.value mop.sysid.version
    mop.sysid.functions mop.sysid.functions.console_carrier
    mop.sysid.functions.console_reserved mop.sysid.console_user
    mop.sysid.reservation_timer mop.sysid.cmd_size mop.sysid.resp_size
    mop.sysid.hwaddr mop.sysid.time mop.sysid.device
    mop.sysid.software_id mop.sysid.software_code mop.sysid.processor
    mop.sysid.datalink mop.sysid.dl_bufsize
    mop.poll.msgnum mop.poll.break mop.resp.ack mop.resp.cmd_lost
    mop.resp.resp_lost
    mop.boot.processor mop.boot.control mop.boot.software_id
    mop.counters.seconds mop.counters.bytes_rx mop.counters.tx_multi_collision
    mop.counters.user_buffer_unavail
    mop.loop.skip mop.loop.function mop.loop.fwd mop.loop.receipt
    mop.loop.data
    _ws.expert.message _ws.lua.error _ws.malformed)

# dissect PCAP OUT: one tab-separated row per frame, header first;
# tshark's stderr (Lua load errors land there) goes to OUT.err.
dissect() {
	local args=() fld
	for fld in "${FIELDS[@]}"; do
		args+=(-e "$fld")
	done
	HOME=$TMP/home WIRESHARK_CONFIG_DIR=$TMP/conf \
	    tshark -n -X "lua_script:$LUA" -r "$1" -T fields -E header=y \
	    -E separator=/t -E occurrence=a -E aggregator=, "${args[@]}" \
	    > "$2" 2> "$2.err"
}

# get OUT FRAME FIELD: that field of that frame ("" when absent).
get() {
	awk -F'\t' -v fld="$3" -v n="$2" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == fld) c = i; next }
	    $1 == n { print $c }' "$1"
}

# column OUT FIELD: that field of every frame, in order, joined by "|".
column() {
	awk -F'\t' -v fld="$2" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == fld) c = i; next }
	    { printf "%s%s", (NR > 2 ? "|" : ""), $c }' "$1"
}

# expect DESC ACTUAL WANT
expect() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
	fi
}

# expect_match DESC ACTUAL GLOB
expect_match() {
	# shellcheck disable=SC2053
	if [[ $2 == $3 ]]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:  '$2'"
		echo "#   want: $3"
	fi
}

# clean_stderr OUT: nothing but tshark's running-as-root warning.
clean_stderr() {
	! grep -v -e 'Running as user' -e '^$' "$1.err" | grep -q .
}

# --- the full session: moprc -v against the lab-patched pydecnet --------
F=$TMP/full.tsv
dissect "$FULL" "$F"
check "full session: tshark ran and the script loaded without errors" \
    clean_stderr "$F"
expect "full session: all 46 frames decoded as MOP remote console" \
    "$(column "$F" _ws.col.Protocol | tr '|' '\n' | grep -c '^MOP RC$')" 46
expect "full session: codes in order (Reserve, Request ID, System ID, 21 x Poll/Response, Release)" \
    "$(column "$F" mop.code)" \
    "13|5|7$(printf '|17|19%.0s' {1..21})|15"
expect "full session: no Lua errors, no malformed frames" \
    "$(column "$F" _ws.lua.error)$(column "$F" _ws.malformed | tr -d '|')" \
    "$(printf '|%.0s' {1..45})"

# Frame 1: Reserve Console, length 9, all-zero verification.
expect "frame 1: Reserve Console length 9" "$(get "$F" 1 mop.len)" 9
expect "frame 1: verification all zeros" \
    "$(get "$F" 1 mop.verification)" 0000000000000000

# Frame 2: moprc's Request ID, length 5, one byte beyond the spec layout.
expect "frame 2: Request ID length 5 (moprc)" \
    "$(get "$F" 2 mop.code)/$(get "$F" 2 mop.len)" 5/5
expect "frame 2: receipt 0, 5th byte shown as extra" \
    "$(get "$F" 2 mop.receipt)/$(get "$F" 2 mop.extra)" 0/00

# Frame 3: the System ID that breaks moprc without -v.
expect "frame 3: System ID, length 76" \
    "$(get "$F" 3 mop.code)/$(get "$F" 3 mop.len)" 7/76
expect "frame 3: every info entry walked, in order" \
    "$(get "$F" 3 mop.sysid.type)" 1,2,3,4,5,6,7,100,200,300,400
expect "frame 3: entry lengths" \
    "$(get "$F" 3 mop.sysid.len)" 3,1,6,2,2,2,6,1,14,1,1
expect "frame 3: maintenance version 3.0.0" \
    "$(get "$F" 3 mop.sysid.version)" 3.0.0
expect "frame 3: 1-byte functions 0xe1 with console carrier and reserved" \
    "$(get "$F" 3 mop.sysid.functions)/$(get "$F" 3 mop.sysid.functions.console_carrier)/$(get "$F" 3 mop.sysid.functions.console_reserved)" \
    0x00e1/1/1
expect "frame 3: console user is moprc's MAC" \
    "$(get "$F" 3 mop.sysid.console_user)" fa:66:06:04:d9:44
expect "frame 3: reservation timer 15 s" \
    "$(get "$F" 3 mop.sysid.reservation_timer)" 15
expect "frame 3: console command size 512 (00 02 LE)" \
    "$(get "$F" 3 mop.sysid.cmd_size)" 512
expect "frame 3: console response size 512" \
    "$(get "$F" 3 mop.sysid.resp_size)" 512
expect "frame 3: hardware address" \
    "$(get "$F" 3 mop.sysid.hwaddr)" 6e:82:24:2f:d9:4c
expect "frame 3: software id DECnet/Python" \
    "$(get "$F" 3 mop.sysid.software_id)" DECnet/Python
expect "frame 3: device 9, processor 2, data link 1" \
    "$(get "$F" 3 mop.sysid.device)/$(get "$F" 3 mop.sysid.processor)/$(get "$F" 3 mop.sysid.datalink)" \
    9/2/1
expect "frame 3: no padding (92-byte frame is exactly 14 + 2 + 76)" \
    "$(get "$F" 3 mop.padding)" ""

# Polls and responses: message numbers alternate from 0, each answered.
polls=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["mop.code"] == 17 { printf "%s", $h["mop.poll.msgnum"] }' "$F")
acks=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["mop.code"] == 19 { printf "%s", $h["mop.resp.ack"] }' "$F")
expect "polls: message numbers 0,1,0,1,... (21 polls)" \
    "$polls" 010101010101010101010
expect "responses: ack bits match the polls" "$acks" "$polls"
expect "frame 4: first poll empty, msg 0, no break" \
    "$(get "$F" 4 mop.len)/$(get "$F" 4 mop.poll.msgnum)/$(get "$F" 4 mop.poll.break)/$(get "$F" 4 mop.data)" \
    2/0/0/
expect "frame 5: empty response, garbage padding not taken as data" \
    "$(get "$F" 5 mop.data)/$(get "$F" 5 mop.padding)" \
    "/$(printf '42%.0s' {1..42})"
expect "frame 7: response ack 1 with the login banner (43 bytes)" \
    "$(get "$F" 7 mop.len)/$(get "$F" 7 mop.resp.ack)/$(get "$F" 7 mop.data)" \
    "45/1/0d0d0a557365722041636365737320566572696669636174696f6e0d0d0a0d0d0a557365726e616d653a20"
expect_match "frame 7: Info shows the text" "$(get "$F" 7 _ws.col.Info)" \
    '*ack 1, 43 bytes "\\r\\r\\nUser Access Verificat*'
expect "frame 16: poll msg 0 carries CR" \
    "$(get "$F" 16 mop.poll.msgnum)/$(get "$F" 16 mop.data)" 0/0d
expect "typed bytes in polls spell CR cisco CR" \
    "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
      $h["mop.code"] == 17 { printf "%s", $h["mop.data"] }' "$F")" \
    0d636973636f0d
expect "frame 43: echo of the typed line" \
    "$(get "$F" 43 mop.resp.ack)/$(get "$F" 43 mop.data)" 1/0d0a636973636f0d0a
expect "no command/response data lost flags in the session" \
    "$(column "$F" mop.resp.cmd_lost | tr -d '0|')$(column "$F" mop.resp.resp_lost | tr -d '0|')" ""
expect "frame 46: Release Console, length 1, moprc's garbage is padding" \
    "$(get "$F" 46 mop.code)/$(get "$F" 46 mop.len)/$(get "$F" 46 mop.data)/$(get "$F" 46 mop.extra)" \
    15/1//
expect_match "frame 46: padding holds the garbage bytes" \
    "$(get "$F" 46 mop.padding)" '*6d6f7041*'

# --- moprc without -v: the periodic System ID and the misparse ----------
M=$TMP/misparse.tsv
dissect "$MISPARSE" "$M"
check "misparse capture: script loaded without errors" clean_stderr "$M"
expect "misparse: codes in order" "$(column "$M" mop.code)" "7|13|5|7|15"
expect "misparse frame 1: periodic System ID to AB-00-00-02-00-00, length 67" \
    "$(get "$M" 1 eth.dst)/$(get "$M" 1 mop.len)" ab:00:00:02:00:00/67
expect "misparse frame 1: no console user entry while not reserved" \
    "$(get "$M" 1 mop.sysid.type)/$(get "$M" 1 mop.sysid.console_user)" \
    1,2,4,5,6,7,100,200,300,400/
expect "misparse frame 1: functions 0x61, carrier but not reserved" \
    "$(get "$M" 1 mop.sysid.functions)/$(get "$M" 1 mop.sysid.functions.console_carrier)/$(get "$M" 1 mop.sysid.functions.console_reserved)" \
    0x0061/1/0
expect "misparse frame 4: command size 512 parsed, reserved by moprc" \
    "$(get "$M" 4 mop.sysid.cmd_size)/$(get "$M" 4 mop.sysid.console_user)/$(get "$M" 4 mop.sysid.functions)" \
    512/fa:66:06:04:d9:44/0x00e1

# --- a strict server ignores the 5-byte Request ID ----------------------
T=$TMP/timeout.tsv
dissect "$TIMEOUT" "$T"
check "timeout capture: script loaded without errors" clean_stderr "$T"
expect "timeout: Reserve, 4 Request IDs, Release, periodic System ID" \
    "$(column "$T" mop.code)" "13|5|5|5|5|15|7"
expect "timeout: every Request ID has length 5" \
    "$(column "$T" mop.len)" "9|5|5|5|5|1|67"

# --- hand-made frames: the cases the captures do not have ---------------
if ! command -v text2pcap >/dev/null 2>&1; then
	skip "hand-made frames" "text2pcap is not installed"
	lab_done
fi
ETH6002="024c32430001024c324300026002"
# mopmsg HEX: the MOP length word (LE) in front of a message.
mopmsg() {
	local n=$(( ${#1} / 2 ))
	printf '%02x%02x%s' $((n & 255)) $((n >> 8)) "$1"
}
# pad HEX BYTE: fill a frame up to 60 bytes with BYTE.
pad() {
	local h=$1
	while [ ${#h} -lt 120 ]; do h=$h$2; done
	printf '%s' "$h"
}
frames=(
	# 1: spec Request ID, length 4, receipt 0x1234
	"$(pad "$ETH6002$(mopmsg 05003412)" ee)"
	# 2: System ID: 2-byte functions, unknown type 999, device-specific
	#    102, type 401, system time, software id code -1; then garbage
	"$ETH6002$(mopmsg 070000000100030400000200022100e70302abcd660001070500020001910102dc0508000a14180b150c2238000000c80001ff)eeeeeeeeeeeeeeee"
	# 3: System ID whose last entry claims 6 bytes but has 3
	"$(pad "$ETH6002$(mopmsg 070000000500020002070006aabbcc)" ee)"
	# 4: MOP length 256 in a 19-byte frame
	"${ETH6002}00011100 41"
	# 5: Counters
	"$ETH6002$(mopmsg 0b070064000100000002000000030000000400000005000000060000000700000008000000090000000a000b000c000d000e000f0010001100)"
	# 6: Request Counters, receipt 258
	"$(pad "$ETH6002$(mopmsg 090201)" 00)"
	# 7: Boot
	"$(pad "$ETH6002$(mopmsg 06010203040506070800010341424300)" 00)"
	# 8: Command and Poll with break, msg 1
	"$(pad "$ETH6002$(mopmsg 1103)" 00)"
	# 9: Response, all three flags, one byte
	"$(pad "$ETH6002$(mopmsg 130778)" 00)"
	# 10: loopback: forward to 02:4c:32:43:00:02, then reply receipt 5
	"cf0000000000024c32430002900000000200024c32430002010005 0070696e67"
	# 11: the same after the forward hop (skip 8)
	"024c32430002024c32430001900008000200024c32430002010005 0070696e67"
	# 12: IEEE 802.3 + SNAP Request ID, receipt 1
	"$(pad "ab0000020000024c32430002000caaaa0308002b600205000100" 00)"
	# 13: unknown code 0x63
	"$(pad "$ETH6002$(mopmsg 630102)" 00)"
	# 14: System ID ending in a lone byte (no room for an entry header)
	"$(pad "$ETH6002$(mopmsg 07000000050002000201)" 00)"
)
for fr in "${frames[@]}"; do
	echo "$fr" | tr -d ' ' | sed 's/../& /g; s/^/000000 /'
done > "$TMP/synth.txt"
if ! text2pcap -q "$TMP/synth.txt" "$TMP/synth.pcap" >/dev/null 2>&1; then
	not_ok "text2pcap builds the hand-made frames"
	lab_done
fi
S=$TMP/synth.tsv
dissect "$TMP/synth.pcap" "$S"
check "hand-made frames: script loaded without errors" clean_stderr "$S"
expect "hand-made: 14 frames read" "$(($(wc -l < "$S") - 1))" 14

expect "spec Request ID: length 4, receipt 4660, nothing extra" \
    "$(get "$S" 1 mop.len)/$(get "$S" 1 mop.receipt)/$(get "$S" 1 mop.extra)/$(get "$S" 1 _ws.expert.message)" \
    4/4660//
expect "System ID: unknown and device-specific types walked by length" \
    "$(get "$S" 2 mop.sysid.type)" 1,2,999,102,5,401,8,200
expect "System ID: 2-byte functions 0x0021 with console carrier" \
    "$(get "$S" 2 mop.sysid.functions)/$(get "$S" 2 mop.sysid.functions.console_carrier)" \
    0x0021/1
expect "System ID: unknown types shown raw" \
    "$(get "$S" 2 mop.sysid.value)" abcd,07
expect "System ID: entries after unknown ones still decoded" \
    "$(get "$S" 2 mop.sysid.version)/$(get "$S" 2 mop.sysid.cmd_size)/$(get "$S" 2 mop.sysid.dl_bufsize)/$(get "$S" 2 mop.sysid.time)/$(get "$S" 2 mop.sysid.software_code)" \
    4.0.0/256/1500/14180b150c2238000000/-1
expect "System ID: garbage after the MOP length is padding, not entries" \
    "$(get "$S" 2 mop.padding)" "$(printf 'ee%.0s' {1..8})"
expect_match "truncated entry: earlier entries decoded, expert error raised" \
    "$(get "$S" 3 mop.sysid.cmd_size)/$(get "$S" 3 mop.sysid.hwaddr)/$(get "$S" 3 _ws.expert.message)" \
    "512//*runs past the end of the message*"
expect_match "truncated entry: padding not read as the missing value" \
    "$(get "$S" 3 mop.sysid.value)" aabbcc
expect_match "MOP length past the frame: flagged, message still decoded" \
    "$(get "$S" 4 mop.len)/$(get "$S" 4 mop.code)/$(get "$S" 4 mop.data)/$(get "$S" 4 _ws.expert.message)" \
    "256/17/41/*MOP length runs past the end of the frame*"
expect "Counters: receipt, seconds, first u32, last u32, last u16" \
    "$(get "$S" 5 mop.receipt)/$(get "$S" 5 mop.counters.seconds)/$(get "$S" 5 mop.counters.bytes_rx)/$(get "$S" 5 mop.counters.tx_multi_collision)/$(get "$S" 5 mop.counters.user_buffer_unavail)/$(get "$S" 5 mop.extra)" \
    7/100/1/9/17/
expect "Request Counters: receipt 258" \
    "$(get "$S" 6 mop.code)/$(get "$S" 6 mop.receipt)" 9/258
expect "Boot: verification, processor, control, software id, trailing byte" \
    "$(get "$S" 7 mop.verification)/$(get "$S" 7 mop.boot.processor)/$(get "$S" 7 mop.boot.control)/$(get "$S" 7 mop.boot.software_id)/$(get "$S" 7 mop.extra)" \
    0102030405060708/0/0x01/ABC/00
expect "Poll: msg 1 with break" \
    "$(get "$S" 8 mop.poll.msgnum)/$(get "$S" 8 mop.poll.break)" 1/1
expect "Response: ack, command lost, response lost, data" \
    "$(get "$S" 9 mop.resp.ack)/$(get "$S" 9 mop.resp.cmd_lost)/$(get "$S" 9 mop.resp.resp_lost)/$(get "$S" 9 mop.data)" \
    1/1/1/78
expect "Loopback: skip, functions, forward address, receipt, data" \
    "$(get "$S" 10 _ws.col.Protocol)/$(get "$S" 10 mop.loop.skip)/$(get "$S" 10 mop.loop.function)/$(get "$S" 10 mop.loop.fwd)/$(get "$S" 10 mop.loop.receipt)/$(get "$S" 10 mop.loop.data)" \
    "MOP Loop/0/2,1/02:4c:32:43:00:02/5/70696e67"
expect "Loopback: Info names the block the skip count points at" \
    "$(get "$S" 10 _ws.col.Info)|$(get "$S" 11 _ws.col.Info)" \
    "Loopback Forward Data to 02:4c:32:43:00:02|Loopback Reply, receipt 5"
expect "802.3/SNAP Request ID decoded" \
    "$(get "$S" 12 _ws.col.Protocol)/$(get "$S" 12 mop.code)/$(get "$S" 12 mop.receipt)" \
    "MOP RC/5/1"
expect_match "unknown code flagged" \
    "$(get "$S" 13 mop.code)/$(get "$S" 13 _ws.expert.message)" \
    "99/*Unknown MOP remote console code*"
expect_match "System ID ending mid-header flagged" \
    "$(get "$S" 14 mop.sysid.cmd_size)/$(get "$S" 14 _ws.expert.message)" \
    "512/*runs past the end of the message*"
expect "hand-made frames: no Lua errors" \
    "$(column "$S" _ws.lua.error | tr -d '|')" ""
lab_done
