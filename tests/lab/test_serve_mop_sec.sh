#!/bin/bash
# SPDX-License-Identifier: ISC
# `serve mop` as issue 19 wants it (rows 9, 13, 14, 15): --exec runs as
# --user (nobody by default), the program's environment is the
# documented list, the verification comes from a file or the
# environment (argv: a warning), core dumps are off, and login(1) is
# the default program.  Two stations on a veth pair.
. "$(dirname "$0")/lib.sh"
lab_init
. "$(dirname "$0")/mtd.sh"
BIN=${L2C_BIN:?}
S_MAC=02:4c:32:44:00:01 C_MAC=02:4c:32:44:00:02
VERIF=sec19ok
slog=$LAB_TMP/server.log

{ lab_ns s && lab_ns c; } || { not_ok "create namespaces"; lab_done; }
lab_link s eth0 $S_MAC c eth0 $C_MAC || { not_ok "link"; lab_done; }
printf '%s\n' "$VERIF" > "$LAB_TMP/verif"
chmod 600 "$LAB_TMP/verif"

# serve ARGS...: a server with a verification file, ready or failed.
serve() {
	: > "$slog"
	lab_bg s "$slog" env L2C_SECRET_LEAK=must-not-pass LANG=C.UTF-8 \
	    "$BIN" -v serve mop --verification-file "$LAB_TMP/verif" "$@" eth0
	spid=$LAB_PID
	wait_for 5 grep -q "serving the MOP console" "$slog"
}
stop() {
	kill -TERM "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
}
# ns_proc NS: the l2console processes in a namespace of ours.
ns_proc() {
	local p
	for p in $(ip netns pids "$(lab_nsname "$1")"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = l2console ] && echo "$p"
	done
}
# client OUT ERR [options]: one batch session, stdin from the caller.
client() {
	local out=$1 err=$2
	shift 2
	L2CONSOLE_MOP_VERIFICATION=${CV-$VERIF} lab_exec c "$BIN" mop \
	    --idle 0.5 --timeout 3 "$@" eth0 $S_MAC > "$out" 2> "$err"
}

# Row 9: --exec runs as nobody unless --user root says otherwise.
serve --exec id || { not_ok "server starts ($(cat "$slog"))"; lab_done; }
client "$LAB_TMP/o1" "$LAB_TMP/e1" < /dev/null
rc=$?
not_root() { [ "$rc" -eq 0 ] && grep -q 'uid=' "$LAB_TMP/o1" &&
    ! grep -q 'uid=0' "$LAB_TMP/o1"; }
check "--exec id runs as nobody: no uid=0 ($(grep -o 'uid=[^ ]*' "$LAB_TMP/o1"))" \
    not_root
check "the start line names the account" grep -q "/bin/sh -c id as nobody" \
    "$slog"
check "no 'any station' line with a verification file" \
    [ "$(count "any station on the segment" "$slog")" = 0 ]
# Row 15: the server can dump no core.
check "serve mop: core file size 0" grep -Eq \
    '^Max core file size +0 ' "/proc/$(ns_proc s | head -n 1)/limits"
stop

serve --user root --exec id || not_ok "server starts with --user root"
client "$LAB_TMP/o2" "$LAB_TMP/e2" < /dev/null
check "--user root --exec id prints uid=0" grep -q 'uid=0(root)' "$LAB_TMP/o2"
stop

# Row 14: exactly the documented environment, LANG passed on.
serve --exec 'env | sort' || not_ok "server starts for env"
client "$LAB_TMP/o3" "$LAB_TMP/e3" < /dev/null
tr -d '\r' < "$LAB_TMP/o3" > "$LAB_TMP/env"
# PWD is /bin/sh's own (it sets it for `sh -c`), not ours.
grep -E '^[A-Z_]+=' "$LAB_TMP/env" | cut -d= -f1 | grep -vx PWD |
    tr '\n' ' ' > "$LAB_TMP/names"
check "the environment is exactly the list ($(cat "$LAB_TMP/names"))" \
    [ "$(cat "$LAB_TMP/names")" = "HOME LANG LOGNAME PATH SHELL TERM USER " ]
check "PATH=/usr/bin:/bin for nobody" grep -qx 'PATH=/usr/bin:/bin' \
    "$LAB_TMP/env"
check "USER is the account, LANG ours" grep -qx 'USER=nobody' "$LAB_TMP/env"
stop

# Row 13: the verification from the environment and the file; a wrong
# one refused (exit 2); argv warns; bad files exit 65 and 66.
serve --exec 'echo verified-$((40+2))' || not_ok "server starts (verif)"
echo | client "$LAB_TMP/o4" "$LAB_TMP/e4"
rc=$?
check "L2CONSOLE_MOP_VERIFICATION reserves (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o4" verified-42
echo | CV='' client "$LAB_TMP/o5" "$LAB_TMP/e5" --verification-file \
    "$LAB_TMP/verif"
rc=$?
check "--verification-file reserves (exit 0)" \
    status_grep "$rc" 0 "$LAB_TMP/o5" verified-42
echo | CV=wrong client "$LAB_TMP/o6" "$LAB_TMP/e6"
rc=$?
check "a wrong verification is refused (exit 2)" \
    status_grep "$rc" 2 "$LAB_TMP/e6" "reservation refused"
echo | CV='' client "$LAB_TMP/o7" "$LAB_TMP/e7" --verification $VERIF
rc=$?
argv_warns() { status_grep "$rc" 0 "$LAB_TMP/o7" verified-42 &&
    [ "$(count "can be read by every local user" "$LAB_TMP/e7")" = 1 ]; }
check "--verification on argv works, with one warning line" argv_warns
stop
printf 'far-too-long-for-mop\n' > "$LAB_TMP/long"
CV='' client "$LAB_TMP/o8" "$LAB_TMP/e8" --verification-file "$LAB_TMP/long" \
    < /dev/null
rc=$?
check "a verification file that holds no verification: exit 65, one line" \
    [ $rc -eq 65 -a "$(wc -l < "$LAB_TMP/e8")" = 1 ]
lab_exec s "$BIN" serve mop --verification-file "$LAB_TMP/none" eth0 \
    > "$LAB_TMP/o9" 2>&1
rc=$?
check "serve mop: a verification file that cannot be read: exit 66" \
    status_grep "$rc" 66 "$LAB_TMP/o9" "cannot read"
lab_exec s "$BIN" serve mop --exec id --verification-file \
    "$LAB_TMP/verif" --verification x eth0 > "$LAB_TMP/o10" 2>&1
check "both --verification and --verification-file: exit 64" [ $? -eq 64 ]
lab_exec s "$BIN" serve mop --user root eth0 > "$LAB_TMP/o11" 2>&1
check "--user without --exec: exit 64" [ $? -eq 64 ]

# Row 15: a client holding a verification dumps no core.
mkfifo "$LAB_TMP/in"
exec 7<>"$LAB_TMP/in"
serve --exec 'cat' || not_ok "server starts (cat)"
lab_bg c "$LAB_TMP/held" sh -c 'exec "$@" < "$0"' "$LAB_TMP/in" \
    env L2CONSOLE_MOP_VERIFICATION=$VERIF "$BIN" mop --idle 30 \
    --timeout 5 eth0 $S_MAC
cpid=$LAB_PID
echo 'held-here' >&7
wait_for 5 grep -q 'held-here' "$LAB_TMP/held"
# Our client is the one l2console in namespace c.
mpid=$(ns_proc c | head -n 1)
# The dumpable flag itself is checked in tests/unit/core/test_priv.c:
# this kernel shows no trace of it in /proc for a process that changed
# its uid.
check "mop client holding a verification: core file size 0" \
    grep -Eq '^Max core file size +0 ' "/proc/${mpid:-none}/limits"
kill -TERM "$cpid" 2>/dev/null
wait "$cpid" 2>/dev/null
exec 7>&-
stop

# Row 9: login(1) by default, as getty would: it asks who logs in.
serve || not_ok "server starts with login"
mkfifo "$LAB_TMP/lin"
exec 8<>"$LAB_TMP/lin"
lab_bg c "$LAB_TMP/login" sh -c 'exec "$@" < "$0"' "$LAB_TMP/lin" \
    env L2CONSOLE_MOP_VERIFICATION=$VERIF "$BIN" mop --idle 30 \
    --timeout 5 eth0 $S_MAC
lpid=$LAB_PID
# login(1), reading its user name on the console, is what we wait for:
# what is typed before it reads is flushed.
login_reads() {
	local p
	for p in $(ip netns pids "$(lab_nsname s)"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = login ] &&
		    grep -Eq "n_tty_read|wait_woken" "/proc/$p/wchan" 2>/dev/null && return 0
	done
	return 1
}
shell_reads() {
	local p
	for p in $(ip netns pids "$(lab_nsname s)"); do
		[ "$(stat -c %U "/proc/$p" 2>/dev/null)" = "$MTD_USER" ] &&
		    grep -Eq "n_tty_read|wait_woken" "/proc/$p/wchan" 2>/dev/null && return 0
	done
	return 1
}
wait_for 8 login_reads
check "serve mop runs login by default (it waits for a user name)" [ $? -eq 0 ]
# A local account with a password (mtd.sh makes it, and removes it at
# the end): login asks, and the shell is that account's.
if mtd_user && echo "$MTD_USER:$MTD_PW" | chpasswd 2>/dev/null; then
	echo "$MTD_USER" >&8
	wait_for 8 grep -q 'Password:' "$LAB_TMP/login"
	check "login: prompt and Password: prompt" grep -q 'login: ' "$LAB_TMP/login"
	wait_for 8 login_reads
	echo "$MTD_PW" >&8
	# The account's shell reading its terminal, then the command: what
	# is typed while login(1) still runs may be flushed.
	wait_for 20 shell_reads
	echo 'echo "in as $(id -un)-$((6*7))"' >&8
	wait_for 20 grep -q "in as $MTD_USER-42" "$LAB_TMP/login"
	check "login with the account's password gives its shell" [ $? -eq 0 ]
	check "the password is not echoed" [ "$(count "$MTD_PW" "$LAB_TMP/login")" = 0 ]
else
	skip "login: prompt and Password: prompt" "cannot make an account here"
	skip "login with a local account" "cannot make an account here"
	skip "the password is not echoed" "no account"
fi
kill -TERM "$lpid" 2>/dev/null
wait "$lpid" 2>/dev/null
exec 8>&-
stop
lab_done
