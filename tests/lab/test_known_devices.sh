#!/bin/bash
# SPDX-License-Identifier: ISC
# The known devices file against a downgrade and a redirect: a device
# that logged us in with EC-SRP5 (`serve mikrotik`) is replaced on its
# MAC by one that offers only MD5 (Debian's mactelnetd): refused, one
# line, exit 2, unless --allow-md5; --no-md5 refuses MD5 outright; an
# identity MNDP now names at another MAC is warned about and the
# recorded MAC is used; under sudo the file is the invoking user's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
BIN=${L2C_BIN:?}
SMAC=02:4c:32:43:05:01
CMAC=02:4c:32:43:05:02
GONE=02:4c:32:43:05:09
IDENT=l2c-known-rtr
if ! mtd_have; then
	skip "known devices" "mactelnet-server is not installed"
	lab_done
fi
{ lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_link c eth0 $CMAC s eth0 $SMAC
mtd_user || { not_ok "useradd"; lab_done; }
KD=$LAB_TMP/known_devices

# mt NAME [args...]: l2console mikrotik in c, batch; stdin $LAB_TMP/in;
# $LAB_TMP/NAME.out and .err; $rc.
mt() {
	local name=$1
	shift
	L2CONSOLE_PASSWORD=$MTD_PW timeout 20 ip netns exec \
	    "$(lab_nsname c)" "$BIN" mikrotik --login-retries 0 \
	    -u "$MTD_USER" "$@" < "$LAB_TMP/in" > "$LAB_TMP/$name.out" \
	    2> "$LAB_TMP/$name.err"
	rc=$?
}
got() { tr -d '\r' < "$LAB_TMP/$1.out" | grep -Eq "^(\\$ )?$2\$"; }
marker="l2c-kd-$RANDOM$RANDOM"

# 1. A first EC-SRP5 login to serve mikrotik, found by identity: asks
#    nothing, records the MAC, the login and the identity.
lab_bg s "$LAB_TMP/srv.log" "$BIN" -v serve mikrotik --users "$MTD_USERS" \
    --exec /bin/sh --identity $IDENT eth0
srv=$LAB_PID
wait_for 10 grep -q "serving MAC-Telnet on eth0" "$LAB_TMP/srv.log" ||
    { not_ok "serve mikrotik starts ($(cat "$LAB_TMP/srv.log"))"; lab_done; }
printf 'echo %s-1\n' "$marker" > "$LAB_TMP/in"
mt first --idle 1 eth0 $IDENT
recorded() { grep -qx "$SMAC ecsrp5 $IDENT" "$KD"; }
if [ $rc -eq 0 ] && got first "$marker-1" && recorded &&
    [ "$(stat -c %a "$KD")" = 600 ]; then
	ok "EC-SRP5 login by identity records \"$SMAC ecsrp5 $IDENT\" (0600)"
else
	not_ok "EC-SRP5 login by identity recorded (rc $rc: $(cat "$LAB_TMP/first.err" "$KD"))"
fi
kill "$srv"
gone() { ! kill -0 "$srv" 2>/dev/null; }
wait_for 5 gone

# 2. The same MAC now offers only MD5: refused before any response.
if ! mtd_start s eth0 192.0.2.1/24 $IDENT; then
	not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"
	lab_done
fi
printf 'echo %s-2\n' "$marker" > "$LAB_TMP/in"
mt down --idle 1 eth0 $SMAC
want="$SMAC offered EC-SRP5 before; someone may be in the middle (--allow-md5 to log in anyway)"
if [ $rc -eq 2 ] && [ "$(cat "$LAB_TMP/down.err")" = "l2console: $want" ] &&
    ! got down "$marker-2"; then
	ok "MD5 from a device known for EC-SRP5: refused, exit 2, one line"
else
	not_ok "MD5 downgrade refused (rc $rc: $(cat "$LAB_TMP/down.err"))"
fi

# 3. --allow-md5 gets in, once: the record stays EC-SRP5.
mt allow --allow-md5 --idle 1 eth0 $SMAC
if [ $rc -eq 0 ] && got allow "$marker-2" && recorded; then
	ok "--allow-md5 logs in over MD5; the record stays ecsrp5"
else
	not_ok "--allow-md5 logs in (rc $rc: $(cat "$LAB_TMP/allow.err" "$KD"))"
fi
mt again --idle 1 eth0 $SMAC
check "after --allow-md5, the next MD5 offer is refused again" \
    status_grep "$rc" 2 "$LAB_TMP/again.err" "someone may be in the middle"

# 4. --no-md5 refuses mactelnetd with no record at all.
export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known_fresh
mt nomd5 --no-md5 --idle 1 eth0 $SMAC
check "--no-md5 refuses Debian's mactelnetd (exit 2, one line)" \
    status_grep "$rc" 2 "$LAB_TMP/nomd5.err" \
    "$SMAC offers only the legacy MD5 login, which --no-md5 refuses"
check "--no-md5 records nothing" test ! -s "$LAB_TMP/known_fresh"

# 5. The identity recorded at another MAC: MNDP now names $SMAC for it.
#    One warning, and the recorded MAC is the one tried.
printf '%s ecsrp5 %s\n' $GONE $IDENT > "$LAB_TMP/known_moved"
chmod 600 "$LAB_TMP/known_moved"
export L2CONSOLE_KNOWN_DEVICES=$LAB_TMP/known_moved
: > "$LAB_TMP/in"
mt moved --timeout 1 eth0 $IDENT
warned() {
	[ "$(grep -c "MNDP names $SMAC for $IDENT, which was $GONE before: connecting to $GONE" \
	    "$LAB_TMP/moved.err")" = 1 ]
}
if [ $rc -eq 68 ] && warned && grep -q "no answer from $GONE" \
    "$LAB_TMP/moved.err"; then
	ok "identity moved: one warning, the recorded MAC tried (exit 68)"
else
	not_ok "identity moved warned (rc $rc: $(cat "$LAB_TMP/moved.err"))"
fi

# 6. Under sudo (root with SUDO_UID): the invoking user's own file, in
#    their home from passwd (not $HOME), made as them, 0600 in 0700
#    directories; written after the drop to nobody.
SUSER=l2ck${LAB_ID}
SHOME=$LAB_TMP/home-$SUSER
sudo_user_gone() { userdel "$SUSER" 2>/dev/null; }
if useradd -M -d "$SHOME" -s /bin/sh "$SUSER" 2>/dev/null; then
	mtd_on_exit sudo_user_gone
	mkdir -m 700 "$SHOME" && chown "$SUSER:" "$SHOME"
	printf 'echo %s-6\n' "$marker" > "$LAB_TMP/in"
	env -u L2CONSOLE_KNOWN_DEVICES -u XDG_STATE_HOME HOME=/root \
	    SUDO_UID="$(id -u "$SUSER")" SUDO_GID="$(id -g "$SUSER")" \
	    SUDO_USER="$SUSER" L2CONSOLE_PASSWORD="$MTD_PW" timeout 20 \
	    ip netns exec "$(lab_nsname c)" "$BIN" mikrotik --login-retries 0 \
	    -u "$MTD_USER" --idle 1 eth0 $SMAC < "$LAB_TMP/in" \
	    > "$LAB_TMP/sudo.out" 2> "$LAB_TMP/sudo.err"
	rc=$?
	f=$SHOME/.local/state/l2console/known_devices
	theirs() {
		[ "$(stat -c %U:%a "$f")" = "$SUSER:600" ] &&
		    [ "$(stat -c %U:%a "$SHOME/.local/state/l2console")" = \
		    "$SUSER:700" ] &&
		    [ "$(stat -c %U:%a "$SHOME/.local")" = "$SUSER:700" ] &&
		    grep -qx "$SMAC md5 -" "$f"
	}
	if [ $rc -eq 0 ] && got sudo "$marker-6" && theirs; then
		ok "under sudo: the invoker's file, theirs, 0600 in 0700, recorded"
	else
		not_ok "under sudo: the invoker's file (rc $rc: $(cat "$LAB_TMP/sudo.err"; find "$SHOME" -printf "%u %m %p\n" 2>&1 | head -20))"
	fi
else
	skip "known devices under sudo" "cannot add a lab user"
fi
lab_done
