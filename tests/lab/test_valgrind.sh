#!/bin/bash
# SPDX-License-Identifier: ISC
# A whole session of each protocol under valgrind, with the plain build
# (the suite's L2C_BIN has ASan, which cannot run under valgrind): a
# MikroTik login against Debian's mactelnetd, one against `l2console
# serve mikrotik` with both ends under valgrind, and a MOP session with
# both `l2console mop` and `l2console serve mop` under valgrind.  Any memory
# error or definite/possible leak makes valgrind exit 99.  (--vgdb=no:
# after the privilege drop valgrind could not remove its /tmp pipes.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mtd.sh"
lab_init
top=$(cd "$(dirname "$0")/../.." && pwd)
CMAC=02:4c:32:43:03:02
SMAC=02:4c:32:43:03:01

if ! command -v valgrind >/dev/null; then
	skip "sessions under valgrind" "valgrind is not installed (make deps)"
	lab_done
fi
# The plain build: L2C_REL_BIN if given, else ./l2console, brought up to
# date here (make is quick when it already is).
REL=${L2C_REL_BIN:-}
if [ -z "$REL" ]; then
	if ! make -s -C "$top" l2console > "$LAB_TMP/make.log" 2>&1; then
		not_ok "plain build for valgrind ($(tail -5 "$LAB_TMP/make.log"))"
		lab_done
	fi
	REL=$top/l2console
fi
if ldd "$REL" | grep -q libasan; then
	not_ok "the valgrind build has no ASan ($REL)"
	lab_done
fi
VG=(valgrind --error-exitcode=99 --leak-check=full
    "--errors-for-leak-kinds=definite,possible" --vgdb=no -q)

{ lab_ns br && lab_ns c && lab_ns s; } || { not_ok "create namespaces"; lab_done; }
lab_bridge br c ethc $CMAC s eths $SMAC

# vg NAME FILE args...: l2console under valgrind in c, stdin from FILE.
vg() {
	local name=$1 in=$2
	shift 2
	timeout 60 ip netns exec "$(lab_nsname c)" "${VG[@]}" \
	    --log-file="$LAB_TMP/$name.vg" "$REL" "$@" < "$in" \
	    > "$LAB_TMP/$name.out" 2> "$LAB_TMP/$name.err"
	rc=$?
}
vgclean() { [ ! -s "$LAB_TMP/$1.vg" ]; }
vgwhy() { echo "rc $rc: $(head -c 600 "$LAB_TMP/$1.vg") $(head -c 300 "$LAB_TMP/$1.err")"; }

# 1. MikroTik: login, a command, the shell's exit.
if ! mtd_have; then
	skip "MikroTik session under valgrind" "mactelnet-server is not installed"
elif ! mtd_start s eths 192.0.2.1/24; then
	not_ok "mactelnetd listens ($(cat "$LAB_TMP/mactelnetd.log"))"
else
	printf 'echo VG-$((6*7))\nexit\n' > "$LAB_TMP/mt.in"
	L2CONSOLE_PASSWORD=$MTD_PW vg mt "$LAB_TMP/mt.in" mikrotik \
	    -u "$MTD_USER" ethc $SMAC
	if [ $rc -eq 0 ] && tr -d '\r' < "$LAB_TMP/mt.out" | grep -q 'VG-42' &&
	    vgclean mt; then
		ok "MikroTik session under valgrind: exit 0, output, no errors or leaks"
	else
		not_ok "MikroTik session under valgrind ($(vgwhy mt))"
	fi
	kill "$MTD_PID"
	wait "$MTD_PID" 2>/dev/null
fi

# 2. serve mikrotik under valgrind, a session from l2console mikrotik
#    (also under valgrind) with the EC-SRP5 login, then SIGTERM.
if ! "$REL" serve 2>&1 | grep -q '^  mikrotik'; then
	skip "serve mikrotik under valgrind" "serve mikrotik is not merged yet"
else
	[ -n "$MTD_USERS" ] || mtd_user
	lab_bg s "$LAB_TMP/msrv.out" "${VG[@]}" --log-file="$LAB_TMP/msrv.vg" \
	    "$REL" -v serve mikrotik --users "$MTD_USERS" --exec /bin/sh eths
	spid=$LAB_PID
	if ! wait_for 30 grep -q "serving MAC-Telnet" "$LAB_TMP/msrv.out"; then
		not_ok "serve mikrotik starts under valgrind ($(cat "$LAB_TMP/msrv.out" "$LAB_TMP/msrv.vg"))"
	else
		printf 'echo VG-$((6*7))\nexit\n' > "$LAB_TMP/ms.in"
		L2CONSOLE_PASSWORD=$MTD_PW vg ms "$LAB_TMP/ms.in" mikrotik \
		    -u "$MTD_USER" ethc $SMAC
		if [ $rc -eq 0 ] && tr -d '\r' < "$LAB_TMP/ms.out" | grep -q 'VG-42' &&
		    ! grep -q MD5 "$LAB_TMP/ms.err" && vgclean ms; then
			ok "MikroTik session (EC-SRP5) against serve mikrotik under valgrind: exit 0, output, clean"
		else
			not_ok "MikroTik session against serve mikrotik under valgrind ($(vgwhy ms))"
		fi
		kill -TERM "$spid"
		wait "$spid"
		src=$?
		if [ $src -ne 99 ] && vgclean msrv; then
			ok "serve mikrotik under valgrind: no errors or leaks (exit $src)"
		else
			not_ok "serve mikrotik under valgrind (exit $src: $(head -c 600 "$LAB_TMP/msrv.vg"))"
		fi
	fi
fi

# 3. MOP: client and server both under valgrind.
if ! "$REL" --help 2>&1 | grep -q '^  mop '; then
	skip "MOP session under valgrind" "l2console mop / serve mop are not merged yet"
else
	lab_bg s "$LAB_TMP/srv.out" "${VG[@]}" --log-file="$LAB_TMP/srv.vg" \
	    "$REL" -v serve mop --exec /bin/sh --verification l2chard eths
	spid=$LAB_PID
	if ! wait_for 30 grep -q "serving the MOP console" "$LAB_TMP/srv.out"; then
		not_ok "serve mop starts under valgrind ($(cat "$LAB_TMP/srv.out" "$LAB_TMP/srv.vg"))"
	else
		printf 'echo VG-$((6*7))\nexit\n' > "$LAB_TMP/mop.in"
		vg mop "$LAB_TMP/mop.in" mop --verification l2chard --idle 2 \
		    ethc $SMAC
		if [ $rc -eq 0 ] && tr -d '\r' < "$LAB_TMP/mop.out" | grep -q 'VG-42' &&
		    vgclean mop; then
			ok "MOP session under valgrind: exit 0, output, no errors or leaks"
		else
			not_ok "MOP session under valgrind ($(vgwhy mop))"
		fi
		kill -TERM "$spid"
		wait "$spid"
		src=$?
		if [ $src -ne 99 ] && vgclean srv; then
			ok "serve mop under valgrind: no errors or leaks (exit $src)"
		else
			not_ok "serve mop under valgrind (exit $src: $(head -c 600 "$LAB_TMP/srv.vg"))"
		fi
	fi
fi
lab_done
