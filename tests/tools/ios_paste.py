#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""The 500-line IOS configuration the paste tests paste, and their
check of what the IOS personality recorded (--record).

  ios_paste.py make FILE
      write the configuration (100 interfaces, five lines each);
  ios_paste.py check FILE RECORD [LINE...]
      the record, after "configure terminal", is the configuration whole
      and in order, then exactly the LINEs; exit 1 and say where not."""

import sys


def config():
    body = [" description paste line %d", " switchport access vlan %d",
            " no shutdown", "exit"]
    lines = []
    for i in range(1, 101):
        lines.append("interface FastEthernet0/%d" % i)
        lines.append(body[0] % i)
        lines.append(body[1] % (100 + i % 20))
        lines.extend(body[2:])
    return lines


def check(cfg, rec, after):
    want = open(cfg).read().split("\n")[:-1]
    got = open(rec).read().split("\n")[:-1]
    if "configure terminal" not in got:
        return "no configure terminal in the record"
    got = got[got.index("configure terminal") + 1:]
    bad = [(i, a[:60], b[:60]) for i, (a, b) in enumerate(zip(got, want))
           if a != b][:3]
    if got[:len(want)] != want:
        return "differs: %s (%d lines, %d wanted)" % (bad, len(got),
                                                     len(want))
    if got[len(want):] != after:
        return "after it: %s" % [x[:60] for x in got[len(want):]]
    return None


def main(argv):
    if len(argv) == 3 and argv[1] == "make":
        lines = config()
        assert len(lines) == 500
        open(argv[2], "w").write("\n".join(lines) + "\n")
        return 0
    if len(argv) >= 4 and argv[1] == "check":
        why = check(argv[2], argv[3], argv[4:])
        if why:
            print("# " + why)
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
