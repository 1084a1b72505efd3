#!/bin/bash
# SPDX-License-Identifier: ISC
# make demo: a namespace lab with two consoles to reach, and the
# full-screen UI opened on the laptop's side of it.
#   laptop  you: eth0, no IPv4 address
#   router  Debian's mactelnetd (a MikroTik stand-in), identity demo-router
#   cisco   `l2console serve mop --exec /bin/sh` (a MOP console stand-in)
# all three on one bridge.  Nothing leaves the namespaces made here; they
# (and the demo user, if made here) go away when this ends.  Without a
# terminal (CI) it says what it would do, runs one `l2console scan`
# instead, and exits 0.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ "$(id -u)" != 0 ]; then
	echo "make demo needs root for network namespaces (sudo make demo)" >&2
	exit 1
fi
. "$(dirname "$0")/lib.sh"
lab_init
DUSER=l2cdemo
IDENT=demo-router
LMAC=02:4c:32:43:00:02 RMAC=02:4c:32:43:00:01 CMAC=02:4c:32:43:00:03

lab_ns br && lab_ns laptop && lab_ns router && lab_ns cisco || exit 1
lab_bridge br laptop eth0 $LMAC router eth1 $RMAC
ip -n "$(lab_nsname br)" link add peth2 type veth peer name eth2 \
    netns "$(lab_nsname cisco)"
ip -n "$(lab_nsname cisco)" link set eth2 address $CMAC up
ip -n "$(lab_nsname br)" link set peth2 master br0 up
# mactelnetd serves only interfaces with an address, and answers to
# 255.255.255.255: it needs a route that covers it.
lab_addr router eth1 192.0.2.1/24
ip -n "$(lab_nsname router)" route add default dev eth1

created=
if command -v mactelnetd >/dev/null; then
	if ! id "$DUSER" >/dev/null 2>&1; then
		useradd -M -d /tmp -s /bin/sh "$DUSER" || exit 1
		created=1
	fi
fi
cleanup() {
	lab_cleanup
	[ -n "$created" ] && userdel "$DUSER" 2>/dev/null
	return 0
}
trap cleanup EXIT
PW="demo-$RANDOM$RANDOM"

if command -v mactelnetd >/dev/null; then
	printf '%s:%s\n' "$DUSER" "$PW" > "$LAB_TMP/users"
	chmod 600 "$LAB_TMP/users"
	lab_bg router "$LAB_TMP/mactelnetd.log" unshare -m -u sh -c "mount \
	    --bind $LAB_TMP/users /etc/mactelnetd.users && \
	    hostname $IDENT && exec mactelnetd -f"
	listening() { lab_exec router ss -lun | grep -q ':20561 '; }
	wait_for 5 listening ||
	    echo "mactelnetd did not start: $(cat "$LAB_TMP/mactelnetd.log")"
else
	echo "(mactelnet-server is not installed: no MikroTik in this lab)"
fi
lab_bg cisco "$LAB_TMP/mop.log" "$BIN" -v serve mop --exec /bin/sh eth2
wait_for 5 grep -q "serving the MOP console" "$LAB_TMP/mop.log" ||
    echo "the MOP server did not start: $(cat "$LAB_TMP/mop.log")"

cat <<EOF
The lab: you are in namespace $(lab_nsname laptop) (eth0 $LMAC, no IPv4
address), on one bridge with
  $RMAC  $IDENT: Debian's mactelnetd (MikroTik MAC-Telnet)
           log in as  $DUSER  password  $PW
  $CMAC  a MOP remote console: l2console serve mop --exec /bin/sh
           (no login: a shell in the cisco namespace)

EOF
if [ -t 0 ] && [ -t 1 ]; then
	cat <<EOF
l2console opens now, full screen.  Enter on a row connects; in a session
^] opens the session menu (d disconnects); q quits and ends the lab.
Press Enter to start.
EOF
	read -r _
	lab_exec laptop "$BIN"
	echo "l2console exited with status $?; the lab goes away now."
else
	cat <<EOF
No terminal here: the demo would now run, in the laptop namespace,
  ip netns exec $(lab_nsname laptop) $BIN
and you would pick a device from its table.  Instead, one scan:

\$ l2console scan eth0
EOF
	lab_exec laptop "$BIN" scan eth0
	echo "(scan exited with status $?)"
fi
exit 0
