#!/bin/bash
# SPDX-License-Identifier: ISC
# 1 MiB of output through a bridge that drops 10% of the frames (nft
# numgen random in a third namespace): from the client only against
# Debian's mactelnetd (byte-exact, nothing reported lost), from the
# server only (mactelnetd never resends: the loss is counted and
# reported, the session ends), both ways against `l2console serve
# mikrotik` and through MOP against `l2console serve mop` (byte-exact,
# with a short --idle); then that server dies under a batch session,
# which must end as peer lost.
# Times and retransmissions are reported as TAP comments.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
T=${L2C_TOOLS:?}
CMAC=02:4c:32:43:01:02
SMAC=02:4c:32:43:01:01
LIMIT=90	# seconds any one transfer may take

{ lab_ns br && lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_bridge br c ethc $CMAC s eths $SMAC

# The output: exactly 1 MiB of base64 lines, readable by the login user.
DATA=$LAB_TMP/data
head -c 800000 /dev/urandom | base64 | head -c 1048575 > "$DATA"
echo >> "$DATA"
chmod 644 "$DATA"
want=$(sha256sum < "$DATA")
# Markers the shell computes, so the echoed command line never matches.
printf 'echo L2C-B$((6*7)); cat %s; echo L2C-E$((6*7))\nexit\n' "$DATA" \
    > "$LAB_TMP/in"

# between NAME: what arrived between the markers, without the pty's CRs.
between() {
	tr -d '\r' < "$LAB_TMP/$1.out" |
	    awk '/L2C-E42$/ { p = 0 } p { print } /L2C-B42$/ { p = 1 }'
}
# exact NAME: the 1 MiB arrived unchanged.
exact() { [ "$(between "$1" | sha256sum)" = "$want" ]; }
# dropped: frames the bridge dropped since the rules were made.
dropped() {
	lab_exec br nft list table bridge l2closs 2>/dev/null |
	    awk '/packets/ { for (i = 1; i < NF; i++) if ($i == "packets") n += $(i + 1) }
		END { print n + 0 }'
}
# run NAME CMD...: one batch session in c; $rc, $ms; output in NAME.out.
run() {
	local name=$1 t0
	shift
	t0=$(date +%s%N)
	timeout $LIMIT ip netns exec "$(lab_nsname c)" "$@" \
	    < "$LAB_TMP/in" > "$LAB_TMP/$name.out" 2> "$LAB_TMP/$name.err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
# The transport is what counts here: the bytes as received.
mt() {
	local name=$1
	shift
	L2CONSOLE_PASSWORD=$MTD_PW run "$name" "$BIN" --pcap \
	    "$LAB_TMP/$name.pcap" mikrotik --output raw -u "$MTD_USER" "$@" \
	    ethc $SMAC
}
# wire PROTO NAME KEY: one figure from the capture (tests/tools/wirestat.c).
wire() { "$T/wirestat" "$1" "$LAB_TMP/$2.pcap" $CMAC | awk -v k="$3" \
    '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }
why() { echo "rc $rc, ${ms} ms: $(head -c 300 "$LAB_TMP/$1.err")"; }

if ! mtd_have; then
	skip "(a) 10% client loss against mactelnetd" "mactelnet-server is not installed"
	skip "(b) 10% server loss against mactelnetd" "mactelnet-server is not installed"
elif ! mtd_start s eths 192.0.2.1/24; then
	not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"
else
	# (a) The client's frames: lost DATA is resent, a lost ACK is
	#     said again as soon as the server falls quiet.
	lab_loss br 10 ethc
	mt a
	if [ $rc -eq 0 ] && exact a; then
		ok "(a) 10% client loss against mactelnetd: 1 MiB byte-exact"
	else
		not_ok "(a) 10% client loss against mactelnetd: 1 MiB byte-exact ($(why a))"
	fi
	check "(a) no output reported lost" \
	    test "$(count 'lost' "$LAB_TMP/a.err")" = 0
	echo "# (a) ${ms} ms; bridge dropped $(dropped) client frames;" \
	    "DATA retransmitted $(wire mikrotik a rtx), ACKs resent $(wire mikrotik a ackre)" \
	    "of $(wire mikrotik a acks); longest quiet $(wire mikrotik a quiet_ms) ms"
	lab_loss_off br

	# (b) The server's frames: mactelnetd never resends a lost DATA.
	#     The session goes on, the loss is counted from the counters
	#     and reported, and what arrived plus what was reported lost
	#     is what (a) received.
	lab_loss br 10 eths
	mt b
	if [ $rc -eq 0 ] && [ $ms -lt 30000 ]; then
		ok "(b) 10% server loss against mactelnetd: ends by itself, exit 0 (${ms} ms)"
	else
		not_ok "(b) 10% server loss against mactelnetd: ends by itself, exit 0 ($(why b))"
	fi
	lost=$(grep -E 'bytes of output (were )?lost' "$LAB_TMP/b.err" | tail -1 |
	    sed -E 's/^l2console: ([0-9]+) bytes.*/\1/')
	lines=$(grep -cE 'bytes of output (were )?lost' "$LAB_TMP/b.err")
	# One line at the first gap; one total at the end if there were more.
	if [ -n "$lost" ] && [ "$lost" -gt 0 ] && [ "$lines" -le 2 ]; then
		ok "(b) lost output reported ($lost bytes, $lines lines)"
	else
		not_ok "(b) lost output reported ($(cat "$LAB_TMP/b.err"))"
	fi
	got=$(wc -c < "$LAB_TMP/b.out")
	full=$(wc -c < "$LAB_TMP/a.out")
	check "(b) received $got + reported lost ${lost:-?} = the $full bytes (a) received" \
	    [ $((got + ${lost:-0})) -eq "$full" ]
	echo "# (b) ${ms} ms; bridge dropped $(dropped) server frames;" \
	    "gaps seen on the wire $(wire mikrotik b sgaps) ($(wire mikrotik b sgapbytes) bytes);" \
	    "DATA retransmitted $(wire mikrotik b rtx), ACKs resent $(wire mikrotik b ackre)"
	lab_loss_off br
	kill "$MTD_PID"
	wait "$MTD_PID" 2>/dev/null
fi

# (c) Our own server resends: nothing may be lost, both ways.
if ! "$BIN" serve 2>&1 | grep -q '^  mikrotik'; then
	skip "(c) 10% loss both ways against serve mikrotik" "serve mikrotik is not merged yet"
else
	[ -n "$MTD_USERS" ] || mtd_user
	lab_bg s "$LAB_TMP/srv.log" "$BIN" -v serve mikrotik --users \
	    "$MTD_USERS" --exec /bin/sh eths
	spid=$LAB_PID
	if ! wait_for 5 grep -q "serving MAC-Telnet" "$LAB_TMP/srv.log"; then
		not_ok "(c) serve mikrotik starts ($(cat "$LAB_TMP/srv.log"))"
	else
		lab_loss br 10 ethc
		lab_loss br 10 eths
		mt c
		if [ $rc -eq 0 ] && exact c && ! grep -q 'lost' "$LAB_TMP/c.err"; then
			ok "(c) 10% loss both ways against serve mikrotik: 1 MiB byte-exact"
		else
			not_ok "(c) 10% loss both ways against serve mikrotik: 1 MiB byte-exact ($(why c))"
		fi
		echo "# (c) ${ms} ms; bridge dropped $(dropped) frames; client" \
		    "DATA retransmitted $(wire mikrotik c rtx), ACKs resent $(wire mikrotik c ackre);" \
		    "server DATA seen twice $(wire mikrotik c sdup)"
		lab_loss_off br
	fi
	kill "$spid"
	wait "$spid" 2>/dev/null
fi

# (d) MOP: the requester polls and retransmits, the server repeats its
#     last response to a repeated poll.
if ! "$BIN" --help 2>&1 | grep -q '^  mop '; then
	skip "(d) 10% loss both ways through MOP" "l2console mop / serve mop are not merged yet"
else
	lab_bg s "$LAB_TMP/mop.log" "$BIN" -v serve mop --exec /bin/sh \
	    --verification l2chard eths
	spid=$LAB_PID
	if ! wait_for 5 grep -q "serving the MOP console" "$LAB_TMP/mop.log"; then
		not_ok "(d) serve mop starts ($(cat "$LAB_TMP/mop.log"))"
	else
		lab_loss br 10 ethc
		lab_loss br 10 eths
		# MOP has no end of session: batch mode ends on quiet output.
		# A poll lost four times in a row goes unanswered for over
		# half a second (most runs have such a run of losses);
		# that is waiting for the peer, not quiet, so it must not end
		# the session before the whole 1 MiB is in.
		run d "$BIN" --pcap "$LAB_TMP/d.pcap" mop --output raw --verification \
		    l2chard --idle 0.5 ethc $SMAC
		if [ $rc -eq 0 ] && exact d; then
			ok "(d) 10% loss both ways through MOP: 1 MiB byte-exact"
		else
			not_ok "(d) 10% loss both ways through MOP: 1 MiB byte-exact ($(why d))"
		fi
		echo "# (d) ${ms} ms; bridge dropped $(dropped) frames;" \
		    "polls $(wire mop d polls), repeated $(wire mop d rtx);" \
		    "responses repeated $(wire mop d sdup);" \
		    "longest wait for an answer $(wire mop d wait_ms) ms"
		lab_loss_off br

		# (e) The server dies once input has ended: its silence is
		#     not quiet output either, but the session does not wait
		#     for it for ever: peer lost (exit 75) after --timeout.
		printf 'echo L2C-R$((6*7))\n' > "$LAB_TMP/in.e"
		ip netns exec "$(lab_nsname c)" timeout $LIMIT "$BIN" mop \
		    --verification l2chard --idle 1 --timeout 3 ethc $SMAC \
		    < "$LAB_TMP/in.e" > "$LAB_TMP/e.out" 2> "$LAB_TMP/e.err" &
		epid=$!
		wait_for 5 grep -q 'L2C-R42' "$LAB_TMP/e.out"
		t0=$(date +%s%N)
		kill -KILL "$spid"
		wait "$spid" 2>/dev/null
		wait "$epid"
		rc=$?
		ms=$(( ($(date +%s%N) - t0) / 1000000 ))
		if [ $rc -eq 75 ] && grep -q 'peer lost' "$LAB_TMP/e.err" &&
		    [ $ms -lt 6000 ]; then
			ok "(e) server gone after input ended: peer lost, exit 75 (${ms} ms, timeout 3 s)"
		else
			not_ok "(e) server gone after input ended: peer lost, exit 75 ($(why e))"
		fi
	fi
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
fi

lab_done
