#!/bin/bash
# SPDX-License-Identifier: ISC
# Not a test: records what Debian's lldpd sends (CDPv2 forced, LLDP
# forced, every 2 s, then its TTL 0 goodbye on SIGTERM) on a veth between
# two lab namespaces, as the fixture the disc unit tests read:
#   bash tests/lab/capture_lldpd.sh tests/data/lldpd1016-cdpv2-lldp-shutdown.pcapng
set -u
out=${1:?output pcapng}
case $out in /*) ;; *) out=$PWD/$out ;; esac
. "$(dirname "$0")/lib.sh"
lab_init
lab_ns a
lab_ns b
lab_link a eth0 02:4c:32:43:00:11 b eth0 02:4c:32:43:00:12
lab_addr a eth0 192.0.2.11/24
mkdir -p /run/lldpd		# lldpd's privilege-separation chroot
printf 'configure system hostname lab-sw1\nconfigure lldp tx-interval 2\n' \
    > "$LAB_TMP/lldpd.conf"
lab_bg b "$LAB_TMP/dump.log" dumpcap -q -i eth0 -w "$LAB_TMP/cap.pcapng" \
    -a duration:7
dump=$LAB_PID
wait_for 5 test -s "$LAB_TMP/cap.pcapng"
lab_bg a "$LAB_TMP/lldpd.log" unshare --uts sh -c 'hostname lab-sw1; exec lldpd -d -ccc -l -k -S "l2console lab switch" -P l2c-lab -m 192.0.2.11 -I eth0 -u "$0"/lldpd.sock -O "$0"/lldpd.conf' "$LAB_TMP"
lldpd=$LAB_PID
sleep 5			# three rounds at tx-interval 2
kill -TERM "$lldpd"
wait_for 5 sh -c '! kill -0 '"$lldpd"' 2>/dev/null'
wait_for 5 sh -c '! kill -0 '"$dump"' 2>/dev/null'	# -a duration:7
cp "$LAB_TMP/cap.pcapng" "$out"
