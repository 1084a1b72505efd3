# SPDX-License-Identifier: ISC
"""An Ansible connection over a router's console on bare Ethernet.

Each command Ansible runs becomes one l2console scripted session
(`l2console mikrotik|mop IFACE TARGET ... --command CMD --json`): log in,
run, print one JSON document, leave.  The passwords go to l2console
through its environment (L2CONSOLE_PASSWORD, L2CONSOLE_ENABLE_PASSWORD),
never its argv.  A console runs the device's CLI, not a shell: only
`raw` works, and there is no file transfer.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
    name: l2console
    short_description: run commands on a router's console over bare Ethernet
    description:
        - Runs each command through l2console's scripted console, over
          MikroTik MAC-Telnet or the DEC MOP remote console (Cisco IOS),
          with no IP address needed on the device.
        - Only the raw module works; there is no file transfer and no
          Python on the device.
    author: l2console
    options:
      remote_addr:
        description: The device's MAC, or a name l2console knows
          (/etc/ethers, a RouterOS identity, a profile).
        default: inventory_hostname
        vars:
          - name: inventory_hostname
          - name: ansible_host
          - name: ansible_l2console_host
      remote_user:
        description:
          - The login user. MikroTik, l2console's -u; MOP, the answer to
            the console's own "Username:" (--login-user).
          - On MOP, no user means a console that asks for no login.
        vars:
          - name: ansible_user
          - name: ansible_l2console_user
        env:
          - name: ANSIBLE_REMOTE_USER
        ini:
          - section: defaults
            key: remote_user
        keyword:
          - name: remote_user
      password:
        description: The login password, handed over as L2CONSOLE_PASSWORD.
        vars:
          - name: ansible_password
          - name: ansible_l2console_pass
          - name: ansible_l2console_password
      l2console_interface:
        description: The local interface the device is on.
        required: true
        vars:
          - name: l2console_interface
        env:
          - name: L2CONSOLE_INTERFACE
      l2console_protocol:
        description: The console's protocol.
        default: mikrotik
        choices: [mikrotik, mop]
        vars:
          - name: l2console_protocol
      l2console_enable_password:
        description:
          - MOP (IOS) only; when set, l2console types "enable" after the
            login (--enable) and answers it with this secret, handed over
            as L2CONSOLE_ENABLE_PASSWORD.
        vars:
          - name: l2console_enable_password
      l2console_command_timeout:
        description: How long a command may go without its prompt
          coming back, in seconds (--command-timeout; l2console's default
          is 30).
        type: int
        vars:
          - name: l2console_command_timeout
      l2console_prompt:
        description: A POSIX extended regular expression for the prompt
          of a console that is neither RouterOS nor IOS (--prompt).
        vars:
          - name: l2console_prompt
      l2console_binary:
        description: The l2console program to run.
        default: l2console
        vars:
          - name: l2console_binary
        env:
          - name: L2CONSOLE_BINARY
'''

import json
import os
import subprocess

from ansible.errors import (AnsibleAuthenticationFailure,
                            AnsibleConnectionFailure, AnsibleError)
from ansible.module_utils._text import to_text
from ansible.plugins.connection import ConnectionBase
from ansible.utils.display import Display

display = Display()

# l2console's exit statuses (src/ui/cli/exitcode.h, docs/l2console.1).
EX_OK = 0
EX_AUTH = 2
EX_CMDFAIL = 3
EX_CMDTIME = 4
# The ones that say: the device is not there to talk to.
EX_UNREACHABLE = {
    1: "no reply",
    68: "the target never answered, or no device had that name",
    69: "the device offers no console, or it is taken",
    71: "the interface is missing, down or unusable",
    75: "the device was lost during the session",
    76: "the device broke the protocol",
    77: "no permission (l2console needs CAP_NET_RAW)",
}
# What Ansible sends to a shell before it runs a module: finding Python
# (interpreter_discovery) and making a temporary directory (mkdtemp).
# A console is no shell; these are refused, never typed at the device.
ANSIBLE_BOOTSTRAP = ("echo PLATFORM; uname; echo FOUND", "( umask ",
                     "mkdir -p \"` echo ", "mkdir -p `echo ")
NOT_MODULE = ("l2console: only the raw module works over a console (Ansible "
              "wanted to run a module: no Python, no shell on the device)")
NOT_SUPPORTED = ("l2console: {0} is not supported over a console "
                 "(no file transfer; use the raw module)")


class Connection(ConnectionBase):
    """A device's console, one l2console session per command."""

    transport = 'l2console'
    has_pipelining = False
    # The console is the device's CLI: no "/bin/sh -c" around commands.
    allow_executable = False
    module_implementation_preferences = ('',)

    def _connect(self):
        # Nothing stays open: each command logs in and leaves, so that no
        # console is held between tasks.
        if not self._connected:
            display.vvv("ESTABLISH L2CONSOLE {0} CONSOLE ON {1}".format(
                self.get_option('l2console_protocol'),
                self.get_option('l2console_interface')),
                host=self._target())
            self._connected = True
        return self

    def _target(self):
        return self.get_option('remote_addr')

    def _argv(self, cmds):
        """l2console's command line: never a password in it."""
        proto = self.get_option('l2console_protocol')
        iface = self.get_option('l2console_interface')
        if not iface:
            raise AnsibleError("l2console: set l2console_interface")
        user = self.get_option('remote_user')
        argv = [self.get_option('l2console_binary'), proto]
        if proto == 'mikrotik':
            if user:
                argv += ['-u', user]
        else:
            if user:
                argv += ['--login-user', user]
            if self.get_option('l2console_enable_password'):
                argv.append('--enable')
        tmo = self.get_option('l2console_command_timeout')
        if tmo:
            argv += ['--command-timeout', str(tmo)]
        prompt = self.get_option('l2console_prompt')
        if prompt:
            argv += ['--prompt', prompt]
        argv.append('--json')
        for c in cmds:
            argv += ['--command', c]
        argv += ['--', iface, self._target()]
        return argv

    def _env(self):
        """The environment: the passwords Ansible was given, and only
        those (none inherited from whoever started Ansible)."""
        env = dict(os.environ)
        env.pop('L2CONSOLE_PASSWORD', None)
        env.pop('L2CONSOLE_ENABLE_PASSWORD', None)
        pw = self.get_option('password')
        if pw:
            env['L2CONSOLE_PASSWORD'] = pw
        en = self.get_option('l2console_enable_password')
        if en and self.get_option('l2console_protocol') == 'mop':
            env['L2CONSOLE_ENABLE_PASSWORD'] = en
        return env

    def exec_command(self, cmd, in_data=None, sudoable=True):
        super(Connection, self).exec_command(cmd, in_data=in_data,
                                             sudoable=sudoable)
        if in_data is not None:
            raise AnsibleError(
                "l2console: a console takes no input data (no pipelining)")
        if self.become is not None:
            raise AnsibleError(
                "l2console: become is not supported; for IOS's enable set "
                "l2console_enable_password")
        if any(b in to_text(cmd) for b in ANSIBLE_BOOTSTRAP):
            raise AnsibleError(NOT_MODULE)
        # Several lines of a raw task are several commands, in order.
        cmds = [c for c in to_text(cmd).splitlines() if c.strip()]
        if not cmds:
            raise AnsibleError("l2console: no command to run")
        argv = self._argv(cmds)
        display.vvv("EXEC {0}".format(argv), host=self._target())
        try:
            # A session of its own: no terminal to prompt on, so a
            # missing password is an error rather than a hang.
            p = subprocess.run(argv, stdin=subprocess.DEVNULL,
                               capture_output=True, env=self._env(),
                               start_new_session=True)
        except OSError as e:
            raise AnsibleConnectionFailure(
                "l2console: cannot run {0}: {1}".format(argv[0], e))
        rc = p.returncode
        err = to_text(p.stderr, errors='surrogate_or_replace').strip()
        display.vvvv("l2console exit {0}; stderr: {1}".format(rc, err),
                     host=self._target())
        why = err.splitlines()[-1] if err else "exit status %d" % rc
        if rc == EX_AUTH:
            raise AnsibleAuthenticationFailure(
                "l2console: login to {0} failed: {1}".format(
                    self._target(), why))
        if rc < 0 or rc in EX_UNREACHABLE:
            raise AnsibleConnectionFailure(
                "l2console: {0}: {1}".format(
                    self._target(),
                    why if err else EX_UNREACHABLE.get(rc, "killed")))
        if rc not in (EX_OK, EX_CMDFAIL, EX_CMDTIME):
            raise AnsibleError("l2console: {0} (exit {1})".format(why, rc))
        return self._result(rc, p.stdout, err)

    def _result(self, rc, out, err):
        """(rc, stdout, stderr) from l2console's JSON: the outputs in
        order; stderr the device's failure lines (or the timeout)."""
        try:
            runs = json.loads(to_text(out, errors='surrogate_or_replace'))
        except ValueError:
            raise AnsibleError(
                "l2console: no JSON document from l2console (exit {0}): "
                "{1}".format(rc, err))
        outs = [r.get('output') or '' for r in runs]
        errs = [r['error'] for r in runs if r.get('error')]
        if rc != EX_OK and not errs and err:
            errs = [err]
        stdout = "\n".join(outs)
        if stdout:
            stdout += "\n"
        stderr = "\n".join(errs)
        if stderr:
            stderr += "\n"
        return rc, stdout, stderr

    def put_file(self, in_path, out_path):
        super(Connection, self).put_file(in_path, out_path)
        raise AnsibleError(NOT_SUPPORTED.format("put_file"))

    def fetch_file(self, in_path, out_path):
        super(Connection, self).fetch_file(in_path, out_path)
        raise AnsibleError(NOT_SUPPORTED.format("fetch_file"))

    def close(self):
        self._connected = False
