#!/bin/bash
# SPDX-License-Identifier: ISC
# --reconnect: a batch session (stdin a FIFO this test holds open) to
# `serve mikrotik` and to `serve mop`; the server is stopped and started
# again: the client says each step with its time, is back within 2 s of
# the server answering, logs in with the same password, and its session
# log goes on.  A changed password after the "reboot" stops it with
# "login failed" (exit 2); a device that never comes back, after
# --reconnect-timeout with one line (exit 75).
. "$(dirname "$0")/lib.sh"
lab_init
BIN=${L2C_BIN:?}
SRV=02:4c:32:43:08:01
CLI=02:4c:32:43:08:02
{ lab_ns s && lab_ns c; } || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $SRV c eth0 $CLI

printf 'root:pw-right\n' > "$LAB_TMP/users"
printf 'root:pw-changed\n' > "$LAB_TMP/users2"
chmod 600 "$LAB_TMP/users" "$LAB_TMP/users2"

# server KIND [USERS]: serve mikrotik or mop in s; $SPID.  (Its verdict
# on every login waits --fail-delay, 1 s by default: 100 ms here.)  (Not with
# the FIFO's fd 3: the client would never see its input end.)
server() {
	: > "$LAB_TMP/server.log"
	if [ "$1" = mikrotik ]; then
		lab_bg s "$LAB_TMP/server.log" "$BIN" -v serve mikrotik --users \
		    "${2:-$LAB_TMP/users}" --exec /bin/sh --mndp-interval 0 \
		    --fail-delay 100 eth0 3>&-
		SPID=$LAB_PID
		wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/server.log"
	else
		lab_bg s "$LAB_TMP/server.log" "$BIN" -v serve mop --exec /bin/sh eth0 \
		    3>&-
		SPID=$LAB_PID
		wait_for 10 grep -q "serving the MOP console" "$LAB_TMP/server.log"
	fi
}
server_stop() { kill -TERM "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
# client NAME ARGS...: a batch session in c, stdin the FIFO on fd 3;
# NAME.out, NAME.err, NAME.log; $CPID.
client() {
	local name=$1
	shift
	rm -f "$LAB_TMP/fifo"
	mkfifo "$LAB_TMP/fifo"
	exec 3<> "$LAB_TMP/fifo"
	L2CONSOLE_PASSWORD=pw-right ip netns exec "$(lab_nsname c)" "$BIN" \
	    "$@" --reconnect --output raw --log "$LAB_TMP/$name.log" \
	    < "$LAB_TMP/fifo" > "$LAB_TMP/$name.out" 2> "$LAB_TMP/$name.err" \
	    3>&- &
	CPID=$!
	LAB_PIDS+=("$CPID")
}
typed() { printf '%s\n' "$1" >&3; }
in_file() { grep -q -- "$2" "$LAB_TMP/$1"; }
client_rc() { wait "$CPID"; rc=$?; }
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }

# back NAME WHAT: stop the server, start it again, the session is back
# within 2 s of the server answering and runs a command.
back() {
	local name=$1 t0 t1
	server_stop
	check "$name: the lost session is said with its time" \
	    wait_for 15 in_file "$name.err" \
	    '^l2console: [0-9:.]* .*reconnecting once it answers'
	server "$kind" || { not_ok "$name: server starts again"; return; }
	t0=$(ms_now)
	if wait_for 5 in_file "$name.err" "connected to $SRV again"; then
		t1=$(ms_now)
		if [ $((t1 - t0)) -le 2000 ]; then
			ok "$name: back $((t1 - t0)) ms after the server answers"
		else
			not_ok "$name: back within 2 s ($((t1 - t0)) ms)"
		fi
	else
		not_ok "$name: back ($(tail -2 "$LAB_TMP/$name.err" | tr '\n' '|'))"
	fi
	typed 'echo TWO-$((6*7))'
	check "$name: a command runs after the reconnect" \
	    wait_for 10 in_file "$name.out" TWO-42
	check "$name: the session log goes on" in_file "$name.log" TWO-42
}

# Bad input: one line saying what (then the usage), exit 64.
for bad in abc 0 -1; do
	"$BIN" mikrotik --reconnect-timeout "$bad" eth0 $SRV \
	    > /dev/null 2> "$LAB_TMP/bad.err"
	rc=$?
	if [ $rc -eq 64 ] &&
	    [ "$(grep -c '^l2console: bad --reconnect-timeout' "$LAB_TMP/bad.err")" = 1 ]; then
		ok "--reconnect-timeout $bad: one line, exit 64"
	else
		not_ok "--reconnect-timeout $bad: one line, exit 64 (rc $rc: $(head -c 200 "$LAB_TMP/bad.err"))"
	fi
done

# --- MikroTik ---------------------------------------------------------
kind=mikrotik
server mikrotik || { not_ok "serve mikrotik starts"; lab_done; }
client mt mikrotik --login-retries 0 -u root --reconnect-timeout 10 \
    eth0 $SRV
typed 'echo ONE-$((6*7))'
check "mikrotik: logged in" wait_for 10 in_file mt.out ONE-42
back mt
# The password changed while it was away: login failed, exit 2.
server_stop
wait_for 15 in_file mt.err "reconnecting once it answers"
server mikrotik "$LAB_TMP/users2"
client_rc
if [ "$rc" -eq 2 ] && in_file mt.err "login failed for root"; then
	ok "mikrotik: a changed password stops it: login failed, exit 2"
else
	not_ok "mikrotik: a changed password stops it (rc $rc: $(tail -2 "$LAB_TMP/mt.err" | tr '\n' '|'))"
fi
exec 3>&-
server_stop

# Never back: one line after --reconnect-timeout, exit 75.
server mikrotik
client gone mikrotik --login-retries 0 -u root --reconnect-timeout 1 \
    eth0 $SRV
typed 'echo ONE-$((6*7))'
wait_for 10 in_file gone.out ONE-42
server_stop
client_rc
if [ "$rc" -eq 75 ] && [ "$(tail -1 "$LAB_TMP/gone.err")" = \
    "l2console: gave up reconnecting to $SRV on eth0 after 1 s" ]; then
	ok "never back: gives up after --reconnect-timeout, exit 75"
else
	not_ok "never back: exit 75 (rc $rc: $(tail -2 "$LAB_TMP/gone.err" | tr '\n' '|'))"
fi
exec 3>&-

# --- MOP ---------------------------------------------------------------
kind=mop
server mop || { not_ok "serve mop starts"; lab_done; }
client mop mop --timeout 1 --reconnect-timeout 10 eth0 $SRV
typed 'echo ONE-$((6*7))'
check "mop: the console runs a command" wait_for 10 in_file mop.out ONE-42
back mop
exec 3>&-
client_rc
check "mop: the session ends when its input does (exit $rc)" [ "$rc" -eq 0 ]
server_stop
lab_done
