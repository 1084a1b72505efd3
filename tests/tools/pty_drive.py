#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Run a console program on a pseudo-terminal, for the lab tests of the
console personalities (tests/lab/test_personalities.sh).

usage: pty_drive.py [--answers A,B,...] [--input TEXT]
                    [--after TEXT | --now] [--then AFTER INPUT]...
                    [--idle SECS]
                    [--timeout SECS] --out FILE -- COMMAND [ARG...]

Everything the program writes goes to FILE, as bytes.  Each terminal
query it sends (ESC Z, ESC [ c, ESC [ 6 n) takes the next answer of
--answers, in order, and none once they run out (no --answers: a
terminal that answers nothing).  --input is typed (Python escapes:
\\r, \\x03...) as soon as the program has written something (it has set
its terminal up by then), or --after TEXT (escapes too) once TEXT has
appeared, or with --now at once (for a program that waits for a key
before it writes anything).  Each --then types INPUT once AFTER has
appeared since the input before it (escapes in both), in order.  The
run ends when the program exits, when it has been quiet for --idle
seconds after the last input (default 1), or after
--timeout seconds (default 20; status 124).  The status is the
program's.
"""

import codecs
import os
import pty
import re
import select
import signal
import sys
import time

QUERY = re.compile(rb"\x1bZ|\x1b\[c|\x1b\[6n")


def unescape(s):
    return codecs.decode(s, "unicode_escape").encode("latin-1")


def main(argv):
    answers, text, idle, limit, out, after = [], b"", 1.0, 20.0, None, b""
    now = False
    steps = []          # (after, input) once the first input went
    while argv and argv[0] != "--":
        if argv[0] == "--now":
            now, argv = True, argv[1:]
            continue
        if argv[0] == "--then":
            steps.append((unescape(argv[1]), unescape(argv[2])))
            argv = argv[3:]
            continue
        opt, val = argv[0], argv[1]
        argv = argv[2:]
        if opt == "--answers":
            answers = [unescape(a) for a in val.split(",") if a]
        elif opt == "--input":
            text = unescape(val)
        elif opt == "--after":
            after = unescape(val)
        elif opt == "--idle":
            idle = float(val)
        elif opt == "--timeout":
            limit = float(val)
        elif opt == "--out":
            out = val
        else:
            sys.exit("pty_drive.py: unknown option " + opt)
    if not argv or out is None:
        sys.exit(__doc__)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[1], argv[1:])
    log = open(out, "wb")
    start = last = time.monotonic()
    tail = b""          # a query cut between two reads
    seen = b""          # all output, while waiting for --after
    typed = False
    if now:
        # A moment for the program to set its terminal up first.
        select.select([fd], [], [], 0.5)
        os.write(fd, text)
        typed = not steps
        if steps:
            after, text = steps.pop(0)
    status = None
    while True:
        now = time.monotonic()
        if now - start > limit:
            status = 124
            break
        if typed and now - last > idle:
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            b = os.read(fd, 65536)
        except OSError:
            b = b""
        if not b:
            break
        last = time.monotonic()
        log.write(b)
        log.flush()
        scan = tail + b
        for _ in QUERY.finditer(scan):
            if answers:
                os.write(fd, answers.pop(0))
        tail = scan[-3:] if not QUERY.search(scan[-3:]) else b""
        if not typed:
            seen += b
            if after in seen:
                if text:
                    os.write(fd, text)
                seen = b""
                if steps:
                    after, text = steps.pop(0)
                else:
                    typed = True
    log.close()
    if status is None:
        try:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                os.kill(pid, signal.SIGHUP)
                done, st = os.waitpid(pid, 0)
            status = os.waitstatus_to_exitcode(st)
        except ChildProcessError:
            status = 0
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
