# SPDX-License-Identifier: ISC
# shellcheck shell=bash
# Debian's mactelnetd inside a lab namespace, for the hardening tests.
# Source after lib.sh and lab_init.
#
#   mtd_user                 a local account for logins (made here, with a
#                            name unique to this run, and removed on exit);
#                            sets MTD_USER, MTD_PW, MTD_USERS (users file)
#   mtd_start NS IFACE CIDR [IDENT]
#                            address + default route on IFACE in NS, then
#                            mactelnetd with the private users file bind-
#                            mounted over /etc/mactelnetd.users (and, with
#                            IDENT, a private hostname IDENT: its MNDP
#                            identity); waits until it listens; $MTD_PID
#                            is its pid
#   mtd_cleanup              lab_cleanup, then the account (the trap)
#   mtd_on_exit FUNC         call the function FUNC first when the test ends

MTD_USER=
MTD_PW=
MTD_USERS=
MTD_CREATED=
MTD_EXIT=()

mtd_cleanup() {
	local c
	for c in "${MTD_EXIT[@]}"; do
		"$c" 2>/dev/null
	done
	lab_cleanup
	[ -n "$MTD_CREATED" ] && userdel "$MTD_CREATED" 2>/dev/null
	return 0
}

mtd_on_exit() { MTD_EXIT+=("$1"); }

mtd_have() { command -v mactelnetd >/dev/null 2>&1; }

mtd_user() {
	# Unique to this run: parallel runs never remove each other's user.
	MTD_USER=l2ch${LAB_ID}
	trap 'mtd_cleanup' EXIT
	if ! id "$MTD_USER" >/dev/null 2>&1; then
		useradd -M -d /tmp -s /bin/sh "$MTD_USER" || return 1
		MTD_CREATED=$MTD_USER
	fi
	MTD_PW="pw$RANDOM$RANDOM$RANDOM"
	MTD_USERS=$LAB_TMP/mactelnetd.users
	printf '%s:%s\n' "$MTD_USER" "$MTD_PW" > "$MTD_USERS"
	chmod 600 "$MTD_USERS"
}

mtd_listening() { lab_exec "$1" ss -lun | grep -q ':20561 '; }

mtd_start() {
	local ns=$1 ifc=$2 cidr=$3 ident=${4:-} uts='' name=''
	[ -n "$MTD_USERS" ] || mtd_user || return 1
	# It serves only interfaces with an address, and sends to
	# 255.255.255.255 from a socket: a route must cover it.
	lab_addr "$ns" "$ifc" "$cidr" || return 1
	ip -n "$(lab_nsname "$ns")" route add default dev "$ifc" || return 1
	# MNDP announces the hostname: a private one in its own UTS namespace.
	if [ -n "$ident" ]; then
		uts=-u name="hostname $ident && "
	fi
	lab_bg "$ns" "$LAB_TMP/mactelnetd.log" unshare -m $uts sh -c "mount \
	    --bind $MTD_USERS /etc/mactelnetd.users && ${name}exec mactelnetd -f"
	# shellcheck disable=SC2034  # for the test that sourced this file
	MTD_PID=$LAB_PID
	wait_for 5 mtd_listening "$ns"
}
