#!/bin/bash
# SPDX-License-Identifier: ISC
# The raw-Ethernet core on a real (veth) link between two namespaces.
. "$(dirname "$0")/lib.sh"
lab_init
T=${L2C_TOOLS:?}
BIN=${L2C_BIN:?}
{ lab_ns a && lab_ns b; } || { not_ok "create namespaces"; lab_done; }
lab_link a eth0 02:4c:32:43:00:01 b eth0 02:4c:32:43:00:02
ready=$LAB_TMP/ready log=$LAB_TMP/recv

# recv_bg FILTER COUNT [USER]: a receiver in b, ready when it says so.
recv_bg() {
	rm -f "$ready"
	lab_bg b "$log" "$T/frametool" recv eth0 "$1" "$2" 5000 "$ready" ${3:+"$3"}
	pid=$LAB_PID
	wait_for 5 test -e "$ready"
}

# 1. A matching frame arrives; one that does not match never does.
recv_bg "ether proto 0x6002" 1
lab_exec a "$T/frametool" send eth0 02:4c:32:43:00:02 6003 0102
lab_exec a "$T/frametool" send eth0 02:4c:32:43:00:02 6002 0304
wait "$pid"; rc=$?
check "frame sent in a arrives in b through the filter" [ $rc -eq 0 ]
check "frame outside the filter is not delivered" \
    [ "$(count '^rx' "$log")" = 1 -a "$(count '^rx 6002 02:4c:32:43:00:01' "$log")" = 1 ]

# 2. No IPv4 address anywhere: raw IPv4/UDP still goes both ways.
if ip -n "$(lab_nsname a)" -4 addr show dev eth0 | grep -q inet; then
	not_ok "lab interface has no IPv4 address"
else
	ok "lab interface has no IPv4 address"
fi
recv_bg "udp dst port 20561" 1
lab_exec a "$T/frametool" udp eth0 ff:ff:ff:ff:ff:ff 1111 20561 01000102
wait "$pid"; rc=$?
check "UDP built by hand crosses a link with no IPv4 address" \
    [ $rc -eq 0 -a "$(count 'udp 1111 20561' "$log")" = 1 ]

# 3. Multicast to a group we joined (MOP remote console) is received.
recv_bg "ether dst ab:00:00:02:00:00" 1
lab_exec a "$T/frametool" send eth0 ab:00:00:02:00:00 6002 0500
wait "$pid"
check "multicast to the MOP console address is received" [ $? -eq 0 ]

# 4. Root drops to nobody after opening, and still receives.
recv_bg "ether proto 0x6002" 1 nobody
lab_exec a "$T/frametool" send eth0 02:4c:32:43:00:02 6002 0506
wait "$pid"; rc=$?
check "after dropping root to nobody the capture still works" \
    [ $rc -eq 0 -a "$(count "^uid $(id -u nobody)" "$log")" = 1 ]

# 5. An unprivileged user without CAP_NET_RAW is told, with its own status.
out=$(lab_exec b setpriv --reuid=nobody --regid=nogroup --clear-groups \
    --inh-caps=-all "$BIN" mop eth0 02:4c:32:43:00:01 --info 2>&1 < /dev/null)
rc=$?
if [ $rc -eq 77 ] && echo "$out" | grep -q "setcap cap_net_raw+ep"; then
	ok "no CAP_NET_RAW: one line naming setcap, exit 77"
elif [ $rc -eq 64 ]; then
	skip "no CAP_NET_RAW: one line naming setcap, exit 77" "the mop command is not built yet"
else
	not_ok "no CAP_NET_RAW: one line naming setcap, exit 77 (got $rc: $out)"
fi

# 6. A normal user with only cap_net_raw keeps working.
cp "$T/frametool" "$LAB_TMP/frametool-cap"
chmod 755 "$LAB_TMP/frametool-cap"
setcap cap_net_raw+ep "$LAB_TMP/frametool-cap"
rm -f "$ready"
lab_bg b "$log" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$LAB_TMP/frametool-cap" recv eth0 "ether proto 0x6002" 1 5000 "$LAB_TMP/ready2"
pid=$LAB_PID
if wait_for 5 test -e "$LAB_TMP/ready2"; then
	lab_exec a "$T/frametool" send eth0 02:4c:32:43:00:02 6002 0708
	wait "$pid"
	check "a normal user with cap_net_raw captures and receives" [ $? -eq 0 ]
else
	not_ok "a normal user with cap_net_raw captures and receives ($(cat "$log"))"
fi

# 7. `l2console interfaces` inside the lab lists the veth with its MAC
# (veth carrier can lag the peer's state change by a moment: wait for it).
listed() {
	lab_exec b "$BIN" interfaces 2>&1 |
	    grep -Eq '^eth0 +02:4c:32:43:00:02 +up +1500 +yes'
}
check "interfaces lists the lab veth with its MAC" wait_for 3 listed

lab_done
