#!/bin/bash
# make demo: a namespace lab with peers, and l2console opened on it.
# Nothing leaves the namespaces made here; they go away when this ends.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/lib.sh"
lab_init
lab_ns laptop && lab_ns router || exit 1
lab_link laptop eth0 02:4c:32:43:00:02 router eth0 02:4c:32:43:00:01
echo "Lab: namespace $(lab_nsname laptop) (you) and $(lab_nsname router),"
echo "joined by a veth pair; no IPv4 address on the laptop side."
echo
echo "\$ l2console interfaces      (inside the laptop namespace)"
lab_exec laptop "$BIN" interfaces
