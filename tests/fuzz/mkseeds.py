#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Seeds for the session fuzzers, made from the captured sessions.

fuzz_mt_client and fuzz_mop_client read records (length, flags, bytes),
not single frames (see their header comments).  This turns each captured
session into one seed: the server's packets in order, the client's
typing as TYPE records, the server's ACKs as "ACK the last DATA".

    python3 tests/fuzz/mkseeds.py        (from the top of the tree)

writes tests/fuzz/seeds/fuzz_mt_client/*, fuzz_mop_client/* and
fuzz_mop_server/* (the captured frames whole, as RAW records).
"""
import glob
import os
import struct

F_FIX, F_RAW, F_ACK, F_TYPE = 0x01, 0x02, 0x04, 0x08
MT_PORT = 20561
MAGIC = b"\x56\x34\x12\xff"


def frames(path):
    """Every frame of a pcap or pcapng file (Ethernet only)."""
    data = open(path, "rb").read()
    if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        off = 24
        while off + 16 <= len(data):
            incl = struct.unpack_from("<I", data, off + 8)[0]
            yield data[off + 16:off + 16 + incl]
            off += 16 + incl
        return
    off = 0
    while off + 12 <= len(data):
        btype, blen = struct.unpack_from("<II", data, off)
        if btype == 6:
            cap = struct.unpack_from("<I", data, off + 20)[0]
            yield data[off + 28:off + 28 + cap]
        off += blen


def udp(frame):
    """(sport, dport, payload) of an Ethernet II IPv4/UDP frame, or None."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
        return None
    ihl = (frame[14] & 0x0F) * 4
    u = 14 + ihl
    sport, dport, ulen = struct.unpack_from(">HHH", frame, u)
    return sport, dport, frame[u + 8:u + ulen]


def rec(flags, body=b""):
    return struct.pack(">HB", len(body), flags) + body


def mt_seed(path):
    out = bytearray(b"\x02")		# close at the end
    n = 0
    for f in frames(path):
        u = udp(f)
        if u is None or len(u[2]) < 22 or u[2][0] != 1:
            continue
        sport, dport, p = u
        if sport == MT_PORT and dport != MT_PORT:
            out += rec(F_ACK) if p[1] == 2 else rec(F_FIX, p)
            n += 1
        elif dport == MT_PORT and p[1] == 1 and len(p) > 22 and \
                p[22:26] != MAGIC:
            out += rec(F_TYPE, p[22:])
    return bytes(out) if n > 2 else None


def mop_seed(path):
    out = bytearray(b"\x01")
    n = 0
    for f in frames(path):
        if len(f) < 17 or f[12:14] != b"\x60\x02":
            continue
        mlen = struct.unpack_from("<H", f, 14)[0]
        code = f[16]
        if code in (5, 13, 15, 17):	# the requester's messages
            if code == 17 and mlen > 2:
                out += rec(F_TYPE, f[18:16 + mlen])
            continue
        out += rec(F_FIX, f[14:16 + mlen])
        # moprc asks once; l2console confirms the reservation with a
        # second Request ID: answer it with the same System ID.
        if code == 7 and n == 0:
            out += rec(F_FIX, f[14:16 + mlen])
        n += 1
    return bytes(out) if n > 1 else None


def mop_server_seed(path):
    """Every MOP frame of a capture, whole, as RAW records."""
    out = bytearray()
    for f in frames(path):
        if len(f) >= 17 and f[12:14] in (b"\x60\x02", b"\x90\x00"):
            out += rec(F_RAW, f)
    return bytes(out) if out else None


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    data = os.path.join(top, "tests", "data")
    for target, pattern, make in (
            ("fuzz_mt_client", "mactelnet-*.pcap", mt_seed),
            ("fuzz_mop_client", "moprc*.pcapng", mop_seed),
            ("fuzz_mop_server", "moprc*.pcapng", mop_server_seed)):
        d = os.path.join(top, "tests", "fuzz", "seeds", target)
        os.makedirs(d, exist_ok=True)
        for path in sorted(glob.glob(os.path.join(data, pattern))):
            seed = make(path)
            if seed is None:
                continue
            name = os.path.splitext(os.path.basename(path))[0]
            with open(os.path.join(d, name), "wb") as f:
                f.write(seed)
            print(target, name, len(seed))


if __name__ == "__main__":
    main()
