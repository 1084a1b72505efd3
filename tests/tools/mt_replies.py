#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Count the terminal's answers a MAC-Telnet client sent, from a capture
(l2console --pcap): cursor reports (ESC [ row ; col R) and device
attributes (ESC [ ? ... c) in the client's DATA, each DATA counted once
(retransmissions are the same counter).  For the interactive lab test:
the real terminal answers, and nothing may answer twice.

usage: mt_replies.py FILE CLIENTMAC     prints "cpr N da N"
"""

import re
import struct
import sys

CPR = re.compile(rb"\x1b\[\d+;\d+R")
DA = re.compile(rb"\x1b\[\?[\d;]*c")
MT_DATA = 1
MT_PORT = 20561


def frames(path):
    with open(path, "rb") as f:
        head = f.read(24)
        endian = "<" if head[:4] == b"\xd4\xc3\xb2\xa1" else ">"
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            caplen = struct.unpack(endian + "IIII", h)[2]
            yield f.read(caplen)


def main(argv):
    path, mac = argv[1], bytes.fromhex(argv[2].replace(":", ""))
    seen = {}
    for p in frames(path):
        if len(p) < 14 + 20 + 8 + 22 or p[6:12] != mac or \
                p[12:14] != b"\x08\x00":
            continue
        ihl = (p[14] & 0x0f) * 4
        udp = p[14 + ihl:]
        if struct.unpack(">H", udp[2:4])[0] != MT_PORT:
            continue
        mt = udp[8:]
        if mt[1] != MT_DATA:
            continue
        counter = struct.unpack(">I", mt[18:22])[0]
        seen[counter] = mt[22:]
    data = b"".join(seen[k] for k in sorted(seen))
    print("cpr %d da %d" % (len(CPR.findall(data)), len(DA.findall(data))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
