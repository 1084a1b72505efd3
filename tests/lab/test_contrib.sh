#!/bin/bash
# SPDX-License-Identifier: ISC
# contrib/systemd: the serve unit passes systemd-analyze verify with no
# warning at all, carries the sandboxing it promises, and its ExecStart
# turns an instance name MODE-IFACE into "serve MODE IFACE OPTIONS".
# Reads files only; nothing is started.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
UNIT=$top/contrib/systemd/l2console-serve@.service
TMP=$(mktemp -d /tmp/l2c-contrib.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# --- systemd-analyze verify -----------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
	cp "$UNIT" "$TMP/"
	ln -s l2console-serve@.service "$TMP/l2console-serve@mop-eth0.service"
	# verify prints unknown keys and bad values as warnings and still
	# exits 0: any output at all is a failure here. --man=no: the man
	# page is not installed on a build machine.
	out=$(cd "$TMP" && systemd-analyze verify --man=no \
	    "$TMP/l2console-serve@mop-eth0.service" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && [ -z "$out" ]; then
		ok "systemd-analyze verify: unit loads without a warning"
	else
		not_ok "systemd-analyze verify: unit loads without a warning"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	# The check itself must be able to fail: a broken copy is refused.
	sed 's/^ProtectSystem=strict/ProtectSystem=strictest/' "$UNIT" \
	    > "$TMP/l2console-serve@.service"
	out=$(cd "$TMP" && systemd-analyze verify --man=no \
	    "$TMP/l2console-serve@mop-eth0.service" 2>&1)
	check "systemd-analyze verify: a bad value in a copy is reported" \
	    [ -n "$out" ]
else
	skip "systemd-analyze verify" "systemd-analyze is not installed"
fi

# --- the promised settings --------------------------------------------------
# setting KEY: the value of KEY in the [Service] section.
setting() {
	awk -v k="$1" '/^\[/ { s = $0 } s == "[Service]" && index($0, k "=") == 1 {
	    print substr($0, length(k) + 2) }' "$UNIT"
}
check "AmbientCapabilities=CAP_NET_RAW" \
    [ "$(setting AmbientCapabilities)" = CAP_NET_RAW ]
bound=" $(setting CapabilityBoundingSet) "
missing=
for c in CAP_NET_RAW CAP_SETUID CAP_SETGID CAP_CHOWN CAP_SYS_TTY_CONFIG; do
	[[ $bound == *" $c "* ]] || missing="$missing $c"
done
check "CapabilityBoundingSet keeps what capture and login need${missing:+ (missing:$missing)}" \
    [ -z "$missing" ]
extra=
for c in CAP_SYS_ADMIN CAP_NET_ADMIN CAP_SYS_MODULE CAP_SYS_PTRACE \
    CAP_DAC_OVERRIDE CAP_SYS_RAWIO; do
	[[ $bound == *" $c "* ]] && extra="$extra $c"
done
check "CapabilityBoundingSet leaves out admin capabilities${extra:+ (has:$extra)}" \
    [ -z "$extra" ]
# Sessions need sudo (set-user-ID) and their homes; the parser confines
# itself (privilege separation), the monitor must start their programs.
check "NoNewPrivileges=no: sudo and su work in a session" \
    [ "$(setting NoNewPrivileges)" = no ]
check "ProtectSystem=strict" [ "$(setting ProtectSystem)" = strict ]
check "ProtectHome=no: a session's user has a home" \
    [ "$(setting ProtectHome)" = no ]
chroot_allowed() {
	setting SystemCallFilter | grep -qx chroot
}
check "SystemCallFilter lets the parser's chroot through" chroot_allowed
check "PrivateTmp=yes" [ "$(setting PrivateTmp)" = yes ]
check "RestrictAddressFamilies=AF_PACKET AF_UNIX AF_INET AF_NETLINK" \
    [ "$(setting RestrictAddressFamilies)" = "AF_PACKET AF_UNIX AF_INET AF_NETLINK" ]
runs_as_root_documented() {
	[ "$(setting User)" = root ] &&
	    grep -q '^# must be root to switch to the user who logs in' "$UNIT"
}
check "User=root, and the comment says why (login must switch users)" \
    runs_as_root_documented

# --- ExecStart: instance name to command line -----------------------------
# Undo systemd's escapes the way systemd does ($$ -> $, %% -> %, %i ->
# the instance), point it at a stub that prints its arguments, run it.
printf '#!/bin/sh\nfor a; do printf "[%%s]" "$a"; done\necho\n' > "$TMP/stub"
chmod +x "$TMP/stub"
exec_line=$(setting ExecStart)
# run_instance INSTANCE [L2C_OPTIONS]: the arguments l2console would get.
run_instance() {
	local cmd
	cmd=$(printf '%s' "$exec_line" | sed -e "s|/usr/bin/l2console|$TMP/stub|" \
	    -e 's/\$\$/\x01/g; s/%%/\x02/g' -e "s/%i/$1/g" \
	    -e 's/\x01/$/g; s/\x02/%/g')
	L2C_OPTIONS=${2:-} eval "$cmd"
}
check "ExecStart runs l2console (the documented path)" \
    grep -q '^ExecStart=/bin/sh -c .exec /usr/bin/l2console serve ' "$UNIT"
got=$(run_instance mop-eth0)
check "instance mop-eth0 -> serve mop eth0 (got $got)" \
    [ "$got" = "[serve][mop][eth0]" ]
got=$(run_instance mikrotik-br-lan "--identity lab1 --no-md5")
check "instance mikrotik-br-lan with options -> serve mikrotik br-lan --identity lab1 --no-md5 (got $got)" \
    [ "$got" = "[serve][mikrotik][br-lan][--identity][lab1][--no-md5]" ]
lab_done
