# SPDX-License-Identifier: ISC
"""The terminal side both lab console personalities share
(routeros_console.py, ios_console.py): the pty in raw mode, typed keys
read ahead and kept in order, lines read with or without echo."""

import os
import select
import sys
import termios
import tty


class Wire:
    def __init__(self):
        self.fd_in = sys.stdin.fileno()
        self.fd_out = sys.stdout.fileno()
        self.inbuf = b""        # read, not yet used: typed ahead

    def write(self, s):
        b = s.encode("utf-8") if isinstance(s, str) else s
        while b:
            n = os.write(self.fd_out, b)
            b = b[n:]

    def fill(self, timeout):
        """Read what comes within timeout (None: wait); EOFError at the
        end of input."""
        r, _, _ = select.select([self.fd_in], [], [], timeout)
        if not r:
            return
        try:
            b = os.read(self.fd_in, 4096)
        except OSError:
            b = b""
        if not b:
            raise EOFError
        self.inbuf += b

    def key(self):
        """One typed key (a 3-byte escape sequence whole); waits."""
        while not self.inbuf:
            self.fill(None)
        n = 3 if self.inbuf[:2] == b"\x1b[" and len(self.inbuf) >= 3 else 1
        k, self.inbuf = self.inbuf[:n], self.inbuf[n:]
        return k

    def read_line(self, echo=True, enter=(b"\r", b"\n")):
        """A line ended by one of `enter` (CR LF counts once), echoed if
        asked; None when Ctrl-C cancels it.  Other controls are
        ignored."""
        line = ""
        while True:
            k = self.key()
            if k in enter:
                if k == b"\r" and self.inbuf[:1] == b"\n":
                    self.inbuf = self.inbuf[1:]
                return line
            if k == b"\x03":
                return None
            if k in (b"\x7f", b"\x08"):
                if line:
                    line = line[:-1]
                    if echo:
                        self.write("\b \b")
                continue
            if k[:1] < b" " or k[:1] == b"\x1b":
                continue
            ch = k.decode("utf-8", "replace")
            line += ch
            if echo:
                self.write(ch)


def run_raw(fn):
    """fn() with standard input in raw mode (when it is a terminal);
    its status, 0 when the other end goes away."""
    fd = sys.stdin.fileno()
    saved = None
    if os.isatty(fd):
        saved = termios.tcgetattr(fd)
        # Now, not after a flush: typed-ahead bytes must survive.
        tty.setraw(fd, termios.TCSANOW)
    try:
        return fn()
    except (EOFError, OSError):
        return 0
    finally:
        if saved is not None:
            try:
                termios.tcsetattr(fd, termios.TCSANOW, saved)
            except termios.error:
                pass
