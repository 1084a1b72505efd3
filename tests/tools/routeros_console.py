#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""A RouterOS 7.2x console for the lab, as people who drove real devices
report it (tik4net's findings-mactelnet.md and findings-cli.md, centrs).
Run it as the console program (stdin/stdout the pty) of Debian's
mactelnetd (the lab user's login shell, through a wrapper) or of
`l2console serve mikrotik --exec`.

What it does, in order:
  - for a user in --refuse-first, the first login only: prints
    "Login failed, incorrect username or password" and exits (the server
    then ends the session); the state file remembers that it happened;
  - measures the terminal: ESC Z, ESC[6n, ESC[H ESC[9999C ESC[6n (width),
    " " ESC[6n (does it wrap?), ESC[9999B ESC[6n (height), ESC D ESC[r,
    ESC[H + a 2-byte UTF-8 character + "H" + ESC[6n (UTF-8?);
    no answer to the cursor reports: the terminal is 1x1 and no command
    prints anything, only repainted prompts (\\r\\r\\r\\r] > );
    a terminal that does not wrap: output is hard-wrapped at its width
    with CR LF inside long lines;
  - the banner; for a user in --nag, the change-password nag
    "new password> " (painted twice), dismissed by Ctrl-C, or answered
    with "repeat new password> ";
  - the prompt "[user@identity] > ", repainted with \\r\\r\\r\\r; typed
    characters echo, and a line (ended by a CR; a LF is not an Enter)
    comes back a second time as the line editor's redraw, then its
    output, then the prompt;
  - output taller than the terminal stops at "-- [Q quit|D dump|down]"
    (space: a page, down arrow or Enter: a line, d: the rest, q: stop),
    unless the command says without-paging;
  - commands: /system identity print, /system resource print, /export
    (lines longer than 300 characters), /quit; a script's lines, a
    menu's full path and a verb ("/ip address add address=...",
    "/system identity set name=X"), are taken silently, as RouterOS
    takes a successful add, and a "#" line is a comment; anything else
    is "bad command name X (line 1 column N)".

Configuration (an option wins over the environment variable):
  --identity NAME      ROUTEROS_IDENTITY      default MikroTik
  --user NAME          ROUTEROS_USER          default $USER, $LOGNAME or
                                              the account running it
  --nag USERS          ROUTEROS_NAG           comma list: nag these users
  --refuse-first USERS ROUTEROS_REFUSE_FIRST  comma list: refuse their
                                              first login
  --state FILE         ROUTEROS_STATE         remembers refusals (needed
                                              with --refuse-first)
  --probe-timeout S    ROUTEROS_PROBE_TIMEOUT seconds per reply, 0.5
  --record FILE        ROUTEROS_RECORD        append every line read at
                                              the prompt
  --lf-enter           ROUTEROS_LF_ENTER=1    a LF ends a line too: for a
                                              server whose pty is still
                                              cooked when keys come
                                              (mactelnetd writes the motd
                                              before the shell starts)
Other arguments (a login shell gets some) are ignored.
"""

import os
import re
import sys
import time

sys.dont_write_bytecode = True    # no __pycache__ in the tree
import console_io  # noqa: E402

PAGER = "-- [Q quit|D dump|down]"
ENTER = (b"\r",)       # typed lines end with a bare CR; LF is no Enter
# A pty still in cooked mode when the first keys came turned CR into LF.
ENTER_LF = (b"\r", b"\n")
CPR = re.compile(rb"\x1b\[(\d+);(\d+)R")
DA = re.compile(rb"\x1b\[\?[\d;]*c")


class Conf:
    def __init__(self, argv):
        env = os.environ
        self.identity = env.get("ROUTEROS_IDENTITY", "MikroTik")
        self.user = env.get("ROUTEROS_USER") or env.get("USER") or \
            env.get("LOGNAME") or account()
        self.nag = split(env.get("ROUTEROS_NAG", ""))
        self.refuse = split(env.get("ROUTEROS_REFUSE_FIRST", ""))
        self.state = env.get("ROUTEROS_STATE", "")
        self.timeout = float(env.get("ROUTEROS_PROBE_TIMEOUT", "0.5"))
        self.lf_enter = env.get("ROUTEROS_LF_ENTER", "") == "1"
        self.record = env.get("ROUTEROS_RECORD", "")
        if "--lf-enter" in argv:
            self.lf_enter = True
        opts = {"--identity": "identity", "--user": "user", "--nag": "nag",
                "--refuse-first": "refuse", "--state": "state",
                "--probe-timeout": "timeout", "--record": "record"}
        i = 0
        while i < len(argv):
            name, _, val = argv[i].partition("=")
            if name in opts:
                if not _:
                    i += 1
                    val = argv[i] if i < len(argv) else ""
                attr = opts[name]
                if attr in ("nag", "refuse"):
                    val = split(val)
                elif attr == "timeout":
                    val = float(val)
                setattr(self, attr, val)
            i += 1


def split(s):
    return [x for x in s.split(",") if x]


def account():
    try:
        import pwd
        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return "admin"


class Console(console_io.Wire):
    def __init__(self, conf):
        super().__init__()
        self.conf = conf
        self.cols = self.rows = 1
        self.wraps = True
        self.utf8 = False
        self.measured = False
        self.enter = ENTER_LF if conf.lf_enter else ENTER

    def query(self, send, pattern):
        """Send a query; its answer, taken out of the input, or None.
        Typed bytes that arrive meanwhile stay typed."""
        self.write(send)
        deadline = time.monotonic() + self.conf.timeout
        while True:
            m = pattern.search(self.inbuf)
            if m:
                self.inbuf = self.inbuf[:m.start()] + self.inbuf[m.end():]
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.fill(left)

    # -- the session -----------------------------------------------------

    def refuse_first(self):
        c = self.conf
        if c.user not in c.refuse or not c.state:
            return False
        mark = "refused " + c.user + "\n"
        try:
            with open(c.state) as f:
                if mark in f.read():
                    return False
        except FileNotFoundError:
            pass
        with open(c.state, "a") as f:
            f.write(mark)
        self.write("Login failed, incorrect username or password\r\n")
        return True

    def measure(self):
        self.query(b"\x1bZ", DA)
        if self.query(b"\x1b[6n", CPR) is None:
            return
        m = self.query(b"\x1b[H\x1b[9999C\x1b[6n", CPR)
        if m is None:
            return
        width = int(m.group(2))
        m = self.query(b" \x1b[6n", CPR)
        if m is None:
            return
        self.wraps = (int(m.group(1)), int(m.group(2))) == (2, 1)
        m = self.query(b"\x1b[9999B\x1b[6n", CPR)
        if m is None:
            return
        height = int(m.group(1))
        self.write(b"\x1bD\x1b[r")
        m = self.query("\x1b[H\u00e9H\x1b[6n", CPR)
        self.utf8 = m is not None and int(m.group(2)) == 3
        self.cols, self.rows, self.measured = width, height, True
        self.write(b"\x1b[H\x1b[J")

    def banner(self):
        self.out_lines(["", "",
                        "  MikroTik RouterOS 7.21 (c) 1999-2025"
                        "       https://www.mikrotik.com/", "",
                        "Press F1 for help", ""], paged=False)

    def nag(self):
        if self.conf.user not in self.conf.nag:
            return
        self.write("\r\nnew password> ")
        self.write("\r\r\r\rnew password> ")    # it may paint it twice
        first = self.read_line(echo=False, enter=self.enter)
        if first is None:
            self.write("\r\n")
            return
        self.write("\r\nrepeat new password> ")
        second = self.read_line(echo=False, enter=self.enter)
        if second is None:
            self.write("\r\n")
        elif second == first:
            self.write("\r\nPassword changed\r\n")
        else:
            self.write("\r\nPasswords do not match\r\n")

    def prompt_text(self):
        if not self.measured:
            return "] > "
        return "[%s@%s] > " % (self.conf.user, self.conf.identity)

    def prompt(self):
        self.write("\r\r\r\r" + self.prompt_text())

    def out_lines(self, lines, paged=True):
        """Command output, hard-wrapped and paged as the terminal needs."""
        if not self.measured:
            return
        rows = []
        for line in lines:
            if self.wraps or len(line) <= self.cols:
                rows.append(line)
            else:
                rows.extend(line[i:i + self.cols]
                            for i in range(0, len(line), self.cols))
        page = self.rows - 1
        shown = 0
        i = 0
        while i < len(rows):
            if paged and page > 0 and shown >= page:
                self.write(PAGER)
                k = self.key()
                self.write("\r\x1b[K")
                if k in (b"q", b"Q", b"\x03"):
                    return
                if k in (b"d", b"D"):
                    paged = False
                elif k in (b"\x1b[B", b"\r", b"\n"):
                    shown = page - 1
                else:
                    shown = 0
            self.write(rows[i] + "\r\n")
            shown += 1
            i += 1

    def command(self, line):
        words = line.split()
        if not words:
            return True
        paged = "without-paging" not in words
        words = [w for w in words if w != "without-paging"]
        cmd = " ".join(words)
        if cmd in ("/quit", "quit"):
            return False
        if cmd == "/system identity print":
            self.out_lines(["  name: " + self.conf.identity], paged)
        elif cmd == "/system resource print":
            self.out_lines(RESOURCE, paged)
        elif cmd == "/export":
            self.out_lines(export(self.conf.identity), paged)
        elif words[0].startswith("#"):
            pass
        elif script_line(words):
            if words[:3] == ["/system", "identity", "set"]:
                for w in words[3:]:
                    if w.startswith("name="):
                        self.conf.identity = w[5:]
        else:
            name = words[0].lstrip("/")
            col = line.find(name) + 1
            self.out_lines(["bad command name %s (line 1 column %d)"
                            % (name, col)], paged=False)
        return True

    def run(self):
        if self.refuse_first():
            return 0
        self.measure()
        if self.measured:
            self.banner()
        self.nag()
        while True:
            self.prompt()
            line = self.read_line(echo=self.measured, enter=self.enter)
            if line is None:
                continue
            if self.conf.record:
                with open(self.conf.record, "a") as f:
                    f.write(line + "\n")
            if self.measured:
                # The line editor's redraw, then the output.
                self.write("\r\r\r\r" + self.prompt_text() + line +
                           "\x1b[K\r\n")
            if not self.command(line.strip()):
                return 0


# The menus a script may name, and what it may do there.
MENUS = {"/interface bridge", "/interface bridge port", "/interface vlan",
         "/interface list", "/interface list member", "/ip address",
         "/ip dns", "/ip firewall address-list", "/ip firewall filter",
         "/ip firewall nat", "/ip pool", "/ip route", "/ip service",
         "/system identity", "/system note", "/system script",
         "/system clock", "/user"}
VERBS = {"add", "set", "remove", "enable", "disable", "comment"}


def script_line(words):
    """A menu's full path, then a verb and its arguments."""
    for i, w in enumerate(words):
        if w in VERBS:
            return " ".join(words[:i]) in MENUS
    return False


RESOURCE = [
    "                   uptime: 1w2d3h4m5s",
    "                  version: 7.21 (stable)",
    "               build-time: 2025-11-20 10:00:00",
    "         factory-software: 7.1",
    "              free-memory: 200.5MiB",
    "             total-memory: 256.0MiB",
    "                      cpu: QEMU",
    "                cpu-count: 1",
    "            cpu-frequency: 2400MHz",
    "                 cpu-load: 1%",
    "           free-hdd-space: 80.2MiB",
    "          total-hdd-space: 89.2MiB",
    "  write-sect-since-reboot: 1024",
    "         write-sect-total: 1024",
    "        architecture-name: x86_64",
    "               board-name: CHR",
    "                 platform: MikroTik",
]


def export(identity):
    """A configuration whose address-list and script lines are long."""
    lines = ["# 2025-11-20 10:00:00 by RouterOS 7.21",
             "# software id = ", "#",
             "/interface bridge", "add name=bridge1",
             "/ip address",
             "add address=192.0.2.1/24 interface=bridge1 network=192.0.2.0"]
    lines.append("/ip firewall address-list")
    for i in range(40):
        lines.append("add address=198.51.100.%d list=blocked comment=\"%s\""
                     % (i, ("entry %d " % i) * (40 + i)))
    lines.append("/system identity")
    lines.append("set name=" + identity)
    lines.append("/system script")
    src = ";".join(":put \\\"step %d of the long script\\\"" % i
                   for i in range(40))
    lines.append("add name=long source=\"" + src + "\"")
    return lines


def main():
    conf = Conf(sys.argv[1:])
    return console_io.run_raw(Console(conf).run)


if __name__ == "__main__":
    sys.exit(main())
