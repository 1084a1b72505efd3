#!/bin/bash
# SPDX-License-Identifier: ISC
# Privileges of `l2console mikrotik` against Debian's mactelnetd:
# started as root it becomes nobody (or --user NAME) once its handles
# are open, with no capabilities left; a normal user with only
# cap_net_raw (setcap on a copy) logs in; without it, one line naming
# setcap and exit 77.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
CMAC=02:4c:32:43:05:02
SMAC=02:4c:32:43:05:01

if ! mtd_have; then
	skip "privileges of a running session" "mactelnet-server is not installed"
	lab_done
fi
{ lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_link c ethc $CMAC s eths $SMAC
mtd_start s eths 192.0.2.1/24 ||
    { not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"; lab_done; }
export L2CONSOLE_PASSWORD=$MTD_PW
uid_nobody=$(id -u nobody)

# held NAME CMD...: a batch session in c whose stdin (a fifo) stays open
# until `done_held`; returns once the device's shell has answered.
held() {
	local name=$1
	shift
	rm -f "$LAB_TMP/fifo"
	mkfifo -m 666 "$LAB_TMP/fifo"
	exec 7<>"$LAB_TMP/fifo"
	lab_bg c "$LAB_TMP/$name.out" sh -c 'f=$0; e=$1; shift; exec "$@" < "$f" 2> "$e"' \
	    "$LAB_TMP/fifo" "$LAB_TMP/$name.err" "$@"
	hpid=$LAB_PID
	echo 'echo P-$((6*7))' >&7
	wait_for 10 grep -q 'P-42' "$LAB_TMP/$name.out"
}
done_held() {
	echo exit >&7
	exec 7>&-
	wait "$hpid"
}
# field PID NAME: a line of /proc/PID/status, its values only (spaced).
field() { awk -v k="$2:" '$1 == k { $1 = ""; print substr($0, 2) }' "/proc/$1/status"; }
caps_none() { [ "$(field "$1" CapEff)" = 0000000000000000 ] &&
    [ "$(field "$1" CapPrm)" = 0000000000000000 ]; }

# 1. Root: nobody by default, no capabilities kept, the session works.
if held root "$BIN" mikrotik -u "$MTD_USER" ethc $SMAC; then
	uids=$(field "$hpid" Uid)
	check "as root: the running session is nobody (Uid $uids)" \
	    [ "$uids" = "$uid_nobody $uid_nobody $uid_nobody $uid_nobody" ]
	check "as root: no capabilities left (CapEff $(field "$hpid" CapEff))" caps_none "$hpid"
	done_held
	check "as root: session ends with exit 0" [ $? -eq 0 ]
else
	not_ok "as root: session starts ($(cat "$LAB_TMP/root.err"))"
fi

# 2. Root with --user NAME: that account instead.
uid_t=$(id -u "$MTD_USER")
if held user "$BIN" --user "$MTD_USER" mikrotik -u "$MTD_USER" ethc $SMAC; then
	check "as root with --user $MTD_USER: Uid $uid_t" \
	    [ "$(field "$hpid" Uid)" = "$uid_t $uid_t $uid_t $uid_t" ]
	check "as root with --user: no capabilities left" caps_none "$hpid"
	done_held
else
	not_ok "as root with --user: session starts ($(cat "$LAB_TMP/user.err"))"
fi

# 3. A normal user with cap_net_raw on a copy of the binary logs in.
# (Its own known devices file: root's is not nobody's to write.)
export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known-nobody
cp "$BIN" "$LAB_TMP/l2console-cap"
chmod 755 "$LAB_TMP/l2console-cap"
setcap cap_net_raw+ep "$LAB_TMP/l2console-cap"
if held cap setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$LAB_TMP/l2console-cap" mikrotik -u "$MTD_USER" ethc $SMAC; then
	ok "a normal user with cap_net_raw logs in (P-42 came back)"
	# cap_net_raw is bit 13.
	check "... running as nobody with only cap_net_raw (CapEff $(field "$hpid" CapEff))" \
	    [ "$(field "$hpid" CapEff)" = 0000000000002000 -a \
	    "$(field "$hpid" Uid | awk '{ print $1 }')" = "$uid_nobody" ]
	done_held
	check "... and the session ends with exit 0" [ $? -eq 0 ]
else
	not_ok "a normal user with cap_net_raw logs in ($(cat "$LAB_TMP/cap.err"))"
fi

# 4. Without the capability: one line naming setcap, exit 77.
lab_exec c setpriv --reuid=nobody --regid=nogroup --clear-groups \
    --inh-caps=-all "$BIN" mikrotik -u "$MTD_USER" ethc $SMAC \
    < /dev/null > "$LAB_TMP/nocap.out" 2> "$LAB_TMP/nocap.err"
rc=$?
if [ $rc -eq 77 ] && [ "$(wc -l < "$LAB_TMP/nocap.err")" = 1 ] &&
    grep -q 'setcap cap_net_raw+ep' "$LAB_TMP/nocap.err"; then
	ok "no cap_net_raw: one line naming setcap cap_net_raw+ep, exit 77"
else
	not_ok "no cap_net_raw: one line naming setcap cap_net_raw+ep, exit 77 (rc $rc: $(cat "$LAB_TMP/nocap.err"))"
fi
lab_done
