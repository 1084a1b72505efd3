#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""A Cisco IOS console for the lab, as Cisco documents its console
conventions: run it as the console program of `l2console serve mop
--exec` (stdin/stdout the pty).

What it does:
  - "User Access Verification", then "Username: " (echoed; an Enter
    alone asks again) and "Password: " (not echoed); a wrong pair says
    "% Login invalid" and asks again; after the third the line is closed
    (exit 1);
  - user EXEC "Router>", "enable" to privileged EXEC "Router#"
    ("disable" back); "configure terminal" to "Router(config)#",
    "hostname NAME" there, "end" or "exit" back; global configuration
    commands (ip, no, access-list, vlan, service, logging, ...) are
    accepted silently, "interface NAME" goes to "Router(config-if)#"
    (description, switchport, shutdown, ip, ...; "exit" back to config,
    "end" to privileged EXEC), a "!" line is a comment;
  - output taller than the terminal length (24 lines, "terminal length
    N", 0 for none) stops at " --More-- ": space goes on a page, Enter a
    line, q (or any other key) stops; the prompt is rubbed out with
    backspaces;
  - "show version", "show clock", "show running-config" (privileged,
    about 64 KiB, ends with "end"), "terminal length N", "exit" or
    "logout" (closes the line);
  - anything else is "% Invalid input detected at '^' marker." with the
    caret under the first word it does not know.
Words may be shortened as far as they stay unique ("sh run", "term len").

Configuration (an option wins over the environment variable):
  --hostname NAME   IOS_HOSTNAME   default Router
  --login U:P,...   IOS_LOGIN      accounts, default cisco:cisco
  --login-file F    IOS_LOGIN_FILE the accounts read from F (U:P a line),
                                   so that no password is in argv
  --enter           IOS_ENTER=1    show the banner only after an Enter
  --record FILE     IOS_RECORD     append every line read at a prompt
"""

import os
import sys
import time

sys.dont_write_bytecode = True    # no __pycache__ in the tree
import console_io  # noqa: E402

MORE = " --More-- "
RUB = "\b" * len(MORE) + " " * len(MORE) + "\b" * len(MORE)
INVALID = "% Invalid input detected at '^' marker."


class Conf:
    def __init__(self, argv):
        env = os.environ
        self.hostname = env.get("IOS_HOSTNAME", "Router")
        self.login = env.get("IOS_LOGIN", "cisco:cisco")
        self.enter = env.get("IOS_ENTER", "") == "1"
        self.record = env.get("IOS_RECORD", "")
        login_file = env.get("IOS_LOGIN_FILE", "")
        i = 0
        while i < len(argv):
            if argv[i] == "--hostname" and i + 1 < len(argv):
                self.hostname = argv[i + 1]
                i += 1
            elif argv[i] == "--login" and i + 1 < len(argv):
                self.login = argv[i + 1]
                i += 1
            elif argv[i] == "--login-file" and i + 1 < len(argv):
                login_file = argv[i + 1]
                i += 1
            elif argv[i] == "--record" and i + 1 < len(argv):
                self.record = argv[i + 1]
                i += 1
            elif argv[i] == "--enter":
                self.enter = True
            i += 1
        if login_file:
            with open(login_file) as f:
                self.login = ",".join(f.read().split())
        self.accounts = dict(a.split(":", 1) for a in self.login.split(",")
                             if ":" in a)


# Each mode's words: a command is a path of words, the last one runs.
EXEC = {
    ("enable",): "enable",
    ("disable",): "disable",
    ("exit",): "exit",
    ("logout",): "exit",
    ("quit",): "exit",
    ("show", "version"): "version",
    ("show", "clock"): "clock",
    ("show", "running-config"): "running",
    ("terminal", "length"): "length",
    ("configure", "terminal"): "configure",
}
CONFIG = {
    ("hostname",): "hostname",
    ("end",): "end",
    ("exit",): "end",
    ("interface",): "interface",
}
# Global configuration commands taken as given (their arguments unread).
for _w in ("aaa", "access-list", "banner", "boot", "clock", "enable", "ip",
           "line", "logging", "no", "ntp", "service", "snmp-server",
           "spanning-tree", "username", "version", "vlan", "vtp"):
    CONFIG[(_w,)] = "set"
CONFIG_IF = {
    ("end",): "end",
    ("exit",): "exit-if",
    ("interface",): "interface",
}
for _w in ("description", "duplex", "ip", "no", "shutdown", "spanning-tree",
           "speed", "switchport", "channel-group", "mtu", "cdp", "storm-control"):
    CONFIG_IF[(_w,)] = "set"
PRIVILEGED_ONLY = {"running", "configure", "disable"}


def match(table, words):
    """(action, arguments, None) or (None, None, index of the bad word)."""
    cands = list(table)
    for i, w in enumerate(words):
        cands = [c for c in cands if i < len(c) and c[i].startswith(w)]
        exact = [c for c in cands if c[i] == w]
        if exact:
            cands = exact
        if len(set(c[i] for c in cands)) != 1:
            return None, None, i
        if len(cands) == 1 and len(cands[0]) == i + 1:
            return table[cands[0]], words[i + 1:], None
    return None, None, len(words)


class Console(console_io.Wire):
    def __init__(self, conf):
        super().__init__()
        self.conf = conf
        self.length = 24
        self.mode = ">"

    def prompt(self):
        if self.mode in ("config", "config-if"):
            return self.conf.hostname + "(" + self.mode + ")#"
        return self.conf.hostname + self.mode

    def login(self):
        if self.conf.enter:
            self.read_line(echo=False)
        self.write("\r\n\r\nUser Access Verification\r\n\r\n")
        fails = 0
        while fails < 3:
            self.write("Username: ")
            user = self.read_line()
            if user == "":
                self.write("\r\n")    # an Enter alone asks again
                continue
            self.write("\r\nPassword: ")
            pw = self.read_line(echo=False)
            self.write("\r\n")
            if user is not None and self.conf.accounts.get(user) == pw:
                return True
            self.write("% Login invalid\r\n\r\n")
            fails += 1
        return False

    def more(self, lines):
        """Lines out, stopping at --More-- every terminal length."""
        shown = 0
        page = self.length - 1
        for line in lines:
            if self.length > 0 and shown >= page:
                self.write(MORE)
                k = self.key()
                self.write(RUB)
                if k == b" ":
                    shown = 0
                elif k in (b"\r", b"\n"):
                    shown = page - 1
                else:
                    return
            self.write(line + "\r\n")
            shown += 1

    def invalid(self, line, words, bad):
        # The caret goes under the first character of the bad word.
        col, pos = 0, 0
        for i, w in enumerate(words):
            pos = line.index(w, pos)
            if i == bad:
                col = pos
                break
            pos += len(w)
        else:
            col = len(line)
        self.write(" " * (len(self.prompt()) + col) + "^\r\n" + INVALID +
                   "\r\n\r\n")

    def command(self, line):
        words = line.split()
        if not words or (self.mode != ">" and words[0].startswith("!")):
            return True
        table = {"config": CONFIG, "config-if": CONFIG_IF}.get(self.mode,
                                                               EXEC)
        act, args, bad = match(table, words)
        if act in PRIVILEGED_ONLY and self.mode != "#":
            act, bad = None, 0 if act != "running" else 1
        if act is None:
            self.invalid(line, words, bad)
            return True
        if act == "exit":
            return False
        if act == "enable":
            self.mode = "#"
        elif act == "disable":
            self.mode = ">"
        elif act == "configure":
            self.write("Enter configuration commands, one per line.  "
                       "End with CNTL/Z.\r\n")
            self.mode = "config"
        elif act == "end":
            self.mode = "#"
        elif act == "interface" and args:
            self.mode = "config-if"
        elif act == "interface":
            self.invalid(line, words, len(words))
        elif act == "exit-if":
            self.mode = "config"
        elif act == "hostname" and args:
            self.conf.hostname = args[0]
        elif act == "length" and args and args[0].isdigit():
            self.length = int(args[0])
        elif act == "length":
            self.invalid(line, words, len(words))
        elif act == "version":
            self.more(version(self.conf.hostname))
        elif act == "clock":
            t = time.gmtime()
            self.write(time.strftime("*%H:%M:%S.000 UTC %a %b ", t) +
                       str(t.tm_mday) + time.strftime(" %Y", t) + "\r\n")
        elif act == "running":
            self.more(running_config(self.conf.hostname))
        return True

    def run(self):
        if not self.login():
            return 1
        while True:
            self.write(self.prompt())
            line = self.read_line()
            self.write("\r\n")
            if line is None:
                continue
            if self.conf.record:
                with open(self.conf.record, "a") as f:
                    f.write(line + "\n")
            if not self.command(line.strip()):
                return 0


def version(hostname):
    return [
        "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), "
        "Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)",
        "Technical Support: http://www.cisco.com/techsupport",
        "Copyright (c) 1986-2017 by Cisco Systems, Inc.",
        "Compiled Sat 19-Aug-17 09:34 by prod_rel_team",
        "",
        "ROM: Bootstrap program is C2960 boot loader",
        "BOOTLDR: C2960 Boot Loader (C2960-HBOOT-M) Version 12.2(53r)SEY3,"
        " RELEASE SOFTWARE (fc1)",
        "",
        hostname + " uptime is 2 weeks, 3 days, 4 hours, 5 minutes",
        "System returned to ROM by power-on",
        "System image file is \"flash:/c2960-lanbasek9-mz.150-2.SE11.bin\"",
        "",
        "",
        "This product contains cryptographic features and is subject to "
        "United",
        "States and local country laws governing import, export, transfer "
        "and",
        "use. Delivery of Cisco cryptographic products does not imply",
        "third-party authority to import, export, distribute or use "
        "encryption.",
        "",
        "cisco WS-C2960-24TT-L (PowerPC405) processor (revision B0) with "
        "65536K bytes of memory.",
        "Processor board ID FOC1234X0AB",
        "Last reset from power-on",
        "1 Virtual Ethernet interface",
        "24 FastEthernet interfaces",
        "2 Gigabit Ethernet interfaces",
        "The password-recovery mechanism is enabled.",
        "",
        "64K bytes of flash-simulated non-volatile configuration memory.",
        "Base ethernet MAC Address       : 00:1B:54:AA:BB:00",
        "Motherboard assembly number     : 73-10390-03",
        "Model number                    : WS-C2960-24TT-L",
        "System serial number            : FOC1234X0AB",
        "",
        "Switch Ports Model              SW Version            SW Image",
        "------ ----- -----              ----------            ----------",
        "*    1 26    WS-C2960-24TT-L    15.0(2)SE11           "
        "C2960-LANBASEK9-M",
        "",
        "Configuration register is 0xF",
    ]


def running_config(hostname):
    """About 64 KiB: interfaces and access lists, numbered, then end."""
    body = ["!", "version 15.0", "no service pad",
            "service timestamps debug datetime msec",
            "service timestamps log datetime msec",
            "!", "hostname " + hostname, "!",
            "aaa new-model", "aaa authentication login default local", "!"]
    for i in range(1, 251):
        body += ["interface FastEthernet0/%d" % i,
                 " description access port %d of the lab switch" % i,
                 " switchport access vlan %d" % (100 + i % 20),
                 " switchport mode access",
                 " spanning-tree portfast", "!"]
    for i in range(1, 451):
        body.append("access-list 101 permit tcp 10.%d.0.0 0.0.255.255 "
                    "any eq %d" % (i % 250, 1000 + i))
    body += ["!", "line con 0", "line vty 0 4", " transport input all",
             "!", "end"]
    size = sum(len(x) + 2 for x in body)
    return ["Building configuration...", "",
            "Current configuration : %d bytes" % size] + body


def main():
    return console_io.run_raw(Console(Conf(sys.argv[1:])).run)


if __name__ == "__main__":
    sys.exit(main())
